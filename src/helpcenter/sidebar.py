"""The sidebar of a page: every collection, and up to ten articles of the page's own collection
around it (Zendesk's "articles in this section"); the collection's title links to all of them.

Material renders the whole navigation into every page; with every article of every collection
that grows each page, and the build, with the square of the site's size.
"""

from __future__ import annotations

import copy

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def sidebar(nav: Navigation) -> Navigation:
    """A view of `nav` for the page being rendered (the one MkDocs has marked active)."""
    view = copy.copy(nav)
    view.items = [_collapsed(item) for item in nav.items]
    return view


ARTICLES_AROUND = 10


def _collapsed(item: StructureItem) -> StructureItem:
    """An inactive collection keeps only its index page, which its title links to; the active
    one its index page and the articles nearest to the page."""
    if not isinstance(item, Section):
        return item
    index: list[StructureItem] = []
    for child in item.children:
        if isinstance(child, Page) and child.is_index:
            index.append(child)
            break
    if item.active and len(item.children) <= ARTICLES_AROUND + len(index):
        return item
    section = copy.copy(item)
    section.children = index
    if item.active:
        others = [c for c in item.children if c not in index]
        at = next((i for i, c in enumerate(others) if getattr(c, "active", False)), 0)
        start = max(0, min(at - ARTICLES_AROUND // 2, len(others) - ARTICLES_AROUND))
        section.children = [*index, *others[start : start + ARTICLES_AROUND]]
    return section
