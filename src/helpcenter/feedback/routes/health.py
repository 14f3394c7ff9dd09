"""Liveness and readiness for a load balancer, and with `--bench` the database-free baseline.

- `/api/v1/health/live`: the process answers; restart it if not.
- `/api/v1/health/ready` (also `/api/v1/health`): a vote sent now would be stored; send no
  votes here while it answers 503. It fails while the database is read-only, full, locked past
  the timeout, frozen or unreachable, and recovers by itself when the database does.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from helpcenter.feedback import maintenance
from helpcenter.feedback.errors import unavailable_headers
from helpcenter.feedback.schemas import BareOut, HealthError, HealthOut, LiveOut
from helpcenter.feedback.state import ServiceState, State
from helpcenter.feedback.writer import StoreUnavailable

router = APIRouter(tags=["health"])
bench_router = APIRouter(tags=["bench"])
# A write that succeeded this recently (and nothing failed since) answers for the database,
# so a busy service does not add a probe write to every check.
RECENT_WRITE_SECONDS = 2.0
READY_RESPONSES: dict[int | str, dict[str, Any]] = {
    503: {"model": HealthError, "description": "A write would fail now; reason in `detail`."}
}


def _not_ready(detail: str) -> JSONResponse:
    return JSONResponse(
        {"status": "error", "detail": detail}, status_code=503, headers=unavailable_headers()
    )


async def _probe(state: ServiceState) -> int:
    """One probe write at a time: concurrent checks share it."""
    pending = state.ready_probe
    if pending is None or pending.done():
        pending = asyncio.ensure_future(
            state.writes.run(maintenance.probe_write, timeout=state.settings.write_timeout)
        )
        state.ready_probe = pending
    return await asyncio.shield(pending)


@router.get("/api/v1/health/live", response_model=LiveOut, summary="Liveness")
async def live() -> Response:
    """The process runs its event loop; says nothing about the database."""
    return JSONResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})


async def ready(state: State) -> Response:
    """Ready when a write would succeed now: a recent write did, or a probe write does."""
    health = state.writes.health
    now = time.monotonic()
    if health.busy_since and now - health.busy_since > state.settings.write_timeout:
        waited = now - health.busy_since
        return _not_ready(f"the database has not answered a write for {waited:.0f} s")
    recent = now - health.last_success < RECENT_WRITE_SECONDS
    if recent and health.last_success >= health.last_failure:
        version = state.schema_version
    else:
        try:
            version = await _probe(state)
        except StoreUnavailable:
            return _not_ready(f"database unavailable for writes ({health.reason})")
        state.schema_version = version
    return JSONResponse(
        {
            "status": "ok",
            "database": state.db.kind,
            "schema_version": version,
            "articles": len(state.manifest.articles),
        },
        headers={"Cache-Control": "no-store"},
    )


for path, summary in (
    ("/api/v1/health/ready", "Readiness"),
    ("/api/v1/health", "Readiness (the same as /api/v1/health/ready)"),
):
    router.add_api_route(
        path,
        ready,
        methods=["GET"],
        summary=summary,
        response_model=HealthOut,
        responses=READY_RESPONSES,
    )


@bench_router.get("/api/v1/bench/bare", response_model=BareOut, summary="Benchmark baseline")
async def bare() -> Response:
    """Same stack and middleware as a vote, no database work."""
    return JSONResponse({"status": "ok"})
