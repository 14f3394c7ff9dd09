"""Which language tools serve each site language: the one table to extend for a new language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchLanguage:
    """Tools for one site language; None means "none available", never an error."""

    # Pagefind index language: picks its Snowball stemmer and is passed to the browser client.
    pagefind: str
    # `snowballstemmer` algorithm, used at build time to match synonyms to inflected forms.
    snowball: str | None
    # Longest inflectional ending (letters after a synonym's stem) the browser accepts as a form
    # of that synonym: Finnish endings (-kseni, -issaan) are longer than Croatian ones (-ama).
    ending: int = 3
    # simplemma's language code (base forms at index and query time), Voikko's language code
    # (compound parts) and wordfreq's (which words are generic).
    lemmas: str | None = None
    compounds: str | None = None
    frequencies: str | None = None
    # Whether Pagefind stems this language's index with `snowball`: the build then adds only
    # the base forms that stemming would not find.
    pagefind_stems: bool = True


# Croatian has no Snowball stemmer of its own. Pagefind indexes it unstemmed: its Serbian stemmer
# would make the browser download a 93 kB WebAssembly file instead of 68 kB, and the base forms
# from simplemma (added to the index at build time, looked up by the browser in the lexicon)
# join the forms of a word instead. Snowball's Serbian (Latin) stemmer, derived from the
# Ljubešić-Pandžić Croatian stemmer, still matches synonyms to inflected forms at build time.
# A language missing here is indexed under its own code, without stemming if Pagefind has no
# stemmer for it.
LANGUAGES: dict[str, SearchLanguage] = {
    # simplemma and wordfreq treat Croatian, Bosnian and Serbian as one language ("hbs", "sh").
    "hr": SearchLanguage(
        pagefind="hr", snowball="serbian", lemmas="hbs", frequencies="sh", pagefind_stems=False
    ),
    "bs": SearchLanguage(
        pagefind="bs", snowball="serbian", lemmas="hbs", frequencies="sh", pagefind_stems=False
    ),
    "sr": SearchLanguage(pagefind="sr", snowball="serbian", lemmas="hbs", frequencies="sh"),
    "fi": SearchLanguage(
        pagefind="fi", snowball="finnish", ending=5, lemmas="fi", compounds="fi", frequencies="fi"
    ),
    "sv": SearchLanguage(pagefind="sv", snowball="swedish", lemmas="sv", frequencies="sv"),
    "de": SearchLanguage(pagefind="de", snowball="german", lemmas="de", frequencies="de"),
    "en": SearchLanguage(pagefind="en", snowball="english", lemmas="en", frequencies="en"),
}


def search_language(lang: str) -> SearchLanguage:
    """The tools for `lang` ("hr", "fi-FI"...)."""
    base = lang.split("-")[0].split("_")[0].lower()
    return LANGUAGES.get(base, SearchLanguage(pagefind=base, snowball=None))
