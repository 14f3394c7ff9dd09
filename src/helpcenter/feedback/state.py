"""What every request needs: settings, manifest, database, write queue, clock and salts."""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from helpcenter.feedback import votes
from helpcenter.feedback.db import SCHEMA_VERSION, Database
from helpcenter.feedback.manifest import Manifest
from helpcenter.feedback.settings import Settings
from helpcenter.feedback.visitor_secret import DailySalt
from helpcenter.feedback.visitors import IPNetwork, client_address, network_key
from helpcenter.feedback.writer import WriteQueue

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The real clock (tests inject their own)."""
    return dt.datetime.now(dt.UTC)


@dataclass
class AuthThrottle:
    """Wrong report tokens: at most `limit` in any `window` seconds, for the whole process
    (an attacker can change addresses at will, so the count is not per address)."""

    limit: int = 10
    window: dt.timedelta = dt.timedelta(seconds=60)
    failures: collections.deque[dt.datetime] = field(default_factory=collections.deque)

    def _forget_old(self, now: dt.datetime) -> None:
        while self.failures and self.failures[0] <= now - self.window:
            self.failures.popleft()

    def failed(self, now: dt.datetime) -> None:
        """Count a wrong token."""
        self._forget_old(now)
        self.failures.append(now)

    def retry_after(self, now: dt.datetime) -> int:
        """Seconds until a token may be tried again; 0 = now."""
        self._forget_old(now)
        if len(self.failures) < self.limit:
            return 0
        return max(1, math.ceil((self.failures[0] + self.window - now).total_seconds()))


@dataclass
class ServiceState:
    """Shared by all requests of one process."""

    settings: Settings
    manifest: Manifest
    db: Database
    writes: WriteQueue
    clock: Clock
    trusted: tuple[IPNetwork, ...]
    rate: votes.RateLimit
    salts: DailySalt
    report_auth: AuthThrottle = field(default_factory=AuthThrottle)
    # Readiness: the probe write in flight, and the schema version it last read.
    ready_probe: asyncio.Future[int] | None = None
    schema_version: int = SCHEMA_VERSION
    record_votes: Callable[..., list[votes.Outcome]] = field(init=False)
    closed: bool = False

    def __post_init__(self) -> None:
        """One callable for all requests."""
        # One callable for all requests, so that the write queue can batch their votes.
        self.record_votes = functools.partial(votes.record_votes, rate=self.rate)

    def close(self) -> None:
        """Finish queued writes and close the pooled connections (both reopen on demand)."""
        self.closed = True
        self.writes.close()
        self.db.dispose()


async def get_state(request: Request) -> ServiceState:
    """The state stored on the app (async: FastAPI would run a plain function in a thread)."""
    state: ServiceState = request.app.state.feedback
    return state


# A route's `state: State` parameter.
State = Annotated[ServiceState, Depends(get_state)]


def visitor_network(request: Request, state: ServiceState) -> str:
    """The client's network key (address, or IPv6 /64), trusting X-Forwarded-For from proxies."""
    peer = request.client.host if request.client else None
    forwarded = request.headers.getlist("x-forwarded-for")
    return network_key(client_address(peer, forwarded, state.trusted))
