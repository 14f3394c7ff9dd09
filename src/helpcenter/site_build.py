"""State of the running build, per language, shared by the hook modules.

Hooks are loaded by path as separate modules, so they share state through this module.
Each language build replaces its entry in `on_files`, which also keeps `mkdocs serve`
rebuilds fresh.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from helpcenter.authors import load_authors
from helpcenter.content import Catalog, load_catalog
from helpcenter.git_dates import CommitTimes, commit_times
from helpcenter.page_context import TAGS_FOLDER, PageContext, SiteContext, tag_slug
from helpcenter.site_config import (
    ConfigError,
    HelpcenterSettings,
    load_ui_strings,
    parse_settings,
)


@dataclass
class LanguageBuild:
    """One language's catalog and page-context factory."""

    lang: str
    site: SiteContext
    _contexts: dict[str, PageContext | None] = field(default_factory=dict)

    @property
    def catalog(self) -> Catalog:
        return self.site.catalog

    def context_for(self, src_uri: str) -> PageContext | None:
        """The `hc` context of a page, from its source path; None for pages we do not shape."""
        if src_uri not in self._contexts:
            self._contexts[src_uri] = self._make_context(src_uri)
        return self._contexts[src_uri]

    def _make_context(self, src_uri: str) -> PageContext | None:
        parts = PurePosixPath(src_uri).parts
        if not parts or parts[0] != self.lang:
            return None
        rel = PurePosixPath(*parts[1:]).as_posix()
        if rel == "index.md":
            return self.site.home()
        if rel == self.site.accessibility_rel:
            return self.site.accessibility_statement()
        if rel == f"{TAGS_FOLDER}/index.md":
            return self.site.tags_index()
        if rel.startswith(f"{TAGS_FOLDER}/"):
            slug = PurePosixPath(rel).stem
            tag = self.tag_by_slug().get(slug)
            return self.site.tag(tag) if tag else None
        if rel.endswith("/index.md") and rel.count("/") == 1:
            slug = rel.split("/")[0]
            return self.site.collection(slug) if slug in self.catalog.collections else None
        if rel in self.catalog.articles:
            return self.site.article(rel)
        return None

    def tag_by_slug(self) -> dict[str, str]:
        return {tag_slug(tag): tag for tag in self.catalog.tags()}


_builds: dict[str, LanguageBuild] = {}
_git_times: dict[Path, dict[Path, CommitTimes]] = {}


def settings_of(extra: Mapping[str, Any] | None) -> HelpcenterSettings:
    return parse_settings(extra)


def start_language(
    *,
    docs_dir: Path,
    config_dir: Path,
    lang: str,
    home_url: str,
    extra: Mapping[str, Any] | None,
    site_name: str = "",
) -> LanguageBuild:
    """Load and validate one language's content; raises ContentError or ConfigError."""
    settings = parse_settings(extra)
    if docs_dir not in _git_times:
        _git_times[docs_dir] = commit_times(docs_dir)
    authors = load_authors(docs_dir)
    catalog = load_catalog(
        docs_dir,
        lang,
        authors=authors,
        git_times=_git_times[docs_dir],
        timezone=settings.timezone,
    )
    ui = load_ui_strings(config_dir / settings.locales_dir, lang)
    site = SiteContext(
        catalog=catalog,
        ui=ui,
        home_url=home_url,
        contact=settings.contact.get(lang),
        feedback=settings.feedback,
        authors=authors,
        site_name=site_name,
        accessibility=settings.accessibility,
    )
    _check_statement_address(site)
    build = LanguageBuild(lang=lang, site=site)
    _builds[lang] = build
    return build


def _check_statement_address(site: SiteContext) -> None:
    """Every language has the statement's text, and its address hides no collection."""
    lang = site.catalog.lang
    if site.accessibility is not None and lang not in site.accessibility.text:
        raise ConfigError(
            f"mkdocs.yml: extra.helpcenter.accessibility.text: expected the statement's text "
            f"(method, limitations) for language '{lang}'"
        )
    slug = site.ui.accessibility_page
    if site.accessibility_rel and slug in site.catalog.collections:
        raise ConfigError(
            f"locales/{site.catalog.lang}/ui.yml: 'accessibility_page' {slug!r} is also the "
            f"folder of a collection (docs/{site.catalog.lang}/{slug}/); choose another address"
        )


def current(lang: str) -> LanguageBuild | None:
    return _builds.get(lang)


def all_builds() -> dict[str, LanguageBuild]:
    return dict(_builds)


def reset() -> None:
    """Forget everything (a new top-level build or serve rebuild starts)."""
    _builds.clear()
    _git_times.clear()
