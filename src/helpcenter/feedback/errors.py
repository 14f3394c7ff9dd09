"""The one exception type routes raise for 4xx answers, rendered as `{"detail": ...}`."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse


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


async def api_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    """Render ApiError as JSON."""
    assert isinstance(exc, ApiError)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status, headers=exc.headers)
