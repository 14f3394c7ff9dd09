"""Append a localized back-to-top link to every `##` section of an article."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from helpcenter import site_build
from helpcenter.back_to_top import add_back_to_top_links
from helpcenter.page_context import PageKind


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Articles only; other pages have no `##` sections written by editors."""
    build = site_build.language(config)
    hc = build.context_for(page.file.src_uri) if build else None
    if hc is None or hc.kind != PageKind.ARTICLE:
        return html
    return add_back_to_top_links(html, label=hc.ui.back_to_top)
