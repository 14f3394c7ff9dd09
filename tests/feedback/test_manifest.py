"""Loading the site manifest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpcenter.feedback.manifest import ManifestError, load_manifest, parse_manifest
from tests.feedback.support import HR_PAGE, manifest_data, write_site


def test_loads_articles_languages_and_mode(tmp_path: Path) -> None:
    manifest = load_manifest(write_site(tmp_path))
    assert manifest.mode == "binary"
    assert manifest.ratings == ("yes", "no")
    assert manifest.languages == ("hr", "fi")
    article = manifest.article("fi", HR_PAGE)
    assert article is not None
    assert article.url == "/fi/narudzbe/otkazivanje-narudzbe/"
    assert manifest.article("hr", "tili/salasana.md") is None


def test_reactions_mode() -> None:
    assert parse_manifest(manifest_data("reactions")).ratings == ("sad", "neutral", "happy")


def test_missing_manifest_says_to_build_the_site(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="build the site"):
        load_manifest(tmp_path)


@pytest.mark.parametrize(
    "change",
    [
        {"version": 2},
        {"feedback_mode": "stars"},
        {"articles": [{"lang": "hr", "page": "a.md", "url": "//evil.example/a/"}]},
        {"articles": [{"lang": "hr", "page": "a.md", "url": "https://evil.example/a/"}]},
        {"articles": [{"lang": "hr", "page": "a.md", "url": "/\\evil.example"}]},
        {"articles": [{"lang": "hr", "page": "a.md", "url": "/a b/"}]},
        {"articles": [{"lang": "hr", "url": "/a/"}]},
    ],
)
def test_invalid_manifests_are_refused(change: dict[str, Any]) -> None:
    with pytest.raises(ManifestError):
        parse_manifest({**manifest_data(), **change})


def test_unreadable_json(tmp_path: Path) -> None:
    (tmp_path / "helpcenter-manifest.json").write_text("{", encoding="utf-8")
    with pytest.raises(ManifestError):
        load_manifest(tmp_path)
    (tmp_path / "helpcenter-manifest.json").write_text(json.dumps([1]), encoding="utf-8")
    with pytest.raises(ManifestError):
        load_manifest(tmp_path)
