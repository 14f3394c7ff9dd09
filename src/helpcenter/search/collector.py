"""Articles gathered while MkDocs renders each language, indexed once all languages are done;
one `SearchCollector` per build, held by `helpcenter.site_build.SiteBuild`."""

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


class SearchCollector:
    """One build's articles per language; its word analysis processes start at once and load
    their dictionaries while the pages render."""

    def __init__(self, languages: list[str]) -> None:
        self._languages: dict[str, _Language] = {}
        self._workers: AnalysisWorkers | None = AnalysisWorkers(languages) if languages else None

    def add(self, lang: str, *, home_url: str, record: ArticleRecord) -> None:
        language = self._languages.setdefault(lang, _Language(home_url=home_url))
        language.articles[record.url] = record

    def build_indexes(
        self, *, site_dir: Path, locales_dir: Path, languages: list[str]
    ) -> list[LanguageIndex]:
        """One bundle per built language, articles in URL order so that builds are
        reproducible."""
        inputs = [
            LanguageInput(
                lang=lang,
                home_url=collected.home_url,
                articles=[collected.articles[url] for url in sorted(collected.articles)],
                lists=load_word_lists(locales_dir, lang),
            )
            for lang in languages
            if (collected := self._languages.get(lang)) is not None
        ]
        try:
            return build_language_indexes(site_dir, inputs, workers=self._workers)
        finally:
            self.close()

    def close(self) -> None:
        if self._workers is not None:
            self._workers.close()
            self._workers = None


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


