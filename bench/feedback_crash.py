"""Crash rounds for the feedback service: SIGKILL during concurrent votes, restart, verify.

    python bench/feedback_crash.py --rounds 200 [--database URL] [--seed N]

Each round starts `helpcenter-feedback serve`, resends a sample of acknowledged votes
(they must answer 200: still stored) and all votes left without an answer, loads the service
with concurrent new votes and kills it with SIGKILL after a random delay. At the end every
acknowledged (2xx) vote must be stored exactly once with its own rating, and for SQLite
`PRAGMA integrity_check` must say `ok`. The test suite runs the same code for 20 rounds.

Run from the repository root (it reuses tests/feedback/crash.py).
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.feedback.crash import run_rounds  # noqa: E402
from tests.feedback.support import fresh_postgres_database, write_site  # noqa: E402


@contextlib.contextmanager
def database(kind: str, tmp: Path) -> Iterator[str]:
    """A temporary SQLite file or a temporary PostgreSQL database."""
    if kind == "postgresql":
        with fresh_postgres_database() as url:
            yield url
    else:
        yield str(tmp / "crash.db")


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument(
        "--database",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="a temporary database of this kind (PostgreSQL at 127.0.0.1:5432)",
    )
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--max-load-seconds", type=float, default=0.5, help="longest load before the kill"
    )
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="helpcenter-fb-crash-") as tmp_name:
        tmp = Path(tmp_name)
        with database(args.database, tmp) as url:
            ledger, problems = run_rounds(
                database=url,
                site=write_site(tmp / "site"),
                log_path=tmp / "server.log",
                rounds=args.rounds,
                seed=seed,
                max_load_seconds=args.max_load_seconds,
            )
    print(
        f"{args.database}: {args.rounds} SIGKILL rounds in {time.monotonic() - started:.0f} s "
        f"(seed {seed}); {len(ledger.acked)} acknowledged votes checked, "
        f"{len(ledger.unsure)} never settled"
    )
    for problem in problems[:20]:
        print(f"  PROBLEM: {problem}")
    print(
        "OK: every acknowledged vote stored exactly once"
        if not problems
        else f"FAILED: {len(problems)} problems"
    )
    return 1 if problems or ledger.unsure else 0


if __name__ == "__main__":
    sys.exit(main())
