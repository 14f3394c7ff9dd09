"""Standard checkers over the starter site: axe-core in Chromium on every page kind of both
languages, light and dark, desktop and mobile width, at load and with the search results, the
language menu and the mobile drawer open; the Nu Html Checker on every file; and what the
checkers cannot see: no failing request, the keyboard (drawer, focus never under the sticky
header), reduced motion and print."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.search.searchbox import type_query
from tests.support import missing_requirement
from tests.support.axe import report, violations
from tests.support.nu import nu_errors

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Every kind of page, by its address in each language.
PAGES = {
    "hr": {
        "home": "",
        "collection": "narudzbe/",
        "article": "narudzbe/otkazivanje-narudzbe/",
        "tags": "tags/",
        "tag": "tags/narudzba/",
        "statement": "izjava-o-pristupacnosti/",
        "contact": "kontakt/",
        "not-found": "404.html",
    },
    "fi": {
        "home": "fi/",
        "collection": "fi/tilaukset/",
        "article": "fi/tilaukset/tilauksen-peruminen/",
        "tags": "fi/tags/",
        "tag": "fi/tags/tilaus/",
        "statement": "fi/saavutettavuusseloste/",
        "contact": "fi/yhteystiedot/",
        "not-found": "fi/404.html",
    },
}
PAGE_KINDS = list(PAGES["hr"])
ARTICLE_QUERY = {"hr": "otkazivanje narudžbe", "fi": "tilauksen peruminen"}
UNANSWERED_QUERY = {"hr": "akvarijske ribice", "fi": "akvaariokalat"}
WIDTHS = {"desktop": 1280, "mobile": 390}


def _require(path: Path, what: str) -> None:
    if not path.exists():
        missing_requirement(f"{what} not found at {path} (npm ci)")


def open_page(page: Page, url: str, *, scheme: str, width: str) -> None:
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")  # type: ignore[arg-type]
    page.goto(url)
    page.wait_for_load_state("networkidle")


pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_axe_finds_no_violation(
    page: Page, site_url: str, lang: str, kind: str, scheme: str, width: str
) -> None:
    """Every page kind passes axe-core at load, in both schemes and widths."""
    open_page(page, f"{site_url}/{PAGES[lang][kind]}", scheme=scheme, width=width)
    found = violations(page)
    assert not found, report(found)


def _open_search_results(page: Page, lang: str) -> None:
    assert type_query(page, ARTICLE_QUERY[lang]) == "results"


def _open_no_results(page: Page, lang: str) -> None:
    assert type_query(page, UNANSWERED_QUERY[lang]) == "empty"


def _open_language_menu(page: Page, lang: str) -> None:
    # Material's selector opens while focus is within it, as it does for a keyboard user.
    page.locator(".md-header .md-select button").focus()
    expect_visible(page.locator(".md-select__list a").first)


def _open_drawer(page: Page, lang: str) -> None:
    page.locator("[data-hc-drawer-toggle]").click()
    expect_visible(page.locator(".md-sidebar--primary a[href]").first)


def expect_visible(locator: object) -> None:
    from playwright.sync_api import expect

    expect(locator).to_be_visible()  # type: ignore[arg-type]


STATES = {
    "search-results": _open_search_results,
    "no-results": _open_no_results,
    "language-menu": _open_language_menu,
}


# The drawer exists at a phone's width only: at desktop width the navigation is a sidebar.
STATE_WIDTHS = [
    (state, width)
    for state in [*STATES, "drawer"]
    for width in WIDTHS
    if state != "drawer" or width == "mobile"
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("state", "width"), STATE_WIDTHS)
@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_axe_finds_no_violation_in_interactive_states(
    page: Page, site_url: str, lang: str, state: str, width: str, scheme: str
) -> None:
    """The article page passes axe-core with search results, "no results", the language menu
    and (on a phone's width) the navigation drawer open."""
    open_page(page, f"{site_url}/{PAGES[lang]['article']}", scheme=scheme, width=width)
    STATES.get(state, _open_drawer)(page, lang)
    found = violations(page)
    assert not found, report(found)


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_a_page_view_makes_no_failing_request(
    page: Page, site_url: str, lang: str, kind: str
) -> None:
    """No request of a page view fails or answers with an error, and nothing is logged as an
    error (Material's selector asked for a `sitemap.xml` beside every translation)."""
    failures: list[str] = []
    page.on("requestfailed", lambda request: failures.append(f"failed: {request.url}"))
    page.on(
        "response",
        lambda response: (
            failures.append(f"{response.status}: {response.url}")
            if response.status >= 400
            else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            failures.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    open_page(page, f"{site_url}/{PAGES[lang][kind]}", scheme="light", width="desktop")
    # The alternates are back for search engines and other readers once the page has loaded.
    alternates = page.locator("link[hreflang]")
    assert page.locator("link[rel=alternate][hreflang]").count() == alternates.count()
    assert alternates.count() == (
        0 if kind in {"tag", "statement", "contact"} else 2 if kind == "not-found" else 3
    )
    assert failures == []


def _focused_box(page: Page) -> dict[str, Any] | None:
    # Measured after two animation frames: where the focus scrolled the page once laid out.
    return page.evaluate(
        """async () => {
          await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
          const element = document.activeElement;
          if (!element || element === document.body) return null;
          const style = getComputedStyle(element);
          const box = element.getBoundingClientRect();
          const header = document.querySelector(".md-header").getBoundingClientRect();
          return {
            name: element.outerHTML.slice(0, 80),
            top: box.top,
            header: header.bottom,
            covered: !element.closest(".md-header") && style.position !== "fixed",
            indicated: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
              || style.boxShadow !== "none",
          };
        }"""
    )


@pytest.mark.parametrize("width", list(WIDTHS))
def test_focus_is_visible_and_never_hidden_under_the_sticky_header(
    page: Page, site_url: str, width: str
) -> None:
    """Shift+Tab from the bottom of a long article up through the whole page: every focused
    element shows a focus indicator (WCAG 2.4.7) and is below the sticky header (2.4.11)."""
    open_page(page, f"{site_url}/{PAGES['hr']['article']}", scheme="light", width=width)
    page.keyboard.press("End")
    page.locator(".md-footer a").last.focus()
    seen = 0
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        box = _focused_box(page)
        if box is None:
            continue
        seen += 1
        assert box["indicated"], box
        if box["covered"]:
            assert box["top"] >= box["header"] - 1, box
    assert seen > 20


def test_the_drawer_opens_and_closes_by_keyboard(page: Page, site_url: str) -> None:
    """On a phone's width the menu button is reached by Tab, opens the drawer with Enter and
    moves the focus into it; Escape closes it and returns the focus; the closed drawer's links
    are skipped by Tab."""
    from playwright.sync_api import expect

    open_page(page, f"{site_url}/{PAGES['hr']['article']}", scheme="light", width="mobile")
    button = page.get_by_role("button", name="Izbornik")
    drawer_link = page.locator(".md-sidebar--primary a[href]").first
    expect(drawer_link).to_be_hidden()
    for _ in range(5):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(drawer_link).to_be_visible()
    assert page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")

    page.keyboard.press("Escape")
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(drawer_link).to_be_hidden()
    for _ in range(15):
        page.keyboard.press("Tab")
        assert not page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")


@pytest.mark.parametrize(("motion", "slow"), [("reduce", False), ("no-preference", True)])
def test_reduced_motion_is_honoured(page: Page, site_url: str, motion: str, slow: bool) -> None:
    """The drawer slides in only for readers who have not asked for less motion."""
    page.set_viewport_size({"width": WIDTHS["mobile"], "height": 900})
    page.emulate_media(reduced_motion=motion)  # type: ignore[arg-type]
    page.goto(f"{site_url}/{PAGES['hr']['article']}")
    duration = page.locator(".md-sidebar--primary").evaluate(
        "e => Math.max(...getComputedStyle(e).transitionDuration.split(',').map(parseFloat))"
    )
    assert (duration >= 0.25) is slow, duration


def test_print_shows_the_article_and_where_its_links_lead(page: Page, site_url: str) -> None:
    """Printed, an article has no header, sidebars, search or widgets, and its links show
    their absolute targets."""
    open_page(page, f"{site_url}/{PAGES['hr']['article']}", scheme="light", width="desktop")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".hc-feedback-slot"):
        display = page.locator(selector).first.evaluate("e => getComputedStyle(e).display")
        assert display == "none", selector
    assert page.locator("article h1").is_visible()
    link = page.locator("article .md-typeset a[data-hc-print-href], article a[data-hc-print-href]")
    first = link.first
    after = first.evaluate("a => getComputedStyle(a, '::after').content")
    assert after == f'" ({first.evaluate("a => a.href")})"'
    assert after.startswith('" (http')


def test_nu_checker_finds_no_error(built_site: Path) -> None:
    """Every built HTML file is valid HTML to the Nu Html Checker (redirect pages included)."""
    files = sorted(built_site.rglob("*.html"))
    assert len(files) > 40
    assert nu_errors(files) == []
