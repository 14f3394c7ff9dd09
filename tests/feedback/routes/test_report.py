"""GET /api/v1/report and /api/v1/report.csv: token handling and content."""

from __future__ import annotations

import csv
import io

import pytest

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
