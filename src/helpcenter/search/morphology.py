"""Word analysis at build time: base forms (simplemma), Finnish compound parts (Voikko) and
general word frequencies (wordfreq).

The browser cannot run these libraries, so the build turns their answers into data: extra index
terms for each article (the base forms and compound parts of its words) and a lexicon of the
inflected forms a customer may type for the words the content uses (`lexicon.py`).

One `analyze_language` call does all the work of one language in a worker process, so the two
languages' dictionaries load side by side while Pagefind indexes.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

import snowballstemmer  # type: ignore[import-untyped]  # ships no type hints

from helpcenter.search.languages import SearchLanguage
from helpcenter.search.text import fold

log = logging.getLogger(__name__)

# A compound part shorter than this is rarely a word of its own ("-us" derivations, linking
# letters); Voikko marks them as parts all the same.
MIN_PART_LENGTH = 3
# General words this frequent (Zipf scale: 5 = once per 100,000 words) are generic when the
# content lacks them: "kupio", "prije", "tjedna" in a customer's story.
COMMON_ZIPF = 3.5
COMMON_WORDS_LIMIT = 12_000


@dataclass(frozen=True)
class WordAnalysis:
    """What the build learnt about one language's words; all words folded."""

    # every analysed word -> its base form
    lemmas: dict[str, str] = field(default_factory=dict)
    # content word -> extra index terms (base form, compound parts) Pagefind would not match
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # inflected form a customer may type -> the base form the index knows
    forms: dict[str, str] = field(default_factory=dict)
    # frequent words of the language, for telling a generic query word from a distinctive one
    common: frozenset[str] = frozenset()


class Stemmer:
    """Snowball, as Pagefind applies it to both the index and the query."""

    def __init__(self, algorithm: str | None) -> None:
        self._stemmer = snowballstemmer.stemmer(algorithm) if algorithm else None

    @functools.lru_cache(maxsize=200_000)  # noqa: B019 - one instance per language and build
    def stem(self, word: str) -> str:
        return self._stemmer.stemWord(word) if self._stemmer else word

    def matches(self, query_word: str, indexed_word: str) -> bool:
        """Whether Pagefind finds `indexed_word` for `query_word` (stem as a prefix)."""
        return fold(self.stem(indexed_word)).startswith(fold(self.stem(query_word)))


class Lemmas:
    """simplemma for one language: base forms of words, and every form of given base forms."""

    def __init__(self, code: str) -> None:
        from simplemma import Lemmatizer
        from simplemma.strategies import DefaultStrategy
        from simplemma.strategies.dictionaries import DefaultDictionaryFactory

        self.code = code
        self._dictionaries = DefaultDictionaryFactory()
        strategy = DefaultStrategy(dictionary_factory=self._dictionaries)
        self._lemmatizer = Lemmatizer(lemmatization_strategy=strategy)

    def lemma(self, word: str) -> str:
        return self._lemmatizer.lemmatize(word, lang=self.code).lower()

    def load(self) -> None:
        """Load the dictionary now (3.5 million forms for Finnish)."""
        self._dictionaries.get_dictionary(self.code)

    def forms(self, lemmas: set[str]) -> dict[str, list[str]]:
        """Every form simplemma knows for each of `lemmas` (lowercase)."""
        forms: dict[str, list[str]] = {}
        for form, lemma in self._dictionaries.get_dictionary(self.code).items():
            lemma = lemma.lower()
            if lemma in lemmas:
                forms.setdefault(lemma, []).append(form.lower())
        return forms


def _voikko(code: str | None) -> object | None:
    """Voikko for `code`, or None (logged) where libvoikko or its dictionary is missing."""
    if not code:
        return None
    try:
        import libvoikko  # type: ignore[import-untyped]  # ships no type hints

        voikko: object = libvoikko.Voikko(code)
        return voikko
    except (ImportError, OSError) as exc:
        log.warning(f"search: no compound analysis for '{code}' (Voikko unavailable: {exc})")
        return None


def compound_parts(voikko: object, word: str) -> tuple[str, ...]:
    """The base forms of a compound's parts ("toimitusmaksun" -> "toimitus", "maksu"), else ()."""
    analyses = voikko.analyze(word)  # type: ignore[attr-defined]
    for analysis in analyses:
        structure = analysis.get("STRUCTURE", "")
        baseform = analysis.get("BASEFORM", "")
        if structure.count("=") < 2 or not baseform:
            continue
        # STRUCTURE has one mark per letter and an "=" before each part's first letter.
        marks = [i for i, c in enumerate(structure) if c == "="]
        starts = [at - n for n, at in enumerate(marks)]
        surface = [
            word[start:end] for start, end in zip(starts, [*starts[1:], len(word)], strict=True)
        ]
        parts = surface[:-1]
        # The last part inflects; its base form is what the whole word's base form ends with.
        head = "".join(parts)
        last = baseform[len(head) :] if baseform.lower().startswith(head.lower()) else surface[-1]
        found = tuple(p.lower() for p in [*parts, last] if len(p) >= MIN_PART_LENGTH)
        if len(found) >= 2:
            return found
    return ()


@functools.cache
def _lemmatizer(code: str) -> Lemmas:
    """One per language and process: its dictionary loads once."""
    return Lemmas(code)


def warm_up(language: SearchLanguage) -> None:
    """Load what `analyze_language` needs for `language` (seconds for Finnish), so that a
    worker started early has it ready when the content's words arrive."""
    if language.lemmas:
        _lemmatizer(language.lemmas).load()
    _common_words(language.frequencies)


@functools.cache
def _common_words(code: str | None) -> frozenset[str]:
    if not code:
        return frozenset()
    import wordfreq

    words = wordfreq.top_n_list(code, COMMON_WORDS_LIMIT)
    return frozenset(
        fold(w) for w in words if w.isalpha() and wordfreq.zipf_frequency(w, code) >= COMMON_ZIPF
    )


def analyze_language(language: SearchLanguage, words: Iterable[str]) -> WordAnalysis:
    """Extra index terms for `words` (the content's, lowercase) and the query-side lexicon."""
    stemmer = Stemmer(language.snowball if language.pagefind_stems else None)
    lemmatizer = _lemmatizer(language.lemmas) if language.lemmas else None
    voikko = _voikko(language.compounds)
    terms: dict[str, tuple[str, ...]] = {}
    lemma_of: dict[str, str] = {}
    lemmas: set[str] = set()
    for word in sorted(set(words)):
        if not word.isalpha():
            continue
        extra: list[str] = []
        lemma = lemmatizer.lemma(word) if lemmatizer else word
        lemmas.add(lemma)
        lemma_of[fold(word)] = fold(lemma)
        extra.append(lemma)
        if voikko is not None and len(word) >= 2 * MIN_PART_LENGTH:
            parts = compound_parts(voikko, word)
            extra.extend(parts)
            lemmas.update(parts)
        # Only what Pagefind would not find by itself: a base form whose stem the word's
        # stem does not start with ("tilaus" for "tilauksen"), and compound parts.
        useful = tuple(
            dict.fromkeys(fold(t) for t in extra if t != word and not stemmer.matches(t, word))
        )
        if useful:
            terms[fold(word)] = useful
    forms: dict[str, str] = {}
    if lemmatizer:
        for lemma, lemma_forms in lemmatizer.forms(lemmas).items():
            for form in lemma_forms:
                # The query side: a form whose search would not find the base form itself
                # ("tilauksen" does not find "tilaus"), which every page with the word has.
                if form != lemma and form.isalpha() and not stemmer.matches(form, lemma):
                    forms.setdefault(fold(form), fold(lemma))
    if voikko is not None:
        voikko.terminate()  # type: ignore[attr-defined]
    return WordAnalysis(
        lemmas=lemma_of,
        terms=terms,
        forms=forms,
        common=_common_words(language.frequencies),
    )
