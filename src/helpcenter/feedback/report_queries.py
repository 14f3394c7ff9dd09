"""The report's read queries: counts per page, reasons, comments and search misses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, Select, func, select

from helpcenter.feedback import models


def vote_counts(conn: Connection) -> Sequence[Row[Any]]:
    """(lang, page, rating, count) over all current votes."""
    v = models.votes
    stmt: Select[Any] = select(v.c.lang, v.c.page, v.c.rating, func.count()).group_by(
        v.c.lang, v.c.page, v.c.rating
    )
    return conn.execute(stmt).all()


def reason_counts(conn: Connection) -> Sequence[Row[Any]]:
    """(lang, page, reason, count) for votes that gave a reason."""
    v = models.votes
    stmt = (
        select(v.c.lang, v.c.page, v.c.reason, func.count())
        .where(v.c.reason.is_not(None))
        .group_by(v.c.lang, v.c.page, v.c.reason)
    )
    return conn.execute(stmt).all()


def comments(conn: Connection) -> Sequence[Row[Any, Any, Any, Any, Any, Any, Any]]:
    """Comments with their date, revision, rating and reason, newest first."""
    v = models.votes
    stmt = (
        select(v.c.lang, v.c.page, v.c.day, v.c.revision, v.c.rating, v.c.reason, v.c.comment)
        .where(v.c.comment.is_not(None))
        .order_by(v.c.updated_at.desc(), v.c.id.desc())
    )
    return conn.execute(stmt).all()


def search_miss_rows(conn: Connection) -> Sequence[Row[Any, Any, Any, Any]]:
    """(lang, query, count, last_seen), most frequent first."""
    m = models.search_misses
    stmt = select(m.c.lang, m.c.query, m.c.hits, m.c.last_seen).order_by(
        m.c.lang, m.c.hits.desc(), m.c.last_seen.desc(), m.c.query
    )
    return conn.execute(stmt).all()


def daily_vote_counts(conn: Connection, since: dt.date) -> Sequence[Row[Any, Any, Any, Any]]:
    """(lang, day, rating, count) of votes from `since` on."""
    v = models.votes
    stmt = (
        select(v.c.lang, v.c.day, v.c.rating, func.count())
        .where(v.c.day >= since)
        .group_by(v.c.lang, v.c.day, v.c.rating)
    )
    return conn.execute(stmt).all()


def usage_totals(conn: Connection, since: dt.date) -> Sequence[Row[Any, Any, Any]]:
    """(lang, event, count) of the usage counters from `since` on."""
    u = models.usage_counts
    stmt = (
        select(u.c.lang, u.c.event, func.sum(u.c.hits))
        .where(u.c.day >= since)
        .group_by(u.c.lang, u.c.event)
    )
    return conn.execute(stmt).all()
