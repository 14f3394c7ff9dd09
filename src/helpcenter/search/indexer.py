"""Build one Pagefind bundle per language from the articles collected during the build.

Each article is indexed from a small document made of its title, lead and body only, so the
header, footer, breadcrumbs, related list, contact block and feedback widget never reach the
index, and the indexer does not have to parse whole pages.
"""

from __future__ import annotations

import functools
import html
import json
import multiprocessing
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from helpcenter.search.client_data import (
    CONFIG_FILE,
    LEXICON_FOLDER,
    VOCABULARY_FILE,
    lexicon_shards,
    search_config,
    synonym_entries,
    vocabulary_json,
)
from helpcenter.search.context import BUNDLE_FOLDER
from helpcenter.search.expansion import index_terms
from helpcenter.search.languages import search_language
from helpcenter.search.morphology import Stemmer, WordAnalysis, analyze_language, warm_up
from helpcenter.search.synonyms import SynonymMatcher
from helpcenter.search.text import fold, words
from helpcenter.search.wordlists import WordLists

# Metadata fields: shown in results (collection) or only searched: base forms and compound parts
# of the title's words, of the lead's and tags' words, and of the body's.
COLLECTION_FIELD = "collection"
TITLE_TERMS_FIELD = "hc_title"
KEY_TERMS_FIELD = "hc_key"
TERMS_FIELD = "hc_terms"
# How many words of the content (after the title) are the lead, for the browser's ranking.
LEAD_FIELD = "hc_lead_words"
# Pagefind weights (1-10, body text is 1): the title counts most, then the lead.
TITLE_WEIGHT = 10
LEAD_WEIGHT = 7
# Inside the article body but not part of its text: the back-to-top links (hooks/back_to_top.py).
_EXCLUDED_HTML = re.compile(r'<p class="hc-back-to-top">.*?</p>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
# Pagefind's UI bundles; we ship our own interface, so they would only take up space.
UNUSED_BUNDLE_FILES = [
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
]


class IndexingError(Exception):
    """Pagefind could not build or write an index."""


@dataclass(frozen=True)
class ArticleRecord:
    """One article as readers see it; `url` is its path from the site root ("fi/narudzbe/x/")."""

    url: str
    title: str
    lead: str
    collection: str
    body_html: str
    tags: tuple[str, ...] = ()

    @functools.cached_property
    def body_text(self) -> str:
        """Plain text of the body; the word counts and the body's index terms both need it."""
        return html.unescape(_TAG.sub(" ", _EXCLUDED_HTML.sub(" ", self.body_html)))

    def text(self) -> str:
        """Plain text of title, lead and body, for the extra terms and the typo vocabulary."""
        return f"{self.title}\n{self.lead}\n{self.body_text}"


@dataclass(frozen=True)
class LanguageIndex:
    lang: str
    pages: int
    pagefind_language: str


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


@dataclass(frozen=True)
class ArticleTerms:
    """Extra index terms of one article, by where its words stand."""

    title: list[str]
    key: list[str]
    body: list[str]


def index_document(record: ArticleRecord, *, terms: ArticleTerms) -> str:
    """The HTML Pagefind indexes for one article."""
    meta = [f"{COLLECTION_FIELD}:{record.collection}"] if record.collection else []
    meta.append(f"{LEAD_FIELD}:{len(record.lead.split())}")
    for name, field_terms in (
        (TITLE_TERMS_FIELD, terms.title),
        (KEY_TERMS_FIELD, terms.key),
        (TERMS_FIELD, terms.body),
    ):
        if field_terms:
            meta.append(f"{name}:{' '.join(field_terms)}")
    meta_html = "".join(f'<span data-pagefind-meta="{_attr(m)}"></span>' for m in meta)
    return (
        "<!doctype html><html><head><meta charset='utf-8'></head><body><main data-pagefind-body>"
        f'<h1 data-pagefind-meta="title" data-pagefind-weight="{TITLE_WEIGHT}">'
        f"{html.escape(record.title)}</h1>"
        f'<p data-pagefind-weight="{LEAD_WEIGHT}">{html.escape(record.lead)}</p>'
        f"{_EXCLUDED_HTML.sub('', record.body_html)}</main>{meta_html}</body></html>"
    )


@dataclass(frozen=True)
class LanguageInput:
    """What one language's index is built from."""

    lang: str
    home_url: str
    articles: list[ArticleRecord]
    lists: WordLists


def _run_pagefind(jobs: list[tuple[Path, str, Path]]) -> list[str]:
    """Run the `pagefind` binary (from `pagefind[bin]`) once per language, in parallel.

    Not the Python service API: it terminates the binary as soon as it has answered the write
    request, before buffered writes are done (a 1,000-article build got an empty
    pagefind-entry.json), and it polls for each answer every 0.1 s.
    """
    processes = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "pagefind", "--silent", "--site", str(source)),
                *("--output-path", str(bundle_dir), "--force-language", language),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for source, language, bundle_dir in jobs
    ]
    return [
        f"exit status {process.returncode}: {output.strip()}" if process.returncode else ""
        for process, output in ((p, p.communicate()[0]) for p in processes)
    ]


def _indexed_pages(bundle_dir: Path, language: str) -> int:
    """Pages in a written bundle; raises IndexingError when the bundle is incomplete."""
    try:
        entry = json.loads((bundle_dir / "pagefind-entry.json").read_text(encoding="utf-8"))
        index = entry["languages"][language]
    except (OSError, ValueError, KeyError) as exc:
        raise IndexingError(f"{bundle_dir}: unreadable pagefind-entry.json ({exc})") from exc
    meta = bundle_dir / f"pagefind.{index['hash']}.pf_meta"
    if not meta.is_file() or not meta.stat().st_size:
        raise IndexingError(f"{bundle_dir}: {meta.name} missing or empty")
    return int(index["page_count"])


def _content_words(language: LanguageInput) -> Counter[str]:
    counts: Counter[str] = Counter()
    for article in language.articles:
        counts.update(words(article.text()))
        counts.update(word for tag in article.tags for word in words(tag))
    return counts


def _analyze(lang: str, vocabulary: list[str]) -> WordAnalysis:
    return analyze_language(search_language(lang), vocabulary)


def _warm_up(lang: str) -> None:
    warm_up(search_language(lang))


class AnalysisWorkers:
    """One process per language for the word analysis, started when a build starts: each loads
    its dictionaries (seconds) while MkDocs renders the pages, and analyses the words once
    the pages are indexed. A process of its own, as the same process keeps its dictionaries
    for the analysis."""

    def __init__(self, languages: list[str]) -> None:
        """Start the processes and their warm-up."""
        context = multiprocessing.get_context("spawn")
        self._pools = {
            lang: ProcessPoolExecutor(max_workers=1, mp_context=context) for lang in languages
        }
        for lang, pool in self._pools.items():
            pool.submit(_warm_up, lang)

    def analyze(self, inputs: list[tuple[str, list[str]]]) -> list[WordAnalysis]:
        """The analysis of each language, in its warm process where there is one."""
        futures = [
            self._pools[lang].submit(_analyze, lang, vocabulary) if lang in self._pools else None
            for lang, vocabulary in inputs
        ]
        return [
            future.result() if future is not None else _analyze(*pair)
            for future, pair in zip(futures, inputs, strict=True)
        ]

    def close(self) -> None:
        """Stop the processes (their work is done, or the build failed)."""
        for pool in self._pools.values():
            pool.shutdown(wait=False, cancel_futures=True)
        self._pools.clear()


def _analyze_languages(
    inputs: list[tuple[str, list[str]]], workers: AnalysisWorkers | None = None
) -> list[WordAnalysis]:
    """Each language's word analysis in a process of its own: the dictionaries take seconds to
    load, and the languages load theirs side by side."""
    if workers is not None:
        return workers.analyze(inputs)
    if len(inputs) == 1:
        return [_analyze(*inputs[0])]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=len(inputs), mp_context=context) as pool:
        futures = [pool.submit(_analyze, lang, vocabulary) for lang, vocabulary in inputs]
        return [future.result() for future in futures]


def _write_documents(source: Path, language: LanguageInput, analysis: WordAnalysis) -> None:
    """One small HTML file per article (Pagefind turns `<url>/index.html` into `/<url>/`)."""
    stopwords = language.lists.stopwords
    synonyms = SynonymMatcher(
        language.lists.synonyms,
        stemmer=Stemmer(search_language(language.lang).snowball),
        lemmas=analysis.lemmas,
    )
    for article in language.articles:
        key_text = " ".join([article.lead, *article.tags])
        terms = ArticleTerms(
            title=[
                *index_terms(article.title, analysis.terms, stopwords=stopwords),
                *synonyms.tokens(article.title),
            ],
            key=[
                *index_terms(article.lead, analysis.terms, stopwords=stopwords),
                *index_terms(
                    " ".join(article.tags), analysis.terms, stopwords=stopwords, own_words=True
                ),
                *synonyms.tokens(key_text),
            ],
            body=[
                *index_terms(article.body_text, analysis.terms, stopwords=stopwords),
                *synonyms.tokens(article.body_text),
            ],
        )
        target = source / article.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(index_document(article, terms=terms), encoding="utf-8")


def build_language_indexes(
    site_dir: Path, languages: list[LanguageInput], *, workers: AnalysisWorkers | None = None
) -> list[LanguageIndex]:
    """Index each language into `<site>/<home_url>pagefind/`, plus our JSON files there;
    `workers`: started with the build (`AnalysisWorkers`), else started now."""
    built: list[LanguageIndex] = []
    counts = [_content_words(language) for language in languages]
    analyses = _analyze_languages(
        workers=workers,
        inputs=[
            (language.lang, [*words_seen, *language.lists.synonym_words()])
            for language, words_seen in zip(languages, counts, strict=True)
        ],
    )
    with tempfile.TemporaryDirectory(prefix="helpcenter-search-") as tmp:
        jobs: list[tuple[Path, str, Path]] = []
        for language, analysis in zip(languages, analyses, strict=True):
            bundle_dir = site_dir / language.home_url / BUNDLE_FOLDER
            if bundle_dir.exists():
                shutil.rmtree(bundle_dir)
            bundle_dir.mkdir(parents=True)
            source = Path(tmp) / language.lang
            source.mkdir()
            _write_documents(source, language, analysis)
            jobs.append((source, search_language(language.lang).pagefind, bundle_dir))
        failures = _run_pagefind(
            [job for job, lang in zip(jobs, languages, strict=True) if lang.articles]
        )
    failed = iter(failures)
    for language, (_, pagefind_language, bundle_dir), words_seen, analysis in zip(
        languages, jobs, counts, analyses, strict=True
    ):
        pages = 0
        if language.articles:
            failure = next(failed)
            if failure:
                raise IndexingError(f"Pagefind failed for '{language.lang}': {failure}")
            pages = _indexed_pages(bundle_dir, pagefind_language)
        if pages != len(language.articles):
            raise IndexingError(
                f"Pagefind indexed {pages} of {len(language.articles)} '{language.lang}' articles"
            )
        _finish_bundle(bundle_dir, language, pagefind_language, words_seen, analysis, pages)
        built.append(LanguageIndex(language.lang, pages, pagefind_language))
    return built


def _with_terms(counts: Counter[str], analysis: WordAnalysis) -> Counter[str]:
    """The content words and their base forms and compound parts, which typo correction and
    compound splitting in the browser may also lead to ("automaatti" in "pakettiautomaatti")."""
    extended = Counter(counts)
    for word, count in counts.items():
        for term in analysis.terms.get(fold(word), ()):
            extended[term] += count
    return extended


def _finish_bundle(
    bundle_dir: Path,
    language: LanguageInput,
    pagefind_language: str,
    counts: Counter[str],
    analysis: WordAnalysis,
    pages: int,
) -> None:
    for name in UNUSED_BUNDLE_FILES:
        (bundle_dir / name).unlink(missing_ok=True)
    settings = search_language(language.lang)
    synonyms = synonym_entries(language.lists, Stemmer(settings.snowball))
    shards = lexicon_shards(analysis, synonyms, stopwords=language.lists.stopwords)
    lexicon_dir = bundle_dir / LEXICON_FOLDER
    lexicon_dir.mkdir()
    for key, shard in shards.items():
        (lexicon_dir / f"{key}.json").write_text(shard, encoding="utf-8")
    config = search_config(
        lang=language.lang,
        pagefind_language=pagefind_language,
        lists=language.lists,
        ending=settings.ending,
        pages=pages,
        lexicon=sorted(shards),
    )
    (bundle_dir / CONFIG_FILE).write_text(config, encoding="utf-8")
    vocabulary = vocabulary_json(_with_terms(counts, analysis), language.lists.stopwords)
    (bundle_dir / VOCABULARY_FILE).write_text(vocabulary, encoding="utf-8")
