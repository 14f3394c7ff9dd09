"""The build's word analysis with the real libraries: simplemma, Voikko and wordfreq."""

from __future__ import annotations

import os

import pytest

from helpcenter.search.languages import search_language
from helpcenter.search.morphology import analyze_language, compound_parts


def _voikko() -> object:
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except (ImportError, OSError) as exc:
        if os.environ.get("CI") == "true":
            raise AssertionError(f"Voikko is required under CI: {exc}") from exc
        pytest.skip(f"Voikko (Debian libvoikko1 voikko-fi) is not installed: {exc}")


def test_finnish_compounds_split_into_base_forms_of_their_parts() -> None:
    voikko = _voikko()
    assert compound_parts(voikko, "toimitusmaksun") == ("toimitus", "maksu")
    assert compound_parts(voikko, "lahjakortin") == ("lahja", "kortti")
    assert compound_parts(voikko, "tilaus") == ()  # not a compound


def test_finnish_words_get_base_forms_and_parts_pagefind_would_not_match() -> None:
    _voikko()
    analysis = analyze_language(
        search_language("fi"), ["tilauksen", "toimitusmaksu", "tilaus", "maksu"]
    )
    # Snowball's stem of "tilaus" does not begin "tilauksen": the base form is indexed.
    assert "tilaus" in analysis.terms["tilauksen"]
    # "toimitus" is a prefix Pagefind finds by itself; "maksu" inside the compound is not.
    assert analysis.terms["toimitusmaksu"] == ("maksu",)
    # A customer's other form of an indexed word leads to it...
    assert analysis.forms["tilauksia"] == "tilaus"
    # ...and the language's generic words are known.
    assert "vuosi" in analysis.common


def test_croatian_forms_of_content_words_lead_to_their_base_form() -> None:
    analysis = analyze_language(search_language("hr"), ["otkazati", "narudžba", "pošiljka"])
    # Pagefind indexes Croatian unstemmed: every form leads to its base form, those whose stem
    # changes ("otkažem", "otkazati") and those whose stem does not ("narudžbe").
    assert analysis.forms["otkazem"] == "otkazati"
    assert analysis.forms["narudzbe"] == "narudzba"
    assert "kupio" in analysis.common


def test_a_language_without_tools_analyzes_to_nothing() -> None:
    analysis = analyze_language(search_language("xx"), ["wort", "worte"])
    assert analysis.forms == {} and analysis.common == frozenset()
    assert analysis.terms == {}
