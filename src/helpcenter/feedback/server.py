"""uvicorn plumbing: the HTTP protocol class used by `helpcenter-feedback serve`.

uvicorn's h11 protocol bounds the idle time between requests but not the time a client takes
to send a request's head, and its answer to a malformed or oversized head is plain text. The
subclass adds the first and answers JSON; the application bounds the body (`intake.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import os
import socket
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

# uvicorn builds protocol instances itself: worker processes read the setting from the
# environment `cli.serve` exported, a single process gets it set on the class.
HEADER_TIMEOUT_SECONDS = float(os.environ.get("HELPCENTER_FEEDBACK_HEADER_TIMEOUT", "10"))


# h11's own default for the largest incomplete event (a head still arriving).
H11_DEFAULT_HEAD_LIMIT = 16 * 1024


class HardenedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with TCP_NODELAY, a deadline for each request head, and JSON
    answers to heads it cannot parse.

    With several workers uvicorn binds the listening socket itself with protocol number 0,
    so asyncio skips TCP_NODELAY and each small response waits ~40 ms for a delayed ACK.
    """

    header_timeout: float = HEADER_TIMEOUT_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_deadline: asyncio.TimerHandle | None = None
        self._max_head = self.config.h11_max_incomplete_event_size or H11_DEFAULT_HEAD_LIMIT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Switch Nagle off, start the clock for the first request head, carry on as usual."""
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
        self._arm_head_deadline()

    def data_received(self, data: bytes) -> None:
        """While a head is incomplete its deadline runs; once it is parsed, the app's."""
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            if self._head_deadline is None and self.conn.trailing_data[0]:
                self._arm_head_deadline()
        else:
            self._disarm_head_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        """Nothing to time any more."""
        self._disarm_head_deadline()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        """uvicorn's keep-alive timer covers the idle time until the next head starts."""
        self._disarm_head_deadline()
        super().on_response_complete()

    def _arm_head_deadline(self) -> None:
        self._disarm_head_deadline()
        self._head_deadline = self.loop.call_later(self.header_timeout, self._head_too_slow)

    def _disarm_head_deadline(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_too_slow(self) -> None:
        """408 to a client that started a head and stalled; a silent connection just closes."""
        self._head_deadline = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.conn.trailing_data[0] and self.conn.our_state is h11.IDLE:
            self._send_json(408, f"request head not received within {self.header_timeout:g} s")
        self.transport.close()

    def send_400_response(self, msg: str) -> None:
        """h11 could not parse the head: 431 when it grew past the limit, else 400; JSON."""
        if len(self.conn.trailing_data[0]) > self._max_head:
            self._send_json(431, f"request headers larger than {self._max_head} bytes")
        else:
            self._send_json(400, "malformed HTTP request")
        self.transport.close()

    def _send_json(self, status: int, detail: str) -> None:
        """A whole response written straight to the transport (no request cycle exists)."""
        body = json.dumps({"detail": detail}).encode()
        head = (
            f"HTTP/1.1 {status} {h11_reason(status)}\r\n"
            "content-type: application/json\r\n"
            f"content-length: {len(body)}\r\n"
            "connection: close\r\n\r\n"
        ).encode()
        self.transport.write(head + body)


def h11_reason(status: int) -> str:
    """The reason phrase of a status code."""
    from http import HTTPStatus

    return HTTPStatus(status).phrase


def freeze_startup_objects() -> None:
    """Keep startup objects out of future full garbage collections.

    Without this a full collection walks every module-level object of FastAPI, pydantic
    and SQLAlchemy: ~50 ms pauses under load, the largest source of tail latency.
    """
    gc.collect()
    gc.freeze()
