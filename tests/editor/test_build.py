"""The real build of a small site: outdated notice, hreflang, Open Graph, JSON-LD, sitemap,
robots.txt, cross-language links, publishing guard and byte-identical rebuilds."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.editor.support import SITE_URL, write_content
from tests.support import copy_project

pytestmark = pytest.mark.slow

XHTML = "{http://www.w3.org/1999/xhtml}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("HELPCENTER_") and k != "SITE_URL"
    }
    clean.update({"NO_MKDOCS_2_WARNING": "1", **env})
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("editor-build") / "project")
    write_content(root)
    # The hr source changes after fi/narudzbe/otkazivanje.md recorded its revision.
    source = root / "docs/hr/narudzbe/otkazivanje.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nNovi odlomak.\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def sites(project: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same project built twice, into two folders."""
    built = []
    # Different hash seeds: set iteration order must not reach the output.
    for name, seed in (("first", "1"), ("second", "2")):
        site = tmp_path_factory.mktemp(name) / "site"
        result = build(
            project, site, SITE_URL=SITE_URL, HELPCENTER_PUBLISH="1", PYTHONHASHSEED=seed
        )
        assert result.returncode == 0, result.stderr
        built.append(site)
    return built[0], built[1]


@pytest.fixture(scope="module")
def site(sites: tuple[Path, Path]) -> Path:
    return sites[0]


def page(site: Path, path: str) -> BeautifulSoup:
    return _soup(site / path / "index.html")


def _soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def alternates(soup: BeautifulSoup) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"] for link in soup.select("head link[rel=alternate][hreflang]")
    }


def json_ld(soup: BeautifulSoup) -> dict[str, dict]:
    found = {}
    for script in soup.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        found[data["@type"]] = data
    return found


def meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.select_one(f'meta[property="{key}"]') or soup.select_one(f'meta[name="{key}"]')
    return tag["content"] if tag else None


def test_outdated_translation_shows_a_notice_linking_to_the_source(site: Path) -> None:
    soup = page(site, "fi/narudzbe/otkazivanje")
    notice = soup.select_one(".hc-outdated")
    assert notice is not None
    assert (
        notice.select_one(".admonition-title").get_text(strip=True)
        == "Tämä käännös voi olla vanhentunut"
    )
    link = notice.select_one("a")
    assert link["hreflang"] == "hr" and link.get_text(strip=True) == "Kako otkazati narudžbu?"
    # Relative to /fi/narudzbe/otkazivanje/: the Croatian article.
    assert link["href"] == "../../../narudzbe/otkazivanje/"
    assert (site / "narudzbe/otkazivanje/index.html").is_file()
    # Sources and untranslated articles get no notice.
    assert page(site, "narudzbe/otkazivanje").select_one(".hc-outdated") is None
    assert page(site, "fi/narudzbe/verkkopankki").select_one(".hc-outdated") is None


def test_hreflang_alternates_are_absolute_with_x_default(site: Path) -> None:
    hr_url = f"{SITE_URL}narudzbe/otkazivanje/"
    fi_url = f"{SITE_URL}fi/narudzbe/otkazivanje/"
    expected = {"hr": hr_url, "fi": fi_url, "x-default": hr_url}
    hr, fi = page(site, "narudzbe/otkazivanje"), page(site, "fi/narudzbe/otkazivanje")
    assert alternates(hr) == alternates(fi) == expected
    # Exactly one link per language: static-i18n's relative ones are gone.
    assert len(hr.select("head link[rel=alternate][hreflang]")) == 3
    assert hr.select_one("link[rel=canonical]")["href"] == hr_url
    assert fi.select_one("link[rel=canonical]")["href"] == fi_url
    # Only translations that exist: single-language pages have none.
    assert alternates(page(site, "narudzbe/promjena")) == {}
    assert alternates(page(site, "fi/narudzbe/verkkopankki")) == {}
    assert alternates(page(site, "fi")) == {
        "hr": SITE_URL,
        "fi": f"{SITE_URL}fi/",
        "x-default": SITE_URL,
    }


def test_open_graph_and_twitter(site: Path) -> None:
    hr, fi = page(site, "narudzbe/otkazivanje"), page(site, "fi/narudzbe/otkazivanje")
    assert meta(hr, "og:locale") == "hr_HR" and meta(fi, "og:locale") == "fi_FI"
    assert meta(fi, "og:locale:alternate") == "hr_HR"
    assert meta(hr, "og:type") == "article"
    assert meta(hr, "og:title") == meta(hr, "twitter:title") == "Kako otkazati narudžbu?"
    assert (
        meta(hr, "og:description")
        == meta(hr, "description")
        == "Narudžbu možete otkazati dok nije poslana."
    )
    assert meta(hr, "og:url") == f"{SITE_URL}narudzbe/otkazivanje/"
    assert meta(hr, "author") == "Ana Marić"
    assert hr.title.get_text().startswith("Kako otkazati narudžbu?")


def test_every_page_has_a_share_image_and_an_article_may_set_its_own(site: Path) -> None:
    hr, fi = page(site, "narudzbe/otkazivanje"), page(site, "fi/narudzbe/otkazivanje")
    default = f"{SITE_URL}assets/images/share.png"
    assert meta(hr, "og:image") == meta(hr, "twitter:image") == default
    assert meta(hr, "twitter:card") == "summary_large_image"
    assert json_ld(hr)["Article"]["image"] == default
    own = f"{SITE_URL}fi/narudzbe/kuvat/peruutus.png"
    assert meta(fi, "og:image") == meta(fi, "twitter:image") == own
    assert json_ld(fi)["Article"]["image"] == own
    assert (site / "fi/narudzbe/kuvat/peruutus.png").is_file()
    assert (site / "assets/images/share.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for home in (page(site, ""), page(site, "fi")):
        assert meta(home, "og:image") == default
    assert json_ld(page(site, "fi/narudzbe"))["CollectionPage"]["image"] == default


def test_404_pages_are_titled_in_their_language(site: Path) -> None:
    for path, heading in (
        ("404.html", "Stranica nije pronađena"),
        ("fi/404.html", "Sivua ei löytynyt"),
    ):
        soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
        assert soup.title is not None
        assert soup.title.get_text().startswith(f"{heading} - Lanterna")
        assert soup.h1 is not None and soup.h1.get_text(strip=True) == heading


def test_json_ld_article_breadcrumbs_and_collection(site: Path) -> None:
    data = json_ld(page(site, "narudzbe/otkazivanje"))
    article = data["Article"]
    assert article["headline"] == "Kako otkazati narudžbu?"
    assert article["description"] == "Narudžbu možete otkazati dok nije poslana."
    # Front-matter dates are midnight in the shop's time zone (mkdocs.yml: Europe/Zagreb).
    assert article["datePublished"] == "2023-11-20T00:00:00+01:00"
    assert article["dateModified"] == "2024-03-12T00:00:00+01:00"
    assert article["image"] == f"{SITE_URL}assets/images/share.png"
    assert article["author"] == {"@type": "Person", "name": "Ana Marić"}
    assert article["publisher"] == {
        "@type": "Organization",
        "name": "Lanterna \u2013 Centar za pomoć",
        "url": SITE_URL,
        "logo": {"@type": "ImageObject", "url": f"{SITE_URL}assets/images/logo.png"},
    }
    assert (site / "assets/images/logo.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    fi_publisher = json_ld(page(site, "fi/narudzbe/otkazivanje"))["Article"]["publisher"]
    assert fi_publisher["url"] == f"{SITE_URL}fi/"
    assert meta(page(site, "narudzbe/otkazivanje"), "article:published_time") == (
        "2023-11-20T00:00:00+01:00"
    )
    # An ordinary article is no FAQ page, on any page of the site.
    types = {kind for path in site.rglob("*.html") for kind in json_ld(_soup(path))}
    assert types <= {"Article", "BreadcrumbList", "CollectionPage"}, types
    assert article["inLanguage"] == "hr"
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["item"]) for c in crumbs] == [
        (1, SITE_URL),
        (2, f"{SITE_URL}narudzbe/"),
        (3, f"{SITE_URL}narudzbe/otkazivanje/"),
    ]
    collection = json_ld(page(site, "fi/narudzbe"))["CollectionPage"]
    assert collection["inLanguage"] == "fi" and collection["url"] == f"{SITE_URL}fi/narudzbe/"
    assert {part["url"] for part in collection["hasPart"]} == {
        f"{SITE_URL}fi/narudzbe/otkazivanje/",
        f"{SITE_URL}fi/narudzbe/verkkopankki/",
    }


def test_sitemap_and_robots(site: Path) -> None:
    xml = (site / "sitemap.xml").read_bytes()
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == xml
    urls = {}
    for url in ET.fromstring(xml).iter(f"{SM}url"):
        links = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        urls[url.findtext(f"{SM}loc")] = (url.findtext(f"{SM}lastmod"), links)
    hr_url = f"{SITE_URL}narudzbe/otkazivanje/"
    assert urls[hr_url] == (
        "2024-03-12",
        {"hr": hr_url, "fi": f"{SITE_URL}fi/narudzbe/otkazivanje/", "x-default": hr_url},
    )
    assert urls[f"{SITE_URL}fi/narudzbe/verkkopankki/"] == ("2024-03-01", {})
    assert f"{SITE_URL}fi/narudzbe/promjena/" not in urls
    assert f"{SITE_URL}tags/" in urls and f"{SITE_URL}fi/tags/tilaus/" in urls
    assert (site / "robots.txt").read_text(encoding="utf-8").splitlines()[
        -1
    ] == f"Sitemap: {SITE_URL}sitemap.xml"


def test_link_to_the_other_language_works(site: Path) -> None:
    link = page(site, "fi/narudzbe/otkazivanje").select_one(
        '.hc-article__body a[href*="otkazivanje"]'
    )
    assert link["href"] == "../../../narudzbe/otkazivanje/#otkazivanje-u-mojem-racunu"


def test_two_builds_are_byte_identical(sites: tuple[Path, Path]) -> None:
    first, second = sites
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_publishing_needs_a_public_site_url(project: Path, tmp_path: Path) -> None:
    result = build(project, tmp_path / "site", HELPCENTER_PUBLISH="1")
    assert result.returncode != 0
    assert (
        "HELPCENTER_PUBLISH=1 builds the site for publishing, but site_url is http://127.0.0.1:8000/"
        in result.stderr
    )
    assert "SITE_URL=https://help.example.com/" in result.stderr


def test_a_broken_link_fails_the_build(project: Path, tmp_path: Path) -> None:
    broken = copy_project(tmp_path / "broken")
    write_content(broken)
    article = broken / "docs/hr/narudzbe/promjena.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\n[x](otkazivanje.md#nema)\n", encoding="utf-8"
    )
    result = build(broken, tmp_path / "site", SITE_URL=SITE_URL)
    assert result.returncode != 0
    assert (
        "docs/hr/narudzbe/promjena.md:14: link 'otkazivanje.md#nema': docs/hr/narudzbe/otkazivanje.md "
        "has no heading with id 'nema'"
    ) in result.stderr
