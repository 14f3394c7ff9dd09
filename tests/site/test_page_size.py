"""An article page does not grow with the site: its sidebar lists the collections and up to ten
articles of its own collection, whatever the number of articles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support import ROOT, copy_project

sys.path.insert(0, str(ROOT / "bench"))
from synthetic_content import generate  # the benchmarks' content generator

pytestmark = pytest.mark.slow
COLLECTIONS = 10
PAGE = "c00/a0000/index.html"


def built(root: Path, articles: int) -> Path:
    project = copy_project(root / "project")
    generate(project / "docs", articles_per_language=articles, collections=COLLECTIONS)
    site = root / "site"
    result = subprocess.run(
        # Every language in its own process: 3,000 articles per language in a minute.
        [sys.executable, "-m", "helpcenter.cli", "build", "--site-dir", str(site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    return {n: built(tmp_path_factory.mktemp(f"size{n}"), n) for n in (30, 3000)}


def sidebar_links(site: Path) -> list[str]:
    soup = BeautifulSoup((site / PAGE).read_text(encoding="utf-8"), "html.parser")
    nav = soup.select_one("nav.md-nav--primary")
    assert nav is not None
    return [a["href"] for a in nav.select("a.md-nav__link[href]") if "#" not in a["href"]]


def test_an_article_page_stays_the_same_size_as_the_site_grows(sites: dict[int, Path]) -> None:
    small, large = ((sites[n] / PAGE).stat().st_size for n in (30, 3000))
    assert large / small < 1.1, (small, large)


def test_the_sidebar_has_every_collection_and_ten_articles_of_its_own(
    sites: dict[int, Path],
) -> None:
    links = sidebar_links(sites[3000])
    collections = {f"../../c{c:02}/" for c in range(1, COLLECTIONS)}
    assert collections <= set(links)
    own = [link for link in links if link.startswith("../a") or link == "./"]
    assert "./" in own  # the page itself
    assert len(own) == 10, own
    others = [link for link in links if link.startswith("../../c") and link.count("/") > 3]
    assert others == [], others  # no article of another collection
