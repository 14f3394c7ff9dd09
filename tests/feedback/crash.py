"""Crash rounds: votes under load, SIGKILL at a random moment, restart, verify.

Used by `test_crash.py` (a few dozen rounds) and `bench/feedback_crash.py` (hundreds).
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from helpcenter.feedback.db import create_engines, normalise_url
from tests.feedback.support import HR_PAGE, ServerProcess

CLIENT_THREADS = 6


@dataclass
class CrashLedger:
    """What the clients were told: acknowledged submissions and those left in doubt."""

    acked: dict[str, dict[str, Any]] = field(default_factory=dict)
    unsure: dict[str, dict[str, Any]] = field(default_factory=dict)
    lost_replays: list[str] = field(default_factory=list)
    server_errors: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, body: dict[str, Any], status: int | None) -> None:
        """Record one answer (None: no answer, the server died)."""
        with self.lock:
            if status is not None and 200 <= status < 300:
                self.acked[body["submission_id"]] = body
                self.unsure.pop(body["submission_id"], None)
            else:
                if status is not None and status >= 500:
                    self.server_errors.append(status)
                self.unsure[body["submission_id"]] = body


def new_vote(rng: random.Random) -> dict[str, Any]:
    """A vote from a visitor of its own (its own user agent), so every vote is its own row."""
    rating = rng.choice(["yes", "no"])
    body: dict[str, Any] = {
        "submission_id": str(uuid.uuid4()),
        "page": HR_PAGE,
        "lang": rng.choice(["hr", "fi"]),
        "rating": rating,
    }
    if rating == "no":
        body["reason"] = rng.choice(["not_found", "incorrect", "other"])
        body["comment"] = f"crash comment {rng.random()}"
    return body


def _agent(body: dict[str, Any]) -> str:
    """One user agent per submission: a retry is the same visitor."""
    return f"crash-client/{body['submission_id']}"


def _post(client: httpx.Client, base: str, body: dict[str, Any]) -> int | None:
    """Status, or None when the connection broke."""
    try:
        response = client.post(
            f"{base}/api/v1/feedback", json=body, headers={"User-Agent": _agent(body)}
        )
    except httpx.HTTPError:
        return None
    return response.status_code


def verify_replays(server: ServerProcess, ledger: CrashLedger, rng: random.Random) -> None:
    """Resend some acknowledged votes (must be 200: still stored) and all doubtful ones."""
    sample = rng.sample(sorted(ledger.acked), min(10, len(ledger.acked)))
    with httpx.Client(timeout=10) as client:
        for submission_id in sample:
            status = _post(client, server.url, ledger.acked[submission_id])
            if status != 200:
                ledger.lost_replays.append(f"{submission_id}: {status}")
        for body in list(ledger.unsure.values()):
            ledger.note(body, _post(client, server.url, body))


def crash_round(
    server: ServerProcess, ledger: CrashLedger, rng: random.Random, *, max_load_seconds: float = 0.5
) -> None:
    """Start, check earlier answers, load with concurrent votes, SIGKILL at a random moment."""
    server.start()
    verify_replays(server, ledger, rng)
    stop = threading.Event()

    def client_loop(seed: int) -> None:
        local = random.Random(seed)
        with httpx.Client(timeout=5) as client:
            while not stop.is_set():
                body = new_vote(local)
                status = _post(client, server.url, body)
                ledger.note(body, status)
                if status is None:
                    return

    threads = [
        threading.Thread(target=client_loop, args=(rng.random(),)) for _ in range(CLIENT_THREADS)
    ]
    for thread in threads:
        thread.start()
    time.sleep(rng.uniform(0.02, max_load_seconds))
    server.kill()
    stop.set()
    for thread in threads:
        thread.join(30)


def stored_counts(database: str) -> dict[str, tuple[int, int]]:
    """submission_id -> (rows in submissions, rows in votes)."""
    db = create_engines(normalise_url(database))
    try:
        with db.reader.connect() as conn:
            subs = dict(
                conn.execute(
                    text("SELECT submission_id, count(*) FROM submissions GROUP BY submission_id")
                ).all()
            )
            votes = dict(
                conn.execute(
                    text("SELECT submission_id, count(*) FROM votes GROUP BY submission_id")
                ).all()
            )
    finally:
        db.dispose()
    return {key: (int(subs.get(key, 0)), int(votes.get(key, 0))) for key in {*subs, *votes}}


def stored_ratings(database: str) -> dict[str, str]:
    """submission_id -> rating in votes."""
    db = create_engines(normalise_url(database))
    try:
        with db.reader.connect() as conn:
            return dict(conn.execute(text("SELECT submission_id, rating FROM votes")).all())
    finally:
        db.dispose()


def sqlite_integrity(path: str) -> str:
    """PRAGMA integrity_check of an SQLite file."""
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def problems_after(database: str, ledger: CrashLedger) -> list[str]:
    """Every acknowledged submission stored exactly once, with its own rating."""
    counts = stored_counts(database)
    ratings = stored_ratings(database)
    found: list[str] = [f"replay of an acknowledged vote answered {x}" for x in ledger.lost_replays]
    found += [f"server error {status}" for status in ledger.server_errors]
    for submission_id, body in ledger.acked.items():
        if counts.get(submission_id) != (1, 1):
            found.append(f"{submission_id} stored {counts.get(submission_id)} (want (1, 1))")
        elif ratings[submission_id] != body["rating"]:
            found.append(f"{submission_id} has rating {ratings[submission_id]}")
    return found


def run_rounds(
    *,
    database: str,
    site: Path,
    log_path: Path,
    rounds: int,
    seed: int,
    max_load_seconds: float = 0.5,
) -> tuple[CrashLedger, list[str]]:
    """All rounds, then a final restart to settle doubts; returns the ledger and problems."""
    rng = random.Random(seed)
    server = ServerProcess(
        database=database, site=site, log_path=log_path, extra_args=["--rate-limit", "1000000"]
    )
    ledger = CrashLedger()
    try:
        for _ in range(rounds):
            crash_round(server, ledger, rng, max_load_seconds=max_load_seconds)
        server.start()
        verify_replays(server, ledger, rng)
    finally:
        server.stop()
    problems = problems_after(database, ledger)
    if not database.startswith("postgres"):
        integrity = sqlite_integrity(database)
        if integrity != "ok":
            problems.append(f"integrity_check: {integrity}")
    return ledger, problems
