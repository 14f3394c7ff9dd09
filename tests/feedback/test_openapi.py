"""Schemathesis (4.x) against the app's own OpenAPI schema: no 5xx, answers match the schema.

The schema is loaded eagerly (schemathesis' lazy `from_fixture` loader does not work with
pytest 9); each generated case is then sent to a per-database app from a fixture.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from helpcenter.feedback.app import create_app
from helpcenter.feedback.settings import Settings
from tests.feedback.support import ORIGIN, TEST_SECRET, database_for, write_site

TOKEN = "schemathesis-token-0123456789abcdef0123"
MAX_EXAMPLES = 100


def _app(database: str, workdir: Path) -> FastAPI:
    """The service as deployed, but without a rate limit that would hide other answers."""
    return create_app(
        Settings(
            database=database,
            site=write_site(workdir / "site"),
            allow_origin=[ORIGIN],
            report_token=TOKEN,
            rate_limit=1_000_000,
            secret=TEST_SECRET,
            bench=True,
        )
    )


_SCHEMA_DIR = Path(tempfile.mkdtemp(prefix="helpcenter_fb_openapi_"))
atexit.register(shutil.rmtree, _SCHEMA_DIR, True)
_SCHEMA_APP = _app(str(_SCHEMA_DIR / "schema.db"), _SCHEMA_DIR)
# 413 (body over the size limit) is a proper rejection of an oversized negative example.
CONFIG = schemathesis.Config.from_dict(
    {
        "checks": {
            "negative_data_rejection": {
                "expected-statuses": [
                    400,
                    401,
                    403,
                    404,
                    405,
                    406,
                    409,
                    413,
                    415,
                    422,
                    428,
                    429,
                ]
            }
        }
    }
)
schema = schemathesis.openapi.from_asgi("/openapi.json", _SCHEMA_APP, config=CONFIG)
_SCHEMA_APP.state.feedback.close()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def target_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FastAPI]:
    """A fresh service per database kind."""
    tmp = tmp_path_factory.mktemp(f"openapi-{request.param}")
    with database_for(request.param, tmp) as url:
        app = _app(url, tmp)
        yield app
        app.state.feedback.close()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case: schemathesis.Case, target_app: FastAPI) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"} if case.method == "GET" else None
    # Not checked: "schema-valid data is accepted". A schema-valid vote can still name an
    # article the site does not have, reuse a submission_id or pair a reason with "yes";
    # those are 422 by design (see "The feedback service" in the README).
    case.call_and_validate(
        app=target_app, headers=headers, excluded_checks=[positive_data_acceptance]
    )
