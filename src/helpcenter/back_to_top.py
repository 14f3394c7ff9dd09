"""Back-to-top links after every `##` section of an article."""

from __future__ import annotations

import html

TOP_ID = "hc-top"


def back_to_top_link(label: str) -> str:
    """The link appended to a section; `data-hc-top` lets the script move focus as well."""
    return (
        f'<p class="hc-back-to-top"><a href="#{TOP_ID}" data-hc-top>{html.escape(label)}</a></p>\n'
    )


def add_back_to_top_links(content: str, *, label: str) -> str:
    """Insert the link before every `<h2` after the first and at the end of the last section.

    Text before the first `<h2` is the article's introduction, not a section, so it gets none.
    """
    parts = content.split("<h2")
    if len(parts) == 1:
        return content
    link = back_to_top_link(label)
    sections = [
        parts[0],
        *(f"{link}<h2{part}" if i else f"<h2{part}" for i, part in enumerate(parts[1:])),
    ]
    return "".join(sections).rstrip() + "\n" + link
