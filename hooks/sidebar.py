"""Each page's sidebar lists the collections and its own collection's articles only."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpcenter.sidebar import sidebar


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """The theme renders `nav` from the context: give it this page's view."""
    context["nav"] = sidebar(nav)
    return context
