"""URLs that last: an article renamed, a collection renamed and a Finnish slug changed in a
real project; the check fails until `helpcenter urls --update` records the moves; the built
site redirects the old URLs (in a browser, #anchor kept), shows the localized URLs in hreflang,
switcher and sitemap, lets votes follow the article and suggests it on a 404."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest

from tests.editor.support import SITE_URL
from tests.site.support import soup_of
from tests.support import ROOT, build_site, copy_project, serve_directory
from tests.support.axe import report, violations
from tests.support.nu import nu_errors

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.slow

# (docs file, its link target in its collection) of the articles removed on purpose.
REMOVED = [
    ("docs/hr/placanje/placanje-na-rate.md", "placanje-na-rate.md"),
    ("docs/fi/placanje/verkkopankkimaksu.md", "verkkopankkimaksu.md"),
]
REMOVED_URLS = {"hr": "/placanje/placanje-na-rate/", "fi": "/fi/maksaminen/verkkopankkimaksu/"}
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Urednica",
    "GIT_AUTHOR_EMAIL": "urednica@example.com",
    "GIT_COMMITTER_NAME": "Urednica",
    "GIT_COMMITTER_EMAIL": "urednica@example.com",
}


def git(project: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=project, env={**os.environ, **GIT_ENV}, check=True, capture_output=True
    )


def helpcenter(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "helpcenter.cli", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def set_slug(article: Path, slug: str) -> None:
    lines = article.read_text(encoding="utf-8").split("\n")
    lines = [line for line in lines if not line.startswith("slug:")]
    lines.insert(1, f"slug: {slug}")
    article.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter project in git, then: an article renamed in both languages (committed, so
    only git knows), the `povrat` collection renamed (not committed: found by file names),
    and the Finnish slug of the cancellation article changed."""
    root = copy_project(tmp_path_factory.mktemp("urls") / "project")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy2(ROOT / "urls.lock", root / "urls.lock")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "published")
    for lang in ("hr", "fi"):
        git(
            root,
            "mv",
            f"docs/{lang}/narudzbe/promjena-narudzbe.md",
            f"docs/{lang}/narudzbe/izmjena-narudzbe.md",
        )
    git(root, "commit", "-q", "-m", "rename")
    for lang in ("hr", "fi"):
        shutil.move(root / f"docs/{lang}/povrat", root / f"docs/{lang}/povrati")
    # The editor fixes the links written to the moved files (helpcenter check names them).
    for article in (root / "docs").rglob("*.md"):
        text = article.read_text(encoding="utf-8")
        fixed = text.replace("../povrat/", "../povrati/").replace(
            "promjena-narudzbe.md", "izmjena-narudzbe.md"
        )
        if fixed != text:
            article.write_text(fixed, encoding="utf-8")
    set_slug(root / "docs/fi/narudzbe/otkazivanje-narudzbe.md", "tilauksen-peruutus")
    # Two single-language articles removed on purpose, their links with them.
    for removed, link in REMOVED:
        (root / removed).unlink()
        for article in (root / removed).parent.glob("*.md"):
            text = article.read_text(encoding="utf-8")
            article.write_text(re.sub(rf"\[([^]]*)\]\({link}\)", r"\1", text), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def updated(project: Path) -> subprocess.CompletedProcess[str]:
    """What the check and the build say before the record is updated, then the update."""
    check = helpcenter(project, "check")
    assert check.returncode == 1
    assert "urls.lock:" in check.stdout
    assert "/narudzbe/promjena-narudzbe/ was published from docs/hr/narudzbe/promjena" in (
        check.stdout
    )
    assert "/povrat/povrat-novca/" in check.stdout
    assert "helpcenter urls --update" in check.stdout
    refused = build_site(project, project / "refused")
    assert refused.returncode != 0
    assert "urls.lock:" in refused.stderr and "no longer exists" in refused.stderr
    assert "/placanje/placanje-na-rate/ was published from" in check.stdout
    return helpcenter(
        project, "urls", "--update", *(f"--gone={url}" for url in REMOVED_URLS.values())
    )


@pytest.fixture(scope="module")
def site(project: Path, updated: subprocess.CompletedProcess[str]) -> Path:
    assert updated.returncode == 0, updated.stderr
    built = project / "site"
    result = build_site(project, built, env={"SITE_URL": SITE_URL, "HELPCENTER_PUBLISH": "1"})
    assert result.returncode == 0, result.stderr
    return built


def test_update_follows_the_moves_and_the_check_passes(
    project: Path, updated: subprocess.CompletedProcess[str]
) -> None:
    assert updated.returncode == 0, updated.stderr
    # Found by git (renamed file) and by the file names (renamed folder).
    assert (
        "followed docs/hr/narudzbe/promjena-narudzbe.md -> docs/hr/narudzbe/izmjena-narudzbe.md"
        in updated.stdout
    )
    assert "followed docs/fi/povrat/index.md -> docs/fi/povrati/index.md" in updated.stdout
    assert "recorded /fi/tilaukset/tilauksen-peruutus/" in updated.stdout
    record = (project / "urls.lock").read_text(encoding="utf-8")
    assert "moved hr narudzbe/promjena-narudzbe.md narudzbe/izmjena-narudzbe.md" in record
    check = helpcenter(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "urls.lock" not in check.stdout


def test_old_urls_redirect_on_every_host(site: Path) -> None:
    old = soup_of(site, "narudzbe/promjena-narudzbe/index.html")
    refresh = old.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None and refresh["content"] == "0; url=../izmjena-narudzbe/"
    canonical = old.find("link", rel="canonical")
    assert canonical is not None and canonical["href"] == f"{SITE_URL}narudzbe/izmjena-narudzbe/"
    robots = old.find("meta", attrs={"name": "robots"})
    assert robots is not None and robots["content"] == "noindex"
    assert old.find("html")["lang"] == "hr"  # type: ignore[index]
    fi_old = soup_of(site, "fi/tilaukset/tilauksen-peruminen/index.html")
    link = fi_old.find("body").find("a")  # type: ignore[union-attr]
    assert link is not None and link["href"] == "../tilauksen-peruutus/"
    # The URL the starter site published before Finnish slugs still leads to the article.
    first = soup_of(site, "fi/narudzbe/otkazivanje-narudzbe/index.html")
    assert first.find("link", rel="canonical")["href"] == (  # type: ignore[index]
        f"{SITE_URL}fi/tilaukset/tilauksen-peruutus/"
    )
    netlify = (site / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/narudzbe/promjena-narudzbe/ /narudzbe/izmjena-narudzbe/ 301" in netlify
    assert "/povrat/ /povrati/ 301" in netlify
    assert "/fi/tilaukset/tilauksen-peruminen/ /fi/tilaukset/tilauksen-peruutus/ 301" in netlify
    nginx = (site / "redirects.nginx.conf").read_text(encoding="utf-8")
    assert "    /povrat/povrat-novca/ /povrati/povrat-novca/;" in nginx
    assert nginx.count("{") == nginx.count("}")


def test_localized_urls_in_hreflang_switcher_and_sitemap(site: Path) -> None:
    new_fi = f"{SITE_URL}fi/tilaukset/tilauksen-peruutus/"
    hr_page = soup_of(site, "narudzbe/otkazivanje-narudzbe/index.html")
    hreflang = {link["hreflang"]: link["href"] for link in hr_page.find_all("link", hreflang=True)}
    assert hreflang["fi"] == new_fi
    switcher = hr_page.select_one("a.md-select__link[hreflang=fi]")
    assert switcher is not None and switcher["href"] == "../../fi/tilaukset/tilauksen-peruutus/"
    fi_page = soup_of(site, "fi/tilaukset/tilauksen-peruutus/index.html")
    back = fi_page.select_one("a.md-select__link[hreflang=hr]")
    assert back is not None and back["href"] == "../../../narudzbe/otkazivanje-narudzbe/"
    crumbs = [a["href"] for a in fi_page.select("nav.hc-breadcrumbs a")]
    assert "../" in crumbs  # the collection at /fi/tilaukset/
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{new_fi}</loc>" in sitemap
    assert "tilauksen-peruminen" not in sitemap and "/fi/narudzbe/" not in sitemap
    assert f"<loc>{SITE_URL}povrati/povrat-novca/</loc>" in sitemap


@pytest.mark.parametrize(
    ("lang", "title", "status"),
    [
        ("hr", "Članak je uklonjen", "Uklonjeno"),
        ("fi", "Artikkeli on poistettu", "Poistettu"),
    ],
)
def test_a_removed_article_leaves_a_localized_page(
    site: Path, lang: str, title: str, status: str
) -> None:
    url = REMOVED_URLS[lang]
    removed = soup_of(site, f"{url.lstrip('/')}index.html")
    assert removed.find("html")["lang"] == lang  # type: ignore[index]
    assert removed.find("h1").get_text(strip=True) == title  # type: ignore[union-attr]
    assert status in removed.select_one(".hc-removed__status").get_text()  # type: ignore[union-attr]
    assert removed.find("meta", attrs={"name": "robots"})["content"] == "noindex"  # type: ignore[index]
    home = removed.select_one(".hc-removed a.md-button")
    assert home is not None
    assert urlsplit(urljoin(f"http://site{url}", str(home["href"]))).path.rstrip("/") + "/" == (
        "/" if lang == "hr" else "/fi/"
    )
    assert removed.select_one("#hc-contact a[href^='mailto:']") is not None
    assert f"<loc>{SITE_URL}{url.lstrip('/')}</loc>" not in (site / "sitemap.xml").read_text(
        encoding="utf-8"
    )
    record = (site.parent / "urls.lock").read_text(encoding="utf-8")
    assert f"{lang} {url} gone" in record


def test_redirect_and_removed_pages_are_valid_html(site: Path) -> None:
    files = [
        site / "narudzbe/promjena-narudzbe/index.html",
        site / "fi/tilaukset/tilauksen-peruminen/index.html",
        *(site / url.lstrip("/") / "index.html" for url in REMOVED_URLS.values()),
    ]
    assert nu_errors(files) == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_the_removed_page_passes_axe(page: Page, site: Path, lang: str, scheme: str) -> None:
    with serve_directory(site) as url:
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        page.goto(url + REMOVED_URLS[lang])
        page.wait_for_load_state("networkidle")
        found = violations(page)
        assert not found, report(found)


def test_votes_follow_the_moved_articles(site: Path) -> None:
    manifest = json.loads((site / "helpcenter-manifest.json").read_text(encoding="utf-8"))
    assert manifest["aliases"]["hr"]["narudzbe/promjena-narudzbe.md"] == (
        "narudzbe/izmjena-narudzbe.md"
    )
    assert manifest["aliases"]["fi"]["povrat/povrat-novca.md"] == "povrati/povrat-novca.md"
    urls = {(a["lang"], a["page"]): a["url"] for a in manifest["articles"]}
    assert urls[("fi", "narudzbe/otkazivanje-narudzbe.md")] == "/fi/tilaukset/tilauksen-peruutus/"


@pytest.mark.browser
def test_an_old_url_with_an_anchor_lands_on_that_section(page: Page, site: Path) -> None:
    with serve_directory(site) as url:
        page.goto(
            f"{url}/fi/tilaukset/tilauksen-peruminen/?lahde=sahkoposti#tilaus-on-jo-lahetetty"
        )
        page.wait_for_url("**/fi/tilaukset/tilauksen-peruutus/**")
        assert page.evaluate("location.pathname") == "/fi/tilaukset/tilauksen-peruutus/"
        assert page.evaluate("location.search") == "?lahde=sahkoposti"
        assert page.evaluate("location.hash") == "#tilaus-on-jo-lahetetty"
        heading = page.locator("#tilaus-on-jo-lahetetty")
        assert heading.is_visible()
        page.goto(f"{url}/narudzbe/promjena-narudzbe/#sto-se-moze-promijeniti")
        page.wait_for_url("**/narudzbe/izmjena-narudzbe/**")
        assert page.evaluate("location.hash") == "#sto-se-moze-promijeniti"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "missing", "expected"),
    [
        # The renamed article's old file name, with a word more.
        ("hr", "/narudzbe/promjena-narudzbe-dostave/", "/narudzbe/izmjena-narudzbe/"),
        # The article's old Finnish slug under a folder that never existed.
        ("fi", "/fi/ohjeet/tilauksen-peruminen/", "/fi/tilaukset/tilauksen-peruutus/"),
    ],
)
def test_the_404_page_suggests_the_renamed_article(
    page: Page, site: Path, lang: str, missing: str, expected: str
) -> None:
    from playwright.sync_api import expect

    with serve_directory(site, not_found_page=True) as url:
        response = page.goto(url + missing)
        assert response is not None and response.status == 404
        expect(page.locator("html")).to_have_attribute("lang", lang)
        links = page.locator("[data-hc-suggestions] [data-hc-suggestion-list] a")
        expect(links.first).to_be_visible()
        hrefs = links.evaluate_all("els => els.map(e => e.pathname)")
        assert expected in hrefs, hrefs
