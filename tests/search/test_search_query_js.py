"""The query side in the browser (assets/javascripts/search.js): folding, stop words, synonyms.

These run the page's own functions, with the word lists the build shipped for its language.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.search.searchbox import HOME

pytestmark = pytest.mark.browser

PARSE = """async ([query, typing]) => {
  const engine = await helpcenterSearch.loadEngine();
  return helpcenterSearch.parseQuery(query, engine.rules, typing).map(c => ({
    text: c.text,
    alternatives: c.alternatives.slice(1).map(a => a.text),
  }));
}"""


@pytest.fixture(scope="module")
def pages(chromium: Any, site_url: str) -> Any:
    context = chromium.new_context()
    opened = {}
    for lang in HOME:
        opened[lang] = context.new_page()
        opened[lang].goto(site_url + HOME[lang])
    yield opened
    context.close()


def concepts(page: Any, query: str, *, typing: bool = False) -> list[dict[str, Any]]:
    return page.evaluate(PARSE, [query, typing])


def texts(page: Any, query: str) -> list[str]:
    return [c["text"] for c in concepts(page, query)]


@pytest.mark.parametrize(
    ("text", "folded", "dj"),
    [
        ("Plaćanje POUZEĆEM", "placanje pouzecem", "placanje pouzecem"),
        ("Đurđevac", "durdevac", "djurdjevac"),
        ("Ääliö Åland", "aalio aland", "aalio aland"),
    ],
)
def test_folding_matches_the_build(pages: Any, text: str, folded: str, dj: str) -> None:
    page = pages["hr"]
    assert page.evaluate("t => helpcenterSearch.fold(t)", text) == folded
    assert page.evaluate("t => helpcenterSearch.fold(t, true)", text) == dj


def test_croatian_question_keeps_its_content_words(pages: Any) -> None:
    assert texts(pages["hr"], "Kako mogu promijeniti adresu dostave?") == [
        "promijeniti",
        "adresu",
        "dostave",
    ]
    assert texts(pages["hr"], "mogu li platiti pouzećem") == ["platiti", "pouzećem"]
    # Stop words match without diacritics as well.
    assert texts(pages["hr"], "sto ako paket nije stigao") == ["paket", "stigao"]


def test_finnish_question_keeps_its_content_words(pages: Any) -> None:
    assert texts(pages["fi"], "Miten voin perua tilauksen?") == ["perua", "tilauksen"]
    assert texts(pages["fi"], "onko mita kuinka") == []


def test_only_stop_words_leave_nothing_to_search(pages: Any) -> None:
    assert concepts(pages["hr"], "kako je li to") == []
    assert concepts(pages["fi"], "miten voin") == []


def test_synonyms_apply_to_inflected_forms(pages: Any) -> None:
    (posiljke,) = concepts(pages["hr"], "pošiljke")
    assert posiljke["alternatives"] == ["paket"]
    (lahetyksen,) = concepts(pages["fi"], "lähetyksen")
    assert "toimitus" in lahetyksen["alternatives"]


def test_multi_word_synonyms_both_ways(pages: Any) -> None:
    (refund,) = concepts(pages["hr"], "refundacija")
    assert "povrat novca" in refund["alternatives"]
    phrase, rest = concepts(pages["hr"], "povrat novca pouzećem")
    assert phrase["text"] == "povrat novca"
    assert "refundacija" in phrase["alternatives"]
    assert rest["text"] == "pouzećem"


def test_dj_spellings_become_alternatives(pages: Any) -> None:
    (typed,) = concepts(pages["hr"], "dogadjaj")
    assert typed["alternatives"] == ["događaj"]
    (written,) = concepts(pages["hr"], "događaj")
    assert written["alternatives"] == ["dogadjaj"]


def test_an_unfinished_short_last_word_waits(pages: Any) -> None:
    assert [c["text"] for c in concepts(pages["hr"], "narudžba d", typing=True)] == ["narudžba"]
    assert [c["text"] for c in concepts(pages["hr"], "narudžba d", typing=False)] == [
        "narudžba",
        "d",
    ]


def test_typo_distance(pages: Any) -> None:
    distance = "([a, b]) => helpcenterSearch.distance(a, b, 2)"
    assert pages["hr"].evaluate(distance, ["dostvaa", "dostava"]) == 1  # transposition
    assert pages["hr"].evaluate(distance, ["reklamcija", "reklamacija"]) == 1
    assert pages["hr"].evaluate(distance, ["xqzvw", "dostava"]) == 3  # "more than 2"
