"""Write the manifest of valid articles for the feedback service after all languages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from helpcenter import mkdocs_i18n, site_build
from helpcenter.feedback_manifest import (
    MANIFEST_FILE,
    build_manifest,
    dump_manifest,
    service_messages,
)


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
