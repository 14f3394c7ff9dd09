"""Synonyms applied at index time: each synonym group gets a token, and an article that uses
any term of the group, in any form, is indexed with the group's token in the field where the
term stands. The browser then searches one token per group instead of every term of it, which
keeps the index files a query loads few ("dostava" no longer loads the chunks of "isporuka",
"shipping", "slanje"...).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from helpcenter.search.morphology import Stemmer
from helpcenter.search.text import fold, words

TOKEN_PREFIX = "hcsyn"
# Pagefind matches a searched word as a prefix: with tokens of one length none is a prefix of
# another ("hcsyn3" would find "hcsyn31"). Digits, so that no stemmer shortens them.
TOKEN_DIGITS = 4


def group_token(index: int) -> str:
    """The index token of the synonym group at `index` (one word for Pagefind)."""
    return f"{TOKEN_PREFIX}{index:0{TOKEN_DIGITS}d}"


@dataclass(frozen=True)
class _Term:
    token: str
    words: tuple[str, ...]  # folded base forms
    keys: tuple[str, ...]  # their stems, folded


class SynonymMatcher:
    """Finds the synonym groups whose terms a text uses, matching words by base form or stem."""

    def __init__(
        self, groups: Sequence[Sequence[str]], *, stemmer: Stemmer, lemmas: Mapping[str, str]
    ) -> None:
        self._stemmer = stemmer
        self._lemmas = lemmas
        self._by_first: dict[str, list[_Term]] = {}
        for index, group in enumerate(groups):
            for term in group:
                term_words = tuple(fold(w) for w in words(term))
                if term_words:
                    keys = tuple(self._key(w) for w in term_words)
                    entry = _Term(group_token(index), term_words, keys)
                    self._by_first.setdefault(keys[0], []).append(entry)
        self._word_keys: dict[str, frozenset[str]] = {}

    def _key(self, folded: str) -> str:
        return fold(self._stemmer.stem(folded))

    def _keys(self, word: str) -> frozenset[str]:
        """What a text word is known by: its stem, its base form and the stem of that."""
        known = self._word_keys.get(word)
        if known is None:
            folded = fold(word)
            lemma = self._lemmas.get(folded, folded)
            known = frozenset({self._key(folded), lemma, self._key(lemma)})
            self._word_keys[word] = known
        return known

    def tokens(self, text: str) -> list[str]:
        """Tokens of the groups `text` uses, in first-seen order."""
        keys = [self._keys(word) for word in words(text)]
        found: dict[str, None] = {}
        for at, word_keys in enumerate(keys):
            # Ordered, not a set: the tokens' order reaches the index (byte-identical builds).
            candidates = dict.fromkeys(
                t for key in sorted(word_keys) for t in self._by_first.get(key, ())
            )
            for term in candidates:
                following = keys[at : at + len(term.words)]
                if len(following) == len(term.words) and all(
                    key in k or w in k
                    for w, key, k in zip(term.words, term.keys, following, strict=True)
                ):
                    found.setdefault(term.token, None)
        return list(found)
