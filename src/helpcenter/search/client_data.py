"""The JSON files the browser loads next to each language's Pagefind bundle."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from helpcenter.search.expansion import LanguageTools
from helpcenter.search.text import fold, words
from helpcenter.search.wordlists import WordLists

CONFIG_FILE = "helpcenter-search.json"
VOCABULARY_FILE = "helpcenter-vocabulary.json"
# Typo correction looks words up here; rarer words than these are rarely what a customer means.
VOCABULARY_LIMIT = 20_000
VOCABULARY_MIN_LENGTH = 4
# Inflected forms of a synonym's word found in the content.
FORMS_LIMIT = 40
BASE_MIN_LENGTH = 5


def synonym_entries(
    lists: WordLists, tools: LanguageTools, vocabulary: Iterable[str]
) -> list[list[dict[str, Any]]]:
    """Synonym groups with what the browser needs to recognise each word in any form.

    Per word: `f` (folded), `stem` and `base` (prefixes its forms start with) and `forms` (folded
    content words with the same stem), so "pošiljke" is recognised as "pošiljka".
    """
    by_stem: dict[str, set[str]] = {}
    for word in vocabulary:
        by_stem.setdefault(tools.stem(word), set()).add(fold(word))

    def describe(word: str) -> dict[str, Any]:
        folded = fold(word)
        forms = by_stem.get(tools.stem(word), set()) - {folded}
        return {
            "f": folded,
            "stem": fold(tools.stem(word)),
            # Snowball's stems split some paradigms (Finnish "tilaus" / "tilauksen"); the word
            # less its last letter joins them again.
            "base": folded[:-1] if len(folded) >= BASE_MIN_LENGTH else folded,
            "forms": sorted(forms)[:FORMS_LIMIT],
        }

    return [
        [{"text": term, "words": [describe(word) for word in words(term)]} for term in group]
        for group in lists.synonyms
    ]


def search_config(
    *,
    lang: str,
    pagefind_language: str,
    lists: WordLists,
    synonyms: list[list[dict[str, Any]]],
    ending: int = 3,
) -> str:
    """`helpcenter-search.json`: the query rules of one language."""
    data = {
        "lang": lang,
        "pagefind_language": pagefind_language,
        "stopwords": sorted(lists.stopwords),
        "synonyms": synonyms,
        "ending": ending,
        "vocabulary": VOCABULARY_FILE,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def vocabulary_json(counts: Counter[str], stopwords: frozenset[str]) -> str:
    """`helpcenter-vocabulary.json`: content words, most frequent first, for typo correction."""
    ranked = [
        word
        for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if len(word) >= VOCABULARY_MIN_LENGTH and word.isalpha() and fold(word) not in stopwords
    ]
    return json.dumps(
        {"words": ranked[:VOCABULARY_LIMIT]}, ensure_ascii=False, separators=(",", ":")
    )
