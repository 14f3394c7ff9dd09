"""Text normalization shared by the index builder and mirrored by `search.js` in the browser."""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters (any script) and digits, joined by inner hyphens or apostrophes: "e-pošta", "Apple Pay's".
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


def fold(text: str, *, dj: bool = False) -> str:
    """Lowercase without diacritics: "Plaćanje" -> "placanje", "äö" -> "ao".

    `đ` has no Unicode decomposition, so it is mapped by hand: to "d" by default, to "dj" (the
    usual ASCII spelling in Croatian) with `dj=True`.
    """
    # The build folds the same words hundreds of thousands of times.
    return _fold_dj(text) if dj else _fold(text)


@functools.lru_cache(maxsize=200_000)
def _fold(text: str) -> str:
    return _folded(text, dj=False)


@functools.lru_cache(maxsize=20_000)
def _fold_dj(text: str) -> str:
    return _folded(text, dj=True)


def _folded(text: str, *, dj: bool) -> str:
    text = text.casefold().replace("đ", "dj" if dj else "d")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def words(text: str) -> list[str]:
    """The words of `text`, lowercased, in order; hyphenated words stay whole."""
    return [match.group(0).casefold() for match in _WORD.finditer(text)]


def dj_variants(word: str) -> list[str]:
    """ASCII spellings of a word containing `đ` ("događaj" -> "dogadaj", "dogadjaj"), else none."""
    if "đ" not in word.casefold():
        return []
    return sorted({fold(word), fold(word, dj=True)})
