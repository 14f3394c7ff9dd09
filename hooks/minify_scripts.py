"""Minify our scripts in the built site: every visitor downloads them, editors never read them."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from helpcenter import hook_order, mkdocs_i18n
from helpcenter.script_minifier import minify_scripts


@event_priority(hook_order.FINAL_PASS)
def on_post_build(config: MkDocsConfig) -> None:
    """Final pass only: minify `assets/javascripts/*.js` of the site."""
    if not mkdocs_i18n.is_final_pass(config):
        return
    minify_scripts(Path(config.site_dir) / "assets" / "javascripts")
