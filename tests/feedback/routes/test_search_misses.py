"""POST /api/v1/search-misses on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from tests.feedback.support import ORIGIN, Service, ServiceFactory

URL = "/api/v1/search-misses"


def test_counts_normalised_queries(service: Service) -> None:
    first = service.client.post(URL, json={"query": "  Povrat   NOVCA ", "lang": "hr"})
    assert first.status_code == 202
    assert first.json() == {"status": "accepted", "lang": "hr", "query": "povrat novca"}
    service.clock.advance(hours=1)
    # Full-width letters are the same query once NFKC-normalised.
    second = service.client.post(
        URL,
        content=json.dumps({"query": "\uff50\uff4f\uff56\uff52\uff41\uff54 novca", "lang": "hr"}),
        headers={"Content-Type": "text/plain"},
    )
    assert second.status_code == 202
    service.client.post(URL, json={"query": "povrat novca", "lang": "fi"})
    rows = service.rows("SELECT lang, query, hits, last_seen FROM search_misses ORDER BY lang")
    assert [(r["lang"], r["query"], r["hits"]) for r in rows] == [
        ("fi", "povrat novca", 1),
        ("hr", "povrat novca", 2),
    ]
    hr_last_seen = str(rows[1]["last_seen"])
    assert hr_last_seen.startswith("2025-03-14 11:00")


def test_nothing_about_the_visitor_is_stored(service: Service) -> None:
    service.client.post(URL, json={"query": "lozinka", "lang": "hr"})
    columns = set(service.rows("SELECT * FROM search_misses")[0])
    assert columns == {"lang", "query", "hits", "first_seen", "last_seen"}


@pytest.mark.parametrize(
    "body",
    [
        {"query": "a" * 101, "lang": "hr"},
        {"query": "   ", "lang": "hr"},
        {"query": "", "lang": "hr"},
        {"query": "\u0000\u200b", "lang": "hr"},
        {"query": "ok", "lang": "de"},
        {"query": 5, "lang": "hr"},
        {"query": ["a"], "lang": "hr"},
        {"lang": "hr"},
        {"query": "ok", "lang": "hr", "extra": 1},
    ],
)
def test_invalid_queries_are_422(service: Service, body: dict[str, object]) -> None:
    response = service.client.post(URL, json=body)
    assert response.status_code == 422
    assert service.rows("SELECT count(*) AS n FROM search_misses") == [{"n": 0}]


def test_hundred_characters_after_collapsing_spaces_is_fine(service: Service) -> None:
    query = " ".join(["abcd"] * 20)  # 99 characters once collapsed, 160 before
    spaced = query.replace(" ", "     ")
    assert service.client.post(URL, json={"query": spaced, "lang": "hr"}).status_code == 202


def test_malformed_json_is_400(service: Service) -> None:
    response = service.client.post(URL, content=b"\xff{", headers={"Content-Type": "text/plain"})
    assert response.status_code == 400


def test_form_bodies_are_415(service: Service) -> None:
    response = service.client.post(URL, data={"query": "x", "lang": "hr"})
    assert response.status_code == 415


def test_body_over_the_limit_is_413(service: Service) -> None:
    response = service.client.post(URL, json={"query": "x" * 10_000, "lang": "hr"})
    assert response.status_code == 413


def test_foreign_origin_is_403_and_own_origin_gets_cors(service: Service) -> None:
    body = {"query": "x", "lang": "hr"}
    assert (
        service.client.post(URL, json=body, headers={"Origin": "https://evil.example"}).status_code
        == 403
    )
    ok = service.client.post(URL, json=body, headers={"Origin": ORIGIN})
    assert ok.status_code == 202
    assert ok.headers["access-control-allow-origin"] == ORIGIN


def test_rate_limited(make_service: ServiceFactory) -> None:
    with make_service(rate_limit=2) as svc:
        for _ in range(2):
            assert svc.client.post(URL, json={"query": "x", "lang": "hr"}).status_code == 202
        limited = svc.client.post(URL, json={"query": "x", "lang": "hr"})
        assert limited.status_code == 429
        assert int(limited.headers["retry-after"]) >= 1
        # Votes have their own budget.
        vote = {
            "submission_id": "6f1c5b4e-1111-4222-8333-944455556666",
            "page": "narudzbe/otkazivanje-narudzbe.md",
            "lang": "hr",
            "rating": "yes",
        }
        assert svc.client.post("/api/v1/feedback", json=vote).status_code == 201


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ana.kovac@example.com ne mogu se prijaviti", "<email> ne mogu se prijaviti"),
        ("kartica 4111 1111 1111 1111 odbijena", "kartica <card> odbijena"),
        ("nazovite me na +385 91 234 5678", "nazovite me na <phone>"),
        ("narudžba HR12345678 kasni", "narudžba <number> kasni"),
        ("povrat u 14 dana", "povrat u 14 dana"),
        ("r1 račun za 2 artikla", "r1 račun za 2 artikla"),
    ],
)
def test_personal_data_in_queries_is_replaced_before_storing(
    service: Service, typed: str, stored: str
) -> None:
    response = service.client.post(URL, json={"query": typed, "lang": "hr"})
    assert response.status_code == 202
    assert response.json()["query"] == stored
    assert service.rows("SELECT query FROM search_misses") == [{"query": stored}]


def test_misses_older_than_the_retention_are_pruned(service: Service) -> None:
    import datetime as dt

    from helpcenter.feedback import maintenance

    assert service.client.post(URL, json={"query": "stari upit", "lang": "hr"}).status_code == 202
    service.clock.advance(days=80)
    assert service.client.post(URL, json={"query": "novi upit", "lang": "hr"}).status_code == 202
    service.clock.advance(days=15)
    state = service.client.app.state.feedback  # type: ignore[attr-defined]
    with state.db.writer.begin() as conn:
        result = maintenance.prune(
            conn,
            now=service.clock(),
            window=60,
            submission_retention=dt.timedelta(days=7),
            search_miss_retention=dt.timedelta(days=service.settings.search_miss_retention_days),
        )
    assert result.search_misses == 1
    assert service.rows("SELECT query FROM search_misses") == [{"query": "novi upit"}]


def test_c1_controls_and_bidi_overrides_never_reach_a_stored_query(service: Service) -> None:
    response = service.client.post(
        URL, json={"query": "dosta\u202eva\u009b \u2066paketa\u2069", "lang": "hr"}
    )
    assert response.status_code == 202
    assert service.rows("SELECT query FROM search_misses") == [{"query": "dostava paketa"}]
