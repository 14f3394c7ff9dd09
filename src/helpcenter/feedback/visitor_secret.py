"""The secret that visitor keys and rate-limit buckets are derived from, kept out of the database.

A daily salt stored next to the keys it makes lets anyone holding a copy of the database test
guesses (an address and a user agent) against every key. The salt is therefore derived from a
secret the database never sees: `HELPCENTER_FEEDBACK_SECRET`, or a file named by
`HELPCENTER_FEEDBACK_SECRET_FILE`, shared by all replicas; one day's salt is
HMAC-SHA256(secret, day), so the keys change every day without any coordination.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
import secrets
from pathlib import Path

from helpcenter.feedback.settings import SECRET_MIN_CHARS, Settings

SECRET_FILE_SUFFIX = ".secret"


class SecretError(Exception):
    """No usable secret; the message says what to configure."""


def _read_file(path: Path) -> bytes:
    try:
        value = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SecretError(f"cannot read the secret file {path}: {exc.strerror}") from None
    if len(value) < SECRET_MIN_CHARS:
        raise SecretError(f"the secret file {path} needs at least {SECRET_MIN_CHARS} characters")
    return value.encode("utf-8")


def _created_beside(database_file: Path) -> bytes:
    """A single SQLite service keeps its secret in a file of its own beside the database."""
    path = database_file.with_name(database_file.name + SECRET_FILE_SUFFIX)
    if path.exists():
        return _read_file(path)
    value = secrets.token_urlsafe(48)
    try:
        # O_EXCL: two processes starting together agree on the first file written.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_file(path)
    except OSError as exc:
        raise SecretError(
            f"cannot create the secret file {path}: {exc.strerror}; "
            "set HELPCENTER_FEEDBACK_SECRET or HELPCENTER_FEEDBACK_SECRET_FILE"
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(value + "\n")
    return value.encode("utf-8")


def load_secret(settings: Settings, *, sqlite_file: Path | None) -> bytes:
    """The configured secret; for SQLite without one, a generated file beside the database."""
    if settings.secret is not None:
        return settings.secret.get_secret_value().encode("utf-8")
    if settings.secret_file is not None:
        return _read_file(settings.secret_file)
    if sqlite_file is not None:
        return _created_beside(sqlite_file)
    raise SecretError(
        "PostgreSQL serves several replicas, which must share one secret: set "
        "HELPCENTER_FEEDBACK_SECRET (or HELPCENTER_FEEDBACK_SECRET_FILE) to the same value of "
        f"at least {SECRET_MIN_CHARS} characters on each"
    )


class DailySalt:
    """The salt of each UTC day, derived from the secret; only today's is kept in memory."""

    def __init__(self, secret: bytes) -> None:
        """Nothing derived yet."""
        self._secret = secret
        self._day: dt.date | None = None
        self._salt = b""

    def for_day(self, day: dt.date) -> bytes:
        """HMAC-SHA256(secret, "salt" + ISO date)."""
        if day != self._day:
            self._salt = hmac.digest(self._secret, f"salt\x00{day.isoformat()}".encode(), "sha256")
            self._day = day
        return self._salt
