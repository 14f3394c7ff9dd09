"""The state of one build: the site model (every language's content, read up front) and what
the language passes collect for the final one (sitemap, search records).

MkDocs loads hook modules by path and keeps them across `mkdocs serve` rebuilds, so the state
cannot live in them: `start` makes a new `SiteBuild` when a top-level build or a rebuild
begins (`helpcenter.build_steps.begin`, from `hooks/content_catalog.py`'s `on_config` or from
a language pass of `helpcenter build`), and every hook reads it through `active`
and `language`. The order of the hooks is in `helpcenter.hook_order`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from helpcenter import mkdocs_i18n
from helpcenter.authors import Author, load_authors
from helpcenter.content import Catalog, load_catalog
from helpcenter.editor.project import Project, project_from_config
from helpcenter.editor.seo import SitemapEntry
from helpcenter.editor.translations import (
    ArticleTranslations,
    outdated_notice,
    translation_report,
)
from helpcenter.git_dates import CommitTimes, commit_times
from helpcenter.page_context import (
    TAGS_FOLDER,
    AnnouncementBanner,
    Link,
    PageContext,
    SiteContext,
    tag_slug,
)
from helpcenter.search.collector import SearchCollector
from helpcenter.site_config import (
    ConfigError,
    HelpcenterSettings,
    UiStrings,
    load_ui_strings,
    parse_settings,
)
from helpcenter.url_record import (
    RECORD_FILE,
    Redirect,
    UrlRecord,
    UrlRecordError,
    check_record,
    published_pages,
    read_record,
    redirects,
    removed,
)


class TranslationStatuses:
    """Every article's translation status across languages, read on first use (it asks git
    for the history of every file once)."""

    def __init__(self, project: Project) -> None:
        self._project = project

    @functools.cached_property
    def by_path(self) -> dict[str, ArticleTranslations]:
        """Status by the article's path inside a language folder."""
        return translation_report(self._project).by_path()

    def outdated_notice(self, path: str, *, lang: str, lead: str) -> Link | None:
        """The source article to name on `lang`'s translation of `path`, when outdated."""
        return outdated_notice(self._project, self.by_path.get(path), lang, lead=lead)


@dataclass(frozen=True)
class SitePage:
    """A generated page of one language: its path as if in docs/<lang>/, its title and the
    root-relative URLs of its translations."""

    rel: str
    title: str
    translations: dict[str, str]


# Where the removed pages sit among the generated docs paths (their URL is set apart).
REMOVED_FOLDER = "_removed"


@dataclass
class LanguageBuild:
    """One language's catalog and page-context factory: all of a page's `hc` data comes
    from `context_for`."""

    lang: str
    site: SiteContext
    translations: TranslationStatuses
    # Removed pages (urls.lock: gone) of this language: their generated docs path -> URL.
    removed: dict[str, str] = field(default_factory=dict)
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
        if src_uri in self.removed:
            return self.site.removed()
        if rel == self.site.accessibility_rel:
            return self.site.accessibility_statement()
        if rel == self.site.contact_rel:
            return self.site.contact_page()
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
            article = self.site.article(rel)
            article.outdated = self.translations.outdated_notice(
                rel, lang=self.lang, lead=self.site.ui.translation_outdated_source
            )
            return article
        return None

    def tag_by_slug(self) -> dict[str, str]:
        return {tag_slug(tag): tag for tag in self.catalog.tags()}


@dataclass
class SiteBuild:
    """Everything one build knows across its language passes."""

    project: Project
    settings: HelpcenterSettings
    # Every language of the site, loaded before MkDocs builds the first one.
    languages: dict[str, LanguageBuild]
    # Collected while the languages render, written in the final pass.
    search: SearchCollector
    translations: TranslationStatuses
    # urls.lock and the content pages published now (URL -> language, docs file).
    url_record: UrlRecord = field(default_factory=UrlRecord)
    published: dict[str, tuple[str, str]] = field(default_factory=dict)
    sitemap: list[SitemapEntry] = field(default_factory=list)

    @functools.cached_property
    def redirects(self) -> list[Redirect]:
        """Recorded URLs whose page is served elsewhere now."""
        return redirects(self.url_record, self.published)

    def statement_urls(self, *, besides: str) -> dict[str, str]:
        """The accessibility statement's root-relative URL in every other language with one."""
        return {
            code: f"{other.site.home_url}{other.site.ui.accessibility_page}/"
            for code, other in self.languages.items()
            if code != besides and other.site.accessibility_rel is not None
        }

    def contact_urls(self, *, besides: str) -> dict[str, str]:
        """The contact page's root-relative URL in every other language with one."""
        return {
            code: f"{other.site.home_url}{other.site.ui.contact_page}/"
            for code, other in self.languages.items()
            if code != besides and other.site.contact_rel is not None
        }

    def site_pages(self, lang: str) -> list[SitePage]:
        """The pages of `lang` that no docs file holds: the accessibility statement and the
        contact page, where the language has them, each with its translations' URLs."""
        site = self.languages[lang].site
        pages = []
        if site.accessibility_rel is not None:
            urls = self.statement_urls(besides=lang)
            pages.append(SitePage(site.accessibility_rel, site.ui.accessibility_title, urls))
        if site.contact_rel is not None:
            urls = self.contact_urls(besides=lang)
            pages.append(SitePage(site.contact_rel, site.ui.contact_page_title, urls))
        return pages

    def close(self) -> None:
        self.search.close()


_active: list[SiteBuild] = []


def start(config: Any, *, rendered: list[str] | None = None) -> SiteBuild:
    """A new build: settings and every language's content, validated; raises ConfigError or
    ContentError. The previous build's state is dropped. `rendered`: the languages this
    process renders and indexes (default: all of them)."""
    for old in _active:
        old.close()
    _active.clear()
    settings = parse_settings(config.extra)
    project = project_from_config(config)
    locales_dir = Path(config.config_file_path).parent / settings.locales_dir
    authors = load_authors(project.docs_dir)
    git_times = commit_times(project.docs_dir)
    translations = TranslationStatuses(project)
    languages = {
        language.code: _load_language(
            project,
            settings,
            lang=language.code,
            home_url=language.home_url,
            site_name=mkdocs_i18n.site_name(config, language.code),
            locales_dir=locales_dir,
            authors=authors,
            git_times=git_times,
            translations=translations,
        )
        for language in project.languages
    }
    _check_language_homes(languages)
    record, published = _url_record(project)
    _check_announcement_links(settings, published)
    for lang, language in languages.items():
        language.removed = {
            f"{lang}/{REMOVED_FOLDER}/{number}.md": entry.url
            for number, entry in enumerate(removed(record, published), start=1)
            if entry.lang == lang
        }
    build = SiteBuild(
        project=project,
        url_record=record,
        published=published,
        settings=settings,
        languages=languages,
        search=SearchCollector(list(languages) if rendered is None else rendered),
        translations=translations,
    )
    _active.append(build)
    return build


def _url_record(project: Project) -> tuple[UrlRecord, dict[str, tuple[str, str]]]:
    """urls.lock and the pages published now; raises ConfigError when a recorded URL would
    break (`helpcenter urls` says how to fix it)."""
    path = project.config_dir / RECORD_FILE
    try:
        record = read_record(path)
    except UrlRecordError as exc:
        raise ConfigError(str(exc)) from exc
    published = published_pages(project)
    problems = [found for found in check_record(record, published) if found.error]
    if problems:
        raise ConfigError(
            "\n".join(f"{RECORD_FILE}:{found.line}: {found.message}" for found in problems)
        )
    return record, published


def _load_language(
    project: Project,
    settings: HelpcenterSettings,
    *,
    lang: str,
    home_url: str,
    site_name: str,
    locales_dir: Path,
    authors: dict[str, Author],
    git_times: dict[Path, CommitTimes],
    translations: TranslationStatuses,
) -> LanguageBuild:
    catalog = load_catalog(
        project.docs_dir, lang, authors=authors, git_times=git_times, timezone=settings.timezone
    )
    ui = load_ui_strings(locales_dir, lang)
    site = SiteContext(
        catalog=catalog,
        ui=ui,
        home_url=home_url,
        contact=settings.contact.get(lang),
        feedback=settings.feedback,
        authors=authors,
        site_name=site_name,
        accessibility=settings.accessibility,
        announcement=_banner(settings, lang=lang, ui=ui),
    )
    _check_statement_address(site)
    return LanguageBuild(lang=lang, site=site, translations=translations)


def _banner(settings: HelpcenterSettings, *, lang: str, ui: UiStrings) -> AnnouncementBanner | None:
    """The language's announcement, its days turned into moments in the shop's time zone."""
    announcement = settings.announcement.get(lang)
    if announcement is None:
        return None
    starts, ends = announcement.window(settings.timezone)
    return AnnouncementBanner(
        text=announcement.text,
        link=announcement.link,
        link_text=announcement.link_text or ui.announcement_more,
        starts=starts,
        ends=ends,
    )


def _check_announcement_links(
    settings: HelpcenterSettings, published: dict[str, tuple[str, str]]
) -> None:
    """An announcement's link inside the site leads to a page the site publishes."""
    for lang, announcement in settings.announcement.items():
        link = announcement.link
        if link is None or "://" in link:
            continue
        if "/" + link.strip("/") + "/" not in published and link.strip("/") != "":
            raise ConfigError(
                f"mkdocs.yml: extra.helpcenter.announcement.{lang}.link: {link!r} is not a page "
                "of the site; expected a path from the site root such as "
                "'dostava/rokovi-i-cijene-dostave/', or a full https:// address"
            )


def _check_statement_address(site: SiteContext) -> None:
    """Every language has the statement's text, and its address hides no collection."""
    lang = site.catalog.lang
    if site.accessibility is not None and lang not in site.accessibility.text:
        raise ConfigError(
            f"mkdocs.yml: extra.helpcenter.accessibility.text: expected the statement's text "
            f"(method, limitations) for language '{lang}'"
        )
    taken = {c.url: c.slug for c in site.catalog.collections.values()}
    pages = (
        ("accessibility_page", site.ui.accessibility_page, site.accessibility_rel),
        ("contact_page", site.ui.contact_page, site.contact_rel),
    )
    for name, slug, rel in pages:
        if rel and f"{slug}/" in taken:
            raise ConfigError(
                f"locales/{site.catalog.lang}/ui.yml: '{name}' {slug!r} is also the "
                f"address of a collection (docs/{site.catalog.lang}/{taken[f'{slug}/']}/); "
                "choose another address"
            )


def _check_language_homes(languages: dict[str, LanguageBuild]) -> None:
    """No collection of the root language sits at another language's home (`/fi/`)."""
    homes = {b.site.home_url: code for code, b in languages.items() if b.site.home_url}
    for code, language in languages.items():
        if language.site.home_url:
            continue
        for collection in language.catalog.collections.values():
            if collection.url in homes:
                raise ConfigError(
                    f"docs/{code}/{collection.path}: the collection's address /{collection.url} "
                    f"is the home of language '{homes[collection.url]}'; give it another slug "
                    "or folder name"
                )


def active() -> SiteBuild | None:
    """The build in progress; None before the first `on_config` (or after a failed start)."""
    return _active[0] if _active else None


def language(config: Any) -> LanguageBuild | None:
    """The language MkDocs is building now, in the build in progress."""
    build = active()
    return build.languages.get(mkdocs_i18n.current_language(config)) if build else None
