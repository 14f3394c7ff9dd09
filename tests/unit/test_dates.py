from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from helpcenter.git_dates import commit_times, resolve_time, resolve_updated, start_of_day
from helpcenter.page_context import localized_date


def test_front_matter_date_wins_then_git_then_none() -> None:
    editor, git = dt.date(2024, 3, 12), dt.date(2025, 1, 2)
    assert resolve_updated(editor, git) == editor
    assert resolve_updated(None, git) == git
    assert resolve_updated(None, None) is None


def _git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e",
    }
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_first_and_last_commit_times_per_file(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("a")
    (docs / "b.md").write_text("b")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "first", date="2023-05-01T12:00:00+00:00")
    (docs / "b.md").write_text("b2")
    _git(tmp_path, "commit", "-qam", "second", date="2024-06-02T12:00:00+02:00")
    (docs / "new.md").write_text("never committed")
    times = commit_times(docs)
    a, b = times[(docs / "a.md").resolve()], times[(docs / "b.md").resolve()]
    assert a.first == a.last == dt.datetime(2023, 5, 1, 12, tzinfo=dt.UTC)
    assert b.first.isoformat() == "2023-05-01T12:00:00+00:00"
    # The committer's own offset is kept: structured data needs times with a time zone.
    assert b.last.isoformat() == "2024-06-02T12:00:00+02:00"
    assert (docs / "new.md").resolve() not in times


def test_outside_a_repository_there_are_no_dates(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a")
    assert commit_times(tmp_path) == {}


def test_an_editors_date_is_midnight_in_the_shops_time_zone() -> None:
    assert start_of_day(dt.date(2026, 7, 1), timezone="Europe/Zagreb").isoformat() == (
        "2026-07-01T00:00:00+02:00"
    )
    assert start_of_day(dt.date(2026, 1, 5), timezone="Europe/Helsinki").isoformat() == (
        "2026-01-05T00:00:00+02:00"
    )


def test_localized_absolute_date() -> None:
    assert localized_date(dt.date(2024, 3, 12), lang="hr") == "12. ožujka 2024."
    assert localized_date(dt.date(2024, 3, 12), lang="fi") == "12. maaliskuuta 2024"


def test_structured_data_times_prefer_the_editors_date_then_git() -> None:
    git = dt.datetime(2025, 1, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    editor = dt.date(2024, 3, 12)
    assert resolve_time(editor, git, timezone="Europe/Helsinki").isoformat() == (
        "2024-03-12T00:00:00+02:00"
    )
    assert resolve_time(None, git, timezone="Europe/Helsinki") == git
    assert resolve_time(None, None, timezone="UTC") is None
