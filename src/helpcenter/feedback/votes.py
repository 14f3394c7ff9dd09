"""The hot write path: votes and search misses with their rate-limit counters, one
transaction per batch (SQLite) or one round trip per vote (PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import (
    Connection,
    Dialect,
    Row,
    bindparam,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite

from helpcenter.feedback import models
from helpcenter.feedback.models import USAGE_SEARCH, USAGE_SEARCH_NO_RESULTS

OutcomeKind = Literal["created", "replayed", "conflict", "rate_limited"]


@dataclass(frozen=True, slots=True)
class VoteRecord:
    """A validated vote with the visitor already reduced to salted keys."""

    submission_id: str
    fingerprint: str
    page: str
    lang: str
    rating: str
    reason: str | None
    comment: str | None
    revision: str | None
    visitor: str
    bucket: str
    now: dt.datetime


@dataclass(frozen=True, slots=True)
class StoredVote:
    """A submission as first stored; what a replay gets back."""

    submission_id: str
    page: str
    lang: str
    rating: str
    reason: str | None
    comment: str | None
    revision: str | None
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one write; only handed to the client after COMMIT."""

    kind: OutcomeKind
    vote: StoredVote | None = None
    retry_after: int = 0


@dataclass(frozen=True, slots=True)
class RateLimit:
    """A fixed window of `window` seconds allowing `limit` requests per bucket."""

    limit: int
    window: int

    def window_start(self, now: dt.datetime) -> int:
        """Unix time at which the window containing `now` began."""
        ts = int(now.timestamp())
        return ts - ts % self.window

    def retry_after(self, now: dt.datetime) -> int:
        """Whole seconds until the next window (at least 1)."""
        end = self.window_start(now) + self.window
        return max(1, math.ceil(end - now.timestamp()))


class _Raw:
    """A statement compiled once per dialect and run on the driver's cursor.

    On SQLite a vote takes three statements; SQLAlchemy's per-execution bookkeeping
    cost more than SQLite itself, so the hot statements skip it (same SQL, same types).
    """

    def __init__(self, statement: Any, dialect: Dialect) -> None:
        """Compile `statement`; remember parameter order, literal values and conversions."""
        compiled = statement.compile(dialect=dialect)
        self.sql: str = compiled.string
        if compiled.positiontup is not None:
            names = tuple(compiled.positiontup)
        else:
            names = tuple(name for name in compiled.binds if f"%({name})s" in self.sql)
        self.defaults = {
            name: bind.value
            for name, bind in compiled.binds.items()
            if name in names and not bind.required
        }
        self.names = names
        self.positional = compiled.positiontup is not None
        # SQLite stores dates and times as ISO text; psycopg adapts them itself.
        self.converters = _SQLITE_CONVERTERS if dialect.name == "sqlite" else {}

    def _params(self, params: dict[str, Any]) -> Any:
        """Driver parameters: a tuple for SQLite (qmark), a dict for psycopg."""
        converters, defaults = self.converters, self.defaults
        values = []
        for name in self.names:
            value = params[name] if name in params else defaults[name]
            convert = converters.get(type(value))
            values.append(value if convert is None else convert(value))
        if self.positional:
            return tuple(values)
        return dict(zip(self.names, values, strict=True))

    def run(self, conn: Connection, params: dict[str, Any]) -> Any:
        """Execute inside the connection's current transaction; returns the driver cursor."""
        cursor = conn.connection.cursor()
        cursor.execute(self.sql, self._params(params))
        return cursor

    def run_rows(self, conn: Connection, rows: list[dict[str, Any]]) -> Any:
        """SQLite: the statement with one VALUES group per row, in one execution."""
        cursor = conn.connection.cursor()
        sql, in_values = self._many_sql(len(rows))
        values: list[Any] = []
        for params in rows:
            values.extend(self._params(params)[:in_values])
        # Parameters after VALUES (ON CONFLICT ... hits + ?) are the same for every row.
        values.extend(self._params(rows[0])[in_values:])
        cursor.execute(sql, values)
        return cursor

    def run_each(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        """The statement for each row, in one driver call (no results)."""
        conn.connection.cursor().executemany(self.sql, [self._params(p) for p in rows])

    @functools.lru_cache(maxsize=256)  # noqa: B019 - a few instances, one per dialect
    def _many_sql(self, count: int) -> tuple[str, int]:
        """The SQL for `count` rows, and how many parameters one VALUES group takes."""
        head, values, tail = _VALUES.split(self.sql, maxsplit=1)
        return f"{head}VALUES {', '.join([values] * count)}{tail}", values.count("?")


# The one VALUES group of a compiled single-row INSERT, captured.
_VALUES = re.compile(r"VALUES (\([^)]*\))")


def _sqlite_datetime(value: dt.datetime) -> str:
    """As SQLAlchemy stores DateTime on SQLite: naive UTC, microseconds."""
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _sqlite_date(value: dt.date) -> str:
    """As SQLAlchemy stores Date on SQLite."""
    return value.isoformat()


_SQLITE_CONVERTERS: dict[type, Callable[[Any], Any]] = {
    dt.datetime: _sqlite_datetime,
    dt.date: _sqlite_date,
}


@dataclass(frozen=True)
class _Statements:
    """Hot-path statements, ready to run."""

    hit: _Raw
    hit_many: _Raw  # the same, also returning the bucket (several rows at once)
    insert_submission: _Raw
    upsert_vote: _Raw
    upsert_search_miss: _Raw
    count_usage: _Raw


@functools.cache
def _statements(dialect: Dialect) -> _Statements:
    """Dialect-specific INSERT ... ON CONFLICT statements with bound parameters."""
    postgres = dialect.name == "postgresql"
    insert: Callable[..., Any] = postgresql.insert if postgres else sqlite.insert
    rl, sub, votes, misses, usage = (
        models.rate_limits,
        models.submissions,
        models.votes,
        models.search_misses,
        models.usage_counts,
    )
    hit = insert(rl).values(
        bucket=bindparam("bucket"), window_start=bindparam("window_start"), hits=1
    )
    hit = hit.on_conflict_do_update(
        index_elements=[rl.c.bucket, rl.c.window_start], set_={"hits": rl.c.hits + 1}
    )
    hit_many = hit.returning(rl.c.bucket, rl.c.hits)
    hit = hit.returning(rl.c.hits)
    sub_cols = (
        "submission_id",
        "fingerprint",
        "page",
        "lang",
        "rating",
        "reason",
        "comment",
        "revision",
        "created_at",
    )
    insert_submission = (
        insert(sub)
        .values({name: bindparam(name) for name in sub_cols})
        .on_conflict_do_nothing(index_elements=[sub.c.submission_id])
        .returning(sub.c.submission_id)
    )
    vote_cols = (
        "day",
        "visitor",
        "page",
        "lang",
        "rating",
        "reason",
        "comment",
        "revision",
        "submission_id",
        "created_at",
        "updated_at",
    )
    upsert_vote = insert(votes).values({name: bindparam(name) for name in vote_cols})
    upsert_vote = upsert_vote.on_conflict_do_update(
        index_elements=[votes.c.day, votes.c.visitor, votes.c.page, votes.c.lang],
        set_={
            name: getattr(upsert_vote.excluded, name)
            for name in ("rating", "reason", "comment", "revision", "submission_id", "updated_at")
        },
    )
    upsert_search_miss = insert(misses).values(
        lang=bindparam("lang"),
        query=bindparam("query"),
        hits=1,
        first_seen=bindparam("now"),
        last_seen=bindparam("now"),
    )
    upsert_search_miss = upsert_search_miss.on_conflict_do_update(
        index_elements=[misses.c.lang, misses.c.query],
        set_={"hits": misses.c.hits + 1, "last_seen": upsert_search_miss.excluded.last_seen},
    )
    count_usage = insert(usage).values(
        lang=bindparam("lang"), day=bindparam("day"), event=bindparam("event"), hits=1
    )
    count_usage = count_usage.on_conflict_do_update(
        index_elements=[usage.c.lang, usage.c.day, usage.c.event],
        set_={"hits": usage.c.hits + 1},
    )
    return _Statements(
        _Raw(hit, dialect),
        _Raw(hit_many, dialect),
        _Raw(insert_submission, dialect),
        _Raw(upsert_vote, dialect),
        _Raw(upsert_search_miss, dialect),
        _Raw(count_usage, dialect),
    )


def _sql(conn: Connection) -> _Statements:
    """The statements for this connection's dialect."""
    return _statements(conn.dialect)


def hit_rate_limit(conn: Connection, *, bucket: str, window_start: int) -> int:
    """Count one request in the bucket's window; returns the window's count so far."""
    cursor = _sql(conn).hit.run(conn, {"bucket": bucket, "window_start": window_start})
    return int(cursor.fetchone()[0])


def _vote_fields(record: VoteRecord) -> dict[str, Any]:
    """What a submission and a vote row both store."""
    return {
        "submission_id": record.submission_id,
        "page": record.page,
        "lang": record.lang,
        "rating": record.rating,
        "reason": record.reason,
        "comment": record.comment,
        "revision": record.revision,
    }


def _submission_params(record: VoteRecord) -> dict[str, Any]:
    return {**_vote_fields(record), "fingerprint": record.fingerprint, "created_at": record.now}


def insert_submission(conn: Connection, record: VoteRecord) -> bool:
    """False when the submission id is already stored."""
    return _sql(conn).insert_submission.run(conn, _submission_params(record)).fetchone() is not None


def get_submission(conn: Connection, submission_id: str) -> Row[Any] | None:
    """The stored submission row."""
    table = models.submissions
    return conn.execute(select(table).where(table.c.submission_id == submission_id)).first()


def upsert_vote(conn: Connection, record: VoteRecord) -> None:
    """Insert the visitor's vote for today, or replace their earlier one atomically."""
    _sql(conn).upsert_vote.run(conn, _vote_params(record))


def _vote_params(record: VoteRecord) -> dict[str, Any]:
    return {
        **_vote_fields(record),
        "day": record.now.date(),
        "visitor": record.visitor,
        "created_at": record.now,
        "updated_at": record.now,
    }


def _stored(row: Row[Any]) -> StoredVote:
    """A submissions row as a StoredVote."""
    m = row._mapping
    return StoredVote(
        m["submission_id"],
        m["page"],
        m["lang"],
        m["rating"],
        m["reason"],
        m["comment"],
        m["revision"],
        m["created_at"],
    )


# PostgreSQL runs the three upserts of a vote as one statement (one round trip): the
# submission is only inserted within the rate limit, the vote only for a new submission.
_PG_RECORD_VOTE = """
WITH hit AS (
    INSERT INTO rate_limits (bucket, window_start, hits)
    VALUES (%(bucket)s, %(window_start)s::bigint, 1)
    ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
    RETURNING hits
), sub AS (
    INSERT INTO submissions (submission_id, fingerprint, page, lang, rating, reason, comment,
                             revision, created_at)
    SELECT %(submission_id)s, %(fingerprint)s, %(page)s, %(lang)s, %(rating)s, %(reason)s,
           %(comment)s, %(revision)s, %(now)s::timestamptz
    FROM hit WHERE hit.hits <= %(limit)s::integer
    ON CONFLICT (submission_id) DO NOTHING
    RETURNING submission_id
), vote AS (
    INSERT INTO votes (day, visitor, page, lang, rating, reason, comment, revision,
                       submission_id, created_at, updated_at)
    SELECT %(day)s::date, %(visitor)s, %(page)s, %(lang)s, %(rating)s, %(reason)s, %(comment)s,
           %(revision)s, %(submission_id)s, %(now)s::timestamptz, %(now)s::timestamptz
    FROM sub
    ON CONFLICT (day, visitor, page, lang) DO UPDATE SET
        rating = excluded.rating, reason = excluded.reason, comment = excluded.comment,
        revision = excluded.revision, submission_id = excluded.submission_id,
        updated_at = excluded.updated_at
)
SELECT (SELECT hits FROM hit), (SELECT submission_id FROM sub)
"""


def _pg_params(record: VoteRecord, rate: RateLimit) -> dict[str, Any]:
    """Parameters of `_PG_RECORD_VOTE`."""
    return {
        **_vote_fields(record),
        "bucket": record.bucket,
        "window_start": rate.window_start(record.now),
        "limit": rate.limit,
        "fingerprint": record.fingerprint,
        "now": record.now,
        "day": record.now.date(),
        "visitor": record.visitor,
    }


def _store_postgres(
    conn: Connection, records: list[VoteRecord], rate: RateLimit
) -> list[bool | None]:
    """All votes of a batch in one pipeline (one network round trip, not one per vote)."""
    stored: list[bool | None] = []
    try:
        with conn.connection.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
            cursor.executemany(
                _PG_RECORD_VOTE, [_pg_params(record, rate) for record in records], returning=True
            )
            for _ in cursor.results():
                hits, submission_row = cursor.fetchone()
                stored.append(None if hits > rate.limit else submission_row is not None)
    except Exception:
        # A pipeline cut short (a statement timeout, a lost server) can leave the driver's
        # connection busy in pipeline mode, where not even ROLLBACK can be sent: the pool
        # would log a traceback resetting it. It is dropped instead; the error still goes up.
        conn.invalidate()
        raise
    return stored


def _store_sqlite(conn: Connection, record: VoteRecord, rate: RateLimit) -> bool | None:
    """As `_store_postgres` for one vote, in three statements (SQLite has no DML in WITH).

    None when rate limited, else whether the submission was new (and the vote stored).
    """
    hits = hit_rate_limit(conn, bucket=record.bucket, window_start=rate.window_start(record.now))
    if hits > rate.limit:
        return None
    if not insert_submission(conn, record):
        return False
    upsert_vote(conn, record)
    return True


def _outcome(conn: Connection, record: VoteRecord, rate: RateLimit, new: bool | None) -> Outcome:
    """What to tell the client, given what storing did."""
    if new is None:
        return Outcome("rate_limited", retry_after=rate.retry_after(record.now))
    if new:
        stored = StoredVote(
            record.submission_id,
            record.page,
            record.lang,
            record.rating,
            record.reason,
            record.comment,
            record.revision,
            record.now,
        )
        return Outcome("created", stored)
    existing = get_submission(conn, record.submission_id)
    if existing is None:  # pragma: no cover - the row was pruned between two statements
        return Outcome("conflict")
    if existing._mapping["fingerprint"] != record.fingerprint:
        return Outcome("conflict")
    return Outcome("replayed", _stored(existing))


def _store_sqlite_batch(
    conn: Connection, records: list[VoteRecord], rate: RateLimit
) -> list[bool | None]:
    """`_store_sqlite` for a batch in three executions instead of three per vote.

    Only for batches in which no two votes share a rate-limit bucket or a submission id (no
    vote's outcome then depends on another's), which is what concurrent visitors send; the
    others go vote by vote.
    """
    sql = _sql(conn)
    hits = sql.hit_many.run_rows(
        conn,
        [{"bucket": r.bucket, "window_start": rate.window_start(r.now)} for r in records],
    )
    counts = dict(hits.fetchall())
    allowed = [r for r in records if counts[r.bucket] <= rate.limit]
    new_ids: set[str] = set()
    if allowed:
        inserted = sql.insert_submission.run_rows(conn, [_submission_params(r) for r in allowed])
        new_ids = {row[0] for row in inserted.fetchall()}
        fresh = [r for r in allowed if r.submission_id in new_ids]
        if fresh:
            sql.upsert_vote.run_each(conn, [_vote_params(r) for r in fresh])
    return [None if counts[r.bucket] > rate.limit else r.submission_id in new_ids for r in records]


def _independent(records: list[VoteRecord]) -> bool:
    return (
        len({r.bucket for r in records}) == len(records) == len({r.submission_id for r in records})
    )


def record_votes(conn: Connection, records: list[VoteRecord], *, rate: RateLimit) -> list[Outcome]:
    """Rate limit, idempotency check and vote upsert for each vote, in the caller's transaction.

    Votes are handled in order, so of two votes of one visitor the later one wins.
    """
    if conn.dialect.name == "postgresql":
        new = _store_postgres(conn, records, rate)
    elif len(records) > 1 and _independent(records):
        new = _store_sqlite_batch(conn, records, rate)
    else:
        new = [_store_sqlite(conn, record, rate) for record in records]
    return [_outcome(conn, record, rate, n) for record, n in zip(records, new, strict=True)]


def _over_rate_limit(
    conn: Connection, *, bucket: str, now: dt.datetime, rate: RateLimit
) -> Outcome | None:
    """Count the request in its window; the 429 outcome once the window is full."""
    hits = hit_rate_limit(conn, bucket=bucket, window_start=rate.window_start(now))
    return Outcome("rate_limited", retry_after=rate.retry_after(now)) if hits > rate.limit else None


def record_search_miss(
    conn: Connection, *, lang: str, query: str, bucket: str, now: dt.datetime, rate: RateLimit
) -> Outcome:
    """Count a normalised query for a language (no visitor data is stored)."""
    limited = _over_rate_limit(conn, bucket=bucket, now=now, rate=rate)
    if limited:
        return limited
    sql = _sql(conn)
    sql.upsert_search_miss.run(conn, {"lang": lang, "query": query, "now": now})
    for event in (USAGE_SEARCH, USAGE_SEARCH_NO_RESULTS):
        sql.count_usage.run(conn, {"lang": lang, "day": now.date(), "event": event})
    return Outcome("created")


def record_usage(
    conn: Connection, *, lang: str, event: str, bucket: str, now: dt.datetime, rate: RateLimit
) -> Outcome:
    """Count one event of the day for a language (nothing about the visitor is stored)."""
    limited = _over_rate_limit(conn, bucket=bucket, now=now, rate=rate)
    if limited:
        return limited
    _sql(conn).count_usage.run(conn, {"lang": lang, "day": now.date(), "event": event})
    return Outcome("created")
