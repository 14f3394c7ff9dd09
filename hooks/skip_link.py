"""Put a localized skip-to-content link first on every page."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from helpcenter import site_build
from helpcenter.skip_link import with_skip_link


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Every page of a language we built gets the link in that language."""
    build = site_build.language(config)
    if build is None:
        return output
    return with_skip_link(output, label=build.site.ui.skip_to_content)
