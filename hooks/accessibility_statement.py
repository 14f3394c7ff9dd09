"""Generate the accessibility statement page of every language."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helpcenter import hook_order, mkdocs_i18n, site_build
from helpcenter.site_config import statement_urls


@event_priority(hook_order.GENERATED_PAGES)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add `<accessibility_page>.md` for the language being built, when one is configured."""
    lang = mkdocs_i18n.current_language(config)
    build = site_build.language(config)
    if build is None or build.site.accessibility_rel is None:
        return files
    files.append(
        mkdocs_i18n.generated_page(
            config,
            lang=lang,
            home_url=build.site.home_url,
            rel=build.site.accessibility_rel,
            title=build.site.ui.accessibility_title,
            translations=statement_urls(
                config.extra,
                config_dir=Path(config.config_file_path).parent,
                homes={
                    code: mkdocs_i18n.home_url(config, code)
                    for code in mkdocs_i18n.build_languages(config)
                    if code != lang
                },
            ),
        )
    )
    return files
