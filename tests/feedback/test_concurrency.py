"""A real server (uvicorn subprocess) under concurrent identical and competing requests."""

from __future__ import annotations

import random
import string
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import bindparam, text

from helpcenter.feedback.db import create_engines, normalise_url
from tests.feedback.support import (
    HR_PAGE,
    ServerProcess,
    database_for,
    running_server,
    vote,
    write_site,
)

DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
CONCURRENCY = 50


@pytest.fixture(scope="module", params=DATABASES)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """One server per database kind for this module."""
    tmp = tmp_path_factory.mktemp(f"concurrency-{request.param}")
    with (
        database_for(request.param, tmp) as url,
        running_server(
            database=url,
            site=write_site(tmp / "site"),
            log_path=tmp / "server.log",
            extra_args=["--rate-limit", "1000000"],
        ) as srv,
    ):
        yield srv


def rows(server: ServerProcess, sql: str, **params: Any) -> list[dict[str, Any]]:
    """Query the server's database directly; list parameters expand for `IN :name`."""
    statement = text(sql).bindparams(
        *(bindparam(name, expanding=True) for name, v in params.items() if isinstance(v, list))
    )
    db = create_engines(normalise_url(server.database))
    try:
        with db.reader.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(statement, params)]
    finally:
        db.dispose()


def fire_at_once(
    server: ServerProcess, bodies: list[dict[str, Any]], headers: dict[str, str]
) -> list[httpx.Response]:
    """Send every body on its own connection, released together by a barrier."""
    barrier = threading.Barrier(len(bodies))

    def send(body: dict[str, Any]) -> httpx.Response:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            client.get("/api/v1/health")  # connect before the barrier
            barrier.wait()
            return client.post("/api/v1/feedback", json=body, headers=headers)

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(send, bodies))


def test_same_submission_fifty_times_at_once_is_one_row(server: ServerProcess) -> None:
    body = vote(rating="no", reason="incorrect", comment="isti zahtjev")
    responses = fire_at_once(server, [body] * CONCURRENCY, {"User-Agent": "same-sub/1"})
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] * (CONCURRENCY - 1) + [201]
    assert len({r.text for r in responses}) == 1  # every replay shows the original vote
    subs = rows(
        server,
        "SELECT count(*) AS n FROM submissions WHERE submission_id = :s",
        s=body["submission_id"],
    )
    votes = rows(
        server, "SELECT count(*) AS n FROM votes WHERE submission_id = :s", s=body["submission_id"]
    )
    assert subs == [{"n": 1}] and votes == [{"n": 1}]


def test_one_visitor_voting_concurrently_keeps_one_consistent_row(server: ServerProcess) -> None:
    agent = f"same-visitor/{uuid.uuid4()}"
    bodies = [
        vote(
            page=HR_PAGE,
            lang="fi",
            rating="no" if i % 2 else "yes",
            reason="other" if i % 2 else None,
            comment=f"komentti {i}" if i % 2 else None,
        )
        for i in range(30)
    ]
    responses = fire_at_once(server, bodies, {"User-Agent": agent})
    assert [r.status_code for r in responses] == [201] * len(bodies)
    by_id = {b["submission_id"]: b for b in bodies}
    candidates = rows(
        server,
        "SELECT submission_id, rating, reason, comment FROM votes WHERE submission_id IN :ids",
        ids=list(by_id),
    )
    assert len(candidates) == 1
    kept = candidates[0]
    sent = by_id[kept["submission_id"]]
    # Not a mix of two votes: every field comes from the submission the row names.
    assert (kept["rating"], kept["reason"], kept["comment"]) == (
        sent["rating"],
        sent.get("reason"),
        sent.get("comment"),
    )
    final = vote(page=HR_PAGE, lang="fi", rating="no", reason="not_found", comment="zadnji")
    with httpx.Client(base_url=server.url) as client:
        assert (
            client.post("/api/v1/feedback", json=final, headers={"User-Agent": agent}).status_code
            == 201
        )
    after = rows(
        server,
        "SELECT submission_id, comment FROM votes WHERE submission_id IN :ids",
        ids=[*by_id, final["submission_id"]],
    )
    assert after == [{"submission_id": final["submission_id"], "comment": "zadnji"}]


def test_search_misses_counted_exactly_under_concurrency(server: ServerProcess) -> None:
    # Letters only: a run of digits would be stored as a placeholder.
    query = "upit " + "".join(random.choices(string.ascii_lowercase, k=10))
    barrier = threading.Barrier(40)

    def send(_: int) -> int:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            client.get("/api/v1/health")
            barrier.wait()
            return client.post(
                "/api/v1/search-misses", json={"query": query, "lang": "hr"}
            ).status_code

    with ThreadPoolExecutor(40) as pool:
        assert set(pool.map(send, range(40))) == {202}
    assert rows(server, "SELECT hits FROM search_misses WHERE query = :q", q=query) == [
        {"hits": 40}
    ]


def test_server_log_has_no_uvicorn_access_lines(server: ServerProcess) -> None:
    # Its own vote: under xdist the module's other tests may run against another worker's server.
    with httpx.Client(base_url=server.url, timeout=30) as client:
        assert client.post("/api/v1/feedback", json=vote()).status_code == 201
    # The access line is written after the response has gone out.
    deadline = time.monotonic() + 10
    log = Path(server.log_path).read_text()
    while '"POST /api/v1/feedback" 201' not in log and time.monotonic() < deadline:
        time.sleep(0.05)
        log = Path(server.log_path).read_text()
    assert '"POST /api/v1/feedback" 201' in log
    assert "127.0.0.1" not in log.replace(f"http://127.0.0.1:{server.port}", "")
