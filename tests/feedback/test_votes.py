"""The write path: outcomes of a vote, rate-limit counters, search misses (both databases)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select, text

from helpcenter.feedback import models, report_queries, votes
from helpcenter.feedback.db import Database, open_database
from tests.feedback.store_records import NOW, RATE, record, record_one


def test_vote_outcomes(db: Database) -> None:
    with db.writer.begin() as conn:
        created = record_one(conn, record(), rate=RATE)
        replay = record_one(conn, record(now=NOW + dt.timedelta(seconds=5)), rate=RATE)
        conflict = record_one(conn, record(fingerprint="f2"), rate=RATE)
    assert created.kind == "created" and created.vote is not None
    assert replay.kind == "replayed" and replay.vote == created.vote
    assert conflict.kind == "conflict"


def test_same_visitor_same_day_upserts_one_row(db: Database) -> None:
    with db.writer.begin() as conn:
        record_one(conn, record(), rate=RATE)
        record_one(
            conn,
            record(
                submission_id="22222222-2222-4333-8444-555555555555",
                fingerprint="x",
                rating="no",
                reason="other",
                comment="c",
                now=NOW + dt.timedelta(minutes=1),
            ),
            rate=RATE,
        )
    with db.reader.connect() as conn:
        rows = conn.execute(select(models.votes)).mappings().all()
    assert len(rows) == 1
    assert (rows[0]["rating"], rows[0]["reason"], rows[0]["comment"]) == ("no", "other", "c")
    assert rows[0]["created_at"] == NOW  # first vote's time is kept
    assert rows[0]["updated_at"] == NOW + dt.timedelta(minutes=1)


def test_rate_limit_counts_per_window(db: Database) -> None:
    rate = votes.RateLimit(limit=2, window=60)
    with db.writer.begin() as conn:
        kinds = [
            record_one(
                conn, record(submission_id=f"00000000-0000-4000-8000-00000000000{i}"), rate=rate
            ).kind
            for i in range(3)
        ]
        later = record_one(
            conn,
            record(
                submission_id="00000000-0000-4000-8000-000000000009",
                now=NOW + dt.timedelta(seconds=30),
            ),
            rate=rate,
        )
    assert kinds == ["created", "created", "rate_limited"]
    assert later.kind == "created"  # 10:01:00 starts a new window


def test_retry_after_counts_to_the_end_of_the_window() -> None:
    rate = votes.RateLimit(limit=1, window=60)
    assert rate.window_start(NOW) == int(NOW.timestamp()) - 30
    assert rate.retry_after(NOW) == 30
    assert rate.retry_after(NOW.replace(second=59, microsecond=900_000)) == 1


def test_search_miss_counts_and_last_seen(db: Database) -> None:
    later = NOW + dt.timedelta(hours=2)
    with db.writer.begin() as conn:
        for when in (NOW, later):
            outcome = votes.record_search_miss(
                conn, lang="hr", query="dostava", bucket="s:x", now=when, rate=RATE
            )
            assert outcome.kind == "created"
    with db.reader.connect() as conn:
        rows = report_queries.search_miss_rows(conn)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [("hr", "dostava", 2, later)]


def test_a_batch_of_independent_votes_gets_the_outcomes_of_one_by_one(database_url: str) -> None:
    """New, replayed, conflicting and rate-limited votes in one batch (SQLite stores such a
    batch in three statements) answer exactly as when stored one at a time."""
    rate = votes.RateLimit(limit=2, window=60)

    def ident(i: int) -> str:
        return f"00000000-0000-4000-8000-{i:012d}"

    earlier = [record(submission_id=ident(1), bucket="f:b1", visitor="v1")]
    limited = [record(submission_id=ident(9), bucket="f:full", visitor="vf") for _ in range(2)]
    batch = [
        record(submission_id=ident(1), bucket="f:b2", visitor="v2"),  # replay of a stored vote
        record(submission_id=ident(2), bucket="f:b3", visitor="v3", fingerprint="f2"),
        record(submission_id=ident(3), bucket="f:full", visitor="v4"),  # over the limit
        record(submission_id=ident(4), bucket="f:b5", visitor="v5", comment="x"),
    ]
    results = []
    for together in (True, False):
        db = open_database(database_url)
        try:
            with db.writer.begin() as conn:
                conn.execute(text("DELETE FROM votes"))
                conn.execute(text("DELETE FROM submissions"))
                conn.execute(text("DELETE FROM rate_limits"))
                for vote in earlier:
                    record_one(conn, vote, rate=rate)
                for i, vote in enumerate(limited):
                    record_one(conn, replace(vote, submission_id=ident(20 + i)), rate=rate)
            with db.writer.begin() as conn:
                if together:
                    outcomes = votes.record_votes(conn, batch, rate=rate)
                else:
                    outcomes = [record_one(conn, vote, rate=rate) for vote in batch]
            with db.reader.connect() as conn:
                stored = sorted(
                    conn.execute(text("SELECT submission_id, visitor FROM votes")).all()
                )
            results.append(([(o.kind, o.retry_after) for o in outcomes], stored))
        finally:
            db.dispose()
    assert results[0] == results[1]
    kinds = [kind for kind, _ in results[0][0]]
    assert kinds == ["replayed", "created", "rate_limited", "created"]
