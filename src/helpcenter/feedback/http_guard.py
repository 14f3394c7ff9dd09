"""HTTP rules the server leaves to the application: ambiguous framing, oversized headers,
connections whose body was refused, and failures that would otherwise be a bare 500.

Pure ASGI, outermost of our middleware: it sees every request before routing and every
exception that nothing else handled.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from helpcenter.feedback.errors import unavailable_headers

log = logging.getLogger("helpcenter.feedback")
CLOSE = (b"connection", b"close")
# Per header line: ": " and CRLF, as the bytes arrived.
HEADER_LINE_OVERHEAD = 4


def header_bytes(scope: Scope) -> int:
    """The size of the request head: request line and header lines."""
    target = len(scope.get("raw_path", b"")) + len(scope.get("query_string", b""))
    head = len(scope["method"]) + target + len(" HTTP/1.1\r\n") + 3
    return head + sum(len(k) + len(v) + HEADER_LINE_OVERHEAD for k, v in scope["headers"])


async def send_json(
    send: Send, status: int, detail: str, headers: dict[str, str] | None = None
) -> None:
    """A complete JSON answer that also closes the connection."""
    body = json.dumps({"detail": detail}).encode()
    raw = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        CLOSE,
        *((k.lower().encode(), v.encode()) for k, v in (headers or {}).items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class HttpGuardMiddleware:
    """Refuse what is ambiguous or too large before the app sees it; close what it refused."""

    def __init__(self, app: ASGIApp, *, max_header_bytes: int) -> None:
        """Wrap `app`."""
        self.app = app
        self.max_header_bytes = max_header_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the head, run the app, close the connection if the body was left unread."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        names = {name for name, _ in scope["headers"]}
        if b"content-length" in names and b"transfer-encoding" in names:
            # RFC 9112 6.3: a request smuggling attempt or a broken proxy; answer and close.
            await send_json(send, 400, "both Content-Length and Transfer-Encoding given")
            return
        if header_bytes(scope) > self.max_header_bytes:
            await send_json(send, 431, f"request headers larger than {self.max_header_bytes} bytes")
            return
        body_expected = b"transfer-encoding" in names or any(
            name == b"content-length" and value.strip() not in (b"", b"0")
            for name, value in scope["headers"]
        )
        state: dict[str, Any] = {"body_done": not body_expected, "started": False}

        async def receive_and_note() -> Message:
            message = await receive()
            if message["type"] == "http.request" and not message.get("more_body", False):
                state["body_done"] = True
            return message

        async def send_and_close(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["started"] = True
                if not state["body_done"]:
                    # The body was refused unread: the rest of it must not be read as the
                    # next request, nor read at all.
                    message = {**message, "headers": [*message.get("headers", []), CLOSE]}
            await send(message)

        try:
            await self.app(scope, receive_and_note, send_and_close)
        except Exception as exc:
            log.error(
                "unexpected error on %s, answered 503: %s: %s",
                scope["method"],
                type(exc).__name__,
                exc,
                exc_info=exc,
            )
            if not state["started"]:
                await send_json(
                    send, 503, "internal error; try again shortly", unavailable_headers()
                )
