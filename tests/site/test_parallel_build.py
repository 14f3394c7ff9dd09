"""`helpcenter build`: every language in its own process, the same bytes as a sequential
`mkdocs build`, and a failing language that leaves the site as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.editor.support import SITE_URL
from tests.support import ROOT, build_site, copy_project

pytestmark = pytest.mark.slow


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELPCENTER_")}
    env.update({"NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL, "HELPCENTER_PUBLISH": "1"})
    return env


def helpcenter_build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "helpcenter.cli", "build", *args],
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )


def _tree(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("parallel") / "project")
    shutil.copytree(ROOT / "docs", root / "docs")
    return root


def test_output_is_byte_identical_to_a_sequential_build(project: Path, tmp_path: Path) -> None:
    sequential = build_site(
        project, tmp_path / "sequential", env={"SITE_URL": SITE_URL, "HELPCENTER_PUBLISH": "1"}
    )
    assert sequential.returncode == 0, sequential.stderr
    parallel = helpcenter_build(project, "--site-dir", str(tmp_path / "parallel"))
    assert parallel.returncode == 0, parallel.stderr

    expected, actual = _tree(tmp_path / "sequential"), _tree(tmp_path / "parallel")
    assert sorted(actual) == sorted(expected)
    differing = [name for name in expected if expected[name] != actual[name]]
    assert differing == []
    # What spans languages is complete: both languages' pages in one sitemap, both indexes.
    sitemap = actual["sitemap.xml"].decode()
    assert f"{SITE_URL}fi/" in sitemap and f"<loc>{SITE_URL}</loc>" in sitemap
    assert "pagefind/pagefind.js" in actual and "fi/pagefind/pagefind.js" in actual
    assert "helpcenter-manifest.json" in actual
    # Nothing of the passes' working files is left beside the site.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parallel", "sequential"]


def test_default_site_dir_comes_from_the_configuration(project: Path) -> None:
    result = helpcenter_build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").is_file()
    assert (project / "site" / "fi" / "index.html").is_file()


def test_a_broken_article_fails_once_and_leaves_the_site_alone(
    project: Path, tmp_path: Path
) -> None:
    broken = copy_project(tmp_path / "broken")
    shutil.copytree(project / "docs", broken / "docs")
    article = broken / "docs/fi/narudzbe/otkazivanje-narudzbe.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("title:", "title: [oops", 1), encoding="utf-8"
    )
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the published site", encoding="utf-8")

    result = helpcenter_build(broken, "--site-dir", str(site))

    assert result.returncode == 1
    assert "docs/fi/narudzbe/otkazivanje-narudzbe.md:" in result.stderr
    # Every pass reads every language up front, so each fails; the message comes once.
    location_lines = [
        line for line in result.stderr.splitlines() if "otkazivanje-narudzbe.md:" in line
    ]
    assert len(location_lines) == len(set(location_lines)) >= 1
    assert "language pass of hr, fi failed" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the published site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken", "site"]
