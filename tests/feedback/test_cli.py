"""`helpcenter-feedback serve|report`: configuration, exit codes, report formats, workers."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from helpcenter.feedback.app import create_app
from helpcenter.feedback.cli import main
from helpcenter.feedback.settings import Settings
from tests.feedback.support import ORIGIN, fresh_postgres_database, vote, write_site
from tests.support import free_port


@pytest.fixture
def filled_db(tmp_path: Path, site: Path) -> str:
    """An SQLite database with a few votes and search misses."""
    url = str(tmp_path / "filled.db")
    settings = Settings(database=url, site=site, allow_origin=[ORIGIN])
    with TestClient(create_app(settings)) as client:
        for agent, rating in (("A", "no"), ("B", "no"), ("C", "yes")):
            body = vote(rating=rating, comment=f"<b>{agent}</b>" if rating == "no" else None)
            assert (
                client.post(
                    "/api/v1/feedback", json=body, headers={"User-Agent": agent}
                ).status_code
                == 201
            )
        assert client.post("/api/v1/feedback", json=vote(lang="fi")).status_code == 201
        for query in ("dostava", "dostava", "@kontakt"):
            assert (
                client.post(
                    "/api/v1/search-misses", json={"query": query, "lang": "hr"}
                ).status_code
                == 202
            )
    return url


def test_report_table_is_the_default(
    filled_db: str, site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--database", filled_db, "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert "Articles, worst first" in out
    assert out.index("Kako otkazati") < out.index("Miten peruutan")
    assert "Searches that found nothing (hr)" in out and "dostava" in out


@pytest.mark.parametrize(
    ("lang", "heading", "misses"),
    [
        ("hr", "Članci, najslabiji prvi", "Pretraživanja bez rezultata (hr)"),
        ("fi", "Artikkelit, heikoin ensin", "Haut, jotka eivät löytäneet mitään (hr)"),
    ],
)
def test_report_in_the_editors_language(
    filled_db: str,
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    heading: str,
    misses: str,
) -> None:
    target = tmp_path / "report.html"
    args = ["report", "--database", filled_db, "--site", str(site), "--lang", lang]
    assert main([*args, "--html", str(target)]) == 0
    out = capsys.readouterr().out
    assert heading in out and misses in out and "dostava" in out
    assert f'<html lang="{lang}">' in target.read_text(encoding="utf-8")


def test_report_json_and_csv(filled_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--database", filled_db, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["articles"][0]["votes"] == {"yes": 1, "no": 2}
    assert report["articles"][0]["title"] is None  # no --site: no titles
    assert main(["report", "--database", f"sqlite:///{filled_db}", "--format", "csv"]) == 0
    csv_text = capsys.readouterr().out
    assert csv_text.startswith("section,lang,page,title,url,votes_yes,votes_no")
    assert "'@kontakt" in csv_text


def test_report_html_file(
    filled_db: str, site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.html"
    assert (
        main(["report", "--database", filled_db, "--site", str(site), "--html", str(target)]) == 0
    )
    html = target.read_text(encoding="utf-8")
    assert "&lt;b&gt;A&lt;/b&gt;" in html and "<b>A</b>" not in html
    assert "Kako otkazati narudžbu?" in html
    assert "wrote" in capsys.readouterr().err


def test_report_reads_the_environment(
    filled_db: str, site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HELPCENTER_FEEDBACK_DATABASE", filled_db)
    monkeypatch.setenv("HELPCENTER_FEEDBACK_SITE", str(site))
    assert main(["report"]) == 0
    assert "Kako otkazati" in capsys.readouterr().out


def test_report_without_database_fails_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("HELPCENTER_FEEDBACK_DATABASE", raising=False)
    assert main(["report"]) == 2
    assert "no database" in capsys.readouterr().err
    assert main(["report", "--database", str(tmp_path / "none.db")]) == 2
    assert "no such SQLite database" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--allow-origin", ORIGIN], "no site"),
        (["--site", "{site}"], "allowed origin"),
        (["--site", "{empty}", "--allow-origin", ORIGIN], "manifest not found"),
        (["--site", "{site}", "--allow-origin", "https://x.example/path"], "invalid settings"),
        (
            ["--site", "{site}", "--allow-origin", ORIGIN, "--trusted-proxy", "nope"],
            "invalid settings",
        ),
    ],
)
def test_serve_refuses_bad_configuration(
    tmp_path: Path,
    site: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    for name in ("ALLOW_ORIGIN", "SITE", "TRUSTED_PROXY"):
        monkeypatch.delenv(f"HELPCENTER_FEEDBACK_{name}", raising=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    filled = [a.format(site=site, empty=empty) for a in args]
    assert main(["serve", "--database", str(tmp_path / "x.db"), *filled]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.postgres
def test_serve_refuses_postgres_without_synchronous_commit(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with fresh_postgres_database(synchronous_commit="off") as url:
        code = main(["serve", "--database", url, "--site", str(site), "--allow-origin", ORIGIN])
    assert code == 2
    assert "synchronous_commit is 'off'" in capsys.readouterr().err


def test_console_script_is_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "helpcenter-feedback"
    assert script.exists(), "pip install -e . registers the console script"
    result = subprocess.run(
        [str(script), "serve", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for option in ("--database", "--site", "--allow-origin", "--trusted-proxy", "--host", "--port"):
        assert option in result.stdout


def test_serve_subprocess_exits_non_zero_with_a_message(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpcenter.feedback.cli",
            "serve",
            "--database",
            str(tmp_path / "missing-dir" / "x.db"),
            "--site",
            str(site),
            "--allow-origin",
            ORIGIN,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_serve_from_environment_only_with_two_workers(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    port = free_port()
    env = {
        **os.environ,
        "HELPCENTER_FEEDBACK_DATABASE": f"sqlite:///{tmp_path / 'env.db'}",
        "HELPCENTER_FEEDBACK_SITE": str(site),
        "HELPCENTER_FEEDBACK_ALLOW_ORIGIN": f"https://other.example,{ORIGIN}",
        "HELPCENTER_FEEDBACK_PORT": str(port),
        "HELPCENTER_FEEDBACK_WORKERS": "2",
        "HELPCENTER_FEEDBACK_REPORT_TOKEN": "env-token-0123456789abcdef0123456789",
    }
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "helpcenter.feedback.cli", "serve"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, log.read_text()
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        with httpx.Client(base_url=base) as client:
            for _ in range(6):  # spread over both workers
                response = client.post("/api/v1/feedback", json=vote(), headers={"Origin": ORIGIN})
                assert response.status_code == 201
            assert (
                client.post(
                    "/api/v1/feedback", json=vote(), headers={"Origin": "https://evil.example"}
                ).status_code
                == 403
            )
            report = client.get(
                "/api/v1/report",
                headers={"Authorization": "Bearer env-token-0123456789abcdef0123456789"},
            )
            assert report.status_code == 200
            assert report.json()["articles"][0]["votes"]["yes"] == 1  # one visitor: replaced
    finally:
        process.terminate()
        process.wait(30)
    assert "Started parent process" in log.read_text()


@pytest.mark.parametrize(
    "url",
    ["postgresql://editor:hunter2-secret@db.example:notaport/feedback", "mysql://x@y/z"],
)
def test_serve_refuses_a_malformed_database_url_in_one_line(
    site: Path, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    code = main(["serve", "--database", url, "--site", str(site), "--allow-origin", ORIGIN])
    assert code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "hunter2" not in err
    assert "database URL" in err or "unsupported database URL scheme" in err


@pytest.mark.postgres
def test_serve_refuses_postgres_without_a_shared_secret(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HELPCENTER_FEEDBACK_SECRET", raising=False)
    monkeypatch.delenv("HELPCENTER_FEEDBACK_SECRET_FILE", raising=False)
    with fresh_postgres_database() as url:
        code = main(["serve", "--database", url, "--site", str(site), "--allow-origin", ORIGIN])
    assert code == 2
    assert "HELPCENTER_FEEDBACK_SECRET" in capsys.readouterr().err


def test_sqlite_without_a_secret_gets_a_private_file_beside_the_database(
    tmp_path: Path, site: Path
) -> None:
    from helpcenter.feedback.app import build_state
    from helpcenter.feedback.settings import Settings

    database = tmp_path / "feedback.db"
    settings = Settings(database=str(database), site=site, allow_origin=[ORIGIN])
    first = build_state(settings)
    first.close()
    secret_file = tmp_path / "feedback.db.secret"
    assert secret_file.stat().st_mode & 0o777 == 0o600
    second = build_state(settings)
    second.close()
    day = dt.date(2025, 3, 14)
    assert first.salts.for_day(day) == second.salts.for_day(day)  # kept across restarts
    assert first.salts.for_day(day) != first.salts.for_day(day + dt.timedelta(days=1))
    assert secret_file.read_text().strip().encode() not in database.read_bytes()
