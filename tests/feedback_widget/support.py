"""Helpers of the widget tests: a real build with a feedback URL, the service as a process,
both served on loopback."""


from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.support import ROOT, build_site, free_port, serve_directory

REPORT_TOKEN = "widget-test-report-token-0123456789abcdef"
STARTUP_TIMEOUT_S = 30.0


def build(
    site_dir: Path,
    *,
    feedback_url: str | None,
    mode: str = "binary",
    site_url: str | None = None,
    project: Path = ROOT,
) -> Path:
    """The real `mkdocs build --strict` of the project, with this feedback URL and mode."""
    env = {"HELPCENTER_FEEDBACK_MODE": mode}
    if feedback_url is not None:
        env["HELPCENTER_FEEDBACK_URL"] = feedback_url
    if site_url is not None:
        env["SITE_URL"] = site_url
    result = build_site(project, site_dir, env=env)
    assert result.returncode == 0, result.stderr
    return site_dir


@dataclass
class FeedbackService:
    """`helpcenter-feedback serve` in a subprocess; stoppable and restartable on the same port and
    database, which is how the tests take the service "down" and bring it back."""

    port: int
    database: Path
    site: Path
    origin: str
    log: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        assert self.process is None, "already running"
        env = {k: v for k, v in os.environ.items() if not k.startswith("HELPCENTER_")}
        # Every test votes from the same address; the production limit would throttle the suite.
        env["HELPCENTER_FEEDBACK_RATE_LIMIT"] = "100000"
        env["HELPCENTER_FEEDBACK_REPORT_TOKEN"] = REPORT_TOKEN
        command = [
            sys.executable, "-c", "import sys; from helpcenter.feedback.cli import main; sys.exit(main())",
            "serve", "--database", str(self.database), "--site", str(self.site),
            "--allow-origin", self.origin, "--host", "127.0.0.1", "--port", str(self.port),
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        self._wait_until_listening()

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                self.process = None
                pytest.fail(
                    f"feedback service exited at start:\n{self.log.read_text(errors='replace')}"
                )
            # Health answers once startup (manifest, database) is done, not merely listening.
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.url}/api/v1/health", timeout=1) as response,
            ):
                if response.status == 200:
                    return
            time.sleep(0.1)
        self.stop()
        pytest.fail(f"feedback service did not listen within {STARTUP_TIMEOUT_S}s")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Read the service's SQLite database directly: what is stored, not what the API says."""
        connection = sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=10)
        connection.row_factory = sqlite3.Row
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    def votes(self, page: str, lang: str = "hr") -> list[sqlite3.Row]:
        return self.query("SELECT * FROM votes WHERE page = ? AND lang = ?", (page, lang))

    def submissions(self, page: str, lang: str = "hr") -> list[sqlite3.Row]:
        return self.query("SELECT * FROM submissions WHERE page = ? AND lang = ?", (page, lang))


@dataclass(frozen=True)
class LiveSite:
    """A built site served on loopback plus the feedback service it posts to."""

    dir: Path
    url: str
    service: FeedbackService


@contextlib.contextmanager
def live_site(tmp: Path, *, mode: str, project: Path = ROOT) -> Iterator[LiveSite]:
    # Ports first: the build bakes in both the service URL and the site URL (canonical links,
    # Material's language switcher), as a deployment would.
    service_port, site_port = free_port(), free_port()
    site_dir = build(
        tmp / "site",
        feedback_url=f"http://127.0.0.1:{service_port}",
        mode=mode,
        site_url=f"http://127.0.0.1:{site_port}/",
        project=project,
    )
    with serve_directory(site_dir, port=site_port) as site_url:
        service = FeedbackService(
            port=service_port,
            database=tmp / "feedback.sqlite3",
            site=site_dir,
            origin=site_url,
            log=tmp / "service.log",
        )
        service.start()
        try:
            yield LiveSite(site_dir, site_url, service)
        finally:
            service.stop()


