"""`POST /api/v1/events`: anonymous usage counts (searches, contact page deflection)."""

from __future__ import annotations

import functools
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import JSONResponse

from helpcenter.feedback import votes
from helpcenter.feedback.intake import body_kind, check_origin, parse_json, read_body
from helpcenter.feedback.routes._docs import PUBLIC_POST_ERRORS
from helpcenter.feedback.schemas import UsageEventIn, UsageEventOut
from helpcenter.feedback.state import State, visitor_network
from helpcenter.feedback.visitors import rate_bucket

router = APIRouter(tags=["search"])

REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {"schema": UsageEventIn.model_json_schema()},
        "text/plain": {
            "schema": {
                "type": "string",
                "description": "A UsageEventIn JSON document (navigator.sendBeacon).",
            }
        },
    },
}


@router.post(
    "/api/v1/events",
    status_code=202,
    response_model=UsageEventOut,
    responses=PUBLIC_POST_ERRORS,
    openapi_extra={"requestBody": REQUEST_BODY},
    summary="Count a search or a contact page choice",
    description=(
        "Adds one to the day's counter of the event in that language. Nothing else is stored: "
        "no query, no page, no visitor. The report turns the counts into the no-result rate "
        "and the contact page's deflection figure. Answers 202."
    ),
)
async def post_usage_event(request: Request, state: State) -> Response:
    """Validate, rate-limit and count the event."""
    check_origin(request, state.settings.allow_origin)
    body_kind(request, ("json",))
    body = await read_body(
        request, state.settings.max_body_bytes, timeout=state.settings.body_timeout
    )
    usage = parse_json(body, UsageEventIn)
    if usage.lang not in state.manifest.languages:
        raise HTTPException(422, "unknown language: not in the site manifest")
    now = state.clock()
    salt = state.salts.for_day(now.date())
    bucket = rate_bucket(salt, "e", visitor_network(request, state))
    job = functools.partial(
        votes.record_usage,
        lang=usage.lang,
        event=usage.event,
        bucket=bucket,
        now=now,
        rate=state.rate,
    )
    outcome = await state.writes.run(job, timeout=state.settings.write_timeout)
    if outcome.kind == "rate_limited":
        raise HTTPException(
            429, "too many requests", headers={"Retry-After": str(outcome.retry_after)}
        )
    return JSONResponse(
        {"status": "accepted", "lang": usage.lang, "event": usage.event}, status_code=202
    )
