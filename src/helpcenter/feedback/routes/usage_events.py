"""`POST /api/v1/events`: anonymous usage counts (searches, contact page deflection)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from helpcenter.feedback import votes
from helpcenter.feedback.routes._counts import beacon_request_body, read_count, store_count
from helpcenter.feedback.routes._docs import PUBLIC_POST_ERRORS
from helpcenter.feedback.schemas import UsageEventIn, UsageEventOut
from helpcenter.feedback.state import State

router = APIRouter(tags=["search"])


@router.post(
    "/api/v1/events",
    status_code=202,
    response_model=UsageEventOut,
    responses=PUBLIC_POST_ERRORS,
    openapi_extra={"requestBody": beacon_request_body(UsageEventIn)},
    summary="Count a search or a contact page choice",
    description=(
        "Adds one to the day's counter of the event in that language. Nothing else is stored: "
        "no query, no page, no visitor. The report turns the counts into the no-result rate "
        "and the contact page's deflection figure. Answers 202."
    ),
)
async def post_usage_event(request: Request, state: State) -> Response:
    """Validate, rate-limit and count the event."""
    usage = await read_count(request, state, UsageEventIn)
    await store_count(
        request, state, scope="e", record=votes.record_usage, lang=usage.lang, event=usage.event
    )
    return JSONResponse(
        {"status": "accepted", "lang": usage.lang, "event": usage.event}, status_code=202
    )
