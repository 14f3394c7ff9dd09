"""Our own access log: method, path, status and duration; never the client address or agent."""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("helpcenter.feedback.access")
MAX_PATH_CHARS = 200


def safe_path(path: str) -> str:
    """Printable ASCII only, so a crafted path cannot forge log lines."""
    clipped = path[:MAX_PATH_CHARS]
    return clipped.encode("unicode_escape").decode("ascii").replace('"', '\\"')


class AccessLogMiddleware:
    """Pure ASGI (no BaseHTTPMiddleware overhead on every request)."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap `app`."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Time the request and log one line when it is done."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status: dict[str, Any] = {"code": 500}

        async def send_and_note(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            if log.isEnabledFor(logging.INFO):
                log.info(
                    '"%s %s" %d %.1fms',
                    scope["method"],
                    safe_path(scope["path"]),
                    status["code"],
                    (time.perf_counter() - started) * 1000,
                )
