"""`GET /api/v1/report` and `/api/v1/report.csv`: the editors' report, behind a bearer token."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from helpcenter.feedback import report
from helpcenter.feedback.report_text import ReportLanguage
from helpcenter.feedback.routes._docs import error
from helpcenter.feedback.schemas import ReportOut
from helpcenter.feedback.state import ServiceState, State

router = APIRouter(tags=["report"])
bearer = HTTPBearer(auto_error=False, description="HELPCENTER_FEEDBACK_REPORT_TOKEN")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]

AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {
        **error("Missing or wrong bearer token."),
        "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
    },
    404: error("The report is disabled: HELPCENTER_FEEDBACK_REPORT_TOKEN is not set."),
    429: error("Too many wrong tokens in the last minute; retry after `Retry-After` seconds."),
}


# The report holds comments: never kept by a browser or a proxy.
NO_STORE = {"Cache-Control": "no-store"}


def authorise(state: ServiceState, credentials: HTTPAuthorizationCredentials | None) -> None:
    """404 when no token is configured, 401 unless the bearer token matches, 429 while too
    many wrong tokens were tried (then no token is checked at all, so guessing stalls)."""
    token = state.settings.report_token
    if token is None:
        raise HTTPException(
            404, "report disabled: set HELPCENTER_FEEDBACK_REPORT_TOKEN to enable it"
        )
    if credentials is None:  # nothing guessed
        raise HTTPException(
            401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"}
        )
    now = state.clock()
    wait = state.report_auth.retry_after(now)
    if wait:
        raise HTTPException(
            429, "too many wrong tokens; try again later", headers={"Retry-After": str(wait)}
        )
    given = credentials.credentials
    if not hmac.compare_digest(given.encode(), token.get_secret_value().encode()):
        state.report_auth.failed(now)
        raise HTTPException(
            401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"}
        )


async def _build(state: ServiceState) -> report.Report:
    """The report, read in a worker thread."""
    return await run_in_threadpool(
        report.build_report, state.db, manifest=state.manifest, now=state.clock()
    )


@router.get(
    "/api/v1/report",
    response_model=ReportOut,
    responses=AUTH_ERRORS,
    summary="Editors' report (JSON)",
)
async def get_report(state: State, credentials: Credentials) -> Response:
    """Worst articles first, then searches that found nothing."""
    authorise(state, credentials)
    built = await _build(state)
    return JSONResponse(built.model_dump(mode="json"), headers=NO_STORE)


@router.get(
    "/api/v1/report.csv",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"},
        **AUTH_ERRORS,
    },
    summary="Editors' report (CSV)",
)
async def get_report_csv(state: State, credentials: Credentials) -> Response:
    """The same report as one CSV table with a `section` column."""
    authorise(state, credentials)
    built = await _build(state)
    return Response(
        report.render_csv(built),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="feedback-report.csv"',
            **NO_STORE,
        },
    )


@router.get(
    "/api/v1/report.html",
    response_class=Response,
    responses={
        200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "HTML"},
        **AUTH_ERRORS,
    },
    summary="Editors' report (HTML)",
)
async def get_report_html(
    state: State, credentials: Credentials, lang: ReportLanguage = "en"
) -> Response:
    """The same report as a self-contained page in Croatian, Finnish or English (`lang`)."""
    authorise(state, credentials)
    built = await _build(state)
    return Response(
        report.render_html(built, lang=lang),
        media_type="text/html; charset=utf-8",
        headers={
            # No script, style or image from anywhere: the page is its own inline CSS and SVG.
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
            **NO_STORE,
        },
    )
