"""Start each build with every language's content validated and loaded."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helpcenter import hook_order, mkdocs_i18n, site_build
from helpcenter.editor.checks import build_failure
from helpcenter.editor.links import CrossLanguageLinks
from helpcenter.editor.project import check_site_images, project_from_config
from helpcenter.front_matter import ContentError
from helpcenter.site_config import ConfigError


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """A top-level build or serve rebuild: a new `SiteBuild` from `docs/` and `mkdocs.yml`;
    any problem of any language fails the build, all of them listed."""
    if not mkdocs_i18n.is_final_pass(config):
        return config
    try:
        build = site_build.start(config)
        check_site_images(build.project)
    except ConfigError as exc:
        raise PluginError(str(exc)) from exc
    except ContentError as exc:
        project = project_from_config(config, skip_extensions=(CrossLanguageLinks,))
        lang = mkdocs_i18n.current_language(config)
        raise PluginError(build_failure(project, lang=lang, first=str(exc))) from exc
    return config


@event_priority(hook_order.CATALOG)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Every language MkDocs builds was loaded up front."""
    if site_build.language(config) is None:
        raise PluginError(
            f"language '{mkdocs_i18n.current_language(config)}' is built but was not loaded"
        )
    return files
