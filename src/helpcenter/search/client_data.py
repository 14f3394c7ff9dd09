"""The JSON files the browser loads next to each language's Pagefind bundle."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from helpcenter.search.morphology import Stemmer, WordAnalysis
from helpcenter.search.synonyms import group_token
from helpcenter.search.text import fold, words
from helpcenter.search.wordlists import WordLists

CONFIG_FILE = "helpcenter-search.json"
VOCABULARY_FILE = "helpcenter-vocabulary.json"
# Typo correction looks words up here; rarer words than these are rarely what a customer means.
VOCABULARY_LIMIT = 20_000
VOCABULARY_MIN_LENGTH = 4
LEXICON_FOLDER = "lexicon"
SHARD_PREFIX = 2


def synonym_entries(lists: WordLists, stemmer: Stemmer) -> list[tuple[str, str, list[str]]]:
    """Every synonym term as `(token, term, stems)`: the token that stands for its group in the
    index (`synonyms.py`), the term, and the Snowball stem of each of its words, which the
    browser cannot compute (the folded words it derives from the term)."""
    return [
        (group_token(index), term, [fold(stemmer.stem(w)) for w in words(term)])
        for index, group in enumerate(lists.synonyms)
        for term in group
    ]


def lexicon_shards(
    analysis: WordAnalysis,
    synonyms: list[tuple[str, str, list[str]]],
    *,
    stopwords: frozenset[str],
) -> dict[str, str]:
    """`lexicon/<first two letters>.json`: for the words a query may contain, their base form
    in the index (`f`), whether it is a generic word of the language (`c`), which counts
    little however rare it is in the content ("korištenje" on one page only), and the synonym
    terms that start with it (`s`, `synonym_entries`), in whatever form: an inflected word
    keeps its first two letters.

    Split by the first two letters so a query loads only the few small files of its words.
    """
    shards: dict[str, dict[str, Any]] = {}

    def shard(word: str) -> dict[str, Any]:
        return shards.setdefault(word[:SHARD_PREFIX], {"f": {}, "c": [], "s": []})

    for form, lemma in sorted(analysis.forms.items()):
        if len(form) >= SHARD_PREFIX and form not in stopwords and lemma not in stopwords:
            shard(form)["f"][form] = lemma
    for word in sorted(analysis.common - stopwords):
        if len(word) >= SHARD_PREFIX:
            shard(word)["c"].append(word)
    for token, term, stems in synonyms:
        first = fold(words(term)[0])
        if len(first) >= SHARD_PREFIX:
            shard(first)["s"].append([token, term, stems])
    return {
        key: json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        for key, data in sorted(shards.items())
    }


def search_config(
    *,
    lang: str,
    pagefind_language: str,
    lists: WordLists,
    ending: int = 3,
    pages: int = 0,
    lexicon: list[str] | None = None,
) -> str:
    """`helpcenter-search.json`: the query rules of one language."""
    data = {
        "lang": lang,
        "pagefind_language": pagefind_language,
        "stopwords": sorted(lists.stopwords),
        "ending": ending,
        "vocabulary": VOCABULARY_FILE,
        "pages": pages,
        "lexicon": lexicon or [],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _is_word(word: str) -> bool:
    """Letters only, hyphenated compounds included ("kanta-asiakasohjelma", "poklon-bon"): a
    typo in one of them is corrected to the whole word."""
    return all(part.isalpha() for part in word.split("-"))


def vocabulary_json(counts: Counter[str], stopwords: frozenset[str]) -> str:
    """`helpcenter-vocabulary.json`: content words, most frequent first, for typo correction."""
    ranked = [
        word
        for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if len(word) >= VOCABULARY_MIN_LENGTH and _is_word(word) and fold(word) not in stopwords
    ]
    return json.dumps(
        {"words": ranked[:VOCABULARY_LIMIT]}, ensure_ascii=False, separators=(",", ":")
    )
