"""Crash rounds for the feedback service: SIGKILL during concurrent votes, restart, verify;
and outage rounds: the database fails under the running service.

    python bench/feedback_crash.py --rounds 200 [--database URL] [--seed N]
    python bench/feedback_crash.py --outages 20 [--seed N]

Each round starts `helpcenter-feedback serve`, resends a sample of acknowledged votes
(they must answer 200: still stored) and all votes left without an answer, loads the service
with concurrent new votes and kills it with SIGKILL after a random delay. At the end every
acknowledged (2xx) vote must be stored exactly once with its own rating, and for SQLite
`PRAGMA integrity_check` must say `ok`. The test suite runs the same code for 20 rounds.

Outage rounds start a PostgreSQL server of their own (tests/feedback/faults.py) and the service
on it, keep 8 clients voting, and in each round stop the server, freeze it (SIGSTOP) or make it
read-only for a random 0.5-4 s, then bring it back. Every vote must be answered 201 or a JSON
503 with Retry-After within the write timeout plus a margin; afterwards every refused vote is
resent with its submission id (as the widget does) and every vote must be stored exactly once.
Reported: answers by status, the slowest 503, and the time from the end of each fault to the
first stored vote (recovery).

Run from the repository root (it reuses tests/feedback/crash.py and faults.py).
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

from tests.feedback.crash import run_rounds, stored_counts  # noqa: E402
from tests.feedback.support import fresh_postgres_database, write_site  # noqa: E402


@contextlib.contextmanager
def database(kind: str, tmp: Path) -> Iterator[str]:
    """A temporary SQLite file or a temporary PostgreSQL database."""
    if kind == "postgresql":
        with fresh_postgres_database() as url:
            yield url
    else:
        yield str(tmp / "crash.db")


def outage_rounds(rounds: int, seed: int) -> int:
    """The database fails under the running service; see the module docstring."""
    import statistics
    import threading

    import httpx

    from tests.feedback.faults import Answer, send_vote, throwaway_postgres, wait_until
    from tests.feedback.support import ServerProcess

    write_timeout = 2.0
    rng = random.Random(seed)
    answers: list[Answer] = []
    lock = threading.Lock()
    stop = threading.Event()
    recoveries: list[float] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="helpcenter-fb-outage-") as tmp_name:
        tmp = Path(tmp_name)
        with throwaway_postgres() as postgres:
            server = ServerProcess(
                database=postgres.url,
                site=write_site(tmp / "site"),
                log_path=tmp / "server.log",
                env={
                    "HELPCENTER_FEEDBACK_WRITE_TIMEOUT": str(write_timeout),
                    "HELPCENTER_FEEDBACK_RATE_LIMIT": "1000000",
                },
            )
            server.start()

            def client_loop() -> None:
                with httpx.Client(base_url=server.url, timeout=30) as client:
                    while not stop.is_set():
                        answer = send_vote(client)
                        with lock:
                            answers.append(answer)

            clients = [threading.Thread(target=client_loop) for _ in range(8)]
            for thread in clients:
                thread.start()
            faults = [
                (postgres.stop, postgres.start, "stopped"),
                (postgres.freeze, postgres.thaw, "frozen"),
                (lambda: postgres.read_only(True), lambda: postgres.read_only(False), "read-only"),
            ]
            try:
                for round_number in range(rounds):
                    time.sleep(rng.uniform(0.2, 1.0))
                    begin, end, name = faults[round_number % len(faults)]
                    begin()
                    time.sleep(rng.uniform(0.5, 4.0))
                    end()
                    ended = time.monotonic()
                    with lock:
                        seen = len(answers)
                    wait_until(lambda s=seen: any(a.status == 201 for a in answers[s:]), 30, 0.01)
                    recoveries.append(time.monotonic() - ended)
                    print(
                        f"  round {round_number + 1}: {name}, recovered in {recoveries[-1]:.2f} s"
                    )
            finally:
                stop.set()
                for thread in clients:
                    thread.join(60)
            refused = [a for a in answers if a.status != 201]
            with httpx.Client(base_url=server.url, timeout=30) as client:
                resent = [send_vote(client, a.submission_id).status for a in refused]
            server.stop()
            counts = stored_counts(postgres.url)
    statuses: dict[int, int] = {}
    for answer in answers:
        statuses[answer.status] = statuses.get(answer.status, 0) + 1
    slow_503 = max((a.seconds for a in answers if a.status == 503), default=0.0)
    slowest = max((a.seconds for a in answers), default=0.0)
    problems = [
        f"unexpected status {code} x{n}" for code, n in statuses.items() if code not in (201, 503)
    ]
    problems += [
        f"503 without JSON or Retry-After: {a}"
        for a in answers
        if a.status == 503 and (not a.body or "retry-after" not in a.headers)
    ]
    if slow_503 > write_timeout + 1.5:
        problems.append(f"a 503 took {slow_503:.1f} s")
    problems += [f"resent vote answered {code}" for code in resent if code not in (200, 201)]
    expected = {a.submission_id for a in answers}
    stored = {sid for sid, (subs, votes) in counts.items() if subs == 1 and votes == 1}
    problems += [f"{sid} not stored exactly once: {counts.get(sid)}" for sid in expected - stored]
    print(
        f"postgresql: {rounds} outage rounds in {time.monotonic() - started:.0f} s (seed {seed}); "
        f"answers {dict(sorted(statuses.items()))}, slowest 503 {slow_503:.2f} s, slowest "
        f"answer {slowest:.2f} s "
        f"(write timeout {write_timeout:g} s), recovery median "
        f"{statistics.median(recoveries):.2f} s, max {max(recoveries):.2f} s"
    )
    for problem in problems[:20]:
        print(f"  PROBLEM: {problem}")
    print(
        "OK: every vote stored exactly once"
        if not problems
        else f"FAILED: {len(problems)} problems"
    )
    return 1 if problems else 0


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
        "--outages", type=int, default=0, help="outage rounds on an own PostgreSQL instead"
    )
    parser.add_argument(
        "--max-load-seconds", type=float, default=0.5, help="longest load before the kill"
    )
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    if args.outages:
        return outage_rounds(args.outages, seed)
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
