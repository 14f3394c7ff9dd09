"""Votes as the write path stores them, for the storage tests (`test_votes.py`,
`test_maintenance.py`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection

from helpcenter.feedback import votes

NOW = dt.datetime(2025, 3, 14, 10, 0, 30, tzinfo=dt.UTC)
RATE = votes.RateLimit(limit=100, window=60)


def record(**changes: object) -> votes.VoteRecord:
    fields: dict[str, object] = {
        "submission_id": "11111111-2222-4333-8444-555555555555",
        "fingerprint": "f1",
        "page": "a.md",
        "lang": "hr",
        "rating": "yes",
        "reason": None,
        "comment": None,
        "revision": "r1",
        "visitor": "v1",
        "bucket": "f:b1",
        "now": NOW,
    }
    fields.update(changes)
    return votes.VoteRecord(**fields)  # type: ignore[arg-type]


def record_one(
    conn: Connection, vote: votes.VoteRecord, *, rate: votes.RateLimit
) -> votes.Outcome:
    """One vote in the caller's transaction."""
    return votes.record_votes(conn, [vote], rate=rate)[0]
