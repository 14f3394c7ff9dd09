"""Group commit: results only after COMMIT, failures isolated to their own request."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from helpcenter.feedback.db import Database, open_database
from helpcenter.feedback.writer import Batched, WriteQueue


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(str(tmp_path / "w.db"))
    with database.writer.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER PRIMARY KEY)"))
    yield database
    database.dispose()


def insert(value: int) -> object:
    def job(conn: Connection) -> int:
        conn.execute(text("INSERT INTO t (x) VALUES (:x)"), {"x": value})
        return value

    return job


def count(db: Database) -> int:
    with db.reader.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM t")).scalar() or 0)


def test_many_jobs_all_commit(db: Database) -> None:
    queue = WriteQueue(db.writer, threads=1, max_batch=16)

    async def main() -> list[int]:
        return await asyncio.gather(*(queue.run(insert(i)) for i in range(100)))  # type: ignore[arg-type]

    try:
        assert asyncio.run(main()) == list(range(100))
    finally:
        queue.close()
    assert count(db) == 100


def test_a_failing_job_fails_alone(db: Database) -> None:
    queue = WriteQueue(db.writer, threads=1, max_batch=64)

    async def main() -> list[object]:
        jobs = [insert(1), insert(2), insert(1), insert(3)]  # the second 1 violates the key
        return await asyncio.gather(*(queue.run(j) for j in jobs), return_exceptions=True)  # type: ignore[arg-type]

    try:
        results = asyncio.run(main())
    finally:
        queue.close()
    assert results[0] == 1 and results[1] == 2 and results[3] == 3
    assert isinstance(results[2], Exception)
    assert count(db) == 3


def test_closed_queue_starts_again_on_demand(db: Database) -> None:
    queue = WriteQueue(db.writer)

    async def main(value: int) -> object:
        return await queue.run(insert(value))  # type: ignore[arg-type]

    assert asyncio.run(main(1)) == 1
    queue.close()
    assert asyncio.run(main(2)) == 2  # a second lifespan of the same app
    queue.close()
    assert count(db) == 2


def test_batched_jobs_share_one_call(db: Database) -> None:
    queue = WriteQueue(db.writer, threads=1)
    release = threading.Event()
    calls: list[list[int]] = []

    def many(conn: Connection, values: list[int]) -> list[int]:
        calls.append(values)
        for value in values:
            conn.execute(text("INSERT INTO t (x) VALUES (:x)"), {"x": value})
        return [value * 10 for value in values]

    def hold(conn: Connection) -> str:
        release.wait(10)  # keeps the writer busy while the others queue up
        return "held"

    async def main() -> list[object]:
        first = asyncio.ensure_future(queue.run(hold))
        await asyncio.sleep(0.05)
        rest = [asyncio.ensure_future(queue.run(Batched(many, i))) for i in range(1, 20)]
        await asyncio.sleep(0.05)
        release.set()
        return await asyncio.gather(first, *rest)

    try:
        results = asyncio.run(main())
    finally:
        queue.close()
    assert results == ["held", *(i * 10 for i in range(1, 20))]
    assert calls == [list(range(1, 20))]  # one call, in submission order
    assert count(db) == 19
