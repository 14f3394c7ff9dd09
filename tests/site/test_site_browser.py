"""The starter site in headless Chromium: back-to-top focus, language switcher, relative dates,
skip link and requests that never leave the local server."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.site.support import page_url, soup_of

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SOURCE = "narudzbe/otkazivanje-narudzbe"
# The article in each language, as a path after the site's root (Finnish slugs in fi).
ARTICLE_AT = {lang: page_url(lang, SOURCE).removeprefix("/") for lang in ("hr", "fi")}
COLLECTION_AT = {lang: page_url(lang, "narudzbe").removeprefix("/") for lang in ("hr", "fi")}
HOME_AT = {"hr": "", "fi": "fi/"}
SKIP_LINK = {"hr": "Preskoči na sadržaj", "fi": "Siirry sisältöön"}
UPDATED = {"hr": "Ažurirano", "fi": "Päivitetty"}
# Intl.RelativeTimeFormat(lang, {numeric: "auto"}) three days back, from CLDR.
THREE_DAYS_AGO = {"hr": "prije 3 dana", "fi": "3 päivää sitten"}


def active(page: Page) -> dict[str, str]:
    """Tag, id, class and text of the focused element."""
    return page.evaluate(
        """() => { const e = document.activeElement;
            return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className,
                    text: e.textContent.trim()}; }"""
    )


@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_back_to_top_scrolls_up_and_moves_focus(page: Page, site_url: str, lang: str) -> None:
    """Clicking the last section's top link scrolls to 0 and focuses the top target."""
    page.goto(f"{site_url}/{ARTICLE_AT[lang]}")
    link = page.locator(".hc-article__body a[data-hc-top]").last
    link.scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 0
    link.click()
    page.wait_for_function("window.scrollY === 0")
    # The skip link's container at the very top of the page (see test_site_pages.py).
    assert active(page)["id"] == "hc-top"
    assert page.evaluate("location.hash") == "#hc-top"
    # Keyboard users go on from the top: the next Tab reaches the skip link.
    page.keyboard.press("Tab")
    assert active(page)["text"] == SKIP_LINK[lang]


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (ARTICLE_AT["hr"], ARTICLE_AT["fi"]),
        ("dostava/preuzimanje-u-paketomatu/", "fi/"),
    ],
    ids=["translated", "untranslated"],
)
def test_language_switcher_leads_to_the_finnish_page(
    page: Page, site_url: str, start: str, expected: str
) -> None:
    """Opening the language menu and choosing Suomi lands on the translation, or the fi home."""
    page.goto(f"{site_url}/{start}")
    page.locator(".md-select button").click()
    suomi = page.locator(".md-select a[hreflang=fi]")
    assert suomi.inner_text().strip() == "Suomi"
    suomi.click()
    page.wait_for_url(f"{site_url}/{expected}")
    assert page.url == f"{site_url}/{expected}"
    assert page.evaluate("document.documentElement.lang") == "fi"


@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_relative_updated_date_is_in_the_page_language(
    page: Page, site_url: str, built_site: Path, lang: str
) -> None:
    """The byline's absolute date becomes a relative one, worded in the page's language."""
    server = soup_of(built_site, f"{ARTICLE_AT[lang]}index.html").select_one(
        "[data-hc-updated] time[datetime]"
    )
    assert server is not None
    updated = dt.date.fromisoformat(server["datetime"])
    # Three days and a few hours later, in the browser's (local) time zone.
    page.clock.set_fixed_time(dt.datetime.combine(updated, dt.time(10)) + dt.timedelta(days=3))
    page.goto(f"{site_url}/{ARTICLE_AT[lang]}")
    byline = page.locator("[data-hc-updated]")
    time = byline.locator("time")
    page.wait_for_function(
        "t => document.querySelector('[data-hc-updated] time').textContent !== t",
        arg=server.get_text(),
    )
    assert byline.inner_text().startswith(UPDATED[lang])
    assert time.inner_text() == THREE_DAYS_AGO[lang]
    assert time.inner_text() != server.get_text()
    assert time.get_attribute("datetime") == server["datetime"]
    assert time.get_attribute("title") == server.get_text()


@pytest.mark.parametrize("lang", ["hr", "fi"])
@pytest.mark.parametrize("kind", ["home", "collection", "article"])
def test_first_tab_focuses_the_skip_link(page: Page, site_url: str, lang: str, kind: str) -> None:
    """The first Tab press lands on the localized skip link; Enter moves focus to the content."""
    path = {"home": HOME_AT[lang], "collection": COLLECTION_AT[lang], "article": ARTICLE_AT[lang]}
    page.goto(f"{site_url}/{path[kind]}")
    page.keyboard.press("Tab")
    focused = active(page)
    assert focused["tag"] == "a" and "hc-skip" in focused["cls"].split()
    assert focused["text"] == SKIP_LINK[lang]
    page.keyboard.press("Enter")
    assert active(page)["id"] == "hc-main"


def test_pages_request_nothing_outside_the_local_server(page: Page, site_url: str) -> None:
    """Home, collection and article pages of both languages load only from the served site."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for lang in ("hr", "fi"):
        for path in (HOME_AT[lang], COLLECTION_AT[lang], ARTICLE_AT[lang]):
            page.goto(f"{site_url}/{path}", wait_until="networkidle")
    assert f"{site_url}/assets/javascripts/helpcenter.js" in requested
    assert [url for url in requested if not url.startswith(f"{site_url}/")] == []


# The toggle names what it does; Material's radios stay as hidden state.
TO_DARK = {"hr": "Prebaci na tamnu temu", "fi": "Vaihda tummaan teemaan"}
TO_LIGHT = {"hr": "Prebaci na svijetlu temu", "fi": "Vaihda vaaleaan teemaan"}


@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_scheme_toggle_names_its_action_and_space_and_enter_agree(
    page: Page, site_url: str, lang: str
) -> None:
    """Space and Enter both switch the scheme; name and tooltip say what the next press does."""
    page.emulate_media(color_scheme="light")
    page.goto(f"{site_url}/{ARTICLE_AT[lang]}")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    # Nothing but the button is in the tab order or the accessibility tree.
    assert page.locator("input[name=__palette]:visible").count() == 0
    assert page.get_by_role("radio").count() == 0
    to_dark = page.get_by_role("button", name=TO_DARK[lang], exact=True)
    assert to_dark.get_attribute("title") == TO_DARK[lang]
    to_dark.focus()
    page.keyboard.press("Space")
    page.wait_for_function(f"{scheme} === 'slate'")
    to_light = page.get_by_role("button", name=TO_LIGHT[lang], exact=True)
    assert to_light.evaluate("b => b === document.activeElement")
    assert to_light.get_attribute("title") == TO_LIGHT[lang]
    page.keyboard.press("Enter")
    page.wait_for_function(f"{scheme} === 'default'")
    assert to_dark.evaluate("b => b === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_function(f"{scheme} === 'slate'")
    # The choice is Material's own: it survives the next page view.
    page.reload()
    page.wait_for_function(f"{scheme} === 'slate'")
    assert page.get_by_role("button", name=TO_LIGHT[lang], exact=True).is_visible()


# A missing address, as a host with one 404 page for the whole site answers it.
MISSING = {
    "hr": ("/narudzbe/otkazivanje-narudzbe-stari-link/", "Stranica nije pronađena"),
    # Finnish words: the Finnish articles are found by their Finnish text.
    "fi": ("/fi/tilaukset/tilauksen-peruminen-ohje/", "Sivua ei löytynyt"),
}
SUGGESTIONS_TITLE = {"hr": "Možda ste tražili", "fi": "Tarkoititko jotakin näistä?"}


@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_the_single_404_page_speaks_the_addresss_language_and_suggests_articles(
    page: Page, built_site: Path, lang: str
) -> None:
    """GitHub Pages sends the root 404.html for every missing address: under /fi/ it shows the
    Finnish page, and both suggest the article the old address's words name, with the contact
    block."""
    from playwright.sync_api import expect

    from tests.support import serve_directory

    path, heading = MISSING[lang]
    with serve_directory(built_site, not_found_page=True) as url:
        response = page.goto(url + path)
        assert response is not None and response.status == 404
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("h1")).to_have_text(heading)
        suggestions = page.locator("[data-hc-suggestions]")
        expect(suggestions).to_be_visible()
        expect(suggestions.locator("h2")).to_have_text(SUGGESTIONS_TITLE[lang])
        links = suggestions.locator("[data-hc-suggestion-list] a")
        expect(links.first).to_be_visible()
        assert 1 <= links.count() <= 3
        hrefs = [href for href in links.evaluate_all("els => els.map(e => e.pathname)")]
        assert f"/{ARTICLE_AT[lang]}" in hrefs, hrefs
        assert page.url == url + path  # the visitor's address stays as they typed it
        expect(page.locator("#hc-contact a[href^='mailto:']")).to_be_visible()
