"""What the starter site must contain, written out by hand, and ways to read the built HTML."""

from __future__ import annotations

import functools
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

LANGS = ("hr", "fi")
HOME = {"hr": "/", "fi": "/fi/"}

# Every page of docs/hr/ and docs/fi/ plus the generated ones, as files of the built site.
HR_PAGES = [
    "index.html",
    "404.html",
    "tags/index.html",
    "izjava-o-pristupacnosti/index.html",
    "dostava/index.html",
    "dostava/carina-i-pristojbe/index.html",
    "dostava/paket-nije-stigao/index.html",
    "dostava/preuzimanje-u-paketomatu/index.html",
    "dostava/promjena-adrese-dostave/index.html",
    "dostava/rokovi-i-cijene-dostave/index.html",
    "korisnicka-sluzba/index.html",
    "korisnicka-sluzba/kontakt-korisnicke-sluzbe/index.html",
    "korisnicka-sluzba/reklamacija-ostecenog-proizvoda/index.html",
    "narudzbe/index.html",
    "narudzbe/otkazivanje-narudzbe/index.html",
    "narudzbe/potvrda-narudzbe-nije-stigla/index.html",
    "narudzbe/pracenje-narudzbe/index.html",
    "narudzbe/promjena-narudzbe/index.html",
    "placanje/index.html",
    "placanje/nacini-placanja/index.html",
    "placanje/placanje-na-rate/index.html",
    "placanje/problemi-s-placanjem/index.html",
    "povrat/index.html",
    "povrat/povrat-novca/index.html",
    "povrat/povrat-proizvoda/index.html",
    "povrat/zamjena-proizvoda/index.html",
]
FI_PAGES = [
    "fi/index.html",
    "fi/404.html",
    "fi/tags/index.html",
    "fi/saavutettavuusseloste/index.html",
    "fi/dostava/index.html",
    "fi/dostava/carina-i-pristojbe/index.html",
    "fi/dostava/paket-nije-stigao/index.html",
    "fi/dostava/promjena-adrese-dostave/index.html",
    "fi/dostava/rokovi-i-cijene-dostave/index.html",
    "fi/korisnicka-sluzba/index.html",
    "fi/korisnicka-sluzba/kontakt-korisnicke-sluzbe/index.html",
    "fi/korisnicka-sluzba/reklamacija-ostecenog-proizvoda/index.html",
    "fi/narudzbe/index.html",
    "fi/narudzbe/otkazivanje-narudzbe/index.html",
    "fi/narudzbe/potvrda-narudzbe-nije-stigla/index.html",
    "fi/narudzbe/pracenje-narudzbe/index.html",
    "fi/narudzbe/promjena-narudzbe/index.html",
    "fi/placanje/index.html",
    "fi/placanje/nacini-placanja/index.html",
    "fi/placanje/problemi-s-placanjem/index.html",
    "fi/placanje/verkkopankkimaksu/index.html",
    "fi/povrat/index.html",
    "fi/povrat/povrat-novca/index.html",
    "fi/povrat/povrat-proizvoda/index.html",
    "fi/povrat/zamjena-proizvoda/index.html",
]
TAG_PAGES = [
    "tags/narudzba/index.html",
    "tags/paketomat/index.html",
    "tags/rate/index.html",
    "fi/tags/tilaus/index.html",
    "fi/tags/verkkopankki/index.html",
]
COLLECTIONS = ["dostava", "korisnicka-sluzba", "narudzbe", "placanje", "povrat"]

# Articles written in one language only (`translate: false`): (language, slug, title).
SINGLE_LANGUAGE = [
    ("hr", "dostava/preuzimanje-u-paketomatu", "Kako preuzeti paket u paketomatu?"),
    ("hr", "placanje/placanje-na-rate", "Mogu li platiti na rate?"),
    ("fi", "placanje/verkkopankkimaksu", "Miten maksan verkkopankissa?"),
]
# The same three pages where the other language would have put them.
ABSENT_PAGES = [
    "fi/dostava/preuzimanje-u-paketomatu/index.html",
    "fi/placanje/placanje-na-rate/index.html",
    "placanje/verkkopankkimaksu/index.html",
]


def other(lang: str) -> str:
    return "fi" if lang == "hr" else "hr"


def lang_of(path: str) -> str:
    """The language of a built file, from its place in the site."""
    return "fi" if path.startswith("fi/") else "hr"


def url_of(path: str) -> str:
    """The root-relative URL a built file is served at: `a/b/index.html` -> `/a/b/`."""
    return "/" + path.removesuffix("index.html")


def page_url(lang: str, slug: str) -> str:
    """The URL of `docs/<lang>/<slug>.md` (or of a folder such as a collection)."""
    return f"{HOME[lang]}{slug}/"


def articles(lang: str) -> list[str]:
    """Built files of a language's articles: `<collection>/<slug>/index.html`."""
    pages = HR_PAGES if lang == "hr" else FI_PAGES
    prefix = "" if lang == "hr" else "fi/"
    return [
        p
        for p in pages
        if len(PurePosixPath(p.removeprefix(prefix)).parts) == 3
        and PurePosixPath(p.removeprefix(prefix)).parts[0] in COLLECTIONS
    ]


def collections(lang: str) -> list[str]:
    prefix = "" if lang == "hr" else "fi/"
    return [f"{prefix}{slug}/index.html" for slug in COLLECTIONS]


@functools.cache
def soup_of(site: Path, path: str) -> BeautifulSoup:
    """A built file, parsed once per session; tests only read it."""
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def built_html(site: Path) -> list[str]:
    """Every HTML file of the built site, relative to it."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def resolve(page: str, href: str) -> str:
    """`href` found on built file `page`, resolved like a browser does: a root-relative path."""
    return urlsplit(urljoin("http://site" + url_of(page), href)).path


def file_for(site: Path, url_path: str) -> Path:
    """The file a static server sends for a root-relative URL path."""
    target = site / url_path.lstrip("/")
    return target / "index.html" if url_path.endswith("/") or target.is_dir() else target
