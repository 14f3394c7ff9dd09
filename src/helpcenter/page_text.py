"""Text from front matter and configuration on its way into HTML.

MkDocs and Material print page and section titles as HTML (a title taken from a heading may
hold markup), but a front-matter title is text: `Promjena <i>narudžbe</i> & R&D` must show as
typed. `as_html` turns such text into escaped markup once, which Jinja's `| e` leaves alone;
`as_text` turns it back where text is needed (JSON-LD, the sitemap).
"""

from __future__ import annotations

from markupsafe import Markup, escape


def as_html(text: str) -> Markup:
    """Text as HTML: `<`, `>`, `&` and quotes escaped (idempotent on Markup)."""
    return escape(text)


def as_text(value: str) -> str:
    """The text of a value `as_html` made (or of plain text, unchanged)."""
    return value.unescape() if isinstance(value, Markup) else str(value)
