"""POST /api/v1/feedback on SQLite and PostgreSQL: every answer the endpoint can give."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from tests.feedback.support import (
    FI_ONLY_PAGE,
    HR_PAGE,
    ORIGIN,
    Service,
    ServiceFactory,
    vote,
    write_site,
)

URL = "/api/v1/feedback"


def test_json_vote_is_created(service: Service) -> None:
    body = vote(rating="no", reason="out_of_date", comment="Korak 3 više ne postoji.")
    response = service.client.post(URL, json=body, headers={"Origin": ORIGIN})
    assert response.status_code == 201
    stored = response.json()
    assert stored["submission_id"] == body["submission_id"]
    assert stored["rating"] == "no"
    assert stored["reason"] == "out_of_date"
    assert stored["revision"] == "3f2a9c01b7de"  # the manifest's current revision
    assert response.headers["access-control-allow-origin"] == ORIGIN
    rows = service.rows("SELECT rating, reason, comment, revision FROM votes")
    assert rows == [
        {
            "rating": "no",
            "reason": "out_of_date",
            "comment": "Korak 3 više ne postoji.",
            "revision": "3f2a9c01b7de",
        }
    ]


def test_revision_sent_by_the_client_is_kept(service: Service) -> None:
    response = service.client.post(URL, json=vote(revision="0ldrev"))
    assert response.status_code == 201
    assert response.json()["revision"] == "0ldrev"


def test_text_plain_json_from_send_beacon(service: Service) -> None:
    body = vote(rating="yes")
    response = service.client.post(
        URL, content=json.dumps(body), headers={"Content-Type": "text/plain;charset=UTF-8"}
    )
    assert response.status_code == 201
    assert service.rows("SELECT count(*) AS n FROM votes") == [{"n": 1}]


def test_replay_returns_the_original_outcome(service: Service) -> None:
    body = vote(rating="no", reason="incorrect", comment="x")
    first = service.client.post(URL, json=body)
    service.clock.advance(seconds=30)
    again = service.client.post(URL, json=body)
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == first.json()
    assert service.rows("SELECT count(*) AS n FROM submissions") == [{"n": 1}]


def test_uppercase_submission_id_is_the_same_submission(service: Service) -> None:
    body = vote()
    assert service.client.post(URL, json=body).status_code == 201
    shouting = {**body, "submission_id": body["submission_id"].upper()}
    assert service.client.post(URL, json=shouting).status_code == 200


def test_same_submission_with_other_payload_is_422(service: Service) -> None:
    body = vote(rating="yes")
    assert service.client.post(URL, json=body).status_code == 201
    response = service.client.post(URL, json={**body, "rating": "no"})
    assert response.status_code == 422
    assert "submission_id" in response.json()["detail"]
    assert service.rows("SELECT rating FROM votes") == [{"rating": "yes"}]


def test_later_vote_of_the_same_visitor_replaces_the_earlier(service: Service) -> None:
    assert service.client.post(URL, json=vote(rating="yes")).status_code == 201
    service.clock.advance(minutes=5)
    second = vote(rating="no", reason="not_found")
    assert service.client.post(URL, json=second).status_code == 201
    rows = service.rows("SELECT rating, reason, submission_id FROM votes")
    assert rows == [
        {"rating": "no", "reason": "not_found", "submission_id": second["submission_id"]}
    ]


def test_other_article_or_language_is_a_separate_vote(service: Service) -> None:
    assert service.client.post(URL, json=vote()).status_code == 201
    assert service.client.post(URL, json=vote(lang="fi")).status_code == 201
    assert service.client.post(URL, json=vote(page="placanje/kartice.md")).status_code == 201
    assert service.rows("SELECT count(*) AS n FROM votes") == [{"n": 3}]


def test_next_day_is_a_new_vote(service: Service) -> None:
    assert service.client.post(URL, json=vote(rating="yes")).status_code == 201
    service.clock.advance(days=1)
    assert service.client.post(URL, json=vote(rating="no")).status_code == 201
    rows = service.rows("SELECT rating FROM votes ORDER BY day")
    assert rows == [{"rating": "yes"}, {"rating": "no"}]


def test_other_user_agent_is_another_visitor(service: Service) -> None:
    assert service.client.post(URL, json=vote(), headers={"User-Agent": "A/1"}).status_code == 201
    assert service.client.post(URL, json=vote(), headers={"User-Agent": "B/2"}).status_code == 201
    assert service.rows("SELECT count(*) AS n FROM votes") == [{"n": 2}]


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"page": "nema/takve-stranice.md"}, 422),
        ({"lang": "de"}, 422),
        ({"page": FI_ONLY_PAGE, "lang": "hr"}, 422),
        ({"rating": "happy"}, 422),  # a reactions rating on a binary site
        ({"rating": "maybe"}, 422),
        ({"rating": 1}, 422),
        ({"page": ["a"]}, 422),
        ({"page": {"nested": {"junk": [1, 2, {"x": None}]}}}, 422),
        ({"rating": "yes", "reason": "incorrect"}, 422),  # reason with a positive vote
        ({"rating": "no", "reason": "because"}, 422),
        ({"comment": "x" * 1001}, 422),
        ({"comment": 12}, 422),
        ({"revision": "no spaces"}, 422),
        ({"submission_id": "not-a-uuid"}, 422),
        ({"submission_id": 10**400}, 422),
        ({"submission_id": None}, 422),  # required for JSON bodies
        ({"unexpected": "field"}, 422),
    ],
)
def test_invalid_fields_are_422(service: Service, changes: dict[str, object], status: int) -> None:
    body = vote(**changes)  # a None value drops the field

    response = service.client.post(URL, json=body)
    assert response.status_code == status, response.text
    assert "detail" in response.json()
    assert service.rows("SELECT count(*) AS n FROM votes") == [{"n": 0}]


def test_comment_of_exactly_1000_characters_is_fine(service: Service) -> None:
    response = service.client.post(URL, json=vote(rating="no", comment="ž" * 1000))
    assert response.status_code == 201


def test_control_characters_are_removed_from_comments(service: Service) -> None:
    response = service.client.post(URL, json=vote(rating="no", comment="a\x00b\x07c\r\nd"))
    assert response.status_code == 201
    assert service.rows("SELECT comment FROM votes") == [{"comment": "abc\nd"}]


@pytest.mark.parametrize(
    "raw",
    [
        b"{",
        b"not json at all",
        b'{"page": "\xff\xfe"}',  # invalid UTF-8
        b'{"page": "\\ud800"}',  # lone surrogate
        b"[" * 3000 + b"]" * 3000,  # deep nesting
        b'{"submission_id": 1' + b"9" * 6000 + b"}",  # a number beyond Python's int parsing limit
        b"",
    ],
)
def test_malformed_bodies_are_400(service: Service, raw: bytes) -> None:
    response = service.client.post(URL, content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "detail" in response.json()


@pytest.mark.parametrize("raw", [b"[]", b"null", b"42", b'"text"', b"{}"])
def test_json_that_is_not_an_object_is_422(service: Service, raw: bytes) -> None:
    response = service.client.post(URL, content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 422


@pytest.mark.parametrize(
    "content_type", [None, "application/xml", "multipart/form-data; boundary=x", "text/html"]
)
def test_wrong_content_type_is_415(service: Service, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = service.client.post(URL, content=json.dumps(vote()).encode(), headers=headers)
    assert response.status_code == 415
    assert "content type" in response.json()["detail"]


def test_body_over_the_limit_is_413(service: Service) -> None:
    body = vote(comment="x" * 9000)
    response = service.client.post(URL, json=body)
    assert response.status_code == 413


def test_streamed_body_without_content_length_is_counted(service: Service) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"comment": "'
        for _ in range(20):
            yield b"y" * 1024
        yield b'"}'

    response = service.client.post(
        URL, content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert "content-length" not in {k.lower() for k in response.request.headers}


def test_foreign_origin_is_403(service: Service) -> None:
    response = service.client.post(URL, json=vote(), headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers
    assert service.rows("SELECT count(*) AS n FROM votes") == [{"n": 0}]


def test_null_origin_is_403(service: Service) -> None:
    response = service.client.post(URL, json=vote(), headers={"Origin": "null"})
    assert response.status_code == 403


def test_no_origin_is_allowed(service: Service) -> None:
    response = service.client.post(URL, json=vote())
    assert response.status_code == 201


def test_cors_preflight_only_for_allowed_origins(service: Service) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    ok = service.client.options(URL, headers={"Origin": ORIGIN, **preflight})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == ORIGIN
    assert "access-control-allow-credentials" not in ok.headers
    bad = service.client.options(URL, headers={"Origin": "https://evil.example", **preflight})
    assert bad.status_code == 400
    assert "access-control-allow-origin" not in bad.headers


def test_rate_limit_answers_429_with_retry_after(make_service: ServiceFactory) -> None:
    with make_service(rate_limit=3, rate_window=60) as svc:
        svc.clock.now = svc.clock.now.replace(second=15, microsecond=0)
        for _ in range(3):
            assert svc.client.post(URL, json=vote()).status_code == 201
        limited = svc.client.post(URL, json=vote())
        assert limited.status_code == 429
        assert limited.headers["retry-after"] == "45"
        assert limited.json() == {"detail": "too many requests"}
        svc.clock.advance(seconds=45)
        assert svc.client.post(URL, json=vote()).status_code == 201


def test_rate_limit_is_per_address_not_per_user_agent(make_service: ServiceFactory) -> None:
    with make_service(rate_limit=2) as svc:
        for agent in ("A/1", "B/1"):
            assert (
                svc.client.post(URL, json=vote(), headers={"User-Agent": agent}).status_code == 201
            )
        response = svc.client.post(URL, json=vote(), headers={"User-Agent": "C/1"})
        assert response.status_code == 429


def test_rate_limit_uses_the_forwarded_address_behind_a_trusted_proxy(
    make_service: ServiceFactory,
) -> None:
    with make_service(rate_limit=1, trusted_proxy=["198.51.100.0/24"]) as svc:
        first = {"X-Forwarded-For": "203.0.113.1"}
        second = {"X-Forwarded-For": "203.0.113.2"}
        assert svc.client.post(URL, json=vote(), headers=first).status_code == 201
        assert svc.client.post(URL, json=vote(), headers=second).status_code == 201
        assert svc.client.post(URL, json=vote(), headers=first).status_code == 429


def test_forwarded_for_is_ignored_without_a_trusted_proxy(make_service: ServiceFactory) -> None:
    with make_service(rate_limit=1) as svc:
        assert (
            svc.client.post(
                URL, json=vote(), headers={"X-Forwarded-For": "203.0.113.1"}
            ).status_code
            == 201
        )
        spoofed = svc.client.post(URL, json=vote(), headers={"X-Forwarded-For": "203.0.113.2"})
        assert spoofed.status_code == 429


class TestFormPost:
    """The no-JavaScript path."""

    form: ClassVar[dict[str, str]] = {
        "page": HR_PAGE,
        "lang": "hr",
        "rating": "no",
        "reason": "hard_to_understand",
        "comment": "Nejasno.",
    }

    def test_stores_and_redirects_to_the_article(self, service: Service) -> None:
        response = service.client.post(
            URL, data=self.form, headers={"Origin": ORIGIN}, follow_redirects=False
        )
        assert response.status_code == 303
        assert response.headers["location"] == (
            f"{ORIGIN}/narudzbe/otkazivanje-narudzbe/?feedback=thanks#feedback-thanks"
        )
        rows = service.rows("SELECT rating, reason, comment FROM votes")
        assert rows == [{"rating": "no", "reason": "hard_to_understand", "comment": "Nejasno."}]
        generated = service.rows("SELECT submission_id FROM submissions")[0]["submission_id"]
        assert uuid.UUID(generated)

    def test_redirects_to_the_posting_origin_when_allowed(self, service: Service) -> None:
        response = service.client.post(
            URL,
            data=self.form,
            headers={"Origin": "https://pomoc.example.hr"},
            follow_redirects=False,
        )
        assert response.headers["location"].startswith("https://pomoc.example.hr/narudzbe/")

    def test_referer_origin_is_used_without_origin(self, service: Service) -> None:
        response = service.client.post(
            URL,
            data=self.form,
            follow_redirects=False,
            headers={"Referer": "https://pomoc.example.hr/narudzbe/otkazivanje-narudzbe/"},
        )
        assert response.headers["location"].startswith("https://pomoc.example.hr/")

    @pytest.mark.parametrize(
        "referer",
        [
            "https://evil.example/phish",
            "//evil.example/",
            "javascript:alert(1)",
            "not a url",
            "https://help.example.com.evil.example/",
        ],
    )
    def test_never_redirects_elsewhere(self, service: Service, referer: str) -> None:
        response = service.client.post(
            URL, data=self.form, headers={"Referer": referer}, follow_redirects=False
        )
        assert response.status_code == 303
        assert response.headers["location"] == (
            f"{ORIGIN}/narudzbe/otkazivanje-narudzbe/?feedback=thanks#feedback-thanks"
        )

    def test_user_supplied_url_fields_are_ignored(self, service: Service) -> None:
        form = {**self.form, "next": "https://evil.example/", "url": "//evil.example"}
        response = service.client.post(URL, data=form, follow_redirects=False)
        assert response.headers["location"].startswith(f"{ORIGIN}/narudzbe/")

    def test_empty_optional_fields_are_absent(self, service: Service) -> None:
        form = {
            "page": HR_PAGE,
            "lang": "fi",
            "rating": "yes",
            "reason": "",
            "comment": "",
            "submission_id": "",
        }
        response = service.client.post(URL, data=form, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].endswith(
            "/fi/narudzbe/otkazivanje-narudzbe/?feedback=thanks#feedback-thanks"
        )
        assert service.rows("SELECT reason, comment FROM votes") == [
            {"reason": None, "comment": None}
        ]

    def test_form_replay_with_submission_id_redirects_again(self, service: Service) -> None:
        form = {**self.form, "submission_id": str(uuid.uuid4())}
        assert service.client.post(URL, data=form, follow_redirects=False).status_code == 303
        assert service.client.post(URL, data=form, follow_redirects=False).status_code == 303
        assert service.rows("SELECT count(*) AS n FROM submissions") == [{"n": 1}]

    @pytest.mark.parametrize(
        "raw",
        [
            "page=a&page=b&lang=hr&rating=yes",
            f"page={HR_PAGE}&lang=hr&rating=nope",
            f"page={HR_PAGE}&lang=xx&rating=yes",
        ],
    )
    def test_invalid_form_is_422(self, service: Service, raw: str) -> None:
        response = service.client.post(
            URL,
            content=raw.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.status_code == 422

    def test_invalid_utf8_form_is_400(self, service: Service) -> None:
        response = service.client.post(
            URL,
            content=b"page=%ff%fe&lang=hr&rating=yes",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.status_code == 400


def test_reactions_site(
    make_service: ServiceFactory, tmp_path_factory: pytest.TempPathFactory
) -> None:
    site = write_site(tmp_path_factory.mktemp("reactions"), mode="reactions")
    with make_service(site_dir=site) as svc:
        assert svc.client.post(URL, json=vote(rating="happy")).status_code == 201
        assert (
            svc.client.post(URL, json=vote(rating="neutral", reason="other", lang="fi")).status_code
            == 201
        )
        assert svc.client.post(URL, json=vote(rating="yes")).status_code == 422
        assert svc.client.post(URL, json=vote(rating="happy", reason="other")).status_code == 422


def test_a_vote_from_a_moved_articles_old_page_counts_for_it(
    make_service: ServiceFactory, tmp_path: Path
) -> None:
    site = write_site(tmp_path / "site")
    manifest = json.loads((site / "helpcenter-manifest.json").read_text(encoding="utf-8"))
    manifest["aliases"] = {"hr": {"narudzbe/stari-naziv.md": HR_PAGE}}
    (site / "helpcenter-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with make_service(site_dir=site) as service:
        old_page = service.client.post(URL, json=vote(page="narudzbe/stari-naziv.md"))
        assert old_page.status_code == 201
        assert service.rows("SELECT page FROM votes") == [{"page": HR_PAGE}]
        # Without an alias an unknown page is still refused.
        unknown = service.client.post(URL, json=vote(page="narudzbe/nikad.md"))
        assert unknown.status_code == 422
