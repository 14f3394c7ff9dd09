"""The database tables (SQLAlchemy Core); request/response models live in `schemas.py`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Dialect,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC in Python on both databases (SQLite has no time zone type)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        """Store UTC; SQLite keeps it as naive ISO text."""
        if value is None:
            return None
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        """Always hand out aware UTC datetimes."""
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"expected a datetime from the database, got {type(value).__name__}")
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


# SQLite only auto-increments a column declared exactly INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
)

salts = Table(
    "salts",
    metadata,
    Column("day", Date, primary_key=True),
    Column("salt", LargeBinary(32), nullable=False),
)

rate_limits = Table(
    "rate_limits",
    metadata,
    Column("bucket", String(64), nullable=False),
    Column("window_start", BigInteger, nullable=False),
    Column("hits", Integer, nullable=False),
    PrimaryKeyConstraint("bucket", "window_start", name="pk_rate_limits"),
)

submissions = Table(
    "submissions",
    metadata,
    Column("submission_id", String(36), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("page", String(300), nullable=False),
    Column("lang", String(16), nullable=False),
    Column("rating", String(16), nullable=False),
    Column("reason", String(32)),
    Column("comment", Text),
    Column("revision", String(64)),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_submissions_created_at", "created_at"),
)

votes = Table(
    "votes",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("day", Date, nullable=False),
    # HMAC of the visitor for that day; set to NULL once the day's salt is gone.
    Column("visitor", String(64)),
    Column("page", String(300), nullable=False),
    Column("lang", String(16), nullable=False),
    Column("rating", String(16), nullable=False),
    Column("reason", String(32)),
    Column("comment", Text),
    Column("revision", String(64)),
    Column("submission_id", String(36), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    UniqueConstraint("day", "visitor", "page", "lang", name="uq_votes_visitor_day"),
)

search_misses = Table(
    "search_misses",
    metadata,
    Column("lang", String(16), nullable=False),
    Column("query", String(100), nullable=False),
    Column("hits", BigInteger, nullable=False),
    Column("first_seen", UTCDateTime(), nullable=False),
    Column("last_seen", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("lang", "query", name="pk_search_misses"),
)

# What `usage_counts.event` holds. The site sends the first four (`POST /api/v1/events`); a
# search miss counts both a search and a search without results.
USAGE_SEARCH = "search"
USAGE_SUGGESTION_OPENED = "suggestion_opened"
USAGE_CHANNEL_CHOSEN = "channel_chosen"
USAGE_CHANNEL_AFTER_SUGGESTION = "channel_after_suggestion"
USAGE_SEARCH_NO_RESULTS = "search_no_results"

# Anonymous daily counters: searches, searches without results, and the contact page's
# suggestions opened and channels chosen (the deflection figure). No query, no visitor.
usage_counts = Table(
    "usage_counts",
    metadata,
    Column("lang", String(16), nullable=False),
    Column("day", Date, nullable=False),
    Column("event", String(32), nullable=False),
    Column("hits", BigInteger, nullable=False),
    PrimaryKeyConstraint("lang", "day", "event", name="pk_usage_counts"),
)
