"""`POST /api/v1/search-misses`: a site search that found nothing."""

from __future__ import annotations

import functools
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import JSONResponse

from helpcenter.feedback import votes
from helpcenter.feedback.intake import body_kind, check_origin, parse_json, read_body
from helpcenter.feedback.routes._docs import PUBLIC_POST_ERRORS
from helpcenter.feedback.schemas import SearchMissIn, SearchMissOut
from helpcenter.feedback.state import State, visitor_network
from helpcenter.feedback.visitors import rate_bucket

router = APIRouter(tags=["search"])

REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {"schema": SearchMissIn.model_json_schema()},
        "text/plain": {
            "schema": {
                "type": "string",
                "description": "A SearchMissIn JSON document (navigator.sendBeacon).",
            }
        },
    },
}


@router.post(
    "/api/v1/search-misses",
    status_code=202,
    response_model=SearchMissOut,
    responses=PUBLIC_POST_ERRORS,
    openapi_extra={"requestBody": REQUEST_BODY},
    summary="Count a search that found nothing",
    description=(
        "Counted per language and normalised query (NFKC, lower case, collapsed spaces, "
        "1-100 characters) with the time last seen; e-mail addresses, card, phone and other long "
        "digit runs are replaced by placeholders first, and nothing about the visitor is "
        "stored. Misses not seen again within the retention (90 days) are deleted. Answers 202."
    ),
)
async def post_search_miss(request: Request, state: State) -> Response:
    """Validate, rate-limit and count the query."""
    check_origin(request, state.settings.allow_origin)
    body_kind(request, ("json",))
    body = await read_body(
        request, state.settings.max_body_bytes, timeout=state.settings.body_timeout
    )
    miss = parse_json(body, SearchMissIn)
    if miss.lang not in state.manifest.languages:
        raise HTTPException(422, "unknown language: not in the site manifest")
    now = state.clock()
    salt = state.salts.for_day(now.date())
    bucket = rate_bucket(salt, "s", visitor_network(request, state))
    job = functools.partial(
        votes.record_search_miss,
        lang=miss.lang,
        query=miss.query,
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
        {"status": "accepted", "lang": miss.lang, "query": miss.query}, status_code=202
    )
