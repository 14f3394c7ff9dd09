"""The language switcher leads to each translation at its own URL (localized slugs)."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpcenter import mkdocs_i18n, site_build
from helpcenter.editor.project import page_url


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """After static-i18n has set this page's switcher (its `on_page_context` runs first)."""
    build = site_build.active()
    if build is None:
        return context
    project = build.project
    mkdocs_i18n.localize_switcher(config, page.file, lambda src: page_url(src, project=project))
    return context
