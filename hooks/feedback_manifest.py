"""The site's side of the feedback service: its endpoint for the templates, and the manifest of
valid articles, written after all languages."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helpcenter import mkdocs_i18n, site_build
from helpcenter.feedback_manifest import (
    MANIFEST_FILE,
    build_manifest,
    dump_manifest,
    service_messages,
)
from helpcenter.feedback_vocabulary import feedback_endpoint


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """`{{ url | feedback_endpoint }}`: where votes go, built as the widget builds it."""
    env.filters["feedback_endpoint"] = feedback_endpoint
    return env


# After static-i18n (-100) has built the other languages.
@event_priority(-101)
def on_post_build(config: MkDocsConfig) -> None:
    """Final pass only: the manifest lists every language."""
    if not mkdocs_i18n.is_final_pass(config):
        return
    builds = site_build.all_builds()
    settings = site_build.settings_of(config.extra)
    manifest = build_manifest(
        [b.catalog for b in builds.values()],
        home_urls={lang: b.site.home_url for lang, b in builds.items()},
        site_url=config.site_url,
        mode=settings.feedback.mode,
        messages={lang: service_messages(b.site.ui) for lang, b in builds.items()},
    )
    (Path(config.site_dir) / MANIFEST_FILE).write_text(dump_manifest(manifest), encoding="utf-8")
