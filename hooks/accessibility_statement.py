"""Generate the accessibility statement page of every language."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helpcenter import hook_order, mkdocs_i18n, site_build


@event_priority(hook_order.GENERATED_PAGES)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add `<accessibility_page>.md` for the language being built, when one is configured."""
    site = site_build.active()
    build = site_build.language(config)
    if site is None or build is None or build.site.accessibility_rel is None:
        return files
    files.append(
        mkdocs_i18n.generated_page(
            config,
            lang=build.lang,
            home_url=build.site.home_url,
            rel=build.site.accessibility_rel,
            title=build.site.ui.accessibility_title,
            translations=site.statement_urls(besides=build.lang),
        )
    )
    return files
