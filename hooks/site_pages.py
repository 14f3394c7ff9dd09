"""Generate each language's pages that no docs file holds: the accessibility statement and
the contact page."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helpcenter import hook_order, mkdocs_i18n, site_build


@event_priority(hook_order.GENERATED_PAGES)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the language's statement and contact page (where it has them)."""
    site = site_build.active()
    build = site_build.language(config)
    if site is None or build is None:
        return files
    for page in site.site_pages(build.lang):
        files.append(
            mkdocs_i18n.generated_page(
                config,
                lang=build.lang,
                home_url=build.site.home_url,
                rel=page.rel,
                title=page.title,
                translations=page.translations,
            )
        )
    return files
