"""Extra index terms for a part of an article: base forms and compound parts of its words, and
ASCII spellings of words with `đ`.

They go into metadata fields, which Pagefind searches without showing them in excerpts. Pagefind
folds other diacritics on both sides, but `đ` has no Unicode decomposition.
"""

from __future__ import annotations

from collections.abc import Mapping

from helpcenter.search.text import dj_variants, fold, words


def index_terms(
    text: str,
    analysis: Mapping[str, tuple[str, ...]],
    *,
    stopwords: frozenset[str],
    own_words: bool = False,
) -> list[str]:
    """Terms to index for `text`, in first-seen order, none already among its words.

    `analysis` maps a folded word to its extra terms (`morphology.analyze_language`).
    `own_words`: the words themselves are indexed too (tags, which the page does not show).
    """
    text_words = words(text)
    present = set(text_words) if not own_words else set()
    extra: dict[str, None] = {}

    def add(term: str) -> None:
        if term and term not in present and fold(term) not in stopwords:
            extra.setdefault(term, None)

    for word in dict.fromkeys(text_words):
        if fold(word) in stopwords:
            continue
        if own_words:
            add(word)
        for term in analysis.get(fold(word), ()):
            add(term)
        for variant in dj_variants(word):
            add(variant)
    return list(extra)
