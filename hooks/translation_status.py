"""Flag outdated translations with a notice that links to the source article."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpcenter import mkdocs_i18n
from helpcenter.editor.project import Project, project_from_config
from helpcenter.editor.translations import ArticleTranslations, outdated_notice, translation_report

_state: dict[str, Any] = {}


# After the content catalog (-110): an invalid site never gets this far.
@event_priority(-116)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Read every article's translation status once per language build."""
    project = project_from_config(config)
    _state["project"] = project
    _state["status"] = translation_report(project).by_path()
    return files


# After hooks/article_pages.py has put `hc` into the context.
@event_priority(-50)
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Articles only: `hc.outdated` names the source article when the source changed since."""
    hc = context.get("hc")
    project: Project | None = _state.get("project")
    if hc is None or hc.kind != "article" or project is None:
        return context
    statuses: dict[str, ArticleTranslations] = _state.get("status", {})
    lang = mkdocs_i18n.current_language(config)
    hc.outdated = outdated_notice(
        project, statuses.get(hc.page), lang, lead=hc.ui.translation_outdated_source
    )
    return context
