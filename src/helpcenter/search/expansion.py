"""Extra index terms for an article: its tags and ASCII spellings of words with `đ`.

They go into a metadata field, which Pagefind searches without showing it in excerpts. Pagefind
folds other diacritics on both sides, but `đ` has no Unicode decomposition.

Base forms from a lemmatizer (simplemma) were tried as well: on the benchmark queries they did
not improve results, and loading the dictionaries added about 3 s per language to every build.
"""

from __future__ import annotations

from collections.abc import Iterable

import snowballstemmer

from helpcenter.search.languages import SearchLanguage
from helpcenter.search.text import dj_variants, fold, words


class LanguageTools:
    """Cached Snowball stemming for one language; without a stemmer a word is its own stem."""

    def __init__(self, language: SearchLanguage) -> None:
        self.language = language
        self._stemmer = snowballstemmer.stemmer(language.snowball) if language.snowball else None
        self._stems: dict[str, str] = {}

    def stem(self, word: str) -> str:
        if word not in self._stems:
            self._stems[word] = self._stemmer.stemWord(word) if self._stemmer else word
        return self._stems[word]


def expansion_terms(text: str, *, tags: Iterable[str], stopwords: frozenset[str]) -> list[str]:
    """Terms to add to an article's index entry, in first-seen order, none already in `text`."""
    present = set(words(text))
    extra: dict[str, None] = {}

    def add(term: str) -> None:
        if term and term not in present and fold(term) not in stopwords:
            extra.setdefault(term, None)

    tag_words = [word for tag in tags for word in words(tag)]
    for word in tag_words:
        add(word)
    for word in dict.fromkeys([*words(text), *tag_words]):
        for variant in dj_variants(word):
            add(variant)
    return list(extra)
