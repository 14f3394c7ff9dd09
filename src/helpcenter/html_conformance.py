"""Repairs of Material's markup that the Nu Html Checker and axe-core report as errors.

Material writes both outside any template block or partial we could override without copying
its templates: the drawer and search toggles in `base.html` carry `autocomplete="off"` (to stop
Firefox restoring their state, which a checkbox does not need the attribute for in the browsers
we support), and `partials/nav-item.html` gives section labels `tabindex=""` and, for
sections with an index page (`navigation.indexes`), names each section's `<nav>` by the id of a
label it never renders (on the 404 page, by a label without text), so axe finds several
unnamed navigation landmarks: each section's `<nav>` is named by its own title label instead,
which always holds the section's name.
"""

from __future__ import annotations

import re

# An empty tabindex is never valid HTML; browsers ignore it, so dropping it changes nothing.
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')

_SECTION_NAV = re.compile(r'aria-labelledby="(__nav_[0-9_]+)_label"')
_SECTION_TITLE = re.compile(r'<label class="md-nav__title" for="(__nav_[0-9_]+)">')


def conforming(page_html: str) -> str:
    """`page_html` without the attributes HTML forbids, its section navigations named."""
    page_html = _EMPTY_TABINDEX.sub("", page_html)
    page_html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", page_html)
    page_html = _SECTION_NAV.sub(r'aria-labelledby="\1_title"', page_html)
    return _SECTION_TITLE.sub(r'<label class="md-nav__title" for="\1" id="\1_title">', page_html)
