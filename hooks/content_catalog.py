"""Validate and load each language's content before MkDocs builds its pages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helpcenter import mkdocs_i18n, site_build
from helpcenter.editor.checks import build_failure
from helpcenter.editor.links import CrossLanguageLinks
from helpcenter.editor.project import check_site_images, project_from_config
from helpcenter.front_matter import ContentError
from helpcenter.site_config import ConfigError


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check `extra.helpcenter` early; start from a clean state on each top-level build."""
    if mkdocs_i18n.is_final_pass(config):
        site_build.reset()
    try:
        site_build.settings_of(config.extra)
        check_site_images(project_from_config(config))
    except ConfigError as exc:
        raise PluginError(str(exc)) from exc
    return config


# After static-i18n (-100) has chosen the files of the language being built.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Read every content file of the current language; fail the build on any problem."""
    lang = mkdocs_i18n.current_language(config)
    try:
        site_build.start_language(
            docs_dir=Path(config.docs_dir),
            config_dir=Path(config.config_file_path).parent,
            lang=lang,
            home_url=mkdocs_i18n.home_url(config, lang),
            extra=config.extra,
            site_name=config.site_name,
        )
    except (ContentError, ConfigError) as exc:
        # The other languages' problems too, so that one build lists everything to fix.
        project = project_from_config(config, skip_extensions=(CrossLanguageLinks,))
        raise PluginError(build_failure(project, lang=lang, first=str(exc))) from exc
    return files
