"""The editable per-language word lists: `locales/<lang>/stopwords.txt` and `synonyms.txt`.

Both files are optional: a language without them searches without stop words or synonyms.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpcenter.search.text import fold, words

STOPWORDS_FILE = "stopwords.txt"
SYNONYMS_FILE = "synonyms.txt"


class WordListError(ValueError):
    """A malformed line, reported as `path:line: message`."""


@dataclass(frozen=True)
class WordLists:
    """Stop words (folded) and synonym groups (each a tuple of equivalent terms) of one language."""

    stopwords: frozenset[str]
    synonyms: tuple[tuple[str, ...], ...]

    def is_stopword(self, word: str) -> bool:
        return fold(word) in self.stopwords

    def synonym_words(self) -> list[str]:
        """Every word of every synonym term, for the build's word analysis."""
        return [word for group in self.synonyms for term in group for word in words(term)]


def _content_lines(path: Path) -> list[tuple[int, str]]:
    lines = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if line:
            lines.append((number, line))
    return lines


def parse_stopwords(path: Path) -> frozenset[str]:
    """Words separated by whitespace or lines; `#` starts a comment. Stored folded."""
    found: set[str] = set()
    for number, line in _content_lines(path):
        for token in line.split():
            parsed = words(token)
            if len(parsed) != 1 or parsed[0] != token.casefold():
                raise WordListError(f"{path}:{number}: '{token}' is not a single word")
            found.add(fold(token))
    return frozenset(found)


def parse_synonyms(path: Path) -> tuple[tuple[str, ...], ...]:
    """One group per line, terms separated by `=`: `refundacija = povrat novca`."""
    groups = []
    for number, line in _content_lines(path):
        terms = [" ".join(words(term)) for term in line.split("=")]
        if len(terms) < 2 or any(not term for term in terms):
            raise WordListError(
                f"{path}:{number}: expected two or more terms separated by '=', got {line!r}"
            )
        unique = tuple(dict.fromkeys(terms))
        if len(unique) < 2:
            raise WordListError(f"{path}:{number}: a group needs two different terms, got {line!r}")
        groups.append(unique)
    return tuple(groups)


def load_word_lists(locales_dir: Path, lang: str) -> WordLists:
    """Read `locales/<lang>/{stopwords,synonyms}.txt`; a missing file means an empty list."""
    folder = locales_dir / lang
    stop = folder / STOPWORDS_FILE
    syn = folder / SYNONYMS_FILE
    return WordLists(
        stopwords=parse_stopwords(stop) if stop.is_file() else frozenset(),
        synonyms=parse_synonyms(syn) if syn.is_file() else (),
    )
