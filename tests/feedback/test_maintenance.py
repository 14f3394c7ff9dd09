"""Pruning forgets what the service no longer needs."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from helpcenter.feedback import maintenance, models
from helpcenter.feedback.db import Database
from tests.feedback.store_records import NOW, RATE, record, record_one


def test_prune_forgets_salts_visitors_windows_and_old_submissions(db: Database) -> None:
    day0 = NOW - dt.timedelta(days=3)
    with db.writer.begin() as conn:
        # Salts an older version kept in the database.
        for offset in range(4):
            day = (NOW - dt.timedelta(days=offset)).date()
            conn.execute(models.salts.insert().values(day=day, salt=bytes([offset]) * 32))
        record_one(conn, record(now=day0, visitor="old"), rate=RATE)
        record_one(
            conn,
            record(submission_id="33333333-2222-4333-8444-555555555555", visitor="new"),
            rate=RATE,
        )
    with db.writer.begin() as conn:
        result = maintenance.prune(conn, now=NOW, window=60, submission_retention=dt.timedelta(days=2))
    assert result == maintenance.PruneResult(salts=2, visitors=1, windows=1, submissions=1)
    with db.reader.connect() as conn:
        days = sorted(row[0] for row in conn.execute(text("SELECT day FROM salts")))
        visitors = sorted(str(row[0]) for row in conn.execute(text("SELECT visitor FROM votes")))
        windows = conn.execute(text("SELECT count(*) FROM rate_limits")).scalar()
    assert [str(day) for day in days] == ["2025-03-13", "2025-03-14"]
    assert visitors == ["None", "new"]
    assert windows == 1
