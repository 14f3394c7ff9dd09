"""Report building and rendering: Wilson bound, ordering, CSV injection, HTML escaping."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from bs4 import BeautifulSoup

from helpcenter.feedback.manifest import parse_manifest
from helpcenter.feedback.report import (
    assemble,
    neutralise_csv_cell,
    render_csv,
    render_html,
    render_json,
    render_table,
    wilson_lower_bound,
)
from helpcenter.feedback.schemas import ReportOut
from tests.feedback.support import HR_PAGE, manifest_data

NOW = dt.datetime(2025, 3, 14, 12, 0, tzinfo=dt.UTC)
DAY = NOW.date()
EVIL = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


@pytest.mark.parametrize(
    ("positive", "n", "expected"),
    [
        (1, 1, 0.20654),
        (0, 1, 0.0),
        (5, 10, 0.23659),
        (9, 10, 0.59585),
        (1, 3, 0.06149),
        (50, 100, 0.40383),
        (100, 100, 0.96301),
    ],
)
def test_wilson_lower_bound(positive: int, n: int, expected: float) -> None:
    assert wilson_lower_bound(positive, n) == pytest.approx(expected, abs=1e-5)


def test_wilson_without_votes_is_none() -> None:
    assert wilson_lower_bound(0, 0) is None


def test_one_no_does_not_beat_a_well_read_mediocre_article() -> None:
    lonely_no = wilson_lower_bound(0, 1)
    many = wilson_lower_bound(60, 100)
    barely_read_yes = wilson_lower_bound(1, 1)
    assert lonely_no is not None and many is not None and barely_read_yes is not None
    assert lonely_no < barely_read_yes < many


def sample(mode: str = "binary", comment: str = "Korak 3 ne postoji.") -> ReportOut:
    manifest = parse_manifest(manifest_data(mode))
    yes, no = ("happy", "sad") if mode == "reactions" else ("yes", "no")
    counts = [
        ("hr", HR_PAGE, yes, 8),
        ("hr", HR_PAGE, no, 2),
        ("fi", HR_PAGE, yes, 1),
        ("fi", HR_PAGE, no, 3),
        ("hr", "removed/old.md", yes, 1),
    ]
    if mode == "reactions":
        counts.append(("hr", "placanje/kartice.md", "neutral", 4))
    return assemble(
        counts=counts,
        reasons=[("fi", HR_PAGE, "out_of_date", 2), ("fi", HR_PAGE, "other", 1)],
        comments=[("fi", HR_PAGE, DAY, "77aa0c9e1f20", no, "other", comment)],
        misses=[
            ("hr", "dostava", 3, NOW),
            ("hr", "=1+1", 5, NOW - dt.timedelta(days=1)),
            ("de", "versand", 1, NOW),
        ],
        manifest=manifest,
        now=NOW,
    )


def test_articles_are_sorted_worst_first_with_titles() -> None:
    report = sample()
    order = [(a.lang, a.page) for a in report.articles]
    assert order == [("fi", HR_PAGE), ("hr", "removed/old.md"), ("hr", HR_PAGE)]
    fi = report.articles[0]
    assert (
        fi.title == "Miten peruutan tilauksen?" and fi.url == "/fi/narudzbe/otkazivanje-narudzbe/"
    )
    assert (fi.yes, fi.no, fi.n) == (1, 3, 4)
    assert fi.helpfulness == pytest.approx(0.25)
    assert fi.reasons == {
        "not_found": 0,
        "hard_to_understand": 0,
        "out_of_date": 2,
        "incorrect": 0,
        "other": 1,
    }
    removed = report.articles[1]
    assert removed.title is None and removed.url is None  # no longer in the manifest


def test_search_misses_most_frequent_first_per_language() -> None:
    report = sample()
    assert [(m.query, m.count) for m in report.search_misses["hr"]] == [("=1+1", 5), ("dostava", 3)]
    assert report.search_misses["fi"] == []
    assert [m.query for m in report.search_misses["de"]] == ["versand"]


def test_reactions_neutral_is_shown_but_not_counted() -> None:
    report = sample("reactions")
    neutral_only = next(a for a in report.articles if a.page == "placanje/kartice.md")
    assert neutral_only.votes == {"sad": 0, "neutral": 4, "happy": 0}
    assert (neutral_only.n, neutral_only.helpfulness, neutral_only.wilson_lower_bound) == (
        0,
        None,
        None,
    )
    assert report.articles[-1] is neutral_only  # nothing to rank: last
    hr = next(a for a in report.articles if a.lang == "hr" and a.page == HR_PAGE)
    assert (hr.yes, hr.no) == (8, 2)


def test_mode_is_inferred_without_a_manifest() -> None:
    report = assemble(
        counts=[("hr", "a.md", "happy", 1)],
        reasons=[],
        comments=[],
        misses=[],
        manifest=None,
        now=NOW,
    )
    assert report.feedback_mode == "reactions"
    assert report.articles[0].votes == {"sad": 0, "neutral": 0, "happy": 1}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+381", "'+381"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("\r=x", "'\r=x"),
        ("plain", "plain"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_csv_cell(cell: str, expected: str) -> None:
    assert neutralise_csv_cell(cell) == expected


def test_csv_has_no_formula_cells() -> None:
    text = render_csv(sample(comment="-cmd|' /C calc'!A0"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["section"] for row in rows} == {"article", "search_miss"}
    formula = next(row for row in rows if row["query"].endswith("=1+1"))
    assert formula["query"] == "'=1+1"
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@")) for value in row.values())
    commented = next(row for row in rows if row["comments"])
    assert commented["comments"] == "2025-03-14 [77aa0c9e1f20] no/other: -cmd|' /C calc'!A0"


def test_html_escapes_comments_queries_and_titles() -> None:
    report = sample(comment=EVIL)
    report.search_misses["hr"][0].query = EVIL
    report.articles[0].title = EVIL
    html = render_html(report)
    assert "<script>" not in html and "<img" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find(["script", "img"]) is None
    # The title, the comment and the query: each shown as the text the visitor typed.
    assert len(soup.find_all(string=lambda s: s is not None and EVIL in s)) == 3
    assert html.count("&lt;script&gt;") == 3


def test_html_is_self_contained_with_bars() -> None:
    html = render_html(sample())
    assert "<style>" in html
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert "http://" not in html and "https://" not in html and "url(" not in html
    assert html.count('class="bar"') == 3
    assert 'style="width:80.00%"' in html  # 8 of 10 yes on the hr article
    assert "Searches that found nothing" in html and "dostava" in html


def test_table_lists_articles_and_misses() -> None:
    table = render_table(sample())
    lines = table.splitlines()
    first_article = next(i for i, line in enumerate(lines) if "Miten peruutan" in line)
    assert first_article < next(i for i, line in enumerate(lines) if "Kako otkazati" in line)
    assert "out of date 2" in table
    assert "Searches that found nothing (hr)" in table and "dostava" in table


def test_json_round_trips() -> None:
    report = sample()
    assert ReportOut.model_validate_json(render_json(report)) == report


def test_votes_of_a_moved_article_make_one_history() -> None:
    data = manifest_data()
    data["aliases"] = {"hr": {"narudzbe/stari-naziv.md": HR_PAGE}}
    report = assemble(
        counts=[
            ("hr", HR_PAGE, "yes", 3),
            ("hr", "narudzbe/stari-naziv.md", "yes", 2),
            ("hr", "narudzbe/stari-naziv.md", "no", 1),
        ],
        reasons=[("hr", "narudzbe/stari-naziv.md", "out_of_date", 1)],
        comments=[("hr", "narudzbe/stari-naziv.md", DAY, "r1", "no", "out_of_date", "Staro.")],
        misses=[],
        manifest=parse_manifest(data),
        now=NOW,
    )
    [article] = [a for a in report.articles if a.lang == "hr"]
    assert (article.page, article.yes, article.no) == (HR_PAGE, 5, 1)
    assert article.reasons["out_of_date"] == 1
    assert [c.text for c in article.comments] == ["Staro."]
