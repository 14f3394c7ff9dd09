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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine

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

    async def run(self, job: Job[T] | Batched) -> T:
        """Queue `job(conn)` and wait until its transaction has committed."""
        if not self._threads:
            self._start()
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put(_Item(job, loop, future))
        return await future

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
        """One transaction for the batch; if anything fails, each job gets its own."""
        try:
            with self._engine.begin() as conn:
                results = _execute(conn, [item.job for item in batch])
            return [(result, None) for result in results]
        except Exception:
            if len(batch) == 1:
                return [self._run_alone(batch[0])]
            log.warning("batch of %d writes failed; retrying one by one", len(batch))
        return [self._run_alone(item) for item in batch]

    def _run_alone(self, item: _Item) -> tuple[Any, BaseException | None]:
        """A job in a transaction of its own; its exception goes to its request only."""
        try:
            with self._engine.begin() as conn:
                return _execute(conn, [item.job])[0], None
        except Exception as exc:
            log.exception("write failed")
            return None, exc

    @staticmethod
    def _deliver(batch: list[_Item], results: list[tuple[Any, BaseException | None]]) -> None:
        """Wake each event loop once with all of its results."""
        by_loop: dict[asyncio.AbstractEventLoop, list[Any]] = {}
        for item, (result, error) in zip(batch, results, strict=True):
            by_loop.setdefault(item.loop, []).append((item.future, result, error))
        for loop, deliveries in by_loop.items():
            with contextlib.suppress(RuntimeError):  # that loop already closed (shutdown)
                loop.call_soon_threadsafe(_settle, deliveries)
