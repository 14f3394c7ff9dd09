"""Articles gathered while MkDocs renders each language, indexed once all languages are done.

Hook modules are loaded separately per build, so the state lives here, like `site_build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from helpcenter.content import Catalog
from helpcenter.search.indexer import (
    AnalysisWorkers,
    ArticleRecord,
    LanguageIndex,
    LanguageInput,
    build_language_indexes,
)
from helpcenter.search.wordlists import load_word_lists


@dataclass
class _Language:
    home_url: str
    articles: dict[str, ArticleRecord] = field(default_factory=dict)


_languages: dict[str, _Language] = {}
_workers: list[AnalysisWorkers] = []


def reset(languages: list[str] | None = None) -> None:
    """Forget everything (a new top-level build or serve rebuild starts); with `languages`,
    start their word analysis processes, which load their dictionaries meanwhile."""
    _languages.clear()
    _close_workers()
    if languages:
        _workers.append(AnalysisWorkers(languages))


def _close_workers() -> None:
    while _workers:
        _workers.pop().close()


def article_record(catalog: Catalog, path: str, *, url: str, body_html: str) -> ArticleRecord:
    """The indexable parts of the article at `path` (relative to its language folder)."""
    article = catalog.articles[path]
    collection = catalog.collections.get(article.collection)
    return ArticleRecord(
        url=url,
        title=article.meta.title,
        lead=article.meta.description,
        collection=collection.meta.title if collection else "",
        body_html=body_html,
        tags=tuple(article.meta.tags),
    )


def add(lang: str, *, home_url: str, record: ArticleRecord) -> None:
    language = _languages.setdefault(lang, _Language(home_url=home_url))
    language.articles[record.url] = record


def build_indexes(
    *, site_dir: Path, locales_dir: Path, languages: list[str]
) -> list[LanguageIndex]:
    """One bundle per built language, articles in URL order so that builds are reproducible."""
    inputs = [
        LanguageInput(
            lang=lang,
            home_url=_languages[lang].home_url,
            articles=[_languages[lang].articles[url] for url in sorted(_languages[lang].articles)],
            lists=load_word_lists(locales_dir, lang),
        )
        for lang in languages
        if lang in _languages
    ]
    try:
        return build_language_indexes(site_dir, inputs, workers=_workers[0] if _workers else None)
    finally:
        _close_workers()
