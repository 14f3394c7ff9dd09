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
    "kontakt/index.html",
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
# Where each Finnish collection and article is published: its docs path (without .md) and
# its localized URL (the `slug` of the collection and of the article, in Finnish).
FI_URLS = {
    "dostava": "toimitus",
    "dostava/carina-i-pristojbe": "toimitus/tulli-ja-arvonlisavero",
    "dostava/paket-nije-stigao": "toimitus/paketti-ei-tullut",
    "dostava/promjena-adrese-dostave": "toimitus/toimitusosoitteen-muuttaminen",
    "dostava/rokovi-i-cijene-dostave": "toimitus/toimitusajat-ja-kulut",
    "korisnicka-sluzba": "asiakaspalvelu",
    "korisnicka-sluzba/kontakt-korisnicke-sluzbe": "asiakaspalvelu/yhteys-asiakaspalveluun",
    "korisnicka-sluzba/reklamacija-ostecenog-proizvoda": "asiakaspalvelu/viallisen-tuotteen-reklamaatio",
    "narudzbe": "tilaukset",
    "narudzbe/otkazivanje-narudzbe": "tilaukset/tilauksen-peruminen",
    "narudzbe/potvrda-narudzbe-nije-stigla": "tilaukset/tilausvahvistus-puuttuu",
    "narudzbe/pracenje-narudzbe": "tilaukset/tilauksen-seuranta",
    "narudzbe/promjena-narudzbe": "tilaukset/tilauksen-muuttaminen",
    "placanje": "maksaminen",
    "placanje/nacini-placanja": "maksaminen/maksutavat",
    "placanje/problemi-s-placanjem": "maksaminen/maksu-ei-onnistu",
    "placanje/verkkopankkimaksu": "maksaminen/verkkopankkimaksu",
    "povrat": "palautukset",
    "povrat/povrat-novca": "palautukset/rahojen-palautus",
    "povrat/povrat-proizvoda": "palautukset/tuotteen-palautus",
    "povrat/zamjena-proizvoda": "palautukset/tuotteen-vaihto",
}
FI_PAGES = [
    "fi/index.html",
    "fi/404.html",
    "fi/tags/index.html",
    "fi/saavutettavuusseloste/index.html",
    "fi/yhteystiedot/index.html",
    *(f"fi/{url}/index.html" for url in FI_URLS.values()),
]
# The Finnish URLs the site published before its Finnish slugs: each redirects (urls.lock).
REDIRECT_PAGES = [f"fi/{source}/index.html" for source in FI_URLS]
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
    "fi/toimitus/preuzimanje-u-paketomatu/index.html",
    "fi/maksaminen/placanje-na-rate/index.html",
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
    return f"{HOME[lang]}{FI_URLS.get(slug, slug) if lang == 'fi' else slug}/"


def built_path(lang: str, slug: str) -> str:
    """The built file of `docs/<lang>/<slug>.md` (or of a collection folder)."""
    return page_url(lang, slug).removeprefix("/") + "index.html"


def source_of(path: str) -> str:
    """The docs path (without .md, inside its language folder) of a built page."""
    if not path.startswith("fi/"):
        return str(PurePosixPath(path).parent)
    url = str(PurePosixPath(path.removeprefix("fi/")).parent)
    return next((slug for slug, fi_url in FI_URLS.items() if fi_url == url), url)


def articles(lang: str) -> list[str]:
    """Built files of a language's articles: `<collection>/<slug>/index.html`."""
    pages = HR_PAGES if lang == "hr" else FI_PAGES
    return [
        p
        for p in pages
        if len(PurePosixPath(source_of(p)).parts) == 2
        and PurePosixPath(source_of(p)).parts[0] in COLLECTIONS
    ]


def collections(lang: str) -> list[str]:
    return [built_path(lang, slug) for slug in COLLECTIONS]


@functools.cache
def soup_of(site: Path, path: str) -> BeautifulSoup:
    """A built file, parsed once per session; tests only read it."""
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def built_html(site: Path, *, redirects: bool = False) -> list[str]:
    """Every HTML file of the built site, relative to it; without the redirect pages left at
    old URLs (urls.lock) unless `redirects`."""
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return files if redirects else [f for f in files if f not in REDIRECT_PAGES]


def resolve(page: str, href: str) -> str:
    """`href` found on built file `page`, resolved like a browser does: a root-relative path."""
    return urlsplit(urljoin("http://site" + url_of(page), href)).path


def file_for(site: Path, url_path: str) -> Path:
    """The file a static server sends for a root-relative URL path."""
    target = site / url_path.lstrip("/")
    return target / "index.html" if url_path.endswith("/") or target.is_dir() else target
