"""Error answers: `ApiError` for 4xx, `StoreUnavailable` as 503, never a bare 500."""

from __future__ import annotations

import html
import logging
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse

from helpcenter.feedback.writer import StoreUnavailable

log = logging.getLogger("helpcenter.feedback")
# Seconds a client should wait before trying a write again after a failure of ours.
RETRY_AFTER_SECONDS = 5


class ApiError(Exception):
    """A client error with a status, a JSON-able detail and optional headers."""

    def __init__(
        self,
        status: int,
        detail: str | list[dict[str, Any]],
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Keep the pieces for the handler."""
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def unavailable_headers() -> dict[str, str]:
    """A 503 says when to come back, and is never cached."""
    return {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}


async def api_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    """Render ApiError as JSON."""
    assert isinstance(exc, ApiError)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status, headers=exc.headers)


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
