"""`make serve`: build the site, start the feedback service on SQLite, serve both locally.

The preview owns its processes: SIGINT, SIGTERM and SIGHUP stop the service with it, and the
kernel stops it (and the service) when its own parent dies, even by SIGKILL (Linux).
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import functools
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from helpcenter.headers_file import HEADERS_FILE, HeaderRules, headers_for, parse_headers_file

# linux/prctl.h
_PR_SET_PDEATHSIG = 1


@functools.lru_cache(maxsize=4)
def _header_rules(rules_file: Path, changed: int) -> HeaderRules:
    """The parsed `_headers`, read again only after a rebuild changed it (`changed`: mtime)."""
    return parse_headers_file(rules_file.read_text(encoding="utf-8"))


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, with each language's own 404 page like a production host would serve."""

    def not_found_page(self) -> Path:
        """The page a missing address answers with: its language's `404.html`."""
        root = Path(self.directory)
        first = self.path.lstrip("/").split("/", 1)[0]
        if first and (root / first / "404.html").is_file():
            return root / first / "404.html"
        return root / "404.html"

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.not_found_page() if code == 404 else None
        if page is None or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        """Also what the site's `_headers` asks for (the widget's CORS), as Netlify sends it."""
        rules_file = Path(self.directory) / HEADERS_FILE
        try:
            changed = rules_file.stat().st_mtime_ns
        except FileNotFoundError:
            changed = None
        if changed is not None:
            for name, value in headers_for(self.path, _header_rules(rules_file, changed)):
                self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Stop(Exception):
    """A signal asked the preview to stop (SIGTERM, SIGHUP; SIGINT is KeyboardInterrupt)."""


def _stop(signum: int, _frame: object) -> None:
    raise _Stop(signal.Signals(signum).name)


def _die_with_parent(parent: int) -> None:
    """Have the kernel send SIGTERM to this process when its parent dies, even by SIGKILL."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)


def _port_problem(host: str, port: int, *, option: str, variable: str) -> str | None:
    """Why `port` cannot be served here (one line naming how to choose another), or None."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        # As both servers bind: a port left in TIME_WAIT by an earlier preview is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            reason = (
                "is already in use"
                if exc.errno == errno.EADDRINUSE
                else f"is unusable ({exc.strerror})"
            )
            return (
                f"Port {port} on {host} {reason}; choose another with {option} N "
                f"(or {variable}=N make serve)."
            )
    return None


def _wait_for_service(url: str, service: subprocess.Popen[bytes], *, seconds: float) -> bool:
    """Whether our own service answers `url` before it exits or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if service.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=1):
                return service.poll() is None
        except OSError:
            time.sleep(0.2)
    return False


def _stop_service(service: subprocess.Popen[bytes]) -> None:
    if service.poll() is not None:
        return
    service.terminate()
    try:
        service.wait(timeout=10)
    except subprocess.TimeoutExpired:
        service.kill()
        service.wait(timeout=5)


def main(argv: list[str] | None = None) -> int:
    """Build into `site/`, run the feedback service, serve the site until stopped."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument(
        "--feedback-port", type=int, default=int(os.environ.get("FEEDBACK_PORT", "8001"))
    )
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument(
        "--database",
        default=os.environ.get("HELPCENTER_FEEDBACK_DATABASE", ".data/feedback.sqlite3"),
    )
    parser.add_argument(
        "--no-build", action="store_true", help="serve the site already built in --site-dir"
    )
    args = parser.parse_args(argv)
    # Closing the terminal (SIGHUP), `kill` or a process manager (SIGTERM) stop the preview as
    # Ctrl-C does, and so does the death of whatever started it (`make`), however it died.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
    _die_with_parent(os.getppid())
    try:
        return _run(args)
    except (KeyboardInterrupt, _Stop):
        return 0


def _run(args: argparse.Namespace) -> int:
    problems = [
        _port_problem(args.host, args.port, option="--port", variable="PORT"),
        _port_problem(
            args.host, args.feedback_port, option="--feedback-port", variable="FEEDBACK_PORT"
        ),
    ]
    if args.port == args.feedback_port:
        problems.append(f"--port and --feedback-port are both {args.port}; choose two ports.")
    for problem in filter(None, problems):
        print(problem, file=sys.stderr, flush=True)
    if any(problems):
        return 2

    origin = f"http://{args.host}:{args.port}"
    feedback_url = f"http://{args.host}:{args.feedback_port}"
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": f"{origin}/",
        "HELPCENTER_FEEDBACK_URL": feedback_url,
    }
    if not args.no_build:
        print(f"Building the site into {args.site_dir}/ ...", flush=True)
        built = subprocess.run(
            [sys.executable, "-m", "helpcenter.cli", "build", "--site-dir", str(args.site_dir)],
            env=env,
            check=False,
            preexec_fn=functools.partial(_die_with_parent, os.getpid()),
        )
        if built.returncode != 0:
            print("The site did not build; see the messages above.", file=sys.stderr)
            return built.returncode

    handler = functools.partial(SiteHandler, directory=str(args.site_dir))
    # Bound before the service starts: the port stays ours while the service comes up.
    server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    if "://" not in args.database:  # a SQLite path: its folder must exist
        Path(args.database).parent.mkdir(parents=True, exist_ok=True)
    feedback_cli = shutil.which("helpcenter-feedback", path=str(bin_dir)) or "helpcenter-feedback"
    service = subprocess.Popen(
        [
            feedback_cli,
            "serve",
            "--database",
            args.database,
            "--site",
            str(args.site_dir),
            "--allow-origin",
            origin,
            "--host",
            args.host,
            "--port",
            str(args.feedback_port),
        ],
        env=env,
        preexec_fn=functools.partial(_die_with_parent, os.getpid()),
    )
    try:
        if not _wait_for_service(f"{feedback_url}/api/v1/health", service, seconds=20):
            print(
                f"The feedback service did not start on port {args.feedback_port}; "
                "see its output above.",
                file=sys.stderr,
            )
            return 1
        print(f"\nHelp center:      {origin}/   (Suomi: {origin}/fi/)", flush=True)
        print(
            f"Feedback service: {feedback_url}/api/v1/health   (votes in {args.database})",
            flush=True,
        )
        print("Press Ctrl-C to stop.", flush=True)
        server.serve_forever()
    finally:
        # A second signal must not cut the clean-up short and leave the service running.
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)
        server.server_close()
        _stop_service(service)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
