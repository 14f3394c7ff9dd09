"""`POST /api/v1/feedback`: a vote from the "Was this helpful?" widget."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import JSONResponse

from helpcenter.feedback import votes
from helpcenter.feedback.errors import store_failed_page
from helpcenter.feedback.intake import (
    body_kind,
    check_origin,
    parse_form,
    parse_json,
    read_body,
    request_origin,
)
from helpcenter.feedback.manifest import Article
from helpcenter.feedback.routes._docs import PUBLIC_POST_ERRORS
from helpcenter.feedback.schemas import FeedbackForm, FeedbackIn, VoteOut
from helpcenter.feedback.state import ServiceState, State, visitor_network
from helpcenter.feedback.visitors import rate_bucket, visitor_key
from helpcenter.feedback.writer import Batched, StoreUnavailable
from helpcenter.feedback_vocabulary import FEEDBACK_PATH

router = APIRouter(tags=["feedback"])

REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {"schema": FeedbackIn.model_json_schema()},
        "text/plain": {
            "schema": {
                "type": "string",
                "description": "A FeedbackIn JSON document (what navigator.sendBeacon sends).",
            }
        },
        "application/x-www-form-urlencoded": {"schema": FeedbackForm.model_json_schema()},
    },
}

RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": VoteOut, "description": "A replay: this submission was stored before."},
    303: {
        "description": "Form post stored (or replayed): back to the article, thanked.",
        "headers": {
            "Location": {
                "description": "`<allowed origin><article url>?feedback=thanks#feedback-thanks`",
                "schema": {"type": "string"},
            }
        },
        "content": {},
    },
    **PUBLIC_POST_ERRORS,
}


def vote_json(vote: votes.StoredVote) -> dict[str, Any]:
    """The VoteOut document."""
    return {
        "submission_id": vote.submission_id,
        "page": vote.page,
        "lang": vote.lang,
        "rating": vote.rating,
        "reason": vote.reason,
        "comment": vote.comment,
        "revision": vote.revision,
        "created_at": vote.created_at.isoformat(),
    }


def fingerprint(vote: FeedbackIn | FeedbackForm, comment: str | None) -> str:
    """What makes two submissions with one id "the same": every field the client sent."""
    fields = (vote.page, vote.lang, vote.rating, vote.reason, comment, vote.revision)
    return hashlib.sha256(repr(fields).encode("utf-8", "surrogatepass")).hexdigest()


def find_article(state: ServiceState, vote: FeedbackIn | FeedbackForm) -> Article:
    """The manifest article the vote is about; 422 when unknown or the rating is foreign."""
    article = state.manifest.article(vote.lang, vote.page)
    if article is None:
        raise HTTPException(422, "unknown article: this page/lang pair is not in the site manifest")
    if vote.rating not in state.manifest.ratings:
        allowed = ", ".join(state.manifest.ratings)
        raise HTTPException(
            422, f"rating not used by this site ({state.manifest.mode}): use {allowed}"
        )
    return article


def article_location(request: Request, state: ServiceState, article: Article) -> str:
    """The article on an allowed origin only (the page's own, else the first one), its path
    percent-encoded: a header is ASCII, and `plaćanje-karticom/` is not."""
    allowed = state.settings.allow_origin
    origin = request_origin(request)
    base = origin if origin in allowed else allowed[0]
    return base + quote(article.url, safe="/%?&=;:@!$'()*+,-._~")


def thanks_location(request: Request, state: ServiceState, article: Article) -> str:
    """Back to the article, thanked."""
    url = article_location(request, state, article)
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}feedback=thanks#feedback-thanks"


@router.post(
    FEEDBACK_PATH,
    status_code=201,
    response_model=VoteOut,
    responses=RESPONSES,
    openapi_extra={"requestBody": REQUEST_BODY},
    summary="Store a vote",
    description=(
        "JSON (`fetch`), `text/plain` JSON (`sendBeacon`) or an urlencoded form (no JavaScript, "
        "answered with 303). One vote per visitor, article and UTC day: a later vote replaces "
        "the earlier one. A repeated `submission_id` with the same fields answers 200 with the "
        "original vote; with other fields 422. An unknown page/lang pair is 422."
    ),
)
async def post_feedback(request: Request, state: State) -> Response:
    """Validate, rate-limit, store durably, then answer."""
    check_origin(request, state.settings.allow_origin)
    kind = body_kind(request, ("json", "form"))
    body = await read_body(
        request, state.settings.max_body_bytes, timeout=state.settings.body_timeout
    )
    vote: FeedbackIn | FeedbackForm = (
        parse_json(body, FeedbackIn) if kind == "json" else parse_form(body, FeedbackForm)
    )
    article = find_article(state, vote)
    comment = vote.cleaned_comment()
    now = state.clock()
    salt = state.salts.for_day(now.date())
    network = visitor_network(request, state)
    record = votes.VoteRecord(
        submission_id=vote.submission_id or str(uuid.uuid4()),
        fingerprint=fingerprint(vote, comment),
        # A vote from a cached page of a moved article counts for the article where it is now.
        page=article.page,
        lang=vote.lang,
        rating=vote.rating,
        reason=vote.reason,
        comment=comment,
        revision=vote.revision or article.revision,
        visitor=visitor_key(salt, network, request.headers.get("user-agent", "")),
        bucket=rate_bucket(salt, "f", network),
        now=now,
    )
    try:
        outcome: votes.Outcome = await state.writes.run(
            Batched(state.record_votes, record), timeout=state.settings.write_timeout
        )
    except StoreUnavailable:
        if kind != "form":
            raise
        return store_failed_page(
            lang=vote.lang,
            message=state.manifest.message(vote.lang, "store_failed"),
            back_text=state.manifest.message(vote.lang, "back"),
            back_url=article_location(request, state, article),
        )
    if outcome.kind == "rate_limited":
        raise HTTPException(
            429, "too many requests", headers={"Retry-After": str(outcome.retry_after)}
        )
    if outcome.kind == "conflict" or outcome.vote is None:
        raise HTTPException(422, "submission_id was already used for a different vote")
    if kind == "form":
        location = thanks_location(request, state, article)
        return Response(status_code=303, headers={"Location": location})
    status = 201 if outcome.kind == "created" else 200
    return JSONResponse(vote_json(outcome.vote), status_code=status)
