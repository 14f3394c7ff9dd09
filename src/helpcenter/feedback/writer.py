"""Group commit: writer threads run queued jobs in shared transactions and answer after COMMIT.

One SQLite file has one writer at a time anyway; batching many votes into one transaction
pays for one fsync per batch instead of one per vote, without weakening `synchronous=FULL`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy import exc as sa_exc

from helpcenter.feedback.db import describe_error

T = TypeVar("T")
Job = Callable[[Connection], T]
log = logging.getLogger("helpcenter.feedback.writer")


@dataclass(frozen=True, slots=True)
class Batched:
    """A job that shares one call with the other jobs of a batch that use the same `many`.

    `many(conn, [arg, ...])` returns one result per argument, in order; it lets a batch of
    votes go to PostgreSQL as one pipeline instead of one round trip per vote.
    """

    many: Callable[[Connection, list[Any]], list[Any]]
    arg: Any


def _execute(conn: Connection, jobs: list[Job[Any] | Batched]) -> list[Any]:
    """Run the jobs in one transaction; batched ones grouped by their `many`."""
    results: list[Any] = [None] * len(jobs)
    groups: dict[Any, list[int]] = {}
    for index, job in enumerate(jobs):
        if isinstance(job, Batched):
            groups.setdefault(job.many, []).append(index)
        else:
            results[index] = job(conn)
    for many, indexes in groups.items():
        outputs = many(conn, [jobs[i].arg for i in indexes])  # type: ignore[union-attr]
        for index, output in zip(indexes, outputs, strict=True):
            results[index] = output
    return results


@dataclass(slots=True)
class _Item:
    job: Job[Any] | Batched
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[Any]


_STOP = object()
# More waiting writes than this and the database is not keeping up: answer at once.
MAX_PENDING = 10_000
# Errors that say the database cannot take writes now (down, frozen, locked, read-only, full),
# not that one job is wrong: the whole batch fails at once instead of being retried one by one.
_UNAVAILABLE = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.InternalError,
    sa_exc.TimeoutError,
)


class StoreUnavailable(Exception):
    """A write could not be stored (or not in time); `reason` is safe to show a client."""

    def __init__(self, reason: str) -> None:
        """Keep the reason."""
        super().__init__(reason)
        self.reason = reason


# The same classes of the DB-API drivers (PEP 249 names), for statements that go to the driver
# directly (the PostgreSQL vote pipeline): psycopg's ReadOnlySqlTransaction is an InternalError.
_DBAPI_UNAVAILABLE = frozenset({"OperationalError", "InterfaceError", "InternalError"})


def is_unavailable(error: BaseException) -> bool:
    """Whether `error` is about the database as a whole rather than one job."""
    if isinstance(error, _UNAVAILABLE) or getattr(error, "connection_invalidated", False):
        return True
    return any(cls.__name__ in _DBAPI_UNAVAILABLE for cls in type(error).__mro__)


@dataclass
class WriteHealth:
    """What the writer saw last; readiness reads it (monotonic clock)."""

    last_success: float = 0.0
    last_failure: float = 0.0
    reason: str = ""
    busy_since: float = 0.0  # a batch is running since then; 0 = idle

    def ok(self) -> None:
        self.last_success = time.monotonic()

    def failed(self, reason: str) -> None:
        self.last_failure = time.monotonic()
        self.reason = reason


def _settle(deliveries: list[tuple[asyncio.Future[Any], Any, BaseException | None]]) -> None:
    """Runs on the event loop: hand each result to its waiting request."""
    for future, result, error in deliveries:
        if future.done():  # the client went away
            continue
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)


class WriteQueue:
    """Runs write jobs on dedicated threads, batching those that queue up meanwhile."""

    def __init__(self, engine: Engine, *, threads: int = 1, max_batch: int = 128) -> None:
        """Threads start on first use."""
        self._engine = engine
        self._threads_wanted = threads
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self.health = WriteHealth()

    @property
    def pending(self) -> int:
        """Jobs waiting for a writer thread."""
        return self._queue.qsize()

    async def run(self, job: Job[T] | Batched, *, timeout: float | None = None) -> T:
        """Queue `job(conn)` and wait until its transaction has committed.

        StoreUnavailable when the database fails, or when it has not answered within
        `timeout` seconds; the job then stays queued and may still commit later, which is
        why votes carry a submission id: a retry is answered from what was stored.
        """
        if not self._threads:
            self._start()
        if self.pending > MAX_PENDING:
            raise StoreUnavailable("the database is not keeping up; try again shortly")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put(_Item(job, loop, future))
        if timeout is None:
            return await future
        # One timer, not wait_for + shield (a task per vote): when it fires first, the job's
        # late result is dropped by `_settle`, which skips futures already done.
        timer = loop.call_later(timeout, self._expire, future, timeout)
        try:
            return await future
        finally:
            timer.cancel()

    def _expire(self, future: asyncio.Future[Any], timeout: float) -> None:
        """The write has not committed in time: its request is answered 503 now."""
        if future.done():
            return
        self.health.failed(f"no answer from the database within {timeout:g} s")
        log.warning("database write failed, 1 answered 503: no answer within %g s", timeout)
        future.set_exception(StoreUnavailable("the database did not answer in time"))

    def _start(self) -> None:
        """Start the writer threads (again after close(): an app may see several lifespans)."""
        with self._lock:
            if self._threads:
                return
            for index in range(self._threads_wanted):
                thread = threading.Thread(
                    target=self._work, name=f"feedback-writer-{index}", daemon=True
                )
                thread.start()
                self._threads.append(thread)

    def close(self, timeout: float = 10.0) -> None:
        """Finish queued jobs, then stop the threads."""
        with self._lock:
            threads, self._threads = self._threads, []
        for _ in threads:
            self._queue.put(_STOP)
        for thread in threads:
            thread.join(timeout)

    def _work(self) -> None:
        """Thread body: take what is queued (up to max_batch), run it, commit, answer."""
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch: list[_Item] = [first]
            stop = False
            while len(batch) < self._max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stop = True
                    break
                batch.append(item)
            self._deliver(batch, self._run_batch(batch))
            if stop:
                return

    def _run_batch(self, batch: list[_Item]) -> list[tuple[Any, BaseException | None]]:
        """One transaction for the batch.

        When the database is unavailable every job of the batch fails at once, with one log
        line; retrying each alone would only multiply the wait (a lock timeout per job).
        Any other error may be one job's: each job then gets a transaction of its own.
        """
        self.health.busy_since = time.monotonic()
        try:
            with self._engine.begin() as conn:
                results = _execute(conn, [item.job for item in batch])
            self.health.ok()
            return [(result, None) for result in results]
        except Exception as exc:
            if is_unavailable(exc) or len(batch) == 1:
                return self._fail(batch, exc)
            log.warning(
                "batch of %d writes failed (%s); retrying one by one",
                len(batch),
                describe_error(exc),
            )
        finally:
            self.health.busy_since = 0.0
        return [self._run_alone(item) for item in batch]

    def _fail(
        self, batch: list[_Item], error: BaseException
    ) -> list[tuple[Any, BaseException | None]]:
        """Every job of the batch answered StoreUnavailable; one log line."""
        reason = describe_error(error)
        self.health.failed(reason)
        if is_unavailable(error):
            log.warning("database write failed, %d answered 503: %s", len(batch), reason)
        else:  # not the database's state: a bug worth its traceback, once
            log.error("write failed, %d answered 503: %s", len(batch), reason, exc_info=error)
        unavailable = StoreUnavailable("the vote could not be stored; try again shortly")
        return [(None, unavailable) for _ in batch]

    def _run_alone(self, item: _Item) -> tuple[Any, BaseException | None]:
        """A job in a transaction of its own; its failure goes to its request only."""
        try:
            with self._engine.begin() as conn:
                result = _execute(conn, [item.job])[0]
            self.health.ok()
            return result, None
        except Exception as exc:
            return self._fail([item], exc)[0]

    @staticmethod
    def _deliver(batch: list[_Item], results: list[tuple[Any, BaseException | None]]) -> None:
        """Wake each event loop once with all of its results."""
        by_loop: dict[asyncio.AbstractEventLoop, list[Any]] = {}
        for item, (result, error) in zip(batch, results, strict=True):
            by_loop.setdefault(item.loop, []).append((item.future, result, error))
        for loop, deliveries in by_loop.items():
            with contextlib.suppress(RuntimeError):  # that loop already closed (shutdown)
                loop.call_soon_threadsafe(_settle, deliveries)
