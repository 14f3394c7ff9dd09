"""Synonyms at index time: the group tokens an article's text earns."""

from __future__ import annotations

from helpcenter.search.morphology import Stemmer
from helpcenter.search.synonyms import SynonymMatcher, group_token

GROUPS = (("paket", "pošiljka"), ("povrat novca", "refundacija"), ("jamstvo", "garancija"))


def _matcher(lemmas: dict[str, str] | None = None) -> SynonymMatcher:
    return SynonymMatcher(GROUPS, stemmer=Stemmer("serbian"), lemmas=lemmas or {})


def test_a_term_in_any_form_earns_its_groups_token() -> None:
    matcher = _matcher()
    assert matcher.tokens("Vaša pošiljka je na putu") == [group_token(0)]
    # Another case of the same word (same Snowball stem).
    assert matcher.tokens("Pratite pošiljku") == [group_token(0)]
    assert matcher.tokens("Kako ide povrat novca?") == [group_token(1)]


def test_a_phrase_needs_all_its_words_in_order() -> None:
    assert _matcher().tokens("povrat proizvoda bez novca") == []


def test_a_word_that_only_starts_like_a_term_earns_nothing() -> None:
    # "paketomat" is not a form of "paket".
    assert _matcher().tokens("Preuzmite u paketomatu") == []


def test_base_forms_from_the_analysis_join_forms_the_stemmer_splits() -> None:
    # An irregular form whose stem differs: the build's base form joins it to the term.
    assert _matcher().tokens("jamstava") == []
    assert _matcher({"jamstava": "jamstvo"}).tokens("jamstava") == [group_token(2)]


def test_tokens_are_never_prefixes_of_each_other() -> None:
    tokens = [group_token(i) for i in range(120)]
    assert not any(a != b and b.startswith(a) for a in tokens for b in tokens)
