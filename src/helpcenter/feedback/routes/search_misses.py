"""`POST /api/v1/search-misses`: a site search that found nothing."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from helpcenter.feedback import votes
from helpcenter.feedback.routes._counts import beacon_request_body, read_count, store_count
from helpcenter.feedback.routes._docs import PUBLIC_POST_ERRORS
from helpcenter.feedback.schemas import SearchMissIn, SearchMissOut
from helpcenter.feedback.state import State

router = APIRouter(tags=["search"])


@router.post(
    "/api/v1/search-misses",
    status_code=202,
    response_model=SearchMissOut,
    responses=PUBLIC_POST_ERRORS,
    openapi_extra={"requestBody": beacon_request_body(SearchMissIn)},
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
    miss = await read_count(request, state, SearchMissIn)
    await store_count(
        request, state, scope="s", record=votes.record_search_miss, lang=miss.lang,
        query=miss.query,
    )  # fmt: skip
    return JSONResponse(
        {"status": "accepted", "lang": miss.lang, "query": miss.query}, status_code=202
    )
