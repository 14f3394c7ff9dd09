"""Front matter is text: `<`, `>`, `&` and quotes in a title, description, tag and author name
are shown as typed everywhere (heading, breadcrumb, lists, related, sidebar, head, search
records) and never become markup."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support import ROOT, copy_project

pytestmark = pytest.mark.slow
TITLE = 'Promjena <i>narudžbe</i> & R&D "brzo"'
DESCRIPTION = "Izmjena <b>unutar</b> sata & bez naknade > 0 €"
TAG = "R&D <beta>"
AUTHOR = "Ana <Marić> & Co"
SOURCE = "docs/hr/narudzbe/promjena-narudzbe.md"
URL = "narudzbe/promjena-narudzbe/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("escaping")
    project = copy_project(root / "project")
    shutil.copytree(ROOT / "docs", project / "docs")
    article = project / SOURCE
    text = article.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", f"title: '{TITLE}'", text, count=1, flags=re.M)
    text = re.sub(r"^description: .*$", f"description: '{DESCRIPTION}'", text, count=1, flags=re.M)
    text = text.replace("  - izmjena\n", f"  - '{TAG}'\n", 1)
    article.write_text(text, encoding="utf-8")
    authors = project / "docs/.authors.yml"
    authors.write_text(
        authors.read_text(encoding="utf-8").replace("name: Ana Marić", f"name: '{AUTHOR}'"),
        encoding="utf-8",
    )
    site_dir = root / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(root)},
    )
    assert result.returncode == 0, result.stderr
    return site_dir


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def no_markup_from(soup: BeautifulSoup) -> None:
    """None of the typed tags became elements."""
    for name in ("i", "b", "beta", "marić"):
        found = [el for el in soup.find_all(name) if el.find_parent("article") is None]
        assert not found, f"<{name}> became markup: {found[:2]}"


def test_the_article_page_shows_the_text_as_typed(site: Path) -> None:
    soup = page(site, URL)
    no_markup_from(soup)
    assert soup.h1 is not None and soup.h1.get_text() == TITLE
    assert soup.select_one(".hc-lead").get_text() == DESCRIPTION
    crumb = soup.select_one(".hc-breadcrumbs [aria-current=page]")
    assert crumb is not None and crumb.get_text() == TITLE
    assert AUTHOR in soup.select_one(".hc-byline__author").get_text()
    assert TAG in [a.get_text(strip=True) for a in soup.select(".hc-article__tags a")]
    assert soup.title is not None and soup.title.get_text().startswith(TITLE)
    og = soup.find("meta", attrs={"property": "og:title"})
    assert og is not None and og["content"] == TITLE
    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None and description["content"] == DESCRIPTION
    sidebar = [a.get_text(strip=True) for a in soup.select(".md-nav__link")]
    assert TITLE in sidebar
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        data = json.loads(script.string or "{}")
        if data.get("@type") == "Article":
            assert data["headline"] == TITLE
            assert data["description"] == DESCRIPTION


def test_lists_and_related_show_the_text_as_typed(site: Path) -> None:
    collection = page(site, "narudzbe/index.html")
    no_markup_from(collection)
    titles = [a.get_text(strip=True) for a in collection.select(".hc-article-list a")]
    assert TITLE in titles
    assert DESCRIPTION in [p.get_text() for p in collection.select(".hc-article-list__description")]
    related = [
        a.get_text(strip=True)
        for path in site.glob("narudzbe/*/index.html")
        for a in page(site, str(path.relative_to(site))).select(".hc-related a")
    ]
    assert TITLE in related
    tag_pages = [page(site, str(p.relative_to(site))) for p in site.glob("tags/*/index.html")]
    headings = [p.h1.get_text() for p in tag_pages if p.h1 is not None]
    assert any(TAG in heading for heading in headings), headings
    for tag_page in tag_pages:
        no_markup_from(tag_page)


def test_search_records_hold_the_text_as_typed(site: Path) -> None:
    titles = []
    for fragment in (site / "pagefind/fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes())[12:])
        titles.append(data["meta"].get("title", ""))
    assert TITLE in titles
