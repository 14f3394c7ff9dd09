"""What every request needs: settings, manifest, database, write queue, clock and salts."""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from fastapi import Request

from helpcenter.feedback import storage
from helpcenter.feedback.db import Database
from helpcenter.feedback.manifest import Manifest
from helpcenter.feedback.settings import Settings
from helpcenter.feedback.visitors import IPNetwork, client_address, network_key
from helpcenter.feedback.writer import WriteQueue

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The real clock (tests inject their own)."""
    return dt.datetime.now(dt.UTC)


class SaltBook:
    """Today's salt, cached in memory; created in (and agreed through) the database."""

    def __init__(self, writes: WriteQueue) -> None:
        """Nothing cached yet."""
        self._writes = writes
        self._cache: dict[dt.date, bytes] = {}

    async def for_day(self, day: dt.date) -> bytes:
        """The salt of `day`; the database decides which replica's random value wins."""
        salt = self._cache.get(day)
        if salt is None:
            job = functools.partial(storage.ensure_salt, day=day, candidate=secrets.token_bytes(32))
            salt = await self._writes.run(job)
            # Only one day is kept: yesterday's salt must not outlive its purpose in memory.
            self._cache = {day: salt}
        return salt


@dataclass
class ServiceState:
    """Shared by all requests of one process."""

    settings: Settings
    manifest: Manifest
    db: Database
    writes: WriteQueue
    clock: Clock
    trusted: tuple[IPNetwork, ...]
    rate: storage.RateLimit
    salts: SaltBook = field(init=False)
    record_votes: Callable[..., list[storage.Outcome]] = field(init=False)
    closed: bool = False

    def __post_init__(self) -> None:
        """Salts go through the same write queue as votes."""
        self.salts = SaltBook(self.writes)
        # One callable for all requests, so that the write queue can batch their votes.
        self.record_votes = functools.partial(storage.record_votes, rate=self.rate)

    def close(self) -> None:
        """Finish queued writes and close the pooled connections (both reopen on demand)."""
        self.closed = True
        self.writes.close()
        self.db.dispose()


def get_state(request: Request) -> ServiceState:
    """The state stored on the app."""
    state: ServiceState = request.app.state.feedback
    return state


def visitor_network(request: Request, state: ServiceState) -> str:
    """The client's network key (address, or IPv6 /64), trusting X-Forwarded-For from proxies."""
    peer = request.client.host if request.client else None
    forwarded = request.headers.getlist("x-forwarded-for")
    return network_key(client_address(peer, forwarded, state.trusted))
