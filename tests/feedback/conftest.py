"""Fixtures of the feedback tests: sites, databases (SQLite and PostgreSQL), in-process apps."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from helpcenter.feedback.app import create_app
from helpcenter.feedback.db import Database, open_database
from helpcenter.feedback.settings import Settings
from tests.feedback.support import (
    CLIENT_ADDRESS,
    ORIGIN,
    TEST_SECRET,
    FakeClock,
    Service,
    ServiceFactory,
    database_for,
    write_site,
)

DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A binary-mode site."""
    return write_site(tmp_path / "site")


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite file or PostgreSQL database per test."""
    with database_for(request.param, tmp_path) as url:
        yield url




@pytest.fixture
def make_service(database_url: str, site: Path) -> ServiceFactory:
    """Build a service with settings overrides: `with make_service(rate_limit=2) as svc:`."""

    @contextlib.contextmanager
    def factory(
        *, site_dir: Path | None = None, client: tuple[str, int] = CLIENT_ADDRESS, **overrides: Any
    ) -> Iterator[Service]:
        options: dict[str, Any] = {
            "database": database_url,
            "site": site_dir or site,
            "allow_origin": [ORIGIN, "https://pomoc.example.hr"],
            "report_token": "s3cret-token-0123456789abcdef0123456",
            "rate_limit": 1000,
            "secret": TEST_SECRET,
            **overrides,
        }
        settings = Settings(**options)
        clock = FakeClock()
        app = create_app(settings, clock=clock)
        with TestClient(app, client=client) as test_client:
            yield Service(test_client, clock, database_url, settings)

    return factory


@pytest.fixture
def service(make_service: ServiceFactory) -> Iterator[Service]:
    """The default service."""
    with make_service() as svc:
        yield svc


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """The database of `database_url`, opened as the service opens it."""
    database = open_database(database_url)
    yield database
    database.dispose()
