"""What the endpoints answer when the service itself fails: JSON 503 with Retry-After for
scripts, a small localized page for a form post, and never a bare 500."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection

from helpcenter.feedback import votes
from tests.feedback.support import HR_PAGE, ORIGIN, Service, ServiceFactory, manifest_data, vote

URL = "/api/v1/feedback"


def _failing(*_args: Any, **_kwargs: Any) -> Any:
    from sqlalchemy.exc import OperationalError

    raise OperationalError("INSERT ...", {}, Exception("database is locked"))


def _site_with(tmp_path: Path, manifest: dict[str, Any]) -> Path:
    site = tmp_path / "custom-site"
    site.mkdir()
    (site / "helpcenter-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return site


@pytest.fixture
def failing_service(make_service: ServiceFactory, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A service whose every vote write fails as a locked database does."""
    with make_service() as svc:
        state = svc.client.app.state.feedback  # type: ignore[attr-defined]
        monkeypatch.setattr(state, "record_votes", _failing)
        yield svc


def test_json_vote_that_cannot_be_stored_is_503_with_retry_after(failing_service: Service) -> None:
    response = failing_service.client.post(URL, json=vote(), headers={"Origin": ORIGIN})
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/json"
    assert int(response.headers["retry-after"]) >= 1
    assert response.headers["cache-control"] == "no-store"
    assert "try again" in response.json()["detail"]
    assert response.headers["access-control-allow-origin"] == ORIGIN  # the widget can read it
    assert failing_service.rows("SELECT * FROM votes") == []


@pytest.mark.parametrize(
    ("lang", "text", "back"),
    [
        ("hr", "Nismo mogli spremiti vaš glas", "Natrag na članak"),
        ("fi", "Emme voineet tallentaa ääntäsi", "Takaisin artikkeliin"),
    ],
)
def test_form_vote_that_cannot_be_stored_gets_a_localized_page(
    make_service: ServiceFactory,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    lang: str,
    text: str,
    back: str,
) -> None:
    from bs4 import BeautifulSoup

    data = manifest_data()
    data["messages"] = {
        "hr": {
            "store_failed": "Nismo mogli spremiti vaš glas, pokušajte ponovno.",
            "back": "Natrag na članak",
        },
        "fi": {
            "store_failed": "Emme voineet tallentaa ääntäsi, yritä uudelleen.",
            "back": "Takaisin artikkeliin",
        },
    }
    site = _site_with(tmp_path, data)
    with make_service(site_dir=site) as svc:
        state = svc.client.app.state.feedback  # type: ignore[attr-defined]
        monkeypatch.setattr(state, "record_votes", _failing)
        response = svc.client.post(
            URL,
            data={"page": HR_PAGE, "lang": lang, "rating": "no"},
            headers={"Origin": ORIGIN},
            follow_redirects=False,
        )
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert int(response.headers["retry-after"]) >= 1
    page = BeautifulSoup(response.text, "html.parser")
    assert page.html is not None and page.html["lang"] == lang
    assert page.h1 is not None and text in page.h1.get_text()
    link = page.find("a")
    assert link is not None and link.get_text() == back
    article = next(a for a in data["articles"] if a["lang"] == lang and a["page"] == HR_PAGE)
    assert link["href"] == ORIGIN + article["url"]


def test_an_unexpected_error_is_a_json_503_not_a_bare_500(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr("helpcenter.feedback.routes.feedback.fingerprint", broken)
    response = service.client.post(URL, json=vote(), headers={"Origin": ORIGIN})
    assert response.status_code == 503
    assert response.json() == {"detail": "internal error; try again shortly"}
    assert int(response.headers["retry-after"]) >= 1


def test_a_write_that_takes_too_long_is_503_and_stored_once_when_retried(
    make_service: ServiceFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    release = threading.Event()
    original = votes.record_votes

    def slow(conn: Connection, records: list[votes.VoteRecord], **kwargs: Any) -> Any:
        release.wait(10)
        return original(conn, records, **kwargs)

    with make_service(write_timeout=0.3) as svc:
        state = svc.client.app.state.feedback  # type: ignore[attr-defined]
        monkeypatch.setattr(
            state, "record_votes", lambda conn, records, **kw: slow(conn, records, rate=state.rate)
        )
        body = vote()
        first = svc.client.post(URL, json=body)
        assert first.status_code == 503
        assert first.json()["detail"] == "the database did not answer in time"
        release.set()
        retried = svc.client.post(URL, json=body)
        assert retried.status_code in (200, 201)
        ids = svc.rows("SELECT submission_id FROM submissions")
        assert ids == [{"submission_id": body["submission_id"]}]


def test_location_of_a_non_ascii_article_is_percent_encoded(
    make_service: ServiceFactory, tmp_path: Path
) -> None:
    data = manifest_data()
    data["articles"].append(
        {
            "lang": "hr",
            "page": "placanje/plaćanje-karticom.md",
            "revision": "abcdef012345",
            "url": "/placanje/plaćanje-karticom/",
            "title": "Plaćanje karticom",
        }
    )
    site = _site_with(tmp_path, data)
    with make_service(site_dir=site) as svc:
        response = svc.client.post(
            URL,
            data={"page": "placanje/plaćanje-karticom.md", "lang": "hr", "rating": "yes"},
            headers={"Origin": ORIGIN},
            follow_redirects=False,
        )
        assert response.status_code == 303
        assert response.headers["location"] == (
            f"{ORIGIN}/placanje/pla%C4%87anje-karticom/?feedback=thanks#feedback-thanks"
        )
        assert len(svc.rows("SELECT * FROM votes")) == 1


def test_duplicate_json_keys_are_refused(service: Service) -> None:
    body = vote()
    raw = json.dumps(body)[:-1] + ', "rating": "no"}'
    response = service.client.post(URL, content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert "more than once" in response.json()["detail"]
    assert service.rows("SELECT * FROM votes") == []


def test_c1_controls_and_bidi_overrides_are_removed_from_comments(service: Service) -> None:
    comment = "Korak\u202e 3\u009b ne\u2066 postoji\u2069.\nHvala"
    body = vote(rating="no", reason="other", comment=comment, submission_id=str(uuid.uuid4()))
    assert service.client.post(URL, json=body).status_code == 201
    assert service.rows("SELECT comment FROM votes") == [{"comment": "Korak 3 ne postoji.\nHvala"}]


@pytest.mark.parametrize(
    ("path", "record", "body"),
    [
        ("/api/v1/events", "record_usage", {"event": "suggestion_opened", "lang": "hr"}),
        ("/api/v1/search-misses", "record_search_miss", {"query": "kartsa", "lang": "hr"}),
    ],
)
def test_a_count_that_cannot_be_stored_is_503_with_retry_after(
    make_service: ServiceFactory,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    record: str,
    body: dict[str, str],
) -> None:
    with make_service() as svc:
        monkeypatch.setattr(votes, record, _failing)
        response = svc.client.post(path, json=body, headers={"Origin": ORIGIN})
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/json"
        assert int(response.headers["retry-after"]) >= 1
        assert "detail" in response.json()
        assert svc.rows("SELECT count(*) AS n FROM usage_counts") == [{"n": 0}]
