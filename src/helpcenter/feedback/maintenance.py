"""Keeping the database small and proving it works: pruning old data, the readiness probe."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, Delete, delete, select, update

from helpcenter.feedback import models


@dataclass(frozen=True, slots=True)
class PruneResult:
    """Rows touched by one pruning pass."""

    salts: int
    visitors: int
    windows: int
    submissions: int
    search_misses: int = 0
    usage_counts: int = 0


def prune(
    conn: Connection,
    *,
    now: dt.datetime,
    window: int,
    submission_retention: dt.timedelta,
    search_miss_retention: dt.timedelta = dt.timedelta(days=90),
    usage_retention: dt.timedelta = dt.timedelta(days=400),
) -> PruneResult:
    """Unlink old votes from visitors, drop old counters, submission ids and search misses.

    Salts are derived from the secret now (`visitor_secret.py`); rows an older version stored
    in the database go too.
    """
    keep_from = now.date() - dt.timedelta(days=1)
    salts_gone = conn.execute(delete(models.salts).where(models.salts.c.day < keep_from))
    votes = models.votes
    unlinked = conn.execute(
        update(votes)
        .where(votes.c.day < keep_from, votes.c.visitor.is_not(None))
        .values(visitor=None)
    )
    current_window = int(now.timestamp()) - int(now.timestamp()) % window
    rl = models.rate_limits
    windows_gone = conn.execute(delete(rl).where(rl.c.window_start < current_window - window))
    sub = models.submissions
    stmt: Delete = delete(sub).where(sub.c.created_at < now - submission_retention)
    subs_gone = conn.execute(stmt)
    misses = models.search_misses
    misses_gone = conn.execute(
        delete(misses).where(misses.c.last_seen < now - search_miss_retention)
    )
    usage = models.usage_counts
    # Anonymous day counts; kept over a year so that a season compares with the last one.
    usage_gone = conn.execute(delete(usage).where(usage.c.day < now.date() - usage_retention))
    return PruneResult(
        salts_gone.rowcount,
        unlinked.rowcount,
        windows_gone.rowcount,
        subs_gone.rowcount,
        misses_gone.rowcount,
        usage_gone.rowcount,
    )


def ping(conn: Connection) -> int:
    """The schema version; proves the database answers."""
    value = conn.execute(select(models.schema_version.c.version)).scalar()
    return int(value or 0)


# A probe as large as the largest vote: a write this size must fit (disk, log), not just any.
PROBE_PAYLOAD_CHARS = 8192
PROBE_SUBMISSION = "00000000-0000-0000-0000-00000000prob"  # a UUID-shaped 36 characters


def probe_write(conn: Connection) -> int:
    """A vote-sized write that leaves nothing behind: proves the database takes writes now
    (not read-only, not locked past the timeout, room for a vote and its log); returns the
    schema version."""
    sub = models.submissions
    conn.execute(
        sub.insert().values(
            submission_id=PROBE_SUBMISSION,
            fingerprint="probe",
            page="~probe",
            lang="~probe",
            rating="probe",
            comment="p" * PROBE_PAYLOAD_CHARS,
            created_at=dt.datetime.now(dt.UTC),
        )
    )
    conn.execute(delete(sub).where(sub.c.submission_id == PROBE_SUBMISSION))
    return ping(conn)
