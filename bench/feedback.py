"""Benchmark of the feedback service: durable votes per second against a database-free baseline.

    python bench/feedback.py [--database URL] [--duration 10] [--clients 32] [--workers 1]

Starts `helpcenter-feedback serve --bench` on a loopback port, then drives, with the same
number of concurrent keep-alive connections and for the same time,
  1. GET /api/v1/bench/bare (same app, middleware and logging; no database work), and
  2. POST /api/v1/feedback (validated, rate-limited, stored and committed before the answer),
in alternating short rounds so that both see the same background load of the machine.
Each vote comes from a distinct visitor (X-Forwarded-For via the trusted loopback proxy).
"server CPU" is the service process' CPU time per answered request (from /proc).

The load generator is a minimal asyncio HTTP/1.1 client: with 32 connections httpx's async
pool costs more CPU than the server under test (on 2 cores it capped at ~300 req/s).

`--database postgresql://postgres@127.0.0.1:5432/NAME` creates NAME if missing and drops it
afterwards (unless --keep). Default: a temporary SQLite file (WAL, synchronous=FULL).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

ORIGIN = "https://bench.helpcenter.invalid"
PAGES = [f"sekcija-{i}/clanak-{j}.md" for i in range(5) for j in range(20)]
LANGS = ["hr", "fi"]


def write_site(directory: Path) -> Path:
    """A manifest with 100 articles in two languages."""
    articles = [
        {
            "lang": lang,
            "page": page,
            "revision": secrets.token_hex(6),
            "url": f"/{lang}/{page.removesuffix('.md')}/",
            "title": f"Članak {page}",
        }
        for lang in LANGS
        for page in PAGES
    ]
    manifest = {"version": 1, "feedback_mode": "binary", "languages": LANGS, "articles": articles}
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "helpcenter-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return directory


def free_port() -> int:
    """A free loopback port."""
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def postgres_database(url: str, *, keep: bool) -> Iterator[str]:
    """Create the named database if needed; drop it afterwards if we created it."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or not name.replace("_", "").isalnum():
        raise SystemExit("give the PostgreSQL database a simple name, e.g. /helpcenter_fb_bench")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url
    finally:
        if not exists and not keep:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def server(database: str, site: Path, *, workers: int, log: Path) -> Iterator[tuple[int, int]]:
    """The service in a subprocess; yields its port and process id."""
    port = free_port()
    args = [
        sys.executable,
        "-m",
        "helpcenter.feedback.cli",
        "serve",
        "--database",
        database,
        "--site",
        str(site),
        "--allow-origin",
        ORIGIN,
        "--port",
        str(port),
        "--trusted-proxy",
        "127.0.0.1",
        "--rate-limit",
        "1000000000",
        "--bench",
        "--workers",
        str(workers),
    ]
    # PostgreSQL serves replicas, which share the visitor-key secret: the service needs one.
    env = {**os.environ, "HELPCENTER_FEEDBACK_SECRET": secrets.token_urlsafe(48)}
    with log.open("wb") as out:
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise SystemExit(f"server exited:\n{log.read_text()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"http://127.0.0.1:{port}/api/v1/health").status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit(f"server did not start:\n{log.read_text()}")
            time.sleep(0.1)
        yield port, process.pid
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (uvicorn workers), Linux only."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    with contextlib.suppress(OSError):
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(child) for child in children]
    for each in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


@dataclass
class Result:
    """Latencies (seconds) of successful requests, and the failures."""

    name: str
    seconds: float
    latencies: list[float]
    failures: dict[int, int]
    server_cpu: float = 0.0

    @property
    def rate(self) -> float:
        """Successful requests per second."""
        return len(self.latencies) / self.seconds

    def percentile(self, q: float) -> float:
        """Latency percentile in milliseconds."""
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    @property
    def cpu_per_request_us(self) -> float:
        """Server CPU time per successful request, in microseconds."""
        return self.server_cpu / max(1, len(self.latencies)) * 1e6

    def line(self, unit: str) -> str:
        """One line of the summary."""
        failed = sum(self.failures.values())
        return (
            f"{self.name:<6} {self.rate:8.0f} {unit:<9} p50 {self.percentile(0.50):6.1f} ms"
            f"  p99 {self.percentile(0.99):6.1f} ms  server CPU "
            f"{self.cpu_per_request_us:4.0f} us/req  (n={len(self.latencies)}, "
            f"failed={failed}{' ' + str(self.failures) if failed else ''})"
        )


def merge(name: str, parts: list[Result]) -> Result:
    """One result from several phases."""
    failures: dict[int, int] = {}
    for part in parts:
        for status, count in part.failures.items():
            failures[status] = failures.get(status, 0) + count
    return Result(
        name,
        sum(p.seconds for p in parts),
        [x for p in parts for x in p.latencies],
        failures,
        sum(p.server_cpu for p in parts),
    )


RequestFactory = Callable[[int], bytes]


def bare_request(counter: int) -> bytes:
    """GET of the baseline endpoint, with the same kind of headers as a vote."""
    return (
        f"GET /api/v1/bench/bare HTTP/1.1\r\nHost: bench\r\nOrigin: {ORIGIN}\r\n"
        f"User-Agent: bench/{counter}\r\nX-Forwarded-For: 198.18.0.1\r\n\r\n"
    ).encode()


def vote_request(counter: int) -> bytes:
    """A vote from visitor number `counter` (its own forwarded address and agent)."""
    body = json.dumps(
        {
            "submission_id": str(uuid.UUID(int=random.getrandbits(128), version=4)),
            "page": PAGES[counter % len(PAGES)],
            "lang": LANGS[(counter // len(PAGES)) % 2],
            "rating": "no" if counter % 3 == 0 else "yes",
            **(
                {"reason": "not_found", "comment": f"benchmark {counter}"}
                if counter % 3 == 0
                else {}
            ),
        }
    ).encode()
    address = f"198.18.{(counter >> 8) & 255}.{counter & 255}"
    head = (
        f"POST /api/v1/feedback HTTP/1.1\r\nHost: bench\r\nOrigin: {ORIGIN}\r\n"
        f"User-Agent: bench/{counter}\r\nX-Forwarded-For: {address}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Status code of one keep-alive response (Content-Length bodies only)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length = 0
    for line in lines[1:]:
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    if length:
        await reader.readexactly(length)
    return status


async def drive(
    name: str, port: int, make: RequestFactory, *, clients: int, seconds: float, success: set[int]
) -> Result:
    """`clients` connections sending back-to-back requests for `seconds`."""
    latencies: list[float] = []
    failures: dict[int, int] = {}
    counter = 0
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal counter
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline:
                counter += 1
                request = make(counter)
                started = time.perf_counter()
                writer.write(request)
                status = await _read_response(reader)
                if status in success:
                    latencies.append(time.perf_counter() - started)
                else:
                    failures[status] = failures.get(status, 0) + 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return Result(name, time.perf_counter() - started, latencies, failures)


def run(args: argparse.Namespace) -> dict[str, object]:
    """Start the server, warm up, measure bare then votes."""
    with tempfile.TemporaryDirectory(prefix="helpcenter-fb-bench-") as tmp_name:
        tmp = Path(tmp_name)
        site = write_site(tmp / "site")
        database = args.database or str(tmp / "bench.db")
        pg = database.startswith(("postgresql://", "postgres://"))
        context = (
            postgres_database(database, keep=args.keep) if pg else contextlib.nullcontext(database)
        )
        log = tmp / "server.log"
        with context as url, server(url, site, workers=args.workers, log=log) as (port, pid):

            def measure(name: str, make: RequestFactory, success: int, seconds: float) -> Result:
                before = cpu_seconds(pid)
                result = asyncio.run(
                    drive(
                        name, port, make, clients=args.clients, seconds=seconds, success={success}
                    )
                )
                result.server_cpu = cpu_seconds(pid) - before
                return result

            measure("warmup", vote_request, 201, 1.0)
            measure("warmup", bare_request, 200, 1.0)
            # Alternate short phases so that both see the same background load.
            slice_seconds = args.duration / args.rounds
            bare_parts, vote_parts = [], []
            for _ in range(args.rounds):
                bare_parts.append(measure("bare", bare_request, 200, slice_seconds))
                vote_parts.append(measure("votes", vote_request, 201, slice_seconds))
            bare, votes = merge("bare", bare_parts), merge("votes", vote_parts)
        kind = "postgresql" if pg else "sqlite (WAL, synchronous=FULL)"
        ratio = votes.rate / bare.rate if bare.rate else 0.0
        print(
            f"database {kind}; {args.clients} clients; {args.duration:g} s each in "
            f"{args.rounds} alternating rounds; {args.workers} worker(s); {os.cpu_count()} CPUs"
        )
        print(bare.line("req/s"))
        print(votes.line("votes/s"))
        verdict_ratio = "OK" if ratio >= 0.5 else "MISSED"
        verdict_p99 = "OK" if votes.percentile(0.99) < 50 else "MISSED"
        print(
            f"ratio  votes/bare = {ratio:.2f} (target >= 0.50: {verdict_ratio}); "
            f"votes p99 < 50 ms: {verdict_p99}"
        )
        return {
            "database": "postgresql" if pg else "sqlite",
            "clients": args.clients,
            "duration_s": args.duration,
            "workers": args.workers,
            "bare_rps": round(bare.rate, 1),
            "bare_p50_ms": round(bare.percentile(0.5), 2),
            "bare_p99_ms": round(bare.percentile(0.99), 2),
            "votes_per_s": round(votes.rate, 1),
            "votes_p50_ms": round(votes.percentile(0.5), 2),
            "votes_p99_ms": round(votes.percentile(0.99), 2),
            "ratio": round(ratio, 3),
            "bare_server_cpu_us": round(bare.cpu_per_request_us),
            "votes_server_cpu_us": round(votes.cpu_per_request_us),
            "vote_failures": votes.failures,
            "bare_failures": bare.failures,
        }


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="SQLite path or postgresql://… (default: temp SQLite)")
    parser.add_argument(
        "--duration", type=float, default=10.0, help="seconds of load for each endpoint"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="alternating bare/vote phases the duration is split into",
    )
    parser.add_argument("--clients", type=int, default=32, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--keep", action="store_true", help="keep a created PostgreSQL database")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    figures = run(args)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    failed = figures["vote_failures"] or figures["bare_failures"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
