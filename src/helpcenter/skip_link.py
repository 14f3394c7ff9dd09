"""A localized skip-to-content link on every page, first in the tab order."""

from __future__ import annotations

import html
import re

from helpcenter.back_to_top import TOP_ID

MAIN_ID = "hc-main"

# Material renders its own skip link only on pages with a table of contents and points it
# at the first heading; we replace that container's contents on every page.
_SKIP = re.compile(r'<div data-md-component="skip">.*?</div>', re.DOTALL)


def with_skip_link(page_html: str, *, label: str) -> str:
    """Replace Material's skip container with ours; it also is the back-to-top target."""
    ours = (
        f'<div data-md-component="skip" id="{TOP_ID}" tabindex="-1">'
        f'<a href="#{MAIN_ID}" class="md-skip hc-skip">{html.escape(label)}</a></div>'
    )
    return _SKIP.sub(lambda _m: ours, page_html, count=1)
