"""GET /api/v1/report and /api/v1/report.csv: token handling and content."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from tests.feedback.support import HR_PAGE, Service, ServiceFactory, vote

AUTH = {"Authorization": "Bearer s3cret-token-0123456789abcdef0123456"}


def _seed(svc: Service) -> None:
    """Three visitors on the hr article, one on fi, a comment and two search misses."""
    post = svc.client.post
    for agent, rating, reason, comment in [
        ("A/1", "no", "out_of_date", '=HYPERLINK("http://evil")'),
        ("B/1", "no", "incorrect", None),
        ("C/1", "yes", None, None),
    ]:
        body = vote(rating=rating, reason=reason, comment=comment)
        assert post("/api/v1/feedback", json=body, headers={"User-Agent": agent}).status_code == 201
    assert post("/api/v1/feedback", json=vote(lang="fi")).status_code == 201
    for query in ("dostava", "dostava", "+381 broj"):
        assert post("/api/v1/search-misses", json={"query": query, "lang": "hr"}).status_code == 202


@pytest.mark.parametrize("path", ["/api/v1/report", "/api/v1/report.csv"])
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": "Basic czNjcmV0LXRva2Vu"},
        {"Authorization": "Bearer s3cret-token-0123456789abcdef0123456-and-more"},
        {"Authorization": "Bearer"},
    ],
)
def test_missing_or_wrong_token_is_401(
    service: Service, path: str, headers: dict[str, str]
) -> None:
    response = service.client.get(path, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "detail" in response.json()


@pytest.mark.parametrize("path", ["/api/v1/report", "/api/v1/report.csv"])
def test_report_disabled_without_configured_token(make_service: ServiceFactory, path: str) -> None:
    with make_service(report_token=None) as svc:
        response = svc.client.get(path, headers=AUTH)
        assert response.status_code == 404
        assert "HELPCENTER_FEEDBACK_REPORT_TOKEN" in response.json()["detail"]


def test_json_report(service: Service) -> None:
    _seed(service)
    response = service.client.get("/api/v1/report", headers=AUTH)
    assert response.status_code == 200
    report = response.json()
    assert report["feedback_mode"] == "binary"
    worst, best = report["articles"]
    assert (worst["lang"], worst["page"]) == ("hr", HR_PAGE)
    assert worst["title"] == "Kako otkazati narudžbu?"
    assert worst["url"] == "/narudzbe/otkazivanje-narudzbe/"
    assert worst["votes"] == {"yes": 1, "no": 2}
    assert worst["n"] == 3
    assert worst["helpfulness"] == pytest.approx(1 / 3)
    assert worst["wilson_lower_bound"] == pytest.approx(0.0615, abs=1e-4)
    assert worst["reasons"]["out_of_date"] == 1 and worst["reasons"]["incorrect"] == 1
    assert worst["comments"] == [
        {
            "date": "2025-03-14",
            "revision": "3f2a9c01b7de",
            "rating": "no",
            "reason": "out_of_date",
            "text": '=HYPERLINK("http://evil")',
        }
    ]
    assert best["lang"] == "fi" and best["wilson_lower_bound"] == pytest.approx(0.2065, abs=1e-4)
    assert report["search_misses"]["hr"][0] == {
        "query": "dostava",
        "count": 2,
        "last_seen": "2025-03-14T10:00:00Z",
        # no title word of the test manifest is close to it
        "synonym_line": "dostava = ?",
    }
    assert report["search_misses"]["fi"] == []


def test_csv_report_neutralises_formulas(service: Service) -> None:
    _seed(service)
    response = service.client.get("/api/v1/report.csv", headers=AUTH)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    articles = [r for r in rows if r["section"] == "article"]
    misses = [r for r in rows if r["section"] == "search_miss"]
    assert [a["lang"] for a in articles] == ["hr", "fi"]
    assert articles[0]["votes_no"] == "2" and articles[0]["n"] == "3"
    assert "=HYPERLINK" in articles[0]["comments"]
    assert [(m["query"], m["count"]) for m in misses] == [("dostava", "2"), ("'+381 broj", "1")]
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@"))


def test_report_answers_are_never_cached(service: Service) -> None:
    for path in ("/api/v1/report", "/api/v1/report.csv"):
        response = service.client.get(path, headers=AUTH)
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"


def test_wrong_tokens_are_slowed_down_even_for_the_right_one_after(service: Service) -> None:
    wrong = {"Authorization": "Bearer " + "w" * 40}
    answers = [service.client.get("/api/v1/report", headers=wrong).status_code for _ in range(30)]
    assert answers[:10] == [401] * 10
    assert set(answers[10:]) == {429}
    locked = service.client.get("/api/v1/report", headers=AUTH)
    assert locked.status_code == 429  # no token is checked while locked
    assert 1 <= int(locked.headers["retry-after"]) <= 60
    service.clock.advance(seconds=61)
    assert service.client.get("/api/v1/report", headers=AUTH).status_code == 200


def _seed_weeks_searches_and_contact(svc: Service) -> None:
    """Votes in two weeks, searches with one miss, and the contact page's counts (hr)."""
    post = svc.client.post
    svc.clock.advance(weeks=-3)
    for agent, rating in [("A/1", "yes"), ("B/1", "yes"), ("C/1", "no")]:
        body = vote(rating=rating)
        assert post("/api/v1/feedback", json=body, headers={"User-Agent": agent}).status_code == 201
    svc.clock.advance(weeks=3)
    assert post("/api/v1/feedback", json=vote(rating="no")).status_code == 201
    for event in ["search"] * 3 + ["suggestion_opened"] * 4 + ["channel_chosen"] * 2:
        assert post("/api/v1/events", json={"event": event, "lang": "hr"}).status_code == 202
    assert (
        post("/api/v1/events", json={"event": "channel_after_suggestion", "lang": "hr"}).status_code
        == 202
    )
    assert post("/api/v1/search-misses", json={"query": "otkazat", "lang": "hr"}).status_code == 202


def test_weekly_search_and_deflection_figures(service: Service) -> None:
    _seed_weeks_searches_and_contact(service)
    report = service.client.get("/api/v1/report", headers=AUTH).json()
    # 2025-03-14 is a Friday: the 12 weeks run from Monday 2024-12-23 to Sunday 2025-03-16
    assert report["period_start"] == "2024-12-23"
    hr = report["languages"]["hr"]
    weeks = {w["week_start"]: w for w in hr["weeks"]}
    assert len(hr["weeks"]) == 12 and list(weeks)[-1] == "2025-03-10"
    assert weeks["2025-02-17"] == {
        "week_start": "2025-02-17",
        "votes": 3,
        "yes": 2,
        "no": 1,
        "helpfulness": pytest.approx(2 / 3),
    }
    assert weeks["2025-03-10"]["votes"] == 1 and weeks["2025-03-10"]["helpfulness"] == 0
    assert sum(w["votes"] for w in hr["weeks"]) == 4
    assert hr["search"] == {
        "searches": 4,
        "no_results": 1,
        "no_result_rate": 0.25,
        "target_rate": 0.02,
    }
    assert hr["deflection"] == {
        "suggestions_opened": 4,
        "channels_chosen": 2,
        "channels_after_suggestion": 1,
        "deflection_rate": 0.75,
    }
    fi = report["languages"]["fi"]
    assert fi["search"]["searches"] == 0 and fi["search"]["no_result_rate"] is None
    assert fi["deflection"]["deflection_rate"] is None
    # the miss's synonym line offers the closest word of the Croatian titles
    assert report["search_misses"]["hr"][0]["synonym_line"] == "otkazat = otkazati"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "hr",
            [
                "Izvještaj o povratnim informacijama",
                "Pretraživanja bez rezultata",
                "Pitanja na koja je odgovorio prijedlog",
                "iznad preporučenih 2 %",
            ],
        ),
        (
            "fi",
            [
                "Palauteraportti",
                "Hakuja ilman tuloksia",
                "Ehdotuksen avulla ratkenneet kysymykset",
                "yli suositellun 2 %",
            ],
        ),
        (
            "en",
            [
                "Feedback report",
                "Searches without results",
                "Questions answered by a suggestion",
                "above the recommended 2%",
            ],
        ),
    ],
)
def test_html_report_in_the_editors_language(service: Service, lang: str, words: list[str]) -> None:
    _seed_weeks_searches_and_contact(service)
    response = service.client.get(f"/api/v1/report.html?lang={lang}", headers=AUTH)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.html is not None and soup.html["lang"] == lang
    text = " ".join(soup.get_text(" ").replace("\xa0", " ").split())
    for expected in words:
        assert expected in text
    assert not soup.find(["script", "img", "link", "iframe"])
    chart = soup.find("svg", id="chart-hr")
    assert chart is not None and chart["role"] == "img"
    title = chart.find("title")
    assert title is not None and title["id"] in str(chart["aria-labelledby"]).split()
    # 12 weeks, two with votes: two bars, and two helpfulness points on the line
    assert len(chart.find_all("rect")) == 2 and len(chart.find_all("circle")) == 2
    hr_deflection = soup.select_one("#lang-hr ~ table [data-deflection]")
    assert hr_deflection is not None
    assert hr_deflection.get_text() == ("75%" if lang == "en" else "75\xa0%")
    assert "otkazat = otkazati" in text


def test_html_report_refuses_an_unknown_language(service: Service) -> None:
    response = service.client.get("/api/v1/report.html?lang=de", headers=AUTH)
    assert response.status_code == 422
    assert "detail" in response.json()
