from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from helpcenter.git_dates import last_commit_dates, resolve_updated
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


def test_last_commit_date_per_file(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("a")
    (docs / "b.md").write_text("b")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "first", date="2023-05-01T12:00:00+00:00")
    (docs / "b.md").write_text("b2")
    _git(tmp_path, "commit", "-qam", "second", date="2024-06-02T12:00:00+00:00")
    (docs / "new.md").write_text("never committed")
    dates = last_commit_dates(docs)
    assert dates[(docs / "a.md").resolve()] == dt.date(2023, 5, 1)
    assert dates[(docs / "b.md").resolve()] == dt.date(2024, 6, 2)
    assert (docs / "new.md").resolve() not in dates


def test_outside_a_repository_there_are_no_dates(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a")
    assert last_commit_dates(tmp_path) == {}


def test_localized_absolute_date() -> None:
    assert localized_date(dt.date(2024, 3, 12), lang="hr") == "12. ožujka 2024."
    assert localized_date(dt.date(2024, 3, 12), lang="fi") == "12. maaliskuuta 2024"
