"""Database faults against a real server: each answer is a quick JSON 503 with Retry-After and
one log line, readiness tells the truth, the service recovers by itself, and every vote it
acknowledged is stored exactly once.

The faults are real: a SQLite file locked by another process, a file system that is full or
remounted read-only, and a PostgreSQL server of the test's own that is stopped, frozen
(SIGSTOP) and restarted while votes arrive.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import bindparam, create_engine, text

from helpcenter.feedback.db import SQLITE_BUSY_TIMEOUT_MS, normalise_url
from tests.feedback.faults import (
    Answer,
    fill,
    remount,
    send_vote,
    small_file_system,
    throwaway_postgres,
    wait_until,
)
from tests.feedback.support import ServerProcess, running_server, write_site

pytestmark = pytest.mark.slow
WRITE_TIMEOUT = 2.0
# What a failed write may take at most: the longest database wait, plus scheduling.
BOUND = max(WRITE_TIMEOUT, SQLITE_BUSY_TIMEOUT_MS / 1000) + 1.5
FAILURE_LINE = "database write failed"


def _server(tmp_path: Path, database: str) -> ServerProcess:
    return ServerProcess(
        database=database,
        site=write_site(tmp_path / "site"),
        log_path=tmp_path / "server.log",
        env={
            "HELPCENTER_FEEDBACK_WRITE_TIMEOUT": str(WRITE_TIMEOUT),
            "HELPCENTER_FEEDBACK_RATE_LIMIT": "100000",
        },
    )


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as http:
        yield http


def assert_unavailable(answer: Answer) -> None:
    """A clean, quick refusal."""
    assert answer.status == 503, answer
    assert answer.headers["content-type"] == "application/json"
    assert int(answer.headers["retry-after"]) >= 1
    assert answer.body and isinstance(answer.body["detail"], str)
    assert answer.seconds < BOUND, f"answered after {answer.seconds:.1f} s"


def ready_status(client: httpx.Client, server: ServerProcess) -> int:
    return client.get(f"{server.url}/api/v1/health/ready").status_code


def assert_log_is_clean(server: ServerProcess, failures: int) -> None:
    """One line per failed batch at most, never a traceback or a 500."""
    log = server.log_path.read_text()
    assert "Traceback" not in log
    assert '" 500 ' not in log
    lines = [line for line in log.splitlines() if FAILURE_LINE in line]
    assert 1 <= len(lines) <= failures, log[-3000:]


def stored_once(database: str, acknowledged: set[str]) -> None:
    """Every acknowledged submission is in the database exactly once, as a submission and
    as a vote (one visitor each)."""
    engine = create_engine(normalise_url(database))
    try:
        with engine.connect() as conn:
            for table in ("submissions", "votes"):
                query = text(
                    f"SELECT submission_id, COUNT(*) FROM {table} "
                    "WHERE submission_id IN :ids GROUP BY submission_id"
                ).bindparams(bindparam("ids", expanding=True))
                counts = dict(conn.execute(query, {"ids": sorted(acknowledged)}).all())
                assert counts == dict.fromkeys(acknowledged, 1), table
    finally:
        engine.dispose()


def test_sqlite_locked_by_another_process(tmp_path: Path, client: httpx.Client) -> None:
    database = str(tmp_path / "feedback.db")
    with running_server(**vars(_server(tmp_path, database))) as server:
        client.base_url = httpx.URL(server.url)
        assert send_vote(client).status == 201
        locker = sqlite3.connect(database, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")
        try:
            refused = send_vote(client)
            assert_unavailable(refused)
            assert ready_status(client, server) == 503
        finally:
            locker.rollback()
            locker.close()
        assert wait_until(lambda: ready_status(client, server) == 200)
        # 200 when the refused try was still queued and committed once the lock went.
        assert send_vote(client, refused.submission_id).status in (200, 201)
        assert_log_is_clean(server, failures=2)
    stored_once(database, {refused.submission_id})


def test_sqlite_disk_full_and_freed(tmp_path: Path, client: httpx.Client) -> None:
    with small_file_system("2m") as disk:
        database = str(disk / "feedback.db")
        with running_server(**vars(_server(tmp_path, database))) as server:
            client.base_url = httpx.URL(server.url)
            acknowledged = set()
            filler = fill(disk)
            answers = []
            for _ in range(200):
                answer = send_vote(client, comment="x" * 1000)
                answers.append(answer)
                if answer.status == 201:
                    acknowledged.add(answer.submission_id)
                else:
                    break
            refused = answers[-1]
            assert_unavailable(refused)
            assert ready_status(client, server) == 503
            filler.unlink()
            assert wait_until(lambda: ready_status(client, server) == 200)
            assert send_vote(client, refused.submission_id).status in (200, 201)
            acknowledged.add(refused.submission_id)
            assert_log_is_clean(server, failures=2)
        stored_once(database, acknowledged)


def test_sqlite_on_a_read_only_file_system_is_refused_at_startup(tmp_path: Path) -> None:
    """Rather than start, say healthy and fail every vote."""
    with small_file_system("16m") as disk:
        database = str(disk / "feedback.db")
        with running_server(**vars(_server(tmp_path, database))):
            pass  # creates the database
        remount(disk, "ro")
        try:
            server = _server(tmp_path, database)
            with pytest.raises(RuntimeError, match="exited with 2") as failed:
                server.start(timeout=20)
        finally:
            remount(disk, "rw")
    message = str(failed.value)
    assert "readonly database" in message or "read-only" in message, message
    assert "Traceback" not in message


def _traffic(client: httpx.Client, stop: threading.Event, answers: list[Answer]) -> None:
    """Votes one after another until told to stop."""
    while not stop.is_set():
        try:
            answers.append(send_vote(client))
        except httpx.HTTPError as exc:  # pragma: no cover - reported by the assertion below
            answers.append(Answer("", 0, 0.0, {}, str(exc)))


def test_postgres_stopped_frozen_read_only_and_back_mid_traffic(
    tmp_path: Path, client: httpx.Client
) -> None:
    with throwaway_postgres() as postgres:
        with running_server(**vars(_server(tmp_path, postgres.url))) as server:
            client.base_url = httpx.URL(server.url)
            answers: list[Answer] = []
            stop = threading.Event()
            traffic = httpx.Client(base_url=server.url, timeout=30)
            worker = threading.Thread(target=_traffic, args=(traffic, stop, answers))
            worker.start()
            try:
                assert wait_until(lambda: sum(a.status == 201 for a in answers) >= 20)
                postgres.stop()
                assert wait_until(lambda: sum(a.status == 503 for a in answers) >= 3)
                assert ready_status(client, server) == 503
                postgres.start()
                assert wait_until(lambda: ready_status(client, server) == 200)
                seen = len(answers)
                assert wait_until(lambda: sum(a.status == 201 for a in answers[seen:]) >= 10)
                postgres.freeze()
                seen = len(answers)
                assert wait_until(lambda: sum(a.status == 503 for a in answers[seen:]) >= 2)
                assert ready_status(client, server) == 503
                postgres.thaw()
                assert wait_until(lambda: ready_status(client, server) == 200)
                seen = len(answers)
                assert wait_until(lambda: sum(a.status == 201 for a in answers[seen:]) >= 10)
                postgres.read_only(True)
                seen = len(answers)
                assert wait_until(lambda: sum(a.status == 503 for a in answers[seen:]) >= 2)
                assert wait_until(lambda: ready_status(client, server) == 503)
                postgres.read_only(False)
                assert wait_until(lambda: ready_status(client, server) == 200)
                seen = len(answers)
                assert wait_until(lambda: sum(a.status == 201 for a in answers[seen:]) >= 10)
            finally:
                stop.set()
                worker.join(60)
                traffic.close()
            assert {a.status for a in answers} <= {201, 503}, {a.status for a in answers}
            for answer in answers:
                if answer.status == 503:
                    assert_unavailable(answer)
            # The refused votes, sent again as the widget does: stored once, whether the
            # first try was stored late (after the thaw) or not at all.
            refused = [a.submission_id for a in answers if a.status == 503]
            for submission_id in refused:
                assert send_vote(client, submission_id).status in (200, 201)
            assert_log_is_clean(server, failures=len(refused) + 2)
        acknowledged = {a.submission_id for a in answers if a.status == 201} | set(refused)
        stored_once(postgres.url, acknowledged)
