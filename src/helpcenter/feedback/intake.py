"""Checks shared by the public POST endpoints: Origin, content type, size-capped body, parsing."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any, Literal, TypeVar
from urllib.parse import parse_qsl, urlsplit

from fastapi import HTTPException, Request
from pydantic import BaseModel, ValidationError
from starlette.requests import ClientDisconnect

BodyKind = Literal["json", "form"]
M = TypeVar("M", bound=BaseModel)
MAX_FORM_FIELDS = 20
CONTENT_TYPES: dict[str, BodyKind] = {
    "application/json": "json",
    # navigator.sendBeacon cannot set headers; text/plain also avoids a CORS preflight.
    "text/plain": "json",
    "application/x-www-form-urlencoded": "form",
}


def check_origin(request: Request, allowed: Sequence[str]) -> None:
    """A browser on a foreign site gets 403; requests without Origin (curl, servers) pass."""
    origin = request.headers.get("origin")
    if origin is not None and origin.lower().rstrip("/") not in allowed:
        raise HTTPException(403, "origin not allowed")


def body_kind(request: Request, accepted: Sequence[BodyKind]) -> BodyKind:
    """The body format from Content-Type, or 415."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    kind = CONTENT_TYPES.get(media_type)
    if kind is None or kind not in accepted:
        names = ", ".join(t for t, k in CONTENT_TYPES.items() if k in accepted)
        raise HTTPException(415, f"unsupported content type; use one of: {names}")
    return kind


async def read_body(request: Request, limit: int, *, timeout: float) -> bytes:
    """The request body, counted while it streams in: 413 as soon as it exceeds `limit`,
    408 when it has not all arrived within `timeout` seconds, 400 when the client hung up.

    The connection is closed after each of these (`http_guard.py`: the body is left unread).
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body larger than {limit} bytes")
    size = 0
    chunks: list[bytes] = []
    try:
        async with asyncio.timeout(timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise HTTPException(413, f"body larger than {limit} bytes")
                chunks.append(chunk)
    except TimeoutError:
        raise HTTPException(408, f"body not received within {timeout:g} seconds") from None
    except ClientDisconnect:
        raise HTTPException(
            400, "the client closed the connection before the body was complete"
        ) from None
    return b"".join(chunks)


def validation_detail(exc: ValidationError) -> list[dict[str, Any]]:
    """Pydantic errors without the input (never echo what a client sent)."""
    return [
        {"loc": [part for part in error["loc"]], "msg": error["msg"], "type": error["type"]}
        for error in exc.errors(include_url=False, include_context=False, include_input=False)
    ]


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON objects with a key given twice are ambiguous: parsers disagree on which wins."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def parse_json(body: bytes, model: type[M]) -> M:
    """400 for bytes that are not a JSON document, 422 for a document that does not fit or
    gives a key twice."""
    try:
        # Pydantic's fast parser keeps the last of duplicate keys; the standard library's
        # hook sees them all. Only objects of a few keys arrive here (max 8 KiB).
        document = json.loads(body, object_pairs_hook=_refuse_duplicate_keys)
    except _DuplicateKey as exc:
        raise HTTPException(
            422, f"field given more than once: {json.dumps(exc.key)[:60]}"
        ) from None
    except (ValueError, RecursionError):
        raise HTTPException(400, "body is not valid UTF-8 JSON") from None
    if not isinstance(document, dict):
        raise HTTPException(422, "the body must be a JSON object")
    try:
        # Validated from the bytes again: pydantic's JSON mode also refuses what the standard
        # library lets through (lone surrogates).
        return model.model_validate_json(body)
    except ValidationError as exc:
        if any(error["type"] == "json_invalid" for error in exc.errors(include_url=False)):
            raise HTTPException(400, "body is not valid UTF-8 JSON") from None
        raise HTTPException(422, validation_detail(exc)) from None


def parse_form(body: bytes, model: type[M]) -> M:
    """An urlencoded form; repeated fields are rejected rather than guessed."""
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FORM_FIELDS,
        )
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "body is not a valid UTF-8 urlencoded form") from None
    fields: dict[str, str] = {}
    for name, value in pairs:
        if name in fields:
            raise HTTPException(422, f"field given more than once: {json.dumps(name)[:60]}")
        fields[name] = value
    try:
        return model.model_validate(fields)
    except ValidationError as exc:
        raise HTTPException(422, validation_detail(exc)) from None


def request_origin(request: Request) -> str | None:
    """The page's origin from Origin, else from Referer (only ever compared, never trusted)."""
    origin = request.headers.get("origin")
    if origin:
        return origin.lower().rstrip("/")
    referer = request.headers.get("referer")
    if not referer:
        return None
    try:
        parts = urlsplit(referer)
    except ValueError:
        return None
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()
