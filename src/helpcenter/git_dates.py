"""Commit times of content files, read with a single `git log` for the whole tree."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class CommitTimes:
    """When a file was first committed and last changed, with the committer's UTC offset."""

    first: dt.datetime
    last: dt.datetime


def commit_times(directory: Path) -> dict[Path, CommitTimes]:
    """Map every file under `directory` to the times of its first and last commit.

    One `git log` walk instead of one process per file keeps large sites fast. Files that
    git does not know (new, or no repository at all) are simply absent; with renames followed
    per file only, a moved file's history starts at the move.
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
            ["git", "log", "--format=%x00%cI", "--name-only", "--no-renames", "--", "."],
            cwd=directory,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    last: dict[Path, dt.datetime] = {}
    first: dict[Path, dt.datetime] = {}
    current: dt.datetime | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            current = dt.datetime.fromisoformat(line[1:])
        elif line and current is not None:
            path = (Path(top) / line).resolve()
            # git log walks newest first: the first time seen is the last change, the last
            # one seen the first commit.
            last.setdefault(path, current)
            first[path] = current
    return {path: CommitTimes(first=first[path], last=time) for path, time in last.items()}


def resolve_updated(front_matter: dt.date | None, git_date: dt.date | None) -> dt.date | None:
    """The date shown as "updated": the editor's, else git's, else none."""
    return front_matter or git_date


def start_of_day(date: dt.date, *, timezone: str) -> dt.datetime:
    """An editor's date (front matter `updated`, `published`) as a time: its midnight in the
    site's time zone, so that structured data always carries a time zone."""
    return dt.datetime.combine(date, dt.time(), tzinfo=ZoneInfo(timezone))


def resolve_time(
    front_matter: dt.date | None, git_time: dt.datetime | None, *, timezone: str
) -> dt.datetime | None:
    """A time for structured data: the editor's date (midnight in the shop's time zone), else
    git's, else none."""
    return start_of_day(front_matter, timezone=timezone) if front_matter else git_time
