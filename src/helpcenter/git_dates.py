"""Last-commit dates of content files, read with a single `git log` for the whole tree."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_commit_dates(directory: Path) -> dict[Path, dt.date]:
    """Map every file under `directory` to the date of the last commit that touched it.

    One `git log` walk instead of one process per file keeps large sites fast. Files that
    git does not know (new, or no repository at all) are simply absent.
    """
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=directory,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."],
            cwd=directory,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[Path, dt.date] = {}
    current: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current is not None:
            # git log walks newest first, so the first date seen for a file is its last change.
            dates.setdefault((Path(top) / line).resolve(), current)
    return dates


def resolve_updated(front_matter: dt.date | None, git_date: dt.date | None) -> dt.date | None:
    """The date shown as "updated": the editor's, else git's, else none."""
    return front_matter or git_date
