"""Remove the attributes HTML forbids from Material's markup (`helpcenter.html_conformance`)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from helpcenter.html_conformance import conforming


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Every rendered page, ours or the theme's."""
    return conforming(output)
