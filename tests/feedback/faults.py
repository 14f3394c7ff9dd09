"""Real faults for the fault tests: a throwaway PostgreSQL server to stop, freeze and restart,
and small file systems to fill up or turn read-only."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.feedback.support import HR_PAGE, IN_CI, ORIGIN
from tests.support import free_port

PG_USER = "postgres"


def _missing(message: str) -> None:
    """Skip on a laptop without the tool; fail under CI, where `.ci/run` installs it."""
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def _pg_binary(name: str) -> str:
    found = shutil.which(name) or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None
    )
    if found is None:
        _missing(f"PostgreSQL server binaries ({name}) not installed (Debian: postgresql)")
    return str(found)


def _as_postgres(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """PostgreSQL refuses to run as root: run as the postgres user when we are root."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", PG_USER, "--", *args]
    return subprocess.run(args, capture_output=True, text=True, check=True, **kwargs)


@dataclass
class ThrowawayPostgres:
    """`initdb` into a temporary folder, `pg_ctl start` on a free port."""

    folder: Path
    port: int = field(default_factory=free_port)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def url(self) -> str:
        return f"postgresql://{PG_USER}@127.0.0.1:{self.port}/postgres"

    def init(self) -> None:
        _as_postgres([_pg_binary("initdb"), "-D", str(self.data), "-A", "trust", "-U", PG_USER])

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        _as_postgres(
            # -l: the server must not inherit our pipes, or waiting for pg_ctl never ends.
            [
                *(_pg_binary("pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log")),
                *("-o", options, "-w", "-t", "30", "start"),
            ],
            stdin=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        """An outage: immediate shutdown, connections cut."""
        _as_postgres([_pg_binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"])

    def read_only(self, on: bool) -> None:
        """Every transaction read-only from now on (a replica promoted wrongly, a full
        disk an operator reacted to), or writable again."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(
                f"ALTER SYSTEM SET default_transaction_read_only = {'on' if on else 'off'}"
            )
            conn.execute("SELECT pg_reload_conf()")

    def _pids(self) -> list[int]:
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = Path(f"/proc/{postmaster}/task/{postmaster}/children").read_text().split()
        return [postmaster, *map(int, children)]

    def freeze(self) -> None:
        """A server that stops answering but keeps its connections (SIGSTOP)."""
        for pid in self._pids():
            os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        for pid in self._pids():
            os.kill(pid, signal.SIGCONT)


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[ThrowawayPostgres]:
    """A PostgreSQL server of the test's own, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="helpcenter-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, PG_USER)
    server = ThrowawayPostgres(folder)
    try:
        server.init()
        server.start()
        yield server
    finally:
        with contextlib.suppress(Exception):
            server.thaw()
        with contextlib.suppress(Exception):
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def small_file_system(size: str = "4m") -> Iterator[Path]:
    """A tmpfs of `size`: to fill up, or to remount read-only."""
    folder = Path(tempfile.mkdtemp(prefix="helpcenter-fs-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        folder.rmdir()
        _missing(f"cannot mount a tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


def remount(folder: Path, mode: str) -> None:
    """`ro` or `rw`."""
    subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True)


def fill(folder: Path) -> Path:
    """Write a file until the file system is full; returns it (delete it to free the space)."""
    filler = folder / "filler"
    with filler.open("wb") as file:
        chunk = b"\0" * 65536
        with contextlib.suppress(OSError):
            while True:
                file.write(chunk)
                file.flush()
    return filler


@dataclass
class Answer:
    """What one vote got, and how long it took."""

    submission_id: str
    status: int
    seconds: float
    headers: dict[str, str]
    body: Any


def send_vote(
    client: httpx.Client,
    submission_id: str | None = None,
    *,
    agent: str | None = None,
    comment: str | None = None,
) -> Answer:
    """One JSON vote; a new visitor (user agent) per submission unless told otherwise."""
    submission_id = submission_id or str(uuid.uuid4())
    body: dict[str, Any] = {
        "submission_id": submission_id,
        "page": HR_PAGE,
        "lang": "hr",
        "rating": "no" if comment else "yes",
    }
    if comment:
        body["comment"] = comment
    started = time.monotonic()
    response = client.post(
        "/api/v1/feedback",
        json=body,
        headers={"User-Agent": agent or f"visitor-{submission_id}", "Origin": ORIGIN},
    )
    content = response.json() if "json" in response.headers.get("content-type", "") else None
    return Answer(
        submission_id,
        response.status_code,
        time.monotonic() - started,
        dict(response.headers),
        content,
    )


def wait_until(predicate: Any, timeout: float = 30.0, step: float = 0.1) -> bool:
    """Poll `predicate` until it is true or `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False
