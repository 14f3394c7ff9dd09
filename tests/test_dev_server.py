"""The README's main command: build, start the feedback service on SQLite, serve the site."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import ROOT, free_port

STARTUP_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class DevServer:
    """A running `python -m helpcenter.dev_server` and where it keeps things."""

    site_url: str
    feedback_url: str
    database: Path
    output: Path
    site_dir: Path


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
        f"http://127.0.0.1:{port}",
        f"http://127.0.0.1:{feedback_port}",
        database,
        output,
        tmp_path / "site",
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


# --- a preview that owns its processes ----------------------------------------------------------

STOP_TIMEOUT_S = 20.0


def _alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie nobody reaped yet has stopped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _wait_until(condition: Callable[[], bool], *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting until {what}")
        time.sleep(0.05)


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@dataclass
class Preview:
    process: subprocess.Popen[bytes]
    preview_pid: int  # the dev server (the process itself, or the child of a shell)
    service_pid: int
    feedback_port: int
    output: Path


@contextlib.contextmanager
def _preview(site_dir: Path, tmp_path: Path, *, under_shell: bool = False) -> Iterator[Preview]:
    """`python -m helpcenter.dev_server --no-build` (optionally started by a shell that stays
    its parent, as `make` does), running until the banner; its feedback service's pid."""
    port, feedback_port = free_port(), free_port()
    output = tmp_path / "preview.log"
    command = [
        sys.executable, "-m", "helpcenter.dev_server", "--no-build", "--port", str(port),
        "--feedback-port", str(feedback_port), "--site-dir", str(site_dir),
        "--database", str(tmp_path / "feedback.sqlite3"),
    ]  # fmt: skip
    if under_shell:
        # `; :` keeps bash from exec-ing Python: bash stays the parent, like make.
        command = ["bash", "-c", " ".join(f"'{part}'" for part in command) + "; :"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELPCENTER_")}
    with output.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_until(
            lambda: "Press Ctrl-C to stop." in output.read_text(errors="replace")
            or process.poll() is not None,
            seconds=STARTUP_TIMEOUT_S,
            what="the preview started",
        )
        assert process.poll() is None, output.read_text(errors="replace")
        preview_pid = _children(process.pid)[0] if under_shell else process.pid
        services = _children(preview_pid)
        assert len(services) == 1, services
        yield Preview(process, preview_pid, services[0], feedback_port, output)
    finally:
        for pid in {process.pid, *_children(process.pid)}:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_signal_stops_the_preview_and_its_service(
    dev_server: DevServer, tmp_path: Path, signum: signal.Signals
) -> None:
    """Ctrl-C, `kill` and a closed terminal all leave nothing running and the ports free."""
    with _preview(dev_server.site_dir, tmp_path) as preview:
        assert _alive(preview.service_pid)
        preview.process.send_signal(signum)
        assert preview.process.wait(timeout=STOP_TIMEOUT_S) == 0
        _wait_until(
            lambda: not _alive(preview.service_pid),
            seconds=STOP_TIMEOUT_S,
            what="the service stopped",
        )
        assert _port_free(preview.feedback_port)


def test_the_service_does_not_outlive_a_killed_preview(
    dev_server: DevServer, tmp_path: Path
) -> None:
    """SIGKILL gives the preview no chance to clean up: the kernel stops its service."""
    with _preview(dev_server.site_dir, tmp_path) as preview:
        preview.process.send_signal(signal.SIGKILL)
        preview.process.wait(timeout=STOP_TIMEOUT_S)
        _wait_until(
            lambda: not _alive(preview.service_pid),
            seconds=STOP_TIMEOUT_S,
            what="the orphaned service stopped",
        )
        _wait_until(
            lambda: _port_free(preview.feedback_port),
            seconds=STOP_TIMEOUT_S,
            what="the feedback port is free",
        )


def test_a_killed_parent_stops_the_preview_and_its_service(
    dev_server: DevServer, tmp_path: Path
) -> None:
    """`make` (here a shell) killed by SIGKILL: the preview stops itself and its service."""
    with _preview(dev_server.site_dir, tmp_path, under_shell=True) as preview:
        preview.process.send_signal(signal.SIGKILL)
        preview.process.wait(timeout=STOP_TIMEOUT_S)
        for pid, what in ((preview.preview_pid, "preview"), (preview.service_pid, "service")):
            _wait_until(
                functools.partial(lambda p: not _alive(p), pid),
                seconds=STOP_TIMEOUT_S,
                what=f"the {what} stopped",
            )


@pytest.mark.parametrize(
    ("taken", "option", "variable"),
    [("port", "--port", "PORT"), ("feedback", "--feedback-port", "FEEDBACK_PORT")],
)
def test_a_taken_port_is_named_in_one_line_and_nothing_starts(
    dev_server: DevServer, tmp_path: Path, taken: str, option: str, variable: str
) -> None:
    port, feedback_port = free_port(), free_port()
    busy = port if taken == "port" else feedback_port
    with socket.socket() as holder:
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        holder.bind(("127.0.0.1", busy))
        holder.listen()
        env = {k: v for k, v in os.environ.items() if not k.startswith("HELPCENTER_")}
        command = [
            sys.executable, "-m", "helpcenter.dev_server", "--no-build", "--port", str(port),
            "--feedback-port", str(feedback_port), "--site-dir", str(dev_server.site_dir),
            "--database", str(tmp_path / "feedback.sqlite3"),
        ]  # fmt: skip
        result = subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"Port {busy} on 127.0.0.1 is already in use; choose another with {option} N "
        f"(or {variable}=N make serve)."
    ]
    assert "Press Ctrl-C" not in result.stdout
    assert not (tmp_path / "feedback.sqlite3").exists()
