"""Write the help widget for the shop's pages: `widget.js`, `widget/<lang>.json`, `_headers`."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from helpcenter import build_steps, hook_order, mkdocs_i18n, site_build


@event_priority(hook_order.FINAL_PASS)
def on_post_build(config: MkDocsConfig) -> None:
    """Final pass only, after `minify_scripts` (listed before it): the widget's files."""
    site = site_build.active()
    if not mkdocs_i18n.is_final_pass(config) or site is None:
        return
    build_steps.write_widget(site, config=config)
