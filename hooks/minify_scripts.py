"""Minify our scripts in the built site: every visitor downloads them, editors never read them."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from helpcenter import build_steps, hook_order, mkdocs_i18n


@event_priority(hook_order.FINAL_PASS)
def on_post_build(config: MkDocsConfig) -> None:
    """Final pass only: minify `assets/javascripts/*.js` of the site."""
    if not mkdocs_i18n.is_final_pass(config):
        return
    build_steps.write_scripts(site_dir=Path(config.site_dir))
