"""GET /api/v1/health and the benchmark baseline endpoint."""

from __future__ import annotations

from tests.feedback.support import Service, ServiceFactory


def test_health_reports_database_schema_and_articles(service: Service) -> None:
    response = service.client.get("/api/v1/health")
    assert response.status_code == 200
    kind = "postgresql" if service.database_url.startswith("postgresql") else "sqlite"
    assert response.json() == {"status": "ok", "database": kind, "schema_version": 3, "articles": 4}


def test_bench_endpoint_only_with_the_bench_flag(make_service: ServiceFactory) -> None:
    with make_service() as svc:
        assert svc.client.get("/api/v1/bench/bare").status_code == 404
        assert "/api/v1/bench/bare" not in svc.client.get("/openapi.json").json()["paths"]
    with make_service(bench=True) as svc:
        response = svc.client.get("/api/v1/bench/bare")
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}


def test_unknown_path_and_method_answer_json(service: Service) -> None:
    missing = service.client.get("/api/v1/nothing")
    assert missing.status_code == 404
    assert "detail" in missing.json()
    wrong = service.client.get("/api/v1/feedback")
    assert wrong.status_code == 405
    assert "POST" in wrong.headers["allow"]
