"""Around the articles: promoted articles on each home page, and the announcement banner that
the visitor's browser shows only between its dates (Playwright's clock stands in for today)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest

from tests.site.support import page_url, soup_of
from tests.support import ROOT, build_site, copy_project, serve_directory
from tests.support.axe import report, violations

if TYPE_CHECKING:
    from playwright.sync_api import Page

HOME_FILE = {"hr": "index.html", "fi": "fi/index.html"}
HOME_AT = {"hr": "/", "fi": "/fi/"}
PROMOTED_TITLE = {"hr": "Najčešća pitanja", "fi": "Usein kysyttyä"}
# docs/<lang>/... with `promoted: 1..4`, in that order.
PROMOTED = [
    "narudzbe/otkazivanje-narudzbe",
    "narudzbe/pracenje-narudzbe",
    "povrat/povrat-novca",
    "dostava/rokovi-i-cijene-dostave",
]
# mkdocs.yml: from 2026-12-15 until 2027-01-06, days in Europe/Zagreb (UTC+1 in winter).
FIRST_MOMENT = dt.datetime(2026, 12, 14, 23, 0, tzinfo=dt.UTC)
AFTER_LAST = dt.datetime(2027, 1, 6, 23, 0, tzinfo=dt.UTC)
SECOND = dt.timedelta(seconds=1)
BANNER_START = {"hr": "Zbog blagdana", "fi": "Joulun aikaan"}
ANNOUNCEMENT = """\
    announcement:
      hr:
        text: Zbog blagdana narudžbe poslane od 20. prosinca stižu do dva radna dana kasnije.
        link: dostava/rokovi-i-cijene-dostave/
        from: 2026-12-15
        until: 2027-01-06
      fi:
        text: Joulun aikaan tilaukset voivat saapua kaksi arkipäivää tavallista myöhemmin.
        link: fi/toimitus/toimitusajat-ja-kulut/
        link_text: Toimitusajat
        from: 2026-12-15
        until: 2027-01-06
"""


@pytest.fixture(scope="module")
def announced_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The starter site with a holiday announcement in both languages, served."""
    root = copy_project(tmp_path_factory.mktemp("announced") / "project")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy2(ROOT / "urls.lock", root / "urls.lock")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "    timezone: Europe/Zagreb\n" in text
    config.write_text(
        text.replace(
            "    timezone: Europe/Zagreb\n", "    timezone: Europe/Zagreb\n" + ANNOUNCEMENT
        ),
        encoding="utf-8",
    )
    result = build_site(root, root / "site")
    assert result.returncode == 0, result.stderr
    with serve_directory(root / "site") as url:
        yield url


def test_without_an_announcement_no_banner_is_rendered(built_site: Path) -> None:
    """The starter configuration announces nothing: Material renders no banner at all."""
    for path in (
        "index.html",
        "fi/index.html",
        page_url("fi", PROMOTED[0]).lstrip("/") + "index.html",
    ):
        assert soup_of(built_site, path).select(".md-banner") == []


@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_the_home_page_lists_the_promoted_articles_in_their_places(
    built_site: Path, lang: str
) -> None:
    soup = soup_of(built_site, HOME_FILE[lang])
    block = soup.select_one("section.hc-promoted")
    assert block is not None
    assert block.select_one("h2").get_text(strip=True) == PROMOTED_TITLE[lang]  # type: ignore[union-attr]
    links = [a["href"] for a in block.select("ol a")]
    expected = [page_url(lang, source).removeprefix(HOME_AT[lang]) for source in PROMOTED]
    assert links == expected
    # Each with its lead, and before the collections.
    assert all(item.select_one(".hc-promoted__description") for item in block.select("li"))
    assert soup.find("h2", class_="hc-home__collections-title") in block.find_all_next("h2")
    # Only the home page has the block.
    assert (
        soup_of(built_site, page_url(lang, "narudzbe").lstrip("/") + "index.html").select(
            "section.hc-promoted"
        )
        == []
    )


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["hr", "fi"])
@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (FIRST_MOMENT - SECOND, False),
        (FIRST_MOMENT, True),
        (AFTER_LAST - SECOND, True),
        (AFTER_LAST, False),
    ],
    ids=["day-before", "first-moment", "last-moment", "day-after"],
)
def test_the_announcement_shows_only_between_its_dates(
    page: Page, announced_url: str, lang: str, moment: dt.datetime, shown: bool
) -> None:
    from playwright.sync_api import expect

    page.clock.set_fixed_time(moment)
    for path in (HOME_AT[lang], page_url(lang, PROMOTED[0])):
        page.goto(announced_url + path)
        banner = page.locator(".md-banner")
        if shown:
            expect(banner).to_be_visible()
            expect(banner).to_contain_text(BANNER_START[lang])
            region = page.get_by_role("region", name={"hr": "Obavijest", "fi": "Tiedote"}[lang])
            expect(region).to_be_visible()
        else:
            expect(banner).to_be_hidden()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_the_announcement_passes_axe(
    page: Page, announced_url: str, lang: str, scheme: str
) -> None:
    from playwright.sync_api import expect

    page.clock.set_fixed_time(FIRST_MOMENT + dt.timedelta(days=5))
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(announced_url + HOME_AT[lang])
    page.wait_for_load_state("networkidle")
    expect(page.locator(".md-banner")).to_be_visible()
    link = page.locator(".hc-announcement a")
    link.click()
    page.wait_for_url(f"**{page_url(lang, 'dostava/rokovi-i-cijene-dostave')}")
    page.go_back()
    found = violations(page)
    assert not found, report(found)


CONTACT_AT = {"hr": "/kontakt/", "fi": "/fi/yhteystiedot/"}
CONTACT_TITLE = {"hr": "Kontaktirajte nas", "fi": "Ota yhteyttä"}
SUBJECT = {"hr": "Kako otkazati narudžbu", "fi": "haluan perua tilauksen"}


@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_each_language_has_a_contact_page(built_site: Path, lang: str) -> None:
    soup = soup_of(built_site, CONTACT_AT[lang].lstrip("/") + "index.html")
    assert soup.find("h1").get_text(strip=True) == CONTACT_TITLE[lang]  # type: ignore[union-attr]
    form = soup.select_one("form[data-hc-search=contact]")
    assert form is not None and form.select_one("input[type=search]") is not None
    label = form.select_one("label")
    assert label is not None and label["for"] == "hc-contact-subject"
    assert form.select_one("[data-search-results]") is not None
    # The suggestions come first, the channels follow.
    channels = soup.select_one("#hc-contact")
    assert channels is not None and channels in form.find_all_next("section")
    assert channels.select_one("a[href^='mailto:']") is not None
    other = "fi" if lang == "hr" else "hr"
    switch = soup.select_one(f"a.md-select__link[hreflang={other}]")
    assert switch is not None
    assert urlsplit(urljoin("http://site" + CONTACT_AT[lang], str(switch["href"]))).path == (
        CONTACT_AT[other]
    )


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_the_contact_page_suggests_articles_as_the_customer_types(
    page: Page, site_url: str, lang: str
) -> None:
    from playwright.sync_api import expect

    page.goto(site_url + CONTACT_AT[lang])
    box = page.locator("#hc-contact-subject")
    box.press_sequentially(SUBJECT[lang], delay=20)
    results = page.locator("[data-hc-search=contact] [data-search-results] a[data-search-result]")
    expect(results.first).to_be_visible()
    paths = results.evaluate_all("els => els.map(e => new URL(e.href).pathname)")
    assert page_url(lang, "narudzbe/otkazivanje-narudzbe") in paths[:3], paths
    expect(page.locator("#hc-contact a[href^='mailto:']")).to_be_visible()
    found = violations(page)
    assert not found, report(found)
