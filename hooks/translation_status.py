"""Flag outdated translations with a notice that links to the source article."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpcenter import hook_order, mkdocs_i18n, site_build
from helpcenter.editor.translations import outdated_notice


@event_priority(hook_order.AFTER_PAGE_CONTEXT)
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Articles only: `hc.outdated` names the source article when the source changed since."""
    hc = context.get("hc")
    build = site_build.active()
    if hc is None or hc.kind != "article" or build is None:
        return context
    hc.outdated = outdated_notice(
        build.project,
        build.translation_statuses.get(hc.page),
        mkdocs_i18n.current_language(config),
        lead=hc.ui.translation_outdated_source,
    )
    return context
