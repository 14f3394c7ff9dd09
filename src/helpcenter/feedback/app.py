"""`create_app(settings)`: the FastAPI application of the feedback service."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from helpcenter import __version__
from helpcenter.feedback import maintenance, votes
from helpcenter.feedback.access_log import AccessLogMiddleware
from helpcenter.feedback.db import Database, DatabaseError, open_database
from helpcenter.feedback.errors import store_unavailable_handler
from helpcenter.feedback.http_guard import HttpGuardMiddleware
from helpcenter.feedback.manifest import Manifest, ManifestError, load_manifest
from helpcenter.feedback.routes import feedback, health, report, search_misses, usage_events
from helpcenter.feedback.server import freeze_startup_objects
from helpcenter.feedback.settings import Settings
from helpcenter.feedback.state import Clock, ServiceState, utc_now
from helpcenter.feedback.visitor_secret import DailySalt, SecretError, load_secret
from helpcenter.feedback.visitors import parse_networks
from helpcenter.feedback.writer import StoreUnavailable, WriteQueue

log = logging.getLogger("helpcenter.feedback")
PRUNE_INTERVAL_SECONDS = 60.0


class StartupError(Exception):
    """The service cannot start; the message says why."""


def _load_manifest(settings: Settings) -> Manifest:
    """The site's manifest, or StartupError."""
    if settings.site is None:
        raise StartupError("no site given (--site or HELPCENTER_FEEDBACK_SITE)")
    try:
        return load_manifest(settings.site)
    except ManifestError as exc:
        raise StartupError(str(exc)) from exc


def build_state(
    settings: Settings,
    *,
    clock: Clock = utc_now,
    manifest: Manifest | None = None,
    database: Database | None = None,
) -> ServiceState:
    """Manifest, database (checked and migrated) and write queue; raises StartupError."""
    if not settings.allow_origin:
        raise StartupError("at least one allowed origin is needed (--allow-origin)")
    manifest = manifest or _load_manifest(settings)
    if database is None:
        try:
            database = open_database(settings.database)
        except DatabaseError as exc:
            raise StartupError(str(exc)) from exc
    try:
        secret = load_secret(settings, sqlite_file=database.sqlite_path)
    except SecretError as exc:
        database.dispose()
        raise StartupError(str(exc)) from exc
    # One writer thread: SQLite has one writer at a time anyway, and PostgreSQL gets each
    # batch of votes as one pipeline; more threads measured slower (GIL, smaller batches).
    writes = WriteQueue(database.writer, threads=settings.writer_threads or 1)
    return ServiceState(
        settings=settings,
        manifest=manifest,
        db=database,
        writes=writes,
        clock=clock,
        trusted=parse_networks(settings.trusted_proxy),
        rate=votes.RateLimit(limit=settings.rate_limit, window=settings.rate_window),
        salts=DailySalt(secret),
    )


async def prune_forever(state: ServiceState, interval: float = PRUNE_INTERVAL_SECONDS) -> None:
    """Old salts, visitor links, rate-limit windows and submission ids go away regularly."""
    retention = dt.timedelta(days=state.settings.submission_retention_days)
    miss_retention = dt.timedelta(days=state.settings.search_miss_retention_days)
    while not state.closed:
        job = functools.partial(
            maintenance.prune,
            now=state.clock(),
            window=state.rate.window,
            submission_retention=retention,
            search_miss_retention=miss_retention,
        )
        # A failure is logged once by the writer; the next round tries again.
        with contextlib.suppress(StoreUnavailable):
            await state.writes.run(job)
        await asyncio.sleep(interval)


def create_app(
    settings: Settings,
    *,
    clock: Clock = utc_now,
    manifest: Manifest | None = None,
    database: Database | None = None,
) -> FastAPI:
    """The application; opens (and migrates) the database right away so errors show at once."""
    state = build_state(settings, clock=clock, manifest=manifest, database=database)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        state.closed = False
        pruner = asyncio.create_task(prune_forever(state))
        try:
            yield
        finally:
            pruner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pruner
            state.close()

    app = FastAPI(
        title="helpcenter feedback service",
        version=__version__,
        description="Votes from the help-center's “Was this helpful?” widget and search misses.",
        lifespan=lifespan,
        # The interactive docs pages load scripts from a CDN; the schema is enough.
        docs_url=None,
        redoc_url=None,
    )
    app.state.feedback = state
    app.add_exception_handler(StoreUnavailable, store_unavailable_handler)
    app.include_router(feedback.router)
    app.include_router(search_misses.router)
    app.include_router(usage_events.router)
    app.include_router(report.router)
    app.include_router(health.router)
    if settings.bench:
        app.include_router(health.bench_router)
    app.add_middleware(HttpGuardMiddleware, max_header_bytes=settings.max_header_bytes)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allow_origin,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        expose_headers=["Retry-After"],
        allow_credentials=False,
        max_age=600,
    )
    app.add_middleware(AccessLogMiddleware)
    return app


def app_from_env() -> FastAPI:
    """Factory for uvicorn workers: settings come from HELPCENTER_FEEDBACK_* variables."""
    app = create_app(Settings())  # type: ignore[call-arg]
    freeze_startup_objects()
    return app
