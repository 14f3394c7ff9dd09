"""The search boxes of the starter site in headless Chromium: finding, isolation, no-results state,
keyboard use, searches by URL and requests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from tests.search.searchbox import HOME, result_paths, search, type_query
from tests.site.support import page_url
from tests.support import ROOT

pytestmark = pytest.mark.browser

# (lang, kind, query, acceptable articles): each must be among the first three results.
CASES = [
    ("hr", "exact", "otkazivanje narudžbe", ["narudzbe/otkazivanje-narudzbe"]),
    ("hr", "exact", "plaćanje na rate", ["placanje/placanje-na-rate"]),
    ("hr", "no_diacritics", "korisnicka sluzba", ["korisnicka-sluzba/kontakt-korisnicke-sluzbe"]),
    ("hr", "no_diacritics", "placanje pouzecem", ["placanje/nacini-placanja"]),
    (
        "hr",
        "no_diacritics",
        "narudzba",
        [
            "narudzbe/otkazivanje-narudzbe",
            "narudzbe/pracenje-narudzbe",
            "narudzbe/promjena-narudzbe",
            "narudzbe/potvrda-narudzbe-nije-stigla",
        ],
    ),
    ("hr", "inflected", "promjenu adrese", ["dostava/promjena-adrese-dostave"]),
    ("hr", "inflected", "otkazati narudžbu", ["narudzbe/otkazivanje-narudzbe"]),
    ("hr", "inflected", "pošiljke kasne", ["dostava/paket-nije-stigao"]),
    ("hr", "question", "kako mogu promijeniti adresu dostave", ["dostava/promjena-adrese-dostave"]),
    ("hr", "question", "što ako paket nije stigao", ["dostava/paket-nije-stigao"]),
    ("hr", "synonym", "refundacija", ["povrat/povrat-novca"]),
    ("hr", "synonym", "poništiti narudžbu", ["narudzbe/otkazivanje-narudzbe"]),
    ("hr", "typo", "reklamcija", ["korisnicka-sluzba/reklamacija-ostecenog-proizvoda"]),
    ("hr", "typo", "otkazivnje narudžbe", ["narudzbe/otkazivanje-narudzbe"]),
    ("fi", "exact", "seurantakoodi", ["narudzbe/pracenje-narudzbe"]),
    ("fi", "exact", "palautus", ["povrat/povrat-proizvoda"]),
    (
        "fi",
        "no_diacritics",
        "tilausvahvistus ei tullut sahkopostiin",
        ["narudzbe/potvrda-narudzbe-nije-stigla"],
    ),
    (
        "fi",
        "no_diacritics",
        "rikkinainen tuote",
        ["korisnicka-sluzba/reklamacija-ostecenog-proizvoda"],
    ),
    ("fi", "inflected", "tilaukseni seuranta", ["narudzbe/pracenje-narudzbe"]),
    ("fi", "inflected", "tilauksen peruminen", ["narudzbe/otkazivanje-narudzbe"]),
    ("fi", "question", "miten voin perua tilauksen", ["narudzbe/otkazivanje-narudzbe"]),
    ("fi", "question", "voinko maksaa laskulla", ["placanje/nacini-placanja"]),
    ("fi", "synonym", "nettipankki", ["placanje/verkkopankkimaksu"]),
    ("fi", "synonym", "tilauksen mitätöinti", ["narudzbe/otkazivanje-narudzbe"]),
    ("fi", "typo", "reklamatio", ["korisnicka-sluzba/reklamacija-ostecenog-proizvoda"]),
    ("fi", "typo", "verkopankkimaksu", ["placanje/verkkopankkimaksu"]),
]


@pytest.fixture
def home(page: Any, site_url: str) -> Any:
    """A page factory: open a language's home page and return the Playwright page."""

    def open_home(lang: str) -> Any:
        page.goto(site_url + HOME[lang])
        return page

    return open_home


@pytest.mark.parametrize(
    ("lang", "kind", "query", "expected"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES]
)
def test_expected_article_is_among_the_first_three(
    home: Any, lang: str, kind: str, query: str, expected: list[str]
) -> None:
    page = home(lang)
    top3 = search(page, query)[:3]
    wanted = {page_url(lang, path) for path in expected}
    assert wanted & set(top3), f"{kind} query {query!r}: first three were {top3}"


@pytest.mark.parametrize("query", ["chat", "Apple Pay", "paket", "tilaus", "narudžba", "e-pošta"])
def test_results_are_only_in_the_page_language(home: Any, query: str) -> None:
    page = home("fi")
    fi_results = search(page, query)
    assert all(p.startswith("/fi/") for p in fi_results), fi_results
    page = home("hr")
    hr_results = search(page, query)
    assert not any(p.startswith("/fi/") for p in hr_results), hr_results
    assert fi_results or hr_results


def test_the_home_page_box_searches_too_and_shows_title_collection_excerpt_sections(
    home: Any,
) -> None:
    page = home("hr")
    assert search(page, "povrat novca", box="hero")[0] == "/povrat/povrat-novca/"
    first = page.locator("[data-hc-search=hero] .hc-search__item").first
    assert first.locator(".hc-search__title").inner_text() == "Kada ću dobiti povrat novca?"
    assert first.locator(".hc-search__collection").inner_text() == "Povrat i zamjena"
    marks = first.locator(".hc-search__excerpt mark").all_inner_texts()
    assert any(m.lower().startswith(("povrat", "novc")) for m in marks), marks
    section = first.locator("a[data-search-section]").first
    assert urlsplit(section.get_attribute("href")).fragment
    # Shown results are links; the count is announced politely.
    status = page.locator("[data-hc-search=hero] [data-search-status]")
    assert status.get_attribute("aria-live") == "polite"
    count = page.locator("[data-hc-search=hero] a[data-search-result]").count()
    assert status.inner_text() == (f"{count} rezultata" if count != 1 else "1 rezultat")


@pytest.mark.parametrize(
    ("lang", "query", "collections", "contact"),
    [
        ("hr", "kako je li", 3, "podrska@lanterna.example"),
        ("hr", "xqzvw blorftg", 3, "podrska@lanterna.example"),
        ("fi", "miten voin", 3, "asiakaspalvelu@lanterna.example"),
        ("fi", "qwxyzz plörk", 3, "asiakaspalvelu@lanterna.example"),
    ],
)
def test_stop_words_or_nonsense_show_the_no_results_state(
    home: Any, lang: str, query: str, collections: int, contact: str
) -> None:
    page = home(lang)
    assert type_query(page, query) == "empty"
    assert result_paths(page) == []
    panel = page.locator("[data-hc-search=header] [data-search-panel]")
    assert panel.is_visible()
    message = panel.locator(".hc-search-empty__message").inner_text()
    assert query.strip() in message
    assert page.locator("[data-hc-search=header] [data-search-status]").inner_text() == message
    links = panel.locator(".hc-search-empty__collections a")
    assert links.count() == collections
    assert all(
        urlsplit(h).path.startswith(HOME[lang])
        for h in links.evaluate_all("els => els.map(e => e.href)")
    )
    assert contact in panel.locator(".hc-contact").inner_text()
    # The cloned contact block must not duplicate ids of the page.
    ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
    assert len(ids) == len(set(ids))


def test_the_three_suggested_collections_are_the_largest(home: Any) -> None:
    page = home("hr")
    type_query(page, "xqzvw")
    titles = page.locator(
        "[data-hc-search=header] .hc-search-empty__collections a"
    ).all_inner_texts()
    # Starter content: Dostava has 5 articles, Narudžbe and Plaćanje 4, Povrat 3.
    assert titles == ["Dostava", "Narudžbe", "Plaćanje"]


def test_keyboard_slash_arrows_enter_and_escape(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/narudzbe/otkazivanje-narudzbe/")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")
    field = page.locator("#hc-search-header-input")
    assert page.evaluate("document.activeElement.id") == "hc-search-header-input"
    page.keyboard.type("povrat novca")
    page.wait_for_function(
        "() => document.querySelector('[data-hc-search=header] [data-search-results]').dataset.searchState === 'results'"
        " && document.querySelector('#hc-search-header-input').value === 'povrat novca'"
    )
    links = page.eval_on_selector_all(
        "[data-hc-search=header] [data-search-results] a", "els => els.map(e => e.href)"
    )
    assert len(links) >= 2
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == links[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == links[1]
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.href") == links[0]
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "hc-search-header-input"
    # Escape closes the results and leaves the visitor in the box.
    panel = page.locator("[data-hc-search=header] [data-search-panel]")
    assert panel.is_visible()
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert page.evaluate("document.activeElement.id") == "hc-search-header-input"
    assert field.input_value() == "povrat novca"
    # Back to the results, and Enter opens the focused one.
    field.fill("povrat novca ")
    page.wait_for_function(
        "() => !document.querySelector('[data-hc-search=header] [data-search-panel]').hidden"
    )
    page.keyboard.press("ArrowDown")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)


def test_slash_does_not_steal_typing_in_a_field(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/")
    hero = page.locator("#hc-hero-search-input")
    hero.click()
    page.keyboard.type("a/b")
    assert hero.input_value() == "a/b"


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/", "kako otkazati narudžbu", "/narudzbe/otkazivanje-narudzbe/"),
        ("/fi/", "miten voin perua tilauksen", "/fi/tilaukset/tilauksen-peruminen/"),
    ],
)
def test_search_by_url_and_the_no_javascript_form(
    page: Any, site_url: str, path: str, query: str, expected: str
) -> None:
    page.goto(f"{site_url}{path}?q={quote(query)}")
    box = page.locator("[data-hc-search=hero]")
    assert box.locator("input[type=search]").input_value() == query
    page.wait_for_function(
        "q => document.querySelector('[data-hc-search=hero] [data-search-results]').dataset.searchQuery === q"
        " && document.querySelector('[data-hc-search=hero] [data-search-results]').dataset.searchState === 'results'",
        arg=query,
    )
    assert expected in result_paths(page, box="hero")[:3]
    # Without JavaScript both boxes are GET forms to the language's home page, field `q`.
    for form in (box, page.locator("[data-hc-search=header]")):
        assert form.get_attribute("method") == "get"
        assert urlsplit(form.evaluate("f => f.action")).path == path
        assert form.locator("input[type=search]").get_attribute("name") == "q"


def test_every_page_has_an_accessible_header_search(page: Any, site_url: str) -> None:
    for path in ("/", "/dostava/", "/fi/palautukset/rahojen-palautus/", "/tags/", "/fi/404.html"):
        page.goto(site_url + path)
        form = page.locator("[data-hc-search=header]")
        assert form.get_attribute("role") == "search"
        field = form.locator("input[type=search]")
        assert field.is_visible()
        label = page.locator(f"label[for={field.get_attribute('id')}]").inner_text()
        assert label in ("Pretraži centar za pomoć", "Hae ohjekeskuksesta")
        # Material's own search box and its language-mixing index are gone.
        assert page.locator(".md-search").count() == 0


def test_searching_requests_only_this_site(page: Any, site_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.context.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "/fi/")
    search(page, "palautus")
    search(page, "xqzvw")  # no results: the typo vocabulary is fetched too
    assert any("/fi/pagefind/" in url for url in requests)
    origin = urlsplit(site_url).netloc
    assert {urlsplit(u).netloc for u in requests if not u.startswith("data:")} == {origin}


def test_each_language_has_its_own_index(built_site: Path) -> None:
    for lang, folder, index_language in (("hr", built_site, "hr"), ("fi", built_site / "fi", "fi")):
        entry = json.loads((folder / "pagefind" / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [index_language]
        config = json.loads((folder / "pagefind" / "helpcenter-search.json").read_text())
        assert config["lang"] == lang and config["pagefind_language"] == index_language
        home = (folder / "index.html").read_text()
        assert f'data-language="{index_language}"' in home
    # Croatian has no stemmer in Pagefind: the browser loads the small unstemmed WebAssembly.
    assert [p.name for p in (built_site / "pagefind").glob("wasm.*")] == ["wasm.unknown.pagefind"]
    articles = [p for p in (ROOT / "docs" / "fi").glob("*/*.md") if p.name != "index.md"]
    assert entry["languages"]["fi"]["page_count"] == len(articles)
    assert not (built_site / "search" / "search_index.json").exists()
