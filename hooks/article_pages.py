"""Give every help-center page its `hc` template context (breadcrumbs, byline, related...)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpcenter import hook_order, mkdocs_i18n, site_build
from helpcenter.page_context import PageKind
from helpcenter.page_text import as_html

# What the theme hides per kind of page: the home page is a landing page, lists need no TOC.
_HIDE = {
    PageKind.HOME: ["navigation", "toc"],
    PageKind.COLLECTION: ["toc"],
    PageKind.TAG: ["toc"],
    PageKind.TAGS: ["toc"],
    PageKind.REMOVED: ["toc"],
    PageKind.CONTACT: ["toc"],
}


def _context(page: Page, config: MkDocsConfig) -> Any:
    build = site_build.language(config)
    return build.context_for(page.file.src_uri) if build else None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Front-matter titles as HTML text (the theme prints page titles as HTML); hide sidebars
    the kind of page does not need."""
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = as_html(page.meta["title"])
    hc = _context(page, config)
    if hc is not None and hc.kind in _HIDE:
        page.meta["hide"] = sorted({*page.meta.get("hide", []), *_HIDE[hc.kind]})
    return markdown


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Expose the page's `hc` context to the templates."""
    context["hc"] = _context(page, config)
    return context


@event_priority(hook_order.NAVIGATION)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Sections named and ordered like the collections, articles like the collection pages."""
    lang = mkdocs_i18n.current_language(config)
    build = site_build.language(config)
    if build is None:
        return nav
    collections = build.catalog.collections
    order = list(collections)
    for section in nav.items:
        collection = collections.get(_section_slug(section) or "")
        if collection is None:
            continue
        section.title = as_html(collection.meta.title)
        rank = {f"{lang}/{article.path}": i for i, article in enumerate(collection.articles)}
        section.children.sort(key=lambda child: rank.get(_src(child), -1))
    nav.items.sort(key=lambda item: order.index(s) if (s := _section_slug(item)) in order else -1)
    _relink(nav)
    return nav


def _src(item: Any) -> str:
    file = getattr(item, "file", None)
    return file.src_uri if file is not None else ""


def _relink(nav: Navigation) -> None:
    """Previous/next links (the footer) follow the reordered navigation."""
    nav.pages = list(_pages(nav.items))
    for previous, page in zip([None, *nav.pages], nav.pages, strict=False):
        page.previous_page = previous
    for page, following in zip(nav.pages, [*nav.pages[1:], None], strict=False):
        page.next_page = following


def _pages(items: list[Any]) -> Iterator[Page]:
    for item in items:
        if isinstance(item, Page):
            yield item
        yield from _pages(getattr(item, "children", None) or [])


def _section_slug(item: Any) -> str | None:
    for child in getattr(item, "children", None) or []:
        if _src(child).endswith("/index.md"):
            return _src(child).split("/")[-2]
    return None
