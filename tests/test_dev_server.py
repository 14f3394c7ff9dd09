"""The README's main command: build, start the feedback service on SQLite, serve the site."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port

STARTUP_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class DevServer:
    """A running `python -m helpcenter.dev_server` and where it keeps things."""

    site_url: str
    feedback_url: str
    database: Path
    output: Path


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextlib.contextmanager
def _dev_server(tmp_path: Path) -> Iterator[DevServer]:
    port, feedback_port = free_port(), free_port()
    database = tmp_path / "data" / "feedback.sqlite3"
    output = tmp_path / "dev_server.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELPCENTER_")}
    command = [
        sys.executable, "-m", "helpcenter.dev_server", "--port", str(port),
        "--feedback-port", str(feedback_port), "--site-dir", str(tmp_path / "site"),
        "--database", str(database),
    ]  # fmt: skip
    with output.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = DevServer(
        f"http://127.0.0.1:{port}", f"http://127.0.0.1:{feedback_port}", database, output
    )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while "Press Ctrl-C to stop." not in output.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"dev server did not start:\n{output.read_text(errors='replace')}")
            time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    with _dev_server(tmp_path_factory.mktemp("dev")) as server:
        yield server


def test_prints_both_urls_and_serves_both_languages(dev_server: DevServer) -> None:
    """The newcomer is told where to look, and both languages and their 404 pages answer."""
    printed = dev_server.output.read_text(errors="replace")
    assert f"{dev_server.site_url}/" in printed
    assert f"{dev_server.feedback_url}/api/v1/health" in printed
    assert _get(f"{dev_server.site_url}/")[0] == 200
    assert _get(f"{dev_server.site_url}/fi/")[0] == 200
    status, body = _get(f"{dev_server.site_url}/fi/ei-ole-olemassa/")
    assert status == 404
    assert b'lang="fi"' in body
    assert _get(f"{dev_server.feedback_url}/api/v1/health")[0] == 200


@pytest.mark.browser
def test_first_click_on_yes_is_stored_in_sqlite(dev_server: DevServer, page: object) -> None:
    """Clicking "Da" under an article of the local site stores one vote in the SQLite file."""
    source = "narudzbe/pracenje-narudzbe.md"
    page.goto(f"{dev_server.site_url}/narudzbe/pracenje-narudzbe/")  # type: ignore[attr-defined]
    page.wait_for_selector(".hc-feedback--js")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Da", exact=True).click()  # type: ignore[attr-defined]
    deadline = time.monotonic() + 10
    rows: list[tuple[str, str, str]] = []
    while time.monotonic() < deadline and not rows:
        page.wait_for_timeout(200)  # type: ignore[attr-defined]
        connection = sqlite3.connect(f"file:{dev_server.database}?mode=ro", uri=True, timeout=10)
        try:
            rows = connection.execute(
                "SELECT page, lang, rating FROM votes WHERE page = ?", (source,)
            ).fetchall()
        finally:
            connection.close()
    assert rows == [(source, "hr", "yes")]
