"""The help widget on a shop page of another origin: one script tag, a launcher and a panel in an
open shadow root, search of the help center, the topic's articles and the contact channels; by
keyboard, with axe, within 15 kB gzipped before the first search, and no request but to the
help host (which sends the CORS headers of the site's own `_headers`)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from helpcenter.headers_file import headers_for, parse_headers_file
from helpcenter.help_widget import cors_headers_file
from tests.site.support import page_url
from tests.support import serve_directory
from tests.support.axe import report, violations

if TYPE_CHECKING:
    from playwright.sync_api import Page

BUDGET_GZIP_BYTES = 15 * 1024
QUERY = {"hr": "kako otkazati narudžbu", "fi": "haluan perua tilauksen"}
LAUNCHER = {"hr": "Pomoć", "fi": "Ohje"}
# The shop's own styles, as hostile as a real theme can be to a widget it does not know.
SHOP_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>Trgovina</title>
<style>* {{ color: #f0f !important; font-size: 40px; }} button {{ border: 9px dashed #0f0; }}
a {{ text-decoration: none; }}</style></head>
<body><header><h1>Trgovina</h1></header><main><p>Košarica</p></main>
<script src="{help}/widget.js" data-lang="{lang}" {topic} defer></script>
</body></html>
"""


@pytest.fixture(scope="module")
def help_host(built_site: Path) -> Iterator[str]:
    """The built help site with the headers of its `_headers` file, as Netlify would send them."""
    with serve_directory(built_site, headers_file=True) as url:
        yield url


@pytest.fixture
def shop(tmp_path: Path, help_host: str) -> Iterator[Any]:
    """`shop(lang, topic=None)`: the URL of a shop page on another port that loads the widget."""
    with serve_directory(tmp_path) as shop_url:

        def page_for(lang: str, topic: str | None = None) -> str:
            name = f"{lang}-{topic or 'none'}.html"
            attribute = f'data-topic="{topic}"' if topic else ""
            (tmp_path / name).write_text(
                SHOP_PAGE.format(lang=lang, help=help_host, topic=attribute), encoding="utf-8"
            )
            return f"{shop_url}/{name}"

        yield page_for


def _record(page: Page) -> list[Any]:
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    return responses


def _launcher(page: Page) -> Any:
    return page.locator("[data-helpcenter-widget] .hcw-launcher")


def _results(page: Page) -> Any:
    return page.locator("[data-helpcenter-widget] [data-search-results] a[data-search-result]")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_search_from_a_shop_page_by_keyboard(
    page: Page, shop: Any, help_host: str, lang: str
) -> None:
    from playwright.sync_api import expect

    responses = _record(page)
    requested: list[Any] = []
    page.on("request", lambda request: requested.append(request))
    shop_url = shop(lang)
    page.goto(shop_url)
    launcher = _launcher(page)
    expect(launcher).to_have_text(LAUNCHER[lang])
    assert (
        page.evaluate("() => document.querySelector('[data-helpcenter-widget]').shadowRoot.mode")
        == "open"
    )
    # The shop's `* { color: #f0f !important }` does not reach into the widget.
    assert launcher.evaluate("el => getComputedStyle(el).color") == "rgb(255, 255, 255)"

    # Before the first search: only the script and its language's data, within the budget.
    page.wait_for_load_state("networkidle")
    before = [r for r in responses if r.url.startswith(help_host)]
    assert sorted(urlsplit(r.url).path for r in before) == ["/widget.js", f"/widget/{lang}.json"]
    weight = sum(len(gzip.compress(r.body(), 9)) for r in before)
    assert weight <= BUDGET_GZIP_BYTES, weight

    # Keyboard only: Tab to the launcher, Enter opens the panel with the focus in the box.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.hasAttribute('data-helpcenter-widget')")
    page.keyboard.press("Enter")
    expect(launcher).to_have_attribute("aria-expanded", "true")
    box = page.locator("[data-helpcenter-widget] input[type=search]")
    expect(box).to_be_focused()
    page.keyboard.type(QUERY[lang], delay=15)
    expect(_results(page).first).to_be_visible(timeout=15_000)
    hrefs = _results(page).evaluate_all("els => els.map(e => e.href)")
    assert all(h.startswith(help_host + "/") for h in hrefs), hrefs
    assert page_url(lang, "narudzbe/otkazivanje-narudzbe") in [urlsplit(h).path for h in hrefs[:3]]

    found = violations(page)
    assert not found, report(found)

    # Escape closes the panel and gives the focus back to the launcher.
    box.press("Escape")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(page.locator("[data-helpcenter-widget] .hcw-panel")).to_be_hidden()
    assert (
        page.evaluate("() => document.activeElement.shadowRoot.activeElement.className")
        == "hcw-launcher"
    )

    # Enter on the open panel's box opens the best result on the help site.
    page.keyboard.press("Enter")
    expect(box).to_be_focused()
    with page.expect_navigation():
        box.press("Enter")
    assert page.url == hrefs[0]

    hosts = {urlsplit(r.url).netloc for r in requested}
    assert hosts <= {urlsplit(shop_url).netloc, urlsplit(help_host).netloc}, hosts
    to_help = [r for r in requested if r.url.startswith(help_host)]
    assert to_help and not any("cookie" in r.headers for r in to_help)
    assert all(r.ok for r in responses), [r.url for r in responses if not r.ok]


@pytest.mark.browser
def test_the_page_topic_suggests_its_articles(
    page: Page, shop: Any, built_site: Path, help_host: str
) -> None:
    from playwright.sync_api import expect

    topics = json.loads((built_site / "widget/fi.json").read_text(encoding="utf-8"))["topics"]
    topic, articles = next((name, links) for name, links in topics.items() if len(links) >= 2)
    page.goto(shop("fi", topic))
    _launcher(page).click()
    suggested = page.locator("[data-helpcenter-widget] .hcw-suggested")
    expect(suggested.locator("h3")).to_have_text("Näistä voi olla apua")
    links = suggested.locator("a").evaluate_all("els => els.map(e => [e.textContent, e.href])")
    assert links == [[a["title"], f"{help_host}/{a['url']}"] for a in articles]
    channels = page.locator("[data-helpcenter-widget] .hcw-contact a")
    assert any(
        h.startswith("mailto:") for h in channels.evaluate_all("els => els.map(e => e.href)")
    )
    found = violations(page)
    assert not found, report(found)


@pytest.mark.browser
def test_without_a_topic_the_promoted_articles_are_suggested(
    page: Page, shop: Any, built_site: Path
) -> None:
    from playwright.sync_api import expect

    promoted = json.loads((built_site / "widget/hr.json").read_text(encoding="utf-8"))["promoted"]
    assert promoted
    page.goto(shop("hr"))
    _launcher(page).click()
    suggested = page.locator("[data-helpcenter-widget] .hcw-suggested")
    expect(suggested.locator("h3")).to_have_text("Najčešća pitanja")
    assert suggested.locator("a").all_text_contents() == [a["title"] for a in promoted]


def test_the_build_writes_the_widget_its_data_and_headers(built_site: Path) -> None:
    assert (built_site / "widget.js").read_bytes() == (
        built_site / "assets/javascripts/widget.js"
    ).read_bytes()
    hr = json.loads((built_site / "widget/hr.json").read_text(encoding="utf-8"))
    fi = json.loads((built_site / "widget/fi.json").read_text(encoding="utf-8"))
    assert (hr["bundle"], fi["bundle"]) == ("pagefind/", "fi/pagefind/")
    assert (built_site / hr["bundle"] / "pagefind.js").is_file()
    assert (built_site / fi["bundle"] / "pagefind.js").is_file()
    assert hr["strings"]["launcher"] == "Pomoć" and fi["strings"]["launcher"] == "Ohje"
    assert any(c["href"].startswith("mailto:") for c in hr["contact"])
    # every suggested article is a built page of its language
    for data in (hr, fi):
        links = [link for links in data["topics"].values() for link in links] + data["promoted"]
        assert links
        for link in links:
            assert (built_site / link["url"] / "index.html").is_file(), link
    assert page_url("fi", "narudzbe/otkazivanje-narudzbe").lstrip("/") in {
        link["url"] for links in fi["topics"].values() for link in links
    }
    rules = parse_headers_file((built_site / "_headers").read_text(encoding="utf-8"))
    for path in ("/widget.js", "/widget/fi.json", "/assets/javascripts/search/engine.js",
                 "/pagefind/pagefind.js", "/fi/pagefind/pagefind-entry.json"):  # fmt: skip
        assert ("Access-Control-Allow-Origin", "*") in headers_for(path, rules), path
    assert headers_for("/narudzbe/otkazivanje-narudzbe/", rules) == []


def test_headers_follow_the_base_path() -> None:
    rules = parse_headers_file(cors_headers_file(["pagefind/"], base_path="/pomoc/"))
    assert ("Access-Control-Allow-Origin", "*") in headers_for("/pomoc/widget.js?v=1", rules)
    assert headers_for("/widget.js", rules) == []
