"""`make serve`: build the site, start the feedback service on SQLite, serve both locally."""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, with each language's own 404 page like a production host would serve."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        root = Path(self.directory)
        first = self.path.lstrip("/").split("/", 1)[0]
        page = (
            root / first / "404.html"
            if first and (root / first / "404.html").is_file()
            else root / "404.html"
        )
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _wait_for(url: str, *, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def main(argv: list[str] | None = None) -> int:
    """Build into `site/`, run the feedback service, serve the site until Ctrl-C."""
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
    args = parser.parse_args(argv)

    origin = f"http://{args.host}:{args.port}"
    feedback_url = f"http://{args.host}:{args.feedback_port}"
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": f"{origin}/",
        "HELPCENTER_FEEDBACK_URL": feedback_url,
    }
    print(f"Building the site into {args.site_dir}/ ...", flush=True)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(args.site_dir)],
        env=env,
        check=True,
    )

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
    )
    try:
        if not _wait_for(f"{feedback_url}/api/v1/health", seconds=20):
            print("The feedback service did not start; see its output above.", file=sys.stderr)
            return 1
        handler = functools.partial(_SiteHandler, directory=str(args.site_dir))
        server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
        print(f"\nHelp center:      {origin}/   (Suomi: {origin}/fi/)", flush=True)
        print(
            f"Feedback service: {feedback_url}/api/v1/health   (votes in {args.database})",
            flush=True,
        )
        print("Press Ctrl-C to stop.", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    finally:
        service.terminate()
        service.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
