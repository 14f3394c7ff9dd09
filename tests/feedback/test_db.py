"""Engines, durability settings and schema versioning on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from helpcenter.feedback import models
from helpcenter.feedback.db import (
    MIGRATIONS,
    SCHEMA_VERSION,
    SQLITE_BUSY_TIMEOUT_MS,
    DatabaseError,
    create_engines,
    migrate,
    normalise_url,
    open_database,
    read_schema_version,
)
from tests.feedback.support import fresh_postgres_database


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////var/lib/fb.db", "sqlite:////var/lib/fb.db"),
        ("/var/lib/fb.db", "sqlite:////var/lib/fb.db"),
    ],
)
def test_normalise_url(raw: str, expected: str) -> None:
    assert normalise_url(raw) == expected


def test_relative_paths_become_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert normalise_url("fb.db") == f"sqlite:///{tmp_path}/fb.db"


@pytest.mark.parametrize("raw", ["", "sqlite://", "sqlite:///:memory:", ":memory:", "mysql://x/y"])
def test_unusable_urls(raw: str) -> None:
    with pytest.raises(DatabaseError):
        normalise_url(raw)


def test_sqlite_connections_are_durable(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "fb.db"))
    try:
        for engine in (db.writer, db.reader):
            with engine.connect() as conn:
                pragma = {
                    name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                    for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
                }
                assert pragma == {
                    "journal_mode": "wal",
                    "synchronous": 2,  # 2 = FULL
                    "busy_timeout": SQLITE_BUSY_TIMEOUT_MS,
                    "foreign_keys": 1,
                }
    finally:
        db.dispose()


def test_sqlite_writer_takes_the_write_lock_at_begin(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "fb.db"))
    try:
        with db.writer.begin():
            other = sqlite3.connect(tmp_path / "fb.db", timeout=0, isolation_level=None)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            other.close()
    finally:
        db.dispose()


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(str(tmp_path / "nope" / "fb.db"))


@pytest.mark.postgres
def test_postgres_with_synchronous_commit_off_is_refused() -> None:
    with (
        fresh_postgres_database(synchronous_commit="off") as url,
        pytest.raises(DatabaseError, match="synchronous_commit"),
    ):
        open_database(url)


@pytest.mark.postgres
def test_postgres_with_synchronous_commit_on_is_accepted() -> None:
    with fresh_postgres_database(synchronous_commit="on") as url:
        open_database(url).dispose()


def _tables(url: str) -> set[str]:
    db = create_engines(normalise_url(url))
    try:
        return set(inspect(db.reader).get_table_names())
    finally:
        db.dispose()


def test_fresh_database_gets_the_current_schema(database_url: str) -> None:
    db = open_database(database_url)
    try:
        with db.reader.connect() as conn:
            assert read_schema_version(conn) == SCHEMA_VERSION
    finally:
        db.dispose()
    assert _tables(database_url) == set(models.metadata.tables)


def test_reopening_is_a_no_op(database_url: str) -> None:
    db = open_database(database_url)
    try:
        with db.writer.begin() as conn:
            conn.execute(models.salts.insert().values(day=dt.date(2025, 1, 1), salt=b"x" * 32))
        assert migrate(db) == SCHEMA_VERSION
    finally:
        db.dispose()
    again = open_database(database_url)
    try:
        with again.reader.connect() as conn:
            assert read_schema_version(conn) == SCHEMA_VERSION
            assert conn.execute(text("SELECT count(*) FROM salts")).scalar() == 1
            assert conn.execute(text("SELECT count(*) FROM schema_version")).scalar() == 1
    finally:
        again.dispose()


def test_upgrade_from_the_previous_version_keeps_data(database_url: str) -> None:
    previous = SCHEMA_VERSION - 1
    db = create_engines(normalise_url(database_url))
    try:
        assert migrate(db, target=previous) == previous
        assert "usage_counts" not in _tables(database_url)
        now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        with db.writer.begin() as conn:
            conn.execute(
                models.votes.insert().values(
                    day=now.date(),
                    visitor="v",
                    page="a.md",
                    lang="hr",
                    rating="yes",
                    submission_id="s",
                    created_at=now,
                    updated_at=now,
                )
            )
    finally:
        db.dispose()
    upgraded = open_database(database_url)
    try:
        with upgraded.reader.connect() as conn:
            assert read_schema_version(conn) == SCHEMA_VERSION
            assert conn.execute(text("SELECT rating FROM votes")).scalar() == "yes"
            assert conn.execute(text("SELECT count(*) FROM usage_counts")).scalar() == 0
    finally:
        upgraded.dispose()


def test_newer_schema_is_refused(database_url: str) -> None:
    open_database(database_url).dispose()
    db = create_engines(normalise_url(database_url))
    try:
        with db.writer.begin() as conn:
            conn.execute(models.schema_version.update().values(version=SCHEMA_VERSION + 1))
    finally:
        db.dispose()
    with pytest.raises(DatabaseError, match="newer"):
        open_database(database_url)


def test_report_mode_does_not_create_anything(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no such"):
        open_database(str(tmp_path / "absent.db"), migrate_schema=False)
    assert not (tmp_path / "absent.db").exists()


def test_report_mode_wants_the_current_schema(database_url: str) -> None:
    db = create_engines(normalise_url(database_url))
    try:
        migrate(db, target=1)
    finally:
        db.dispose()
    with pytest.raises(DatabaseError, match="expected"):
        open_database(database_url, migrate_schema=False)


def test_replicas_migrating_at_once_agree(database_url: str) -> None:
    errors: list[BaseException] = []

    def start() -> None:
        try:
            open_database(database_url).dispose()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db = open_database(database_url)
    try:
        with db.reader.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM schema_version")).scalar() == 1
    finally:
        db.dispose()


def test_migrations_are_ordered_and_contiguous() -> None:
    assert [version for version, _ in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))


@pytest.mark.postgres
def test_postgres_rate_limit_counters_skip_the_wal() -> None:
    with fresh_postgres_database() as url:
        db = open_database(url)
        try:
            with db.reader.connect() as conn:
                persistence = dict(
                    conn.execute(
                        text(
                            "SELECT relname, relpersistence FROM pg_class WHERE relname IN "
                            "('rate_limits', 'votes', 'submissions', 'salts')"
                        )
                    ).all()
                )
        finally:
            db.dispose()
    # Only the counters are unlogged; votes, submissions and salts are durable.
    assert persistence == {"rate_limits": "u", "votes": "p", "submissions": "p", "salts": "p"}
