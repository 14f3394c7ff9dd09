"""Give every help-center page its `hc` template context (breadcrumbs, byline, related...)."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpcenter import mkdocs_i18n, site_build

# What the theme hides per kind of page: the home page is a landing page, lists need no TOC.
_HIDE = {"home": ["navigation", "toc"], "collection": ["toc"], "tag": ["toc"], "tags": ["toc"]}


def _context(page: Page, config: MkDocsConfig) -> Any:
    build = site_build.current(mkdocs_i18n.current_language(config))
    return build.context_for(page.file.src_uri) if build else None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hide sidebars the kind of page does not need."""
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


# After static-i18n (-100) has removed the language sections, so collections are top level.
@event_priority(-110)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Name each navigation section after its collection's title, in collection order."""
    build = site_build.current(mkdocs_i18n.current_language(config))
    if build is None:
        return nav
    order = list(build.catalog.collections)
    for section in nav.items:
        slug = _section_slug(section)
        if slug in build.catalog.collections:
            section.title = build.catalog.collections[slug].meta.title
    nav.items.sort(key=lambda item: order.index(s) if (s := _section_slug(item)) in order else -1)
    return nav


def _section_slug(item: Any) -> str | None:
    children = getattr(item, "children", None) or []
    for child in children:
        file = getattr(child, "file", None)
        if file is not None and file.src_uri.endswith("/index.md"):
            return file.src_uri.split("/")[-2]
    return None
