"""Engines, SQLite durability pragmas, PostgreSQL checks and the versioned schema."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, Engine, create_engine, event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from helpcenter.feedback import models

DatabaseKind = Literal["sqlite", "postgresql"]
# Every wait on the database is bounded, below the service's write timeout (5 s by default),
# so that a locked, frozen or unreachable database is answered 503 rather than hanging.
SQLITE_BUSY_TIMEOUT_MS = 3_000
PG_CONNECT_TIMEOUT_S = 3
PG_STATEMENT_TIMEOUT_MS = 4_000
PG_LOCK_TIMEOUT_MS = 2_000
POOL_TIMEOUT_S = 3
# Arbitrary constant: replicas starting together take turns migrating.
MIGRATION_LOCK_KEY = 0x68656C70


class DatabaseError(Exception):
    """The database cannot be used (bad URL, unsafe settings, newer schema)."""


def _create_v1(conn: Connection) -> None:
    """Votes, submissions, salts and rate-limit windows."""
    for table in (models.salts, models.rate_limits, models.submissions, models.votes):
        table.create(conn)
    if conn.dialect.name == "postgresql":
        # Counters need no WAL: after a crash PostgreSQL empties the table, which only
        # resets the current rate-limit windows.
        conn.exec_driver_sql("ALTER TABLE rate_limits SET UNLOGGED")


def _create_v2(conn: Connection) -> None:
    """Search queries that found nothing."""
    models.search_misses.create(conn)


def _create_v3(conn: Connection) -> None:
    """Daily usage counters (searches, contact page suggestions and channels)."""
    models.usage_counts.create(conn)


# Ordered and append-only: a released step never changes. Steps that alter existing
# tables must spell out their DDL instead of using the (always newest) `models` tables.
MIGRATIONS: tuple[tuple[int, Callable[[Connection], None]], ...] = (
    (1, _create_v1),
    (2, _create_v2),
    (3, _create_v3),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


@dataclass
class Database:
    """A writer engine (SQLite: BEGIN IMMEDIATE) and a reader engine over one database."""

    kind: DatabaseKind
    writer: Engine
    reader: Engine
    sqlite_path: Path | None = None

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()


def describe_error(error: BaseException) -> str:
    """One line about a database error, without the SQL and parameters SQLAlchemy appends."""
    original = getattr(error, "orig", None) or error
    text_ = str(original).strip()
    first = text_.splitlines()[0] if text_ else ""
    return f"{type(original).__name__}: {first}"[:300]


def normalise_url(raw: str) -> str:
    """A file path, `sqlite:///…` or `postgresql://…` -> an SQLAlchemy URL using psycopg 3."""
    value = raw.strip()
    if not value:
        raise DatabaseError("no database given (--database or HELPCENTER_FEEDBACK_DATABASE)")
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    if value.startswith("sqlite:"):
        path = value.removeprefix("sqlite:")
        if not path.startswith("///") or path[3:] in ("", ":memory:"):
            raise DatabaseError("SQLite needs a file: sqlite:///path/to/feedback.db")
        return "sqlite:///" + str(Path(path[3:]).expanduser().absolute())
    if "://" in value:
        raise DatabaseError(f"unsupported database URL scheme: {value.split('://')[0]}")
    if value == ":memory:":
        raise DatabaseError("SQLite needs a file, not :memory:")
    return "sqlite:///" + str(Path(value).expanduser().absolute())


def _ensure_wal(cursor: Any) -> None:
    """Switch the file to WAL once; later connections find it already switched.

    The switch needs an exclusive lock and SQLite reports "database is locked" at once
    (without waiting for busy_timeout) when another connection is opening the new file
    too, so that case is retried here.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower()
            if mode != "wal":
                mode = str(cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)
            continue
        if mode != "wal":
            raise DatabaseError(f"SQLite refused WAL mode (got {mode}); use a local disk")
        return


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Durable settings on every connection; sqlite3's own BEGIN handling is turned off."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        _ensure_wal(cursor)
        # FULL: a commit survives power loss, not only a crash of this process.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _sqlite_engine(url: str, *, begin: str, pool_size: int) -> Engine:
    """An SQLite engine whose transactions start with `begin`."""
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        pool_size=pool_size,
        max_overflow=pool_size,
    )
    event.listen(engine, "connect", _sqlite_pragmas)

    def _begin(conn: Connection) -> None:
        # IMMEDIATE takes the write lock up front, so a writer never fails half-way
        # with SQLITE_BUSY when another process committed in between.
        conn.exec_driver_sql(begin)

    event.listen(engine, "begin", _begin)
    return engine


def check_postgres_durability(conn: Connection) -> None:
    """Refuse `synchronous_commit = off`: acknowledged votes could vanish on a crash."""
    value = conn.exec_driver_sql("SHOW synchronous_commit").scalar()
    if str(value).lower() == "off":
        raise DatabaseError(
            "PostgreSQL synchronous_commit is 'off': acknowledged votes could be lost in a "
            "crash. Set synchronous_commit = on for this database or role."
        )


def create_engines(url: str, *, writer_pool: int = 4, reader_pool: int = 4) -> Database:
    """Engines for a normalised URL, without touching the schema."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        if not path.parent.is_dir():
            raise DatabaseError(f"directory for the SQLite file does not exist: {path.parent}")
        # access() also answers for a read-only file system, even to root.
        if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            raise DatabaseError(
                f"the SQLite database {path} is read-only (file, folder or file system): the "
                "service writes it and its -wal and -shm files beside it"
            )
        writer = _sqlite_engine(url, begin="BEGIN IMMEDIATE", pool_size=writer_pool)
        reader = _sqlite_engine(url, begin="BEGIN", pool_size=reader_pool)
        return Database("sqlite", writer, reader, sqlite_path=path)
    engine = create_engine(
        url,
        pool_size=writer_pool + reader_pool,
        max_overflow=reader_pool,
        pool_pre_ping=True,
        pool_recycle=1800,
        pool_timeout=POOL_TIMEOUT_S,
        connect_args={
            "connect_timeout": PG_CONNECT_TIMEOUT_S,
            "options": (
                f"-c statement_timeout={PG_STATEMENT_TIMEOUT_MS} "
                f"-c lock_timeout={PG_LOCK_TIMEOUT_MS} "
                "-c idle_in_transaction_session_timeout=60000"
            ),
            # A partitioned network: unacknowledged data or keepalives end the connection.
            "keepalives": 1,
            "keepalives_idle": 5,
            "keepalives_interval": 2,
            "keepalives_count": 2,
            "tcp_user_timeout": PG_STATEMENT_TIMEOUT_MS,
        },
    )
    return Database("postgresql", engine, engine)


def read_schema_version(conn: Connection) -> int:
    """0 for an empty database."""
    if not conn.dialect.has_table(conn, models.schema_version.name):
        return 0
    value = conn.execute(select(models.schema_version.c.version)).scalar()
    return int(value or 0)


def migrate(db: Database, *, target: int = SCHEMA_VERSION) -> int:
    """Apply the missing migration steps in one transaction; returns the resulting version."""
    with db.writer.begin() as conn:
        if db.kind == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        models.schema_version.create(conn, checkfirst=True)
        current = read_schema_version(conn)
        if current > SCHEMA_VERSION:
            raise DatabaseError(
                f"database schema version {current} is newer than this service "
                f"({SCHEMA_VERSION}); upgrade helpcenter"
            )
        for version, step in MIGRATIONS:
            if current < version <= target:
                step(conn)
        final = max(current, min(target, SCHEMA_VERSION))
        if final != current:
            table = models.schema_version
            if current == 0:
                conn.execute(table.insert().values(id=1, version=final))
            else:
                conn.execute(table.update().where(table.c.id == 1).values(version=final))
        return final


def open_database(raw_url: str, *, migrate_schema: bool = True, writer_pool: int = 4) -> Database:
    """Engines, durability checks and an up-to-date schema; raises DatabaseError.

    With `migrate_schema=False` (the report) nothing is created: the database must exist
    with the current schema, and PostgreSQL's commit settings are not checked.
    """
    url = normalise_url(raw_url)
    try:
        make_url(url)
    except (ArgumentError, ValueError):
        # The message would repeat the URL, password included.
        raise DatabaseError(
            "malformed database URL (expected sqlite:///PATH, a file path or "
            "postgresql://USER@HOST:PORT/NAME)"
        ) from None
    if not migrate_schema and url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.is_file():
            raise DatabaseError(f"no such SQLite database: {path}")
    try:
        db = create_engines(url, writer_pool=writer_pool)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseError(f"malformed database URL: {exc.__class__.__name__}") from None
    try:
        if migrate_schema and db.kind == "postgresql":
            with db.writer.connect() as conn:
                check_postgres_durability(conn)
        if migrate_schema:
            migrate(db)
        else:
            with db.reader.connect() as conn:
                version = read_schema_version(conn)
            if version != SCHEMA_VERSION:
                raise DatabaseError(
                    f"database schema version is {version}, expected {SCHEMA_VERSION}; "
                    "start `helpcenter-feedback serve` once to create or upgrade it"
                )
    except SQLAlchemyError as exc:
        db.dispose()
        raise DatabaseError(f"cannot open database: {describe_error(exc)}") from None
    except DatabaseError:
        db.dispose()
        raise
    return db
