"""Extra index terms for an article: base forms, ASCII spellings of `đ` and tags.

Pagefind stems words but its stemmers do not join every inflected form (Finnish "tilauksen" and
"tilaus" get different stems), nor does it fold `đ`. Adding these terms to a metadata field makes
them searchable without showing up in excerpts.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import simplemma
import snowballstemmer

from helpcenter.search.languages import SearchLanguage
from helpcenter.search.text import dj_variants, fold, words

# simplemma guesses on unknown words; very short words are mostly function words anyway.
MIN_LEMMA_WORD = 3


class LanguageTools:
    """Cached stemming and lemmatization for one language; absent tools give the word back."""

    def __init__(self, language: SearchLanguage) -> None:
        self.language = language
        self._stemmer = snowballstemmer.stemmer(language.snowball) if language.snowball else None

    @functools.lru_cache(maxsize=200_000)  # noqa: B019 - one instance per language and build
    def stem(self, word: str) -> str:
        return self._stemmer.stemWord(word) if self._stemmer else word

    @functools.lru_cache(maxsize=200_000)  # noqa: B019
    def lemma(self, word: str) -> str:
        if not self.language.lemmas or len(word) < MIN_LEMMA_WORD or not word.isalpha():
            return word
        try:
            return str(simplemma.lemmatize(word, lang=self.language.lemmas)).casefold()
        except ValueError:  # a language simplemma does not know
            return word


def expansion_terms(
    text: str,
    *,
    tags: Iterable[str],
    tools: LanguageTools,
    stopwords: frozenset[str],
) -> list[str]:
    """Terms to add to an article's index entry, in first-seen order, none already in `text`."""
    present = set(words(text))
    extra: dict[str, None] = {}

    def add(term: str) -> None:
        if term and term not in present and fold(term) not in stopwords:
            extra.setdefault(term, None)

    for tag in tags:
        for word in words(tag):
            add(word)
            present.add(word)
    for word in dict.fromkeys(words(text)):
        if fold(word) in stopwords:
            continue
        add(tools.lemma(word))
        for variant in dj_variants(word):
            add(variant)
    return list(extra)
