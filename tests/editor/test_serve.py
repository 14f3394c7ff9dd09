"""`mkdocs serve` with every hook: editing an article refreshes the served page."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.editor.support import write_content
from tests.support import copy_project, free_port

pytestmark = pytest.mark.slow


def fetch(url: str, *, until: str, timeout: float = 90.0) -> str:
    """Poll `url` until its body contains `until` (the server builds, then rebuilds)."""
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        try:
            response = httpx.get(url, timeout=5)
            body = response.text
            if response.status_code == 200 and until in body:
                return body
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never contained {until!r}; last body: {body[:300]!r}")


def test_editing_an_article_refreshes_the_preview(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    write_content(project)
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("HELPCENTER_") and k != "SITE_URL"
    }
    env["NO_MKDOCS_2_WARNING"] = "1"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/fi/narudzbe/otkazivanje/"
        before = fetch(url, until="Miten peruutan tilauksen?")
        assert "hc-outdated" not in before
        assert 'hreflang="x-default"' in before

        # A translated article changes ...
        article = project / "docs/fi/narudzbe/otkazivanje.md"
        article.write_text(
            article.read_text(encoding="utf-8").replace(
                "Viiden päivän kuluessa.", "Heti, esikatselussa."
            ),
            encoding="utf-8",
        )
        fetch(url, until="Heti, esikatselussa.")
        # ... and its source: the translation's notice appears on the next rebuild.
        source = project / "docs/hr/narudzbe/otkazivanje.md"
        source.write_text(source.read_text(encoding="utf-8") + "\nNovo.\n", encoding="utf-8")
        fetch(url, until="hc-outdated")
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.communicate()
