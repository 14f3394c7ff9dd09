"""POST /api/v1/events on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from tests.feedback.support import Service, ServiceFactory

URL = "/api/v1/events"


def _counts(service: Service) -> dict[tuple[str, str, str], int]:
    rows = service.rows("SELECT lang, day, event, hits FROM usage_counts")
    return {(r["lang"], str(r["day"]), r["event"]): int(r["hits"]) for r in rows}


def test_counts_events_per_language_and_day(service: Service) -> None:
    for event in ("search", "search", "suggestion_opened", "channel_after_suggestion"):
        response = service.client.post(URL, json={"event": event, "lang": "hr"})
        assert response.status_code == 202
        assert response.json() == {"status": "accepted", "lang": "hr", "event": event}
    # navigator.sendBeacon and simple fetches send text/plain
    beacon = service.client.post(
        URL,
        content=json.dumps({"event": "channel_chosen", "lang": "fi"}),
        headers={"Content-Type": "text/plain;charset=UTF-8"},
    )
    assert beacon.status_code == 202
    service.clock.advance(days=1)
    service.client.post(URL, json={"event": "search", "lang": "hr"})
    assert _counts(service) == {
        ("hr", "2025-03-14", "search"): 2,
        ("hr", "2025-03-14", "suggestion_opened"): 1,
        ("hr", "2025-03-14", "channel_after_suggestion"): 1,
        ("fi", "2025-03-14", "channel_chosen"): 1,
        ("hr", "2025-03-15", "search"): 1,
    }


def test_a_search_miss_counts_a_search_without_results(service: Service) -> None:
    service.client.post("/api/v1/search-misses", json={"query": "kartsa", "lang": "hr"})
    assert _counts(service) == {
        ("hr", "2025-03-14", "search"): 1,
        ("hr", "2025-03-14", "search_no_results"): 1,
    }


def test_nothing_about_the_visitor_is_stored(service: Service) -> None:
    service.client.post(
        URL, json={"event": "search", "lang": "hr"}, headers={"User-Agent": "Secret/1.0"}
    )
    assert set(service.rows("SELECT * FROM usage_counts")[0]) == {"lang", "day", "event", "hits"}


@pytest.mark.parametrize(
    "body",
    [
        {"event": "search_no_results", "lang": "hr"},  # only a search miss counts those
        {"event": "clicked", "lang": "hr"},
        {"event": "search", "lang": "de"},
        {"event": "search"},
        {"lang": "hr"},
        {"event": "search", "lang": "hr", "query": "my e-mail"},
        {"event": ["search"], "lang": "hr"},
    ],
)
def test_invalid_events_are_422(service: Service, body: dict[str, object]) -> None:
    response = service.client.post(URL, json=body)
    assert response.status_code == 422
    assert "detail" in response.json()
    assert service.rows("SELECT count(*) AS n FROM usage_counts") == [{"n": 0}]


def test_form_bodies_are_415(service: Service) -> None:
    assert service.client.post(URL, data={"event": "search", "lang": "hr"}).status_code == 415


def test_rate_limited_per_network(make_service: ServiceFactory) -> None:
    with make_service(rate_limit=3) as svc:
        answers = [
            svc.client.post(URL, json={"event": "search", "lang": "hr"}).status_code
            for _ in range(4)
        ]
        assert answers == [202, 202, 202, 429]
        limited = svc.client.post(URL, json={"event": "search", "lang": "hr"})
        assert int(limited.headers["retry-after"]) > 0
        assert svc.rows("SELECT hits FROM usage_counts") == [{"hits": 3}]
