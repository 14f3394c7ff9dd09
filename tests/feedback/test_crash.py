"""SIGKILL during concurrent writes, many rounds: every acknowledged vote survives exactly once."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from tests.feedback.crash import run_rounds
from tests.feedback.support import fresh_postgres_database, write_site

SQLITE_ROUNDS = int(os.environ.get("HELPCENTER_FB_CRASH_ROUNDS", "20"))
POSTGRES_ROUNDS = int(os.environ.get("HELPCENTER_FB_CRASH_ROUNDS_PG", "20"))


def _check(database: str, tmp_path: Path, rounds: int) -> None:
    seed = random.randrange(1 << 30)
    ledger, problems = run_rounds(
        database=database,
        site=write_site(tmp_path / "site"),
        log_path=tmp_path / "server.log",
        rounds=rounds,
        seed=seed,
        max_load_seconds=0.4,
    )
    assert len(ledger.acked) > rounds, f"too few votes acknowledged to mean anything (seed {seed})"
    assert problems == [], f"seed {seed}: {problems[:10]}"
    assert ledger.unsure == {}, f"seed {seed}: votes never settled"


@pytest.mark.slow
def test_sqlite_survives_sigkill(tmp_path: Path) -> None:
    _check(str(tmp_path / "crash.db"), tmp_path, SQLITE_ROUNDS)


@pytest.mark.slow
@pytest.mark.postgres
def test_postgres_survives_sigkill(tmp_path: Path) -> None:
    with fresh_postgres_database() as url:
        _check(url, tmp_path, POSTGRES_ROUNDS)
