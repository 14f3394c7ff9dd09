"""Raw addresses and user agents never reach the database or the logs; keys rotate daily."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import httpx
import pytest
from sqlalchemy import inspect, text

from helpcenter.feedback import maintenance
from helpcenter.feedback.db import create_engines, normalise_url
from helpcenter.feedback.visitor_secret import DailySalt
from helpcenter.feedback.visitors import visitor_key
from tests.feedback.support import (
    CLIENT_ADDRESS,
    HR_PAGE,
    ORIGIN,
    TEST_SECRET,
    ServiceFactory,
    database_for,
    running_server,
    vote,
    write_site,
)

PROBE_AGENT = "HelpcenterPrivacyProbe/9.9"
PROBE_IPV4 = "203.0.113.77"
PROBE_IPV6 = "2001:db8:77:1::abcd"
SECRETS = [PROBE_AGENT, "PrivacyProbe", PROBE_IPV4, "203.0.113", "2001:db8:77:1", "2001:db8:77"]
DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _exercise(base: str) -> None:
    """Every kind of request, from both probe addresses via the trusted proxy."""
    with httpx.Client(base_url=base, timeout=10) as client:
        for address in (PROBE_IPV4, PROBE_IPV6):
            headers = {"User-Agent": PROBE_AGENT, "X-Forwarded-For": f"198.51.100.3, {address}"}
            posts = [
                ("/api/v1/feedback", {"json": vote(rating="no", reason="other", comment="c")}),
                ("/api/v1/feedback", {"json": vote(rating="yes")}),
                ("/api/v1/feedback", {"data": {"page": HR_PAGE, "lang": "fi", "rating": "no"}}),
                ("/api/v1/feedback", {"json": vote(page="nope.md")}),
                ("/api/v1/feedback", {"content": b"{", "headers": {"Content-Type": "text/plain"}}),
                ("/api/v1/search-misses", {"json": {"query": "dostava", "lang": "hr"}}),
                ("/api/v1/events", {"json": {"event": "suggestion_opened", "lang": "hr"}}),
                ("/api/v1/events", {"json": {"event": "channel_after_suggestion", "lang": "fi"}}),
                (
                    "/api/v1/search-misses",
                    {
                        "json": {"query": "x", "lang": "hr"},
                        "headers": {"Origin": "https://evil.example"},
                    },
                ),
            ]
            for path, kwargs in posts:
                extra = kwargs.pop("headers", {})
                client.post(path, headers={**headers, **extra}, **kwargs)  # type: ignore[arg-type]
            for _ in range(6):  # beyond the rate limit
                client.post("/api/v1/feedback", json=vote(), headers=headers)
            client.get("/api/v1/nothing", headers=headers)
            client.get("/api/v1/report", headers=headers)


def _dump_tables(database: str) -> str:
    """Every row of every table as text."""
    db = create_engines(normalise_url(database))
    try:
        with db.reader.connect() as conn:
            tables = inspect(conn).get_table_names()
            return "\n".join(
                json.dumps(
                    [list(map(str, row)) for row in conn.execute(text(f'SELECT * FROM "{t}"'))]
                )
                for t in tables
            )
    finally:
        db.dispose()


def _files(database: str) -> dict[str, bytes]:
    """The SQLite file and its -wal/-shm companions."""
    base = Path(database)
    return {p.name: p.read_bytes() for p in base.parent.glob(base.name + "*")}


@pytest.mark.parametrize("kind", DATABASES)
def test_probe_values_appear_nowhere(kind: str, tmp_path: Path) -> None:
    log_path = tmp_path / "server.log"
    with database_for(kind, tmp_path) as url:
        with running_server(
            database=url,
            site=write_site(tmp_path / "site"),
            log_path=log_path,
            extra_args=[
                "--trusted-proxy",
                "127.0.0.1",
                "--trusted-proxy",
                "198.51.100.0/24",
                "--rate-limit",
                "5",
                "--log-level",
                "debug",
            ],
        ) as server:
            _exercise(server.url)
            live_files = _files(url) if kind == "sqlite" else {}
            dump = _dump_tables(url)
        stopped_files = _files(url) if kind == "sqlite" else {}
        assert "dostava" in dump and "c" in dump  # the data itself is there
        for secret in SECRETS:
            assert secret not in dump, f"{secret!r} stored in the database"
            for name, content in {**live_files, **stopped_files}.items():
                assert secret.encode() not in content, f"{secret!r} found in {name}"
    if kind == "sqlite":
        assert any(name.endswith("-wal") for name in live_files), "the WAL was checked too"
    log = log_path.read_text()
    assert '"POST /api/v1/feedback" 201' in log and " 429 " in log  # requests were logged
    for secret in SECRETS:
        assert secret not in log, f"{secret!r} in the log"


def test_visitor_key_changes_at_midnight_and_old_links_are_cut(
    make_service: ServiceFactory,
) -> None:
    with make_service() as svc:
        svc.clock.now = dt.datetime(2025, 3, 14, 23, 59, 59, tzinfo=dt.UTC)
        headers = {"User-Agent": PROBE_AGENT}
        assert svc.client.post("/api/v1/feedback", json=vote(), headers=headers).status_code == 201
        svc.clock.advance(seconds=2)
        assert svc.client.post("/api/v1/feedback", json=vote(), headers=headers).status_code == 201
        keys = svc.rows("SELECT day, visitor FROM votes ORDER BY day")
        assert len(keys) == 2 and keys[0]["visitor"] != keys[1]["visitor"]
        assert svc.rows("SELECT day FROM salts") == []  # derived from the secret, not stored
        state = svc.client.app.state.feedback  # type: ignore[attr-defined]
        svc.clock.advance(days=2)
        with state.db.writer.begin() as conn:
            maintenance.prune(
                conn, now=svc.clock(), window=60, submission_retention=dt.timedelta(days=7)
            )
        assert {row["visitor"] for row in svc.rows("SELECT visitor FROM votes")} == {None}


def test_a_copy_of_the_database_cannot_reproduce_a_visitor_key(
    make_service: ServiceFactory,
) -> None:
    """With everything the database holds and the visitor's address and agent, the key
    cannot be recomputed; with the secret it can (so the test would see a leak)."""
    with make_service() as svc:
        headers = {"User-Agent": PROBE_AGENT}
        assert svc.client.post("/api/v1/feedback", json=vote(), headers=headers).status_code == 201
        stored = svc.rows("SELECT day, visitor FROM votes")[0]
        network = CLIENT_ADDRESS[0]
        day = svc.clock().date()
        candidates = {
            table: svc.rows(f"SELECT * FROM {table}")
            for table in ("salts", "rate_limits", "submissions", "search_misses", "schema_version")
        }
        values = [
            value
            for rows in candidates.values()
            for row in rows
            for value in row.values()
            if isinstance(value, bytes | str)
        ]
        for value in values:
            salt = value if isinstance(value, bytes) else value.encode()
            assert visitor_key(salt, network, PROBE_AGENT) != stored["visitor"]
        derived = DailySalt(TEST_SECRET.encode()).for_day(day)
        assert visitor_key(derived, network, PROBE_AGENT) == stored["visitor"]


def test_ipv6_visitors_in_one_64_are_one_visitor(make_service: ServiceFactory) -> None:
    with make_service(trusted_proxy=["198.51.100.0/24"]) as svc:
        for address in ("2001:db8:5:6::1", "2001:db8:5:6:ffff::2"):
            headers = {"User-Agent": "UA", "X-Forwarded-For": address}
            assert (
                svc.client.post("/api/v1/feedback", json=vote(), headers=headers).status_code == 201
            )
        headers = {"User-Agent": "UA", "X-Forwarded-For": "2001:db8:5:7::1"}
        assert svc.client.post("/api/v1/feedback", json=vote(), headers=headers).status_code == 201
        assert len(svc.rows("SELECT visitor FROM votes")) == 2


def test_origin_header_is_not_stored(make_service: ServiceFactory) -> None:
    with make_service() as svc:
        svc.client.post("/api/v1/feedback", json=vote(), headers={"Origin": ORIGIN})
        assert "help.example.com" not in json.dumps(svc.rows("SELECT * FROM votes"), default=str)
