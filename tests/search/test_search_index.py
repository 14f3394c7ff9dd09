"""The index builder without MkDocs: one bundle per language, plus the browser's JSON files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpcenter.search.indexer import (
    ArticleRecord,
    IndexingError,
    LanguageInput,
    build_language_indexes,
)
from helpcenter.search.wordlists import WordLists


def _article(url: str, title: str) -> ArticleRecord:
    return ArticleRecord(
        url=url,
        title=title,
        lead="Kurz erklärt.",
        collection="Versand",
        body_html='<p>Einleitung.</p><h2 id="ablauf">Ablauf</h2><p>Schritte.</p>',
        tags=("Lieferung",),
    )


def test_a_language_without_word_lists_gets_a_working_bundle(tmp_path: Path) -> None:
    de = LanguageInput(
        lang="de",
        home_url="de/",
        articles=[
            _article("de/versand/a/", "Wann kommt mein Paket?"),
            _article("de/versand/b/", "Rücksendung"),
        ],
        lists=WordLists(frozenset(), ()),
    )
    empty = LanguageInput(lang="xx", home_url="xx/", articles=[], lists=WordLists(frozenset(), ()))
    (built_de, built_xx) = build_language_indexes(tmp_path, [de, empty])
    assert (built_de.pages, built_de.pagefind_language) == (2, "de")
    bundle = tmp_path / "de" / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    assert entry["languages"]["de"]["page_count"] == 2
    assert (bundle / "pagefind.js").is_file()
    assert not (bundle / "pagefind-ui.js").exists()  # our own interface only
    config = json.loads((bundle / "helpcenter-search.json").read_text())
    assert config["stopwords"] == []
    shards = [json.loads(p.read_text()) for p in (bundle / "lexicon").glob("*.json")]
    assert not any(shard["s"] for shard in shards)  # no synonyms
    assert "lieferung" in json.loads((bundle / "helpcenter-vocabulary.json").read_text())["words"]
    # A language without articles still tells the browser its rules.
    assert built_xx.pages == 0
    assert (tmp_path / "xx" / "pagefind" / "helpcenter-search.json").is_file()


def test_a_truncated_bundle_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpcenter.search import indexer

    def empty_entry(jobs: list[tuple[Path, str, Path]]) -> list[str]:
        for _, _, bundle in jobs:
            (bundle / "pagefind-entry.json").write_text("")
        return ["" for _ in jobs]

    monkeypatch.setattr(indexer, "_run_pagefind", empty_entry)
    de = LanguageInput("de", "", [_article("a/", "Paket")], WordLists(frozenset(), ()))
    with pytest.raises(IndexingError, match=r"unreadable pagefind-entry\.json"):
        build_language_indexes(tmp_path, [de])
