"""OpenAPI fragments shared by the routes."""

from __future__ import annotations

from typing import Any

from helpcenter.feedback.schemas import ErrorOut


def error(description: str) -> dict[str, Any]:
    """A documented 4xx answer with the common error body."""
    return {"model": ErrorOut, "description": description}


RATE_LIMITED: dict[str, Any] = {
    "model": ErrorOut,
    "description": "Too many requests from this address; retry after `Retry-After` seconds.",
    "headers": {
        "Retry-After": {
            "description": "Seconds until the rate-limit window ends.",
            "schema": {"type": "integer", "minimum": 1},
        }
    },
}

UNAVAILABLE: dict[str, Any] = {
    "model": ErrorOut,
    "description": (
        "The database failed or did not answer in time (nothing was acknowledged); retry after "
        "`Retry-After` seconds with the same submission_id. A form post gets a small HTML page."
    ),
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before retrying.",
            "schema": {"type": "integer", "minimum": 1},
        }
    },
}

PUBLIC_POST_ERRORS: dict[int | str, dict[str, Any]] = {
    400: error(
        "The body is not valid UTF-8 JSON (or urlencoded form), or the request is malformed "
        "(both Content-Length and Transfer-Encoding); the connection is closed."
    ),
    408: error("The body did not arrive in time; the connection is closed."),
    403: error("The Origin header is not one of the allowed origins."),
    413: error("The body is larger than the limit (8 KiB by default)."),
    415: error("Unsupported Content-Type."),
    422: error("Invalid fields, unknown article or language, or a reused submission_id."),
    429: RATE_LIMITED,
    431: error("The request headers are larger than the limit (8 KiB by default)."),
    503: UNAVAILABLE,
}
