"""Helpers shared by the feedback tests: manifests, databases, clocks and a real server."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from helpcenter.feedback.db import create_engines, normalise_url
from helpcenter.feedback.settings import Settings
from tests.support import free_port

PG_HOST = "127.0.0.1"
PG_PORT = 5432
PG_ADMIN_DSN = f"postgresql://postgres@{PG_HOST}:{PG_PORT}/postgres"
ORIGIN = "https://help.example.com"
OTHER_ORIGIN = "https://pomoc.example.hr"
HR_PAGE = "narudzbe/otkazivanje-narudzbe.md"
FI_ONLY_PAGE = "tili/salasana.md"
IN_CI = os.environ.get("CI") == "true"
# The visitor-key secret of every test service (PostgreSQL refuses to start without one).
TEST_SECRET = "test-secret-0123456789abcdef0123456789abcdef"


def manifest_data(mode: str = "binary") -> dict[str, Any]:
    """A small two-language site."""
    return {
        "version": 1,
        "feedback_mode": mode,
        "languages": ["hr", "fi"],
        "articles": [
            {
                "lang": "hr",
                "page": HR_PAGE,
                "revision": "3f2a9c01b7de",
                "url": "/narudzbe/otkazivanje-narudzbe/",
                "title": "Kako otkazati narudžbu?",
            },
            {
                "lang": "fi",
                "page": HR_PAGE,
                "revision": "77aa0c9e1f20",
                "url": "/fi/narudzbe/otkazivanje-narudzbe/",
                "title": "Miten peruutan tilauksen?",
            },
            {
                "lang": "hr",
                "page": "placanje/kartice.md",
                "revision": "aa11bb22cc33",
                "url": "/placanje/kartice/",
                "title": "Plaćanje karticom",
            },
            {
                "lang": "fi",
                "page": FI_ONLY_PAGE,
                "revision": "0123456789ab",
                "url": "/fi/tili/salasana/",
                "title": "Salasanan vaihtaminen",
            },
        ],
    }


def write_site(directory: Path, mode: str = "binary") -> Path:
    """A site directory holding only the manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "helpcenter-manifest.json").write_text(
        json.dumps(manifest_data(mode), ensure_ascii=False), encoding="utf-8"
    )
    return directory


def postgres_unavailable() -> str | None:
    """None when the server answers, else why not."""
    import psycopg

    try:
        with psycopg.connect(PG_ADMIN_DSN, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return str(exc).strip() or exc.__class__.__name__


def require_postgres() -> None:
    """Skip without PostgreSQL on a laptop; fail under CI."""
    problem = postgres_unavailable()
    if problem is None:
        return
    message = f"PostgreSQL not reachable at {PG_HOST}:{PG_PORT}: {problem}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@contextlib.contextmanager
def fresh_postgres_database(**settings: str) -> Iterator[str]:
    """A new, empty database (dropped afterwards); yields its postgresql:// URL."""
    import psycopg

    require_postgres()
    name = f"helpcenter_fb_test_{secrets.token_hex(6)}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        for key, value in settings.items():
            admin.execute(f'ALTER DATABASE "{name}" SET {key} = {value}')
    try:
        yield f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def database_for(kind: str, tmp_path: Path) -> Iterator[str]:
    """A fresh database URL of the given kind."""
    if kind == "sqlite":
        yield str(tmp_path / f"feedback-{secrets.token_hex(3)}.db")
    else:
        with fresh_postgres_database() as url:
            yield url


@dataclass
class FakeClock:
    """An injectable clock that only moves when told to."""

    now: dt.datetime = field(default_factory=lambda: dt.datetime(2025, 3, 14, 10, 0, tzinfo=dt.UTC))

    def __call__(self) -> dt.datetime:
        """The current fake time."""
        return self.now

    def advance(self, **delta: float) -> None:
        """Move forward."""
        self.now += dt.timedelta(**delta)


def vote(**fields: Any) -> dict[str, Any]:
    """A valid binary vote body with a fresh submission id."""
    body: dict[str, Any] = {
        "submission_id": str(uuid.uuid4()),
        "page": HR_PAGE,
        "lang": "hr",
        "rating": "yes",
    }
    body.update(fields)
    return {key: value for key, value in body.items() if value is not None}


@dataclass
class ServerProcess:
    """`helpcenter-feedback serve` in a subprocess on a free loopback port."""

    database: str
    site: Path
    log_path: Path
    extra_args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> None:
        """Start and wait until /api/v1/health answers."""
        args = [
            sys.executable,
            "-m",
            "helpcenter.feedback.cli",
            "serve",
            "--database",
            self.database,
            "--site",
            str(self.site),
            "--allow-origin",
            ORIGIN,
            "--port",
            str(self.port),
            *self.extra_args,
        ]
        env = {**os.environ, "HELPCENTER_FEEDBACK_SECRET": TEST_SECRET, **self.env}
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"server exited with {self.process.returncode}:\n{self.log_path.read_text()}"
                )
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"server did not start:\n{self.log_path.read_text()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        """SIGTERM and wait for a clean exit."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


@contextlib.contextmanager
def running_server(**kwargs: Any) -> Iterator[ServerProcess]:
    """A started server that is stopped afterwards."""
    server = ServerProcess(**kwargs)
    server.start()
    try:
        yield server
    finally:
        server.stop()


CLIENT_ADDRESS = ("198.51.100.7", 50000)


@dataclass
class Service:
    """An in-process app with a test client, its clock and a way to look into the database."""

    client: TestClient
    clock: FakeClock
    database_url: str
    settings: Settings

    @contextlib.contextmanager
    def engine(self) -> Iterator[Engine]:
        """A separate engine on the same database."""
        db = create_engines(normalise_url(self.database_url))
        try:
            yield db.reader
        finally:
            db.dispose()

    def rows(self, sql: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of a query as dicts."""
        with self.engine() as engine, engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(text(sql), params)]


ServiceFactory = Callable[..., contextlib.AbstractContextManager[Service]]
