"""Error answers beyond FastAPI's `HTTPException` (4xx): `StoreUnavailable` as 503 with
`Retry-After`, and the page a vote without JavaScript gets then. Never a bare 500."""

from __future__ import annotations

import html
import logging

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse

from helpcenter.feedback.writer import StoreUnavailable

log = logging.getLogger("helpcenter.feedback")
# Seconds a client should wait before trying a write again after a failure of ours.
RETRY_AFTER_SECONDS = 5


def unavailable_headers() -> dict[str, str]:
    """A 503 says when to come back, and is never cached."""
    return {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}


async def store_unavailable_handler(_request: Request, exc: Exception) -> JSONResponse:
    """A write that failed or timed out: 503 with a reason and Retry-After."""
    assert isinstance(exc, StoreUnavailable)
    return JSONResponse({"detail": exc.reason}, status_code=503, headers=unavailable_headers())


def store_failed_page(*, lang: str, message: str, back_text: str, back_url: str) -> HTMLResponse:
    """The page a vote without JavaScript gets when it could not be stored: 503, localized,
    with a link back to the article (where the form is, to vote again)."""
    page = (
        f'<!doctype html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(message)}</title></head><body><main>"
        f"<h1>{html.escape(message)}</h1>"
        f'<p><a href="{html.escape(back_url)}">{html.escape(back_text)}</a></p>'
        "</main></body></html>"
    )
    return HTMLResponse(page, status_code=503, headers=unavailable_headers())
