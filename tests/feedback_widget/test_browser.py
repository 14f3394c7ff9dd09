"""The widget in headless Chromium against the real feedback service: what readers do, what is stored.

Votes are upserted per visitor, article and day, and every test votes from the same address and
browser, so each test uses an article of its own.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import pytest

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page, Route

    from tests.feedback_widget.support import LiveSite

pytestmark = pytest.mark.browser

QUEUE_KEY = "hc-feedback-pending"
VOTE_FIELDS = {"submission_id", "page", "lang", "rating", "reason", "comment", "revision"}
T = TypeVar("T")
PageFactory = Callable[..., "Page"]


@pytest.fixture
def new_page(chromium: Browser) -> Iterator[PageFactory]:
    """Fresh browser contexts (own localStorage), closed after the test."""
    contexts = []

    def make(*, js: bool = True) -> Page:
        context = chromium.new_context(
            java_script_enabled=js, viewport={"width": 1100, "height": 900}
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def eventually(
    page: Page, probe: Callable[[], T], *, timeout: float = 10.0, message: str = ""
) -> T:
    """Poll until `probe` returns something truthy (the page sends votes in the background).

    Waits inside Playwright, not with time.sleep: the sync API only dispatches page events
    (requests, console messages, route handlers) while a Playwright call is running."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s: {message}")
        page.wait_for_timeout(100)


def article_url(site: LiveSite, page: str, lang: str = "hr") -> str:
    prefix = "" if lang == "hr" else f"{lang}/"
    return f"{site.url}/{prefix}{page.removesuffix('.md')}/"


def open_article(page: Page, site: LiveSite, source: str, lang: str = "hr") -> None:
    page.goto(article_url(site, source, lang))
    page.wait_for_selector(".hc-feedback--js")  # feedback.js has taken over the forms


def queue(page: Page) -> list[dict[str, Any]]:
    return json.loads(page.evaluate(f"localStorage.getItem('{QUEUE_KEY}') || '[]'"))


def button(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=name, exact=True)


def is_endpoint(site: LiveSite, url: str) -> bool:
    return url == f"{site.service.url}/api/v1/feedback"


def test_yes_is_stored_with_a_client_submission_id(
    binary_site: LiveSite, new_page: PageFactory
) -> None:
    source = "narudzbe/otkazivanje-narudzbe.md"
    page = new_page()
    open_article(page, binary_site, source)
    with page.expect_request(lambda r: is_endpoint(binary_site, r.url)) as sent:
        button(page, "Da").click()
    request = sent.value
    body = json.loads(request.post_data or "")
    # text/plain: a "simple" cross-origin request, no preflight; the same body a beacon sends.
    assert request.headers["content-type"].startswith("text/plain")
    assert set(body) == {"submission_id", "page", "lang", "rating", "revision"}
    assert uuid.UUID(body["submission_id"]).version == 4
    assert (body["page"], body["lang"], body["rating"]) == (source, "hr", "yes")
    expect(page.locator("[data-hc-status]")).to_have_text("Hvala na povratnoj informaciji!")
    expect(page.locator(".hc-feedback__vote")).to_be_hidden()
    expect(button(page, "Promijeni odgovor")).to_be_focused()

    votes = eventually(page, lambda: binary_site.service.votes(source), message="vote stored")
    assert [(v["rating"], v["submission_id"], v["revision"]) for v in votes] == [
        ("yes", body["submission_id"], body["revision"])
    ]
    # Acknowledged: nothing of it stays on the reader's device (the key itself is removed).
    eventually(
        page,
        lambda: page.evaluate(f"localStorage.getItem('{QUEUE_KEY}')") is None,
        message="queue removed",
    )


def test_no_with_reason_and_comment_highlights_contact(
    binary_site: LiveSite, new_page: PageFactory
) -> None:
    source = "narudzbe/promjena-narudzbe.md"
    page = new_page()
    open_article(page, binary_site, source)
    button(page, "Ne").click()

    expect(page.locator("[data-hc-status]")).to_have_text(
        "Hvala! Recite nam što je nedostajalo ili se obratite korisničkoj službi."
    )
    expect(page.locator("#hc-contact")).to_have_class(re.compile(r"\bhc-contact--highlight\b"))
    expect(page.locator(".hc-feedback__more-title")).to_be_focused()
    page.get_by_label("Zastario je").check()
    comment = "Rok za otkazivanje se promijenio."
    page.get_by_label("Komentar (nije obavezno)").fill(comment)
    expect(page.locator(".hc-feedback__counter")).to_have_text(
        f"Preostalo znakova: {1000 - len(comment)}"
    )
    button(page, "Pošalji").click()
    expect(page.locator("[data-hc-status]")).to_have_text("Hvala na povratnoj informaciji!")

    # The detailed vote replaces the bare "no" (same visitor, article and day).
    def detailed() -> list[Any]:
        votes = binary_site.service.votes(source)
        return votes if votes and votes[0]["reason"] else []

    votes = eventually(page, detailed, message="reason stored")
    assert [(v["rating"], v["reason"], v["comment"]) for v in votes] == [
        ("no", "out_of_date", comment)
    ]
    assert len(binary_site.service.submissions(source)) == 2

    # The hint takes keyboard and screen-reader users to the contact block.
    page.get_by_role("link", name="Obratite se korisničkoj službi").click()
    expect(page.locator("#hc-contact")).to_be_focused()


def test_changed_answer_replaces_the_earlier_vote(
    binary_site: LiveSite, new_page: PageFactory
) -> None:
    source = "narudzbe/pracenje-narudzbe.md"
    page = new_page()
    open_article(page, binary_site, source)
    button(page, "Da").click()
    eventually(page, lambda: binary_site.service.votes(source), message="first vote stored")

    button(page, "Promijeni odgovor").click()
    expect(button(page, "Da")).to_be_focused()
    button(page, "Ne").click()
    expect(page.locator("#hc-contact")).to_have_class(re.compile(r"\bhc-contact--highlight\b"))
    button(page, "Pošalji").click()  # nothing added: no extra submission

    eventually(
        page,
        lambda: [v["rating"] for v in binary_site.service.votes(source)] == ["no"],
        message="replaced",
    )
    submissions = binary_site.service.submissions(source)
    assert sorted(s["rating"] for s in submissions) == ["no", "yes"]
    assert len({s["submission_id"] for s in submissions}) == 2  # a new id for the new answer
    eventually(page, lambda: queue(page) == [], message="queue emptied")


def test_vote_while_service_is_down_is_stored_exactly_once_later(
    binary_site: LiveSite, new_page: PageFactory
) -> None:
    source = "placanje/nacini-placanja.md"
    service = binary_site.service
    page = new_page()
    open_article(page, binary_site, source)
    failures: list[str] = []
    page.on(
        "requestfailed",
        lambda r: failures.append(r.url) if is_endpoint(binary_site, r.url) else None,
    )

    service.stop()
    try:
        button(page, "Da").click()
        expect(page.locator("[data-hc-status]")).to_have_text("Hvala na povratnoj informaciji!")
        # Retried with back-off while the page is open (first retry after 1-2 s).
        eventually(
            page, lambda: len(failures) >= 2, timeout=8, message="a retry while the service is down"
        )
        pending = queue(page)
        assert len(pending) == 1
        assert set(pending[0]) == {"vote", "queued_at"}  # the pending vote and nothing else
        assert set(pending[0]["vote"]) <= VOTE_FIELDS
        submission_id = pending[0]["vote"]["submission_id"]
        assert service.votes(source) == []
    finally:
        service.start()

    page.reload()  # the next page view resends it (and the pagehide beacon may too: same id)
    page.wait_for_selector(".hc-feedback--js")
    eventually(page, lambda: queue(page) == [], message="queue emptied after the service came back")
    submissions = service.submissions(source)
    assert [s["submission_id"] for s in submissions] == [submission_id]
    assert [v["submission_id"] for v in service.votes(source)] == [submission_id]


def test_server_errors_are_retried_with_growing_delays(
    binary_site: LiveSite, new_page: PageFactory
) -> None:
    source = "placanje/placanje-na-rate.md"
    page = new_page()
    attempts: list[tuple[float, str]] = []

    def flaky_service(route: Route) -> None:
        attempts.append((time.monotonic(), route.request.post_data or ""))
        if len(attempts) <= 2:
            route.fulfill(
                status=503, headers={"Access-Control-Allow-Origin": binary_site.url}, body="{}"
            )
        else:
            route.continue_()

    page.route(f"{binary_site.service.url}/api/v1/feedback", flaky_service)
    open_article(page, binary_site, source)
    button(page, "Da").click()

    eventually(
        page, lambda: binary_site.service.votes(source), timeout=15, message="stored after retries"
    )
    assert len(attempts) == 3
    assert len({body for _, body in attempts}) == 1  # the very same submission every time
    first_gap, second_gap = attempts[1][0] - attempts[0][0], attempts[2][0] - attempts[1][0]
    assert first_gap >= 0.8 and second_gap >= 1.7, (first_gap, second_gap)
    eventually(page, lambda: queue(page) == [], message="queue emptied")


def test_a_503_with_retry_after_waits_as_long_as_the_service_asks(
    binary_site: LiveSite, new_page: PageFactory
) -> None:
    source = "dostava/preuzimanje-u-paketomatu.md"
    page = new_page()
    attempts: list[float] = []

    def unavailable_once(route: Route) -> None:
        attempts.append(time.monotonic())
        if len(attempts) == 1:
            route.fulfill(
                status=503,
                headers={
                    "Access-Control-Allow-Origin": binary_site.url,
                    "Access-Control-Expose-Headers": "Retry-After",
                    "Retry-After": "3",
                    "Content-Type": "application/json",
                },
                body='{"detail": "the vote could not be stored; try again shortly"}',
            )
        else:
            route.continue_()

    page.route(f"{binary_site.service.url}/api/v1/feedback", unavailable_once)
    open_article(page, binary_site, source)
    button(page, "Da").click()
    eventually(page, lambda: binary_site.service.votes(source), timeout=15, message="stored")
    assert len(attempts) == 2
    # The back-off alone would have retried after about a second.
    assert attempts[1] - attempts[0] >= 2.9, attempts[1] - attempts[0]
    eventually(page, lambda: queue(page) == [], message="queue emptied")


def test_coming_back_online_sends_at_once(binary_site: LiveSite, new_page: PageFactory) -> None:
    source = "placanje/problemi-s-placanjem.md"
    page = new_page()
    open_article(page, binary_site, source)
    failed: list[float] = []
    page.on(
        "requestfailed",
        lambda r: failed.append(time.monotonic()) if is_endpoint(binary_site, r.url) else None,
    )

    page.context.set_offline(True)
    button(page, "Da").click()
    # Two failures: the next back-off retry is now at least 2 s away.
    eventually(page, lambda: len(failed) >= 2, message="offline attempts failed")
    assert len(queue(page)) == 1
    with page.expect_request_finished(lambda r: is_endpoint(binary_site, r.url)) as finished:
        online_at = time.monotonic()
        page.context.set_offline(False)
    assert time.monotonic() - online_at < 1.5  # the `online` event sent it, not the timer
    assert finished.value.failure is None
    eventually(page, lambda: binary_site.service.votes(source), message="stored once online")
    eventually(page, lambda: queue(page) == [], message="queue emptied")


def test_hopeless_and_stale_votes_are_dropped_with_a_warning(
    binary_site: LiveSite, new_page: PageFactory
) -> None:
    source = "dostava/carina-i-pristojbe.md"
    page = new_page()
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)

    def entry(page_path: str, *, age_days: float = 0) -> dict[str, Any]:
        vote = {"submission_id": str(uuid.uuid4()), "page": page_path, "lang": "hr", "rating": "no"}
        return {"vote": vote, "queued_at": time.time() * 1000 - age_days * 86400_000}

    stale, unknown, good = entry(source, age_days=8), entry("ne-postoji.md"), entry(source)
    # Left over from an earlier visit: in storage before the page loads.
    page.add_init_script(
        f"localStorage.getItem('{QUEUE_KEY}') === null && !sessionStorage.getItem('seeded') &&"
        f" (sessionStorage.setItem('seeded', '1'), localStorage.setItem('{QUEUE_KEY}',"
        f" {json.dumps(json.dumps([stale, unknown, good]))}))"
    )
    open_article(page, binary_site, source)

    eventually(page, lambda: queue(page) == [], message="queue emptied")
    stored = [s["submission_id"] for s in binary_site.service.submissions(source)]
    assert stored == [good["vote"]["submission_id"]]  # the 422 did not block the vote behind it
    eventually(page, lambda: any("older than 7 days" in w for w in warnings), message=str(warnings))
    assert any("rejected with 422" in w for w in warnings), warnings


def back_thanked(page: Page, site: LiveSite, source: str) -> None:
    """The service's 303 brings the reader back to the article, aimed at the thank-you."""
    path = urlsplit(article_url(site, source)).path
    page.wait_for_url(re.compile(re.escape(path) + r"\?feedback=thanks"), timeout=10_000)
    fragment = urlsplit(page.url).fragment
    # Without JavaScript only a fragment can reveal the thank-you (CSS :target).
    assert fragment == "feedback-thanks", (
        f"the service must redirect to ...#feedback-thanks, not #{fragment}"
    )


def test_without_javascript_the_form_posts_and_comes_back_thanked(
    binary_site: LiveSite, new_page: PageFactory
) -> None:
    source = "povrat/povrat-novca.md"
    page = new_page(js=False)
    page.goto(article_url(binary_site, source))
    button(page, "Da").click()
    back_thanked(page, binary_site, source)

    assert urlsplit(page.url).path == urlsplit(article_url(binary_site, source)).path
    expect(page.locator("#feedback-thanks")).to_be_visible()
    expect(page.locator("#feedback-thanks")).to_contain_text("Hvala na povratnoj informaciji!")
    expect(page.locator(".hc-feedback__vote")).to_be_hidden()
    votes = eventually(page, lambda: binary_site.service.votes(source), message="form vote stored")
    assert [v["rating"] for v in votes] == ["yes"]

    # "Change answer" works without JavaScript too: it leaves the thanks target.
    page.get_by_role("link", name="Promijeni odgovor").click()
    expect(button(page, "Ne")).to_be_visible()


def test_without_javascript_reason_and_comment_can_be_sent(
    binary_site: LiveSite, new_page: PageFactory
) -> None:
    source = "povrat/povrat-proizvoda.md"
    page = new_page(js=False)
    page.goto(article_url(binary_site, source))
    page.get_by_text("Niste pronašli odgovor? Recite nam više").click()
    page.get_by_label("Teško je razumljiv").check()
    page.get_by_label("Komentar (nije obavezno)").fill("Nije jasno tko plaća poštarinu.")
    button(page, "Pošalji").click()
    back_thanked(page, binary_site, source)

    expect(page.locator("#feedback-thanks")).to_be_visible()
    votes = eventually(page, lambda: binary_site.service.votes(source), message="form vote stored")
    assert [(v["rating"], v["reason"], v["comment"]) for v in votes] == [
        ("no", "hard_to_understand", "Nije jasno tko plaća poštarinu.")
    ]


def test_with_javascript_a_redirect_back_is_thanked_once(
    binary_site: LiveSite, new_page: PageFactory
) -> None:
    """A form post made before the script loaded lands here; a copy of the URL must not thank again."""
    page = new_page()
    url = article_url(binary_site, "dostava/rokovi-i-cijene-dostave.md")
    page.goto(f"{url}?feedback=thanks#feedback-thanks")
    expect(page.locator("[data-hc-status]")).to_have_text("Hvala na povratnoj informaciji!")
    expect(page.locator(".hc-feedback__vote")).to_be_hidden()
    assert page.url == f"{url}#feedback"


def focused(page: Page, selector: str) -> bool:
    return bool(
        page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector)
    )


def test_keyboard_only(binary_site: LiveSite, new_page: PageFactory) -> None:
    source = "povrat/zamjena-proizvoda.md"
    page = new_page()
    open_article(page, binary_site, source)
    for _ in range(300):
        page.keyboard.press("Tab")
        if focused(page, ".hc-feedback__choice--no"):
            break
    else:
        pytest.fail("Tab never reached the 'no' button")
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2, outline

    page.keyboard.press("Enter")
    expect(page.locator(".hc-feedback__more-title")).to_be_focused()
    page.keyboard.press("Tab")
    assert focused(page, "input[name=reason][value=not_found]")
    page.keyboard.press("ArrowDown")  # arrow keys move within the radio group and select
    expect(page.locator("input[value=hard_to_understand]")).to_be_checked()
    page.keyboard.press("Tab")
    assert focused(page, "textarea[name=comment]")
    page.keyboard.type("Previše koraka.")
    page.keyboard.press("Tab")
    assert focused(page, ".hc-feedback__send")
    page.keyboard.press("Enter")
    expect(button(page, "Promijeni odgovor")).to_be_focused()

    def detailed() -> list[Any]:
        return [v for v in binary_site.service.votes(source) if v["reason"]]

    votes = eventually(page, detailed, message="keyboard vote stored")
    assert [(v["rating"], v["reason"], v["comment"]) for v in votes] == [
        ("no", "hard_to_understand", "Previše koraka.")
    ]
    page.keyboard.press("Enter")  # change answer
    expect(button(page, "Da")).to_be_focused()


def test_finnish_page_and_no_request_leaves_loopback(
    binary_site: LiveSite, new_page: PageFactory
) -> None:
    source = "dostava/paket-nije-stigao.md"
    page = new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))

    open_article(page, binary_site, source, lang="fi")
    button(page, "Ei").click()
    expect(page.locator("[data-hc-status]")).to_have_text(
        "Kiitos! Kerro, mikä jäi puuttumaan, tai ota yhteyttä asiakaspalveluun."
    )
    page.get_by_label("En löytänyt etsimääni").check()
    button(page, "Lähetä").click()
    expect(page.locator("[data-hc-status]")).to_have_text("Kiitos palautteestasi!")
    eventually(
        page,
        lambda: [v["reason"] for v in binary_site.service.votes(source, "fi")] == ["not_found"],
    )
    page.goto(binary_site.url + "/")
    page.wait_for_load_state("networkidle")

    assert any(is_endpoint(binary_site, url) for url in requested)
    outside = [
        u
        for u in requested
        if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != "127.0.0.1"
    ]
    assert outside == []


def test_reactions_mode(reactions_site: LiveSite, new_page: PageFactory) -> None:
    source = "dostava/promjena-adrese-dostave.md"
    page = new_page()
    open_article(page, reactions_site, source)
    expect(page.locator(".hc-feedback__vote button")).to_have_count(3)
    button(page, "Djelomično").click()  # neutral: lukewarm, so ask what was missing
    expect(page.locator(".hc-feedback__details")).to_be_visible()
    expect(page.locator("#hc-contact")).to_have_class(re.compile(r"\bhc-contact--highlight\b"))
    page.get_by_label("Sadrži netočne podatke").check()
    button(page, "Pošalji").click()
    votes = eventually(
        page,
        lambda: [v for v in reactions_site.service.votes(source) if v["reason"]],
        message="reaction stored",
    )
    assert [(v["rating"], v["reason"]) for v in votes] == [("neutral", "incorrect")]

    button(page, "Promijeni odgovor").click()
    button(page, "Pomogao mi je").click()
    expect(page.locator("#hc-contact")).not_to_have_class(re.compile(r"\bhc-contact--highlight\b"))
    eventually(
        page, lambda: [v["rating"] for v in reactions_site.service.votes(source)] == ["happy"]
    )


# ---- light and dark scheme ----------------------------------------------------------------------


def parse_rgb(text: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def over(
    top: tuple[float, float, float, float], bottom: tuple[float, float, float, float]
) -> tuple[float, ...]:
    alpha = top[3]
    return tuple(top[i] * alpha + bottom[i] * (1 - alpha) for i in range(3))


def luminance(rgb: tuple[float, ...]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_readable_and_focus_visible_in_both_schemes(
    binary_site: LiveSite, new_page: PageFactory, scheme: str
) -> None:
    page = new_page()
    open_article(page, binary_site, "korisnicka-sluzba/kontakt-korisnicke-sluzbe.md")
    # Switch, flush the styles (which starts the colour transitions) and wait for them to end.
    page.evaluate(
        """s => { document.body.setAttribute('data-md-color-scheme', s);
                  getComputedStyle(document.body).backgroundColor;
                  return Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))); }""",
        scheme,
    )
    no = button(page, "Ne")
    no.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    styles = no.evaluate(
        """b => { const s = getComputedStyle(b), p = getComputedStyle(document.body);
                  return [s.color, s.backgroundColor, s.outlineColor, s.outlineStyle, p.backgroundColor]; }"""
    )
    page_bg = parse_rgb(styles[4])[:3]
    button_bg = over(parse_rgb(styles[1]), page_bg)
    assert contrast(over(parse_rgb(styles[0]), button_bg), button_bg) >= 4.5, styles
    assert styles[3] != "none"
    assert contrast(over(parse_rgb(styles[2]), page_bg), page_bg) >= 3, styles
