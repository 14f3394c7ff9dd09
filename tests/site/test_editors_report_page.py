"""The editors' HTML report in each of its languages passes the Nu Html Checker and axe (in
Chromium): its chart, tables and headings are for every editor too. Seeded without a database
(`report.assemble`); the service's route is tested in tests/feedback/routes/test_report.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from helpcenter.feedback.manifest import parse_manifest
from helpcenter.feedback.report import assemble, period_start, render_html
from tests.feedback.support import HR_PAGE, manifest_data
from tests.support.axe import report, violations
from tests.support.nu import nu_errors

if TYPE_CHECKING:
    from playwright.sync_api import Page

NOW = dt.datetime(2025, 3, 14, 12, 0, tzinfo=dt.UTC)
LANGUAGES = ["hr", "fi", "en"]


def _report_html(lang: str) -> str:
    start = period_start(NOW)
    daily = [
        ("hr", start + dt.timedelta(weeks=week, days=2), rating, count)
        for week, rating, count in [(0, "yes", 4), (0, "no", 1), (5, "yes", 2), (11, "no", 3)]
    ]
    built = assemble(
        counts=[("hr", HR_PAGE, "yes", 6), ("hr", HR_PAGE, "no", 4), ("fi", HR_PAGE, "no", 1)],
        reasons=[("hr", HR_PAGE, "out_of_date", 2)],
        comments=[("hr", HR_PAGE, NOW.date(), "77aa0c9e1f20", "no", "out_of_date", "Korak 3?")],
        misses=[("hr", "kartsa", 7, NOW), ("fi", "postikulut", 2, NOW)],
        daily_votes=daily,
        usage=[
            ("hr", "search", 120),
            ("hr", "search_no_results", 9),
            ("hr", "suggestion_opened", 10),
            ("hr", "channel_chosen", 4),
            ("hr", "channel_after_suggestion", 3),
        ],
        manifest=parse_manifest(manifest_data()),
        now=NOW,
    )
    return render_html(built, lang=lang)


def test_the_report_passes_the_nu_checker_in_every_language(tmp_path: Path) -> None:
    files = []
    for lang in LANGUAGES:
        target = tmp_path / f"report-{lang}.html"
        target.write_text(_report_html(lang), encoding="utf-8")
        files.append(target)
    errors = nu_errors(files)
    assert not errors, "\n".join(errors)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_report_passes_axe(page: Page, lang: str) -> None:
    page.set_content(_report_html(lang))
    assert page.locator("svg[role=img]").count() == 2  # one chart per language
    found = violations(page)
    assert not found, report(found)
