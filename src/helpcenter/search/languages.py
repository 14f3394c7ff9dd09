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


# Croatian has no Snowball stemmer of its own; Snowball's Serbian (Latin) stemmer is derived from
# the Ljubešić-Pandžić Croatian stemmer and also maps ijekavian forms (promijeniti, promjena) to a
# shared stem. A language missing here is indexed under its own code, without stemming if
# Pagefind has no stemmer for it.
LANGUAGES: dict[str, SearchLanguage] = {
    # simplemma and wordfreq treat Croatian, Bosnian and Serbian as one language ("hbs", "sh").
    "hr": SearchLanguage(pagefind="sr", snowball="serbian", lemmas="hbs", frequencies="sh"),
    "bs": SearchLanguage(pagefind="sr", snowball="serbian", lemmas="hbs", frequencies="sh"),
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
