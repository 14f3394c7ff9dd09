"""Fixtures for the "Was this helpful?" widget: real builds, a real feedback service, a site server.

Each build bakes the service URL into the pages, so a service port is chosen before building; the
service in turn only accepts the site's origin, so the site server starts before the service.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feedback_widget.support import LiveSite, build, live_site


@pytest.fixture(scope="session")
def binary_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    """The site in the default yes/no mode, served, with its service running."""
    with live_site(tmp_path_factory.mktemp("binary"), mode="binary") as site:
        yield site


@pytest.fixture(scope="session")
def reactions_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    """The site in sad / neutral / happy mode, with a service of its own."""
    with live_site(tmp_path_factory.mktemp("reactions"), mode="reactions") as site:
        yield site


@pytest.fixture(scope="session")
def binary_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Markup checks need no service: a build pointing at a URL nobody listens on."""
    return build(
        tmp_path_factory.mktemp("binary-build") / "site", feedback_url="http://127.0.0.1:9/"
    )


@pytest.fixture(scope="session")
def reactions_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(
        tmp_path_factory.mktemp("reactions-build") / "site",
        feedback_url="http://127.0.0.1:9",
        mode="reactions",
    )


@pytest.fixture(scope="session")
def no_service_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """No `HELPCENTER_FEEDBACK_URL`: no widget at all."""
    return build(tmp_path_factory.mktemp("no-service") / "site", feedback_url=None)
