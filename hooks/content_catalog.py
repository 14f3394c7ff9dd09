"""Start each build with every language's content validated and loaded."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helpcenter import build_steps, hook_order, mkdocs_i18n, site_build
from helpcenter.editor.project import page_url


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """A top-level build or serve rebuild: a new `SiteBuild` from `docs/` and `mkdocs.yml`;
    any problem of any language fails the build, all of them listed."""
    if not mkdocs_i18n.is_final_pass(config):
        return config
    build_steps.begin(config, lang=mkdocs_i18n.current_language(config))
    return config


@event_priority(hook_order.CATALOG)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Every language MkDocs builds was loaded up front; its pages and their translations in
    the language switcher go to their URLs (a collection's or an article's `slug`)."""
    build = site_build.active()
    language = site_build.language(config)
    if build is None or language is None:
        raise PluginError(
            f"language '{mkdocs_i18n.current_language(config)}' is built but was not loaded"
        )
    project = build.project
    mkdocs_i18n.localize_urls(files, config, lambda src: page_url(src, project=project))
    return files
