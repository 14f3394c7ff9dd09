"""Searches that found nothing reach the feedback service and its report.

The session's build has no feedback service configured, and a second build only to set one
would double the build time: the site is copied and its search configuration element given the
service URL, exactly what the template writes when `HELPCENTER_FEEDBACK_URL` is set.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.search.searchbox import HOME, type_query
from tests.support import ROOT, free_port, serve_directory

pytestmark = pytest.mark.browser

REPORT_TOKEN = "search-misses-test-token-0123456789abcdef"
# How long misses.js waits before reporting (a visitor may still be typing); the tests run the
# page's clock past it instead of sleeping.
MISS_DELAY_MS = int(
    re.search(
        r"MISS_REPORT_DELAY_MS = (\d+);",
        (ROOT / "overrides/assets/javascripts/search/misses.js").read_text(encoding="utf-8"),
    ).group(1)  # type: ignore[union-attr]
)
STARTUP_TIMEOUT_S = 30.0


def _with_feedback_url(site: Path, url: str) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'id="hc-search-config"' in text:
            page.write_text(
                text.replace(' data-root="', f' data-feedback-url="{url}" data-root="', 1), "utf-8"
            )


@contextlib.contextmanager
def _service(site: Path, origin: str, tmp: Path) -> Iterator[str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELPCENTER_")}
    env["HELPCENTER_FEEDBACK_REPORT_TOKEN"] = REPORT_TOKEN
    env["HELPCENTER_FEEDBACK_RATE_LIMIT"] = "100000"
    command = [
        sys.executable, "-c", "import sys; from helpcenter.feedback.cli import main; sys.exit(main())",
        "serve", "--database", str(tmp / "feedback.sqlite3"), "--site", str(site),
        "--allow-origin", origin, "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    log = tmp / "service.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"feedback service exited:\n{log.read_text(errors='replace')}")
            with contextlib.closing(socket.socket()) as sock:
                sock.settimeout(0.2)
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline:
                pytest.fail("feedback service did not start")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def live(built_site: Path, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(site origin, service URL): a copy of the starter site that reports to a running service."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    # The service URL is only known once it runs; pages read it when the browser loads them.
    with serve_directory(site) as origin, _service(site, origin, tmp_path) as service:
        _with_feedback_url(site, service)
        yield origin, service


def _report(service: str) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{service}/api/v1/report", headers={"Authorization": f"Bearer {REPORT_TOKEN}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return dict(json.load(response))


def test_a_search_that_found_nothing_is_reported_once(live: tuple[str, str], page: Any) -> None:
    origin, service = live
    posted: list[Any] = []
    page.on(
        "request", lambda r: posted.append(r) if r.url.endswith("/api/v1/search-misses") else None
    )
    page.clock.install()
    page.goto(origin + HOME["fi"])
    with page.expect_request(f"{service}/api/v1/search-misses", timeout=15_000) as sent:
        assert type_query(page, "  Kiikkulauta   XQZV  ") == "empty"
        page.clock.run_for(MISS_DELAY_MS)
    request = sent.value
    assert request.method == "POST"
    assert request.headers["content-type"].startswith("text/plain")
    assert json.loads(request.post_data) == {"query": "kiikkulauta xqzv", "lang": "fi"}
    response = request.response()
    assert response is not None and response.status == 202

    # The same query again in this page view is not sent again; a search with results never is.
    type_query(page, "palautus")
    type_query(page, "kiikkulauta xqzv")
    page.clock.run_for(2 * MISS_DELAY_MS)
    # A later new miss is reported: had the repeated one been sent, it would be before it.
    with page.expect_request(f"{service}/api/v1/search-misses", timeout=15_000):
        assert type_query(page, "keinulauta qzxv") == "empty"
        page.clock.run_for(MISS_DELAY_MS)
    assert [json.loads(r.post_data)["query"] for r in posted] == [
        "kiikkulauta xqzv",
        "keinulauta qzxv",
    ]

    # The search with results was counted too, without its text.
    with page.expect_request(f"{service}/api/v1/events", timeout=15_000) as counted_search:
        assert type_query(page, "toimitus") == "results"
        page.clock.run_for(MISS_DELAY_MS)
    assert json.loads(counted_search.value.post_data) == {"event": "search", "lang": "fi"}
    _wait_for(service, lambda r: r["languages"]["fi"]["search"]["searches"] >= 4)

    report = _report(service)
    misses = report["search_misses"]
    counted = sorted((m["query"], m["count"]) for m in misses["fi"])
    assert counted == [("keinulauta qzxv", 1), ("kiikkulauta xqzv", 1)]
    assert not misses.get("hr")
    # palautus, toimitus with results; two misses; the repeated miss was not sent again
    assert report["languages"]["fi"]["search"] == {
        "searches": 4,
        "no_results": 2,
        "no_result_rate": 0.5,
        "target_rate": 0.02,
    }


def _wait_for(service: str, done: Any, timeout: float = 15.0) -> dict[str, Any]:
    """The report once `done(report)` holds: counts arrive with the page's keepalive requests."""
    deadline = time.monotonic() + timeout
    while True:
        report = _report(service)
        if done(report) or time.monotonic() > deadline:
            return report
        time.sleep(0.05)


CONTACT_PAGE = {"hr": "/kontakt/", "fi": "/fi/yhteystiedot/"}
CONTACT_SUBJECT = {"hr": "Kako otkazati narudžbu", "fi": "haluan perua tilauksen"}


@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_the_contact_page_counts_suggestions_and_channels(
    live: tuple[str, str], page: Any, lang: str
) -> None:
    origin, service = live
    events: list[dict[str, str]] = []
    page.on(
        "request",
        lambda r: (
            events.append(json.loads(r.post_data)) if r.url.endswith("/api/v1/events") else None
        ),
    )
    # mailto: would hand over to a mail program; the click itself is what counts.
    page.add_init_script(
        "document.addEventListener('click', (e) => {"
        " if (e.target.closest('a[href^=\"mailto:\"]')) e.preventDefault(); });"
    )
    page.goto(origin + CONTACT_PAGE[lang])
    assert type_query(page, CONTACT_SUBJECT[lang], box="contact") == "results"
    first = page.locator(
        "[data-hc-search=contact] [data-search-results] a[data-search-result]"
    ).first
    with page.expect_navigation():
        first.click()
    # The suggested article did not answer: the customer writes from its contact block.
    page.locator("#hc-contact a[href^='mailto:']").first.click()
    # Another customer (a new tab session) writes straight away from the contact page.
    page.evaluate("() => sessionStorage.clear()")
    page.goto(origin + CONTACT_PAGE[lang])
    page.locator("#hc-contact a[href^='mailto:']").first.click()

    expected = {
        "suggestions_opened": 1,
        "channels_chosen": 1,
        "channels_after_suggestion": 1,
        "deflection_rate": 0.0,
    }
    report = _wait_for(service, lambda r: r["languages"][lang]["deflection"] == expected)
    assert report["languages"][lang]["deflection"] == expected, events
    assert [e["event"] for e in events if e["event"] != "search"] == [
        "suggestion_opened",
        "channel_after_suggestion",
        "channel_chosen",
    ]
    assert all(set(e) == {"event", "lang"} and e["lang"] == lang for e in events)


def test_no_service_configured_sends_nothing(page: Any, site_url: str) -> None:
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
    page.clock.install()
    page.goto(site_url + HOME["hr"])
    assert type_query(page, "xqzvw blorftg") == "empty"
    page.clock.run_for(2 * MISS_DELAY_MS)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
    assert sent == []
