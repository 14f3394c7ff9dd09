"""What the counting endpoints share (search misses, usage events): a small JSON body, often
a beacon, checked, then one rate-limited write that stores nothing about the visitor."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import HTTPException, Request
from pydantic import BaseModel

from helpcenter.feedback.intake import body_kind, check_origin, parse_json, read_body
from helpcenter.feedback.state import ServiceState, visitor_network
from helpcenter.feedback.visitors import rate_bucket
from helpcenter.feedback.votes import Outcome

M = TypeVar("M", bound=BaseModel)


def beacon_request_body(model: type[BaseModel]) -> dict[str, Any]:
    """The OpenAPI request body: the model as JSON, or as text/plain (navigator.sendBeacon)."""
    return {
        "required": True,
        "content": {
            "application/json": {"schema": model.model_json_schema()},
            "text/plain": {
                "schema": {
                    "type": "string",
                    "description": f"A {model.__name__} JSON document (navigator.sendBeacon).",
                }
            },
        },
    }


async def read_count(request: Request, state: ServiceState, model: type[M]) -> M:
    """The validated body: 403 foreign origin, 415 not JSON, 4xx as `read_body` and 422."""
    check_origin(request, state.settings.allow_origin)
    body_kind(request, ("json",))
    body = await read_body(
        request, state.settings.max_body_bytes, timeout=state.settings.body_timeout
    )
    return parse_json(body, model)


async def store_count(
    request: Request,
    state: ServiceState,
    *,
    scope: str,
    record: Callable[..., Outcome],
    lang: str,
    **fields: Any,
) -> None:
    """Run `record(conn, lang=…, **fields, bucket=…, now=…, rate=…)` on the writer: 422 for a
    language the site does not have, 429 with `Retry-After` over the rate limit."""
    if lang not in state.manifest.languages:
        raise HTTPException(422, "unknown language: not in the site manifest")
    now = state.clock()
    salt = state.salts.for_day(now.date())
    bucket = rate_bucket(salt, scope, visitor_network(request, state))
    job = functools.partial(record, lang=lang, bucket=bucket, now=now, rate=state.rate, **fields)
    outcome = await state.writes.run(job, timeout=state.settings.write_timeout)
    if outcome.kind == "rate_limited":
        raise HTTPException(
            429, "too many requests", headers={"Retry-After": str(outcome.retry_after)}
        )
