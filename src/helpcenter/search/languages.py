"""Which language tools serve each site language: the one table to extend for a new language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchLanguage:
    """Tools for one site language; None means "none available", never an error."""

    # Pagefind index language: picks its Snowball stemmer and is passed to the browser client.
    pagefind: str
    # `snowballstemmer` algorithm name, used at build time to match synonyms to inflected forms.
    snowball: str | None
    # `simplemma` language code, used at build time to add base forms (lemmas) to the index.
    lemmas: str | None


# Croatian has no Snowball stemmer of its own; Snowball's Serbian (Latin) stemmer is derived from
# the Ljubešić–Pandžić Croatian stemmer and also maps ijekavian forms (promijeniti, promjena) to a
# shared stem. simplemma's Croatian data lives under "hbs" (Serbo-Croatian).
LANGUAGES: dict[str, SearchLanguage] = {
    "hr": SearchLanguage(pagefind="sr", snowball="serbian", lemmas="hbs"),
    "sr": SearchLanguage(pagefind="sr", snowball="serbian", lemmas="hbs"),
    "bs": SearchLanguage(pagefind="sr", snowball="serbian", lemmas="hbs"),
    "fi": SearchLanguage(pagefind="fi", snowball="finnish", lemmas="fi"),
    "sv": SearchLanguage(pagefind="sv", snowball="swedish", lemmas="sv"),
    "de": SearchLanguage(pagefind="de", snowball="german", lemmas="de"),
    "en": SearchLanguage(pagefind="en", snowball="english", lemmas="en"),
}


def search_language(lang: str) -> SearchLanguage:
    """The tools for `lang` ("hr", "fi-FI"...); an unknown language is indexed under its own code."""
    base = lang.split("-")[0].split("_")[0].lower()
    return LANGUAGES.get(base, SearchLanguage(pagefind=base, snowball=None, lemmas=None))
