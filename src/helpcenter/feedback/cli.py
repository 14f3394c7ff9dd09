"""`helpcenter-feedback serve|report`: run the service or print the editors' report."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from helpcenter.feedback.db import DatabaseError, open_database
from helpcenter.feedback.manifest import ManifestError, load_manifest
from helpcenter.feedback.report_text import REPORT_LANGUAGES
from helpcenter.feedback.settings import ENV_PREFIX, Settings, split_list

LOG_LEVELS = ("debug", "info", "warning", "error")
EXIT_USAGE = 2


def log_config(level: str) -> dict[str, Any]:
    """stderr logging; uvicorn's access log is off (it would log client addresses)."""
    upper = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": upper, "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "helpcenter.feedback": {"handlers": ["stderr"], "level": upper, "propagate": False},
        },
    }


def _flatten(values: Sequence[str] | None) -> list[str] | None:
    """Repeated options, each possibly comma-separated; None when not given."""
    if values is None:
        return None
    return [item for value in values for item in split_list(value)]


def parser() -> argparse.ArgumentParser:
    """The command line; every `serve` option also reads HELPCENTER_FEEDBACK_<NAME>."""
    top = argparse.ArgumentParser(prog="helpcenter-feedback", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP service (uvicorn)")
    serve.add_argument("--database", help="SQLite file, sqlite:///… or postgresql://…")
    serve.add_argument("--site", type=Path, help="built site with helpcenter-manifest.json")
    serve.add_argument(
        "--allow-origin",
        action="append",
        metavar="ORIGIN",
        help="site origin allowed to post (repeatable)",
    )
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument(
        "--trusted-proxy",
        action="append",
        metavar="IP_OR_CIDR",
        help="reverse proxy whose X-Forwarded-For is believed (repeatable)",
    )
    serve.add_argument("--workers", type=int, help="uvicorn worker processes")
    serve.add_argument("--rate-limit", type=int, help="requests per window and address")
    serve.add_argument("--rate-window", type=int, help="rate-limit window in seconds")
    serve.add_argument(
        "--bench",
        action="store_true",
        default=None,
        help="enable GET /api/v1/bench/bare (benchmarks only)",
    )
    serve.add_argument("--log-level", choices=LOG_LEVELS)

    report = commands.add_parser("report", help="print the editors' report")
    report.add_argument("--database", help="as for serve; default HELPCENTER_FEEDBACK_DATABASE")
    report.add_argument("--site", type=Path, help="site directory, for titles and URLs")
    report.add_argument("--format", choices=("table", "json", "csv"), default="table")
    report.add_argument(
        "--html", type=Path, metavar="FILE", help="also write a self-contained HTML report"
    )
    report.add_argument(
        "--lang",
        choices=REPORT_LANGUAGES,
        default="en",
        help="language of the table and the HTML report (default en)",
    )
    return top


def _error(message: str) -> int:
    """Print an error the way argparse does and return the usage exit code."""
    print(f"helpcenter-feedback: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Options given on the command line win over the environment."""
    given = {
        "database": args.database,
        "site": args.site,
        "allow_origin": _flatten(args.allow_origin),
        "host": args.host,
        "port": args.port,
        "trusted_proxy": _flatten(args.trusted_proxy),
        "workers": args.workers,
        "rate_limit": args.rate_limit,
        "rate_window": args.rate_window,
        "bench": args.bench,
        "log_level": args.log_level,
    }
    return Settings(**{key: value for key, value in given.items() if value is not None})


def serve(args: argparse.Namespace) -> int:
    """Check everything, then hand over to uvicorn."""
    import uvicorn

    from helpcenter.feedback.app import StartupError, build_state, create_app
    from helpcenter.feedback.server import HardenedH11Protocol, freeze_startup_objects

    try:
        settings = settings_from_args(args)
    except ValidationError as exc:
        return _error(f"invalid settings:\n{exc}")
    if settings.log_level.lower() not in LOG_LEVELS:
        return _error(f"log level must be one of {', '.join(LOG_LEVELS)}")
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "access_log": False,
        # X-Forwarded-For is interpreted by the service itself, for --trusted-proxy only.
        "proxy_headers": False,
        "server_header": False,
        "log_config": log_config(settings.log_level),
        "timeout_graceful_shutdown": 10,
        "http": HardenedH11Protocol,
        # The same limit as the application's check, so that a head too large gets the same
        # 431 whether it arrives at once or byte by byte.
        "h11_max_incomplete_event_size": settings.max_header_bytes,
    }
    HardenedH11Protocol.header_timeout = settings.header_timeout
    try:
        if settings.workers == 1:
            app = create_app(settings)
            freeze_startup_objects()
            uvicorn.run(app, **options)
            return 0
        build_state(settings).close()  # fail here, once, rather than in every worker
    except StartupError as exc:
        return _error(str(exc))
    os.environ.update(settings.to_env())
    uvicorn.run(
        "helpcenter.feedback.app:app_from_env", factory=True, workers=settings.workers, **options
    )
    return 0


def report(args: argparse.Namespace) -> int:
    """Print the report; optionally write the HTML page."""
    from helpcenter.feedback.report import (
        build_report,
        render_csv,
        render_html,
        render_json,
        render_table,
    )
    from helpcenter.feedback.state import utc_now

    database = args.database or os.environ.get(f"{ENV_PREFIX}DATABASE")
    if not database:
        return _error("no database given (--database or HELPCENTER_FEEDBACK_DATABASE)")
    site = args.site or (
        Path(os.environ[f"{ENV_PREFIX}SITE"]) if os.environ.get(f"{ENV_PREFIX}SITE") else None
    )
    try:
        manifest = load_manifest(site) if site else None
        db = open_database(database, migrate_schema=False)
    except (ManifestError, DatabaseError) as exc:
        return _error(str(exc))
    try:
        built = build_report(db, manifest=manifest, now=utc_now())
    finally:
        db.dispose()
    if args.format == "table":
        output = render_table(built, lang=args.lang)
    else:
        output = render_json(built) if args.format == "json" else render_csv(built)
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    if args.html:
        args.html.write_text(render_html(built, lang=args.lang), encoding="utf-8")
        print(f"wrote {args.html}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `helpcenter-feedback` console script."""
    args = parser().parse_args(argv)
    if args.command == "serve":
        return serve(args)
    return report(args)


if __name__ == "__main__":
    sys.exit(main())
