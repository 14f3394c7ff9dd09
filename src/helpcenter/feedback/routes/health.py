"""`GET /api/v1/health` and, with `--bench`, the database-free baseline endpoint."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from helpcenter.feedback import storage
from helpcenter.feedback.schemas import BareOut, HealthError, HealthOut
from helpcenter.feedback.state import get_state

router = APIRouter(tags=["health"])
bench_router = APIRouter(tags=["bench"])


@router.get(
    "/api/v1/health",
    response_model=HealthOut,
    responses={503: {"model": HealthError, "description": "The database does not answer."}},
    summary="Liveness and database check",
)
async def health(request: Request) -> Response:
    """One cheap query proves the database answers."""
    state = get_state(request)

    def query() -> int:
        with state.db.reader.connect() as conn:
            return storage.ping(conn)

    try:
        version = await run_in_threadpool(query)
    except SQLAlchemyError:
        return JSONResponse({"status": "error", "detail": "database unavailable"}, status_code=503)
    return JSONResponse(
        {
            "status": "ok",
            "database": state.db.kind,
            "schema_version": version,
            "articles": len(state.manifest.articles),
        }
    )


@bench_router.get("/api/v1/bench/bare", response_model=BareOut, summary="Benchmark baseline")
async def bare() -> Response:
    """Same stack and middleware as a vote, no database work."""
    return JSONResponse({"status": "ok"})
