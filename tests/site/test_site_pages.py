"""The built starter site, page by page: output paths, back-to-top links, breadcrumbs, related
articles, single-language articles, language switcher, `<html lang>`, no third-party resources."""

from __future__ import annotations

import gzip
import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from helpcenter.front_matter import parse_document
from tests.site.support import (
    ABSENT_PAGES,
    COLLECTIONS,
    FI_PAGES,
    FI_URLS,
    HOME,
    HR_PAGES,
    LANGS,
    REDIRECT_PAGES,
    SINGLE_LANGUAGE,
    TAG_PAGES,
    articles,
    built_html,
    built_path,
    collections,
    file_for,
    lang_of,
    other,
    page_url,
    resolve,
    soup_of,
    source_of,
    url_of,
)
from tests.support import ROOT

BACK_TO_TOP = {"hr": "Povratak na vrh ▲", "fi": "Takaisin ylös ▲"}
ALL_COLLECTIONS = {"hr": "Sve kategorije", "fi": "Kaikki kokoelmat"}
RELATED_TITLE = {"hr": "Možda vas zanima i", "fi": "Sinua voisi kiinnostaa myös"}
RELATED_LIMIT = 5
# An article with four `##` sections in both languages.
LONG_ARTICLE = "narudzbe/otkazivanje-narudzbe/index.html"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def is_tag_page(path: str) -> bool:
    return path.removeprefix("fi/").startswith("tags/")


def in_lang(lang: str, path: str) -> str:
    """A built file of the hr site in language `lang` (collections and articles at their
    Finnish URLs, other pages under `fi/`)."""
    source = source_of(path)
    if source in FI_URLS:
        return built_path(lang, source)
    return path if lang == "hr" else f"fi/{path}"


def counterpart(path: str) -> str:
    """The same page in the other language."""
    source = source_of(path)
    if source in FI_URLS:
        return built_path(other(lang_of(path)), source)
    return path.removeprefix("fi/") if lang_of(path) == "fi" else f"fi/{path}"


def slug_of(path: str) -> str:
    """`fi/tilaukset/x/index.html` -> `narudzbe/<file>`: the page's docs path."""
    return source_of(path)


# 1. Output paths


def test_every_expected_page_of_both_languages_is_built(built_site: Path) -> None:
    """Articles, collections, homes, tags indexes, 404 pages and sampled tag pages exist."""
    missing = [p for p in [*HR_PAGES, *FI_PAGES, *TAG_PAGES] if not (built_site / p).is_file()]
    assert missing == []


def test_no_other_page_is_built(built_site: Path) -> None:
    """Apart from tag pages, the site has exactly the listed pages (no fallback copies), and a
    redirect page at every Finnish URL published before the Finnish slugs."""
    built = {p for p in built_html(built_site, redirects=True) if not is_tag_page(p)}
    assert built == {p for p in [*HR_PAGES, *FI_PAGES, *REDIRECT_PAGES] if not is_tag_page(p)}
    for old in REDIRECT_PAGES:
        refresh = soup_of(built_site, old).find("meta", attrs={"http-equiv": "refresh"})
        assert refresh is not None, old
        target = resolve(old, str(refresh["content"]).split("url=", 1)[1])
        assert target == page_url("fi", source_of(old)), old


def test_the_lists_match_the_articles_in_docs() -> None:
    """The hand-written lists name exactly the articles of docs/hr and docs/fi."""
    for lang in LANGS:
        sources = {
            p.relative_to(ROOT / "docs" / lang).with_suffix("").as_posix()
            for p in (ROOT / "docs" / lang).glob("*/*.md")
            if p.name != "index.md"
        }
        assert sources == {slug_of(p) for p in articles(lang)}, lang


def test_single_language_articles_are_not_built_in_the_other_language(built_site: Path) -> None:
    """The three `translate: false` articles have a source and a page in one language only."""
    for lang, slug, _title in SINGLE_LANGUAGE:
        assert (ROOT / "docs" / lang / f"{slug}.md").is_file()
        assert not (ROOT / "docs" / other(lang) / f"{slug}.md").exists()
    built = [p for p in ABSENT_PAGES if (built_site / p).parent.exists()]
    assert built == []


# 2. Back-to-top links


def split_sections(body: Tag) -> tuple[list[Tag], list[list[Tag]]]:
    """The article body's introduction and its `##` sections, as top-level elements."""
    intro: list[Tag] = []
    sections: list[list[Tag]] = []
    for child in body.find_all(True, recursive=False):
        if child.name == "h2":
            sections.append([child])
        elif sections:
            sections[-1].append(child)
        else:
            intro.append(child)
    return intro, sections


def labelled_links(elements: list[Tag], label: str) -> list[Tag]:
    return [a for el in elements for a in el.find_all("a") if a.get_text(strip=True) == label]


def check_back_to_top(soup: BeautifulSoup, lang: str) -> int:
    """Assert one localized top link closing each section and none in the intro; count sections."""
    body = soup.select_one(".hc-article__body")
    assert body is not None
    intro, sections = split_sections(body)
    assert len(sections) == len(body.find_all("h2"))  # every `##` is a top-level section
    assert labelled_links(intro, BACK_TO_TOP[lang]) == []
    for section in sections:
        links = labelled_links(section, BACK_TO_TOP[lang])
        assert len(links) == 1, section[0].get_text(strip=True)
        assert any(a is links[0] for a in section[-1].find_all("a"))  # it closes the section
        href = urlsplit(links[0]["href"])
        assert href.path == "" and href.fragment
        target = soup.find(id=href.fragment)
        assert isinstance(target, Tag)
        # The top of the page: nothing readable or focusable comes before the target.
        assert target.find_previous(["a", "p", "h1", "h2", "header", "main", "nav"]) is None
    top_links = body.select("a[data-hc-top]")
    assert len(top_links) == len(sections)
    return len(sections)


@pytest.mark.parametrize("lang", LANGS)
def test_back_to_top_after_each_section_of_a_long_article(built_site: Path, lang: str) -> None:
    """An article with 4 sections has a localized top link after each of them, not the intro."""
    soup = soup_of(built_site, in_lang(lang, LONG_ARTICLE))
    assert check_back_to_top(soup, lang) >= 3


@pytest.mark.parametrize("lang", LANGS)
def test_back_to_top_after_each_section_of_every_article(built_site: Path, lang: str) -> None:
    """Every article of both languages has exactly one top link per section."""
    counts = [check_back_to_top(soup_of(built_site, path), lang) for path in articles(lang)]
    assert min(counts) >= 1


# 3. Breadcrumbs


def crumb_items(soup: BeautifulSoup) -> list[Tag]:
    nav = soup.select_one("nav.hc-breadcrumbs")
    assert nav is not None
    return nav.select("ol > li")


def check_crumb(site: Path, page: str, item: Tag, *, text: str, url: str) -> None:
    link = item.find("a")
    assert isinstance(link, Tag), page
    assert link.get_text(strip=True) == text, page
    assert resolve(page, link["href"]) == url, page
    assert file_for(site, resolve(page, link["href"])).is_file(), page


def check_current_crumb(soup: BeautifulSoup, item: Tag) -> None:
    current = item.select_one('[aria-current="page"]')
    assert current is not None and item.find("a") is None
    assert current.get_text(strip=True) == soup.find("h1").get_text(strip=True)


@pytest.mark.parametrize("lang", LANGS)
def test_article_breadcrumbs_lead_to_home_and_collection(built_site: Path, lang: str) -> None:
    """All collections > collection > article, localized, linking within the same language."""
    for page in articles(lang):
        soup = soup_of(built_site, page)
        items = crumb_items(soup)
        assert len(items) == 3, page
        check_crumb(built_site, page, items[0], text=ALL_COLLECTIONS[lang], url=HOME[lang])
        collection = str(PurePosixPath(page).parent.parent / "index.html")
        title = soup_of(built_site, collection).find("h1").get_text(strip=True)
        check_crumb(built_site, page, items[1], text=title, url=url_of(collection))
        check_current_crumb(soup, items[2])


@pytest.mark.parametrize("lang", LANGS)
def test_collection_breadcrumbs_lead_to_home(built_site: Path, lang: str) -> None:
    """All collections > collection on every collection page, localized."""
    for page in collections(lang):
        soup = soup_of(built_site, page)
        items = crumb_items(soup)
        assert len(items) == 2, page
        check_crumb(built_site, page, items[0], text=ALL_COLLECTIONS[lang], url=HOME[lang])
        check_current_crumb(soup, items[1])


# 4. Related articles


@pytest.mark.parametrize("lang", LANGS)
def test_related_articles_on_every_article(built_site: Path, lang: str) -> None:
    """At most 5, never the page itself, each an existing article of the same language."""
    own_articles = {url_of(p): p for p in articles(lang)}
    for page in articles(lang):
        section = soup_of(built_site, page).select_one("section.hc-related")
        assert section is not None, page
        assert section.find("h2").get_text(strip=True) == RELATED_TITLE[lang]
        links = section.select("li a")
        assert 1 <= len(links) <= RELATED_LIMIT, page
        targets = [resolve(page, a["href"]) for a in links]
        assert url_of(page) not in targets
        assert len(set(targets)) == len(targets), page
        for link, target in zip(links, targets, strict=True):
            assert target in own_articles, (page, target)
            assert file_for(built_site, target).is_file()
            h1 = soup_of(built_site, own_articles[target]).find("h1")
            assert link.get_text(strip=True) == h1.get_text(strip=True)


# 5. Single-language articles are absent everywhere in the other language


def mentions(soup: BeautifulSoup, needles: tuple[str, ...]) -> list[str]:
    """Attribute values and texts (scripts and JSON-LD included) containing any needle."""
    found = []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            for item in value if isinstance(value, list) else [value]:
                if any(n in item for n in needles):
                    found.append(f"<{tag.name} {name}={item!r}>")
    found += [
        str(s).strip()[:120] for s in soup.find_all(string=True) if any(n in s for n in needles)
    ]
    return found


def needles(slug: str, title: str) -> tuple[str, ...]:
    return (PurePosixPath(slug).name, title)


@pytest.mark.parametrize(("lang", "slug", "title"), SINGLE_LANGUAGE)
def test_single_language_article_is_in_no_page_of_the_other_language(
    built_site: Path, lang: str, slug: str, title: str
) -> None:
    """No page, menu, collection list, tag page or related list of the other language names it."""
    other_pages = [p for p in built_html(built_site) if lang_of(p) == other(lang)]
    assert len(other_pages) >= len(FI_PAGES)
    found = {
        page: hits
        for page in other_pages
        if (hits := mentions(soup_of(built_site, page), needles(slug, title)))
    }
    assert found == {}
    # The search does work: its own language's collection page names it.
    collection = in_lang(lang, f"{PurePosixPath(slug).parent}/index.html")
    assert mentions(soup_of(built_site, collection), needles(slug, title)) != []


def sitemap_entries(site: Path) -> list[tuple[str, dict[str, str]]]:
    """(URL path, {hreflang: URL path}) of every sitemap entry."""
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    return [
        (
            urlsplit(url.findtext(f"{SM}loc") or "").path,
            {
                link.get("hreflang", ""): urlsplit(link.get("href", "")).path
                for link in url.iter(f"{XHTML}link")
            },
        )
        for url in root.iter(f"{SM}url")
    ]


@pytest.mark.parametrize(("lang", "slug", "title"), SINGLE_LANGUAGE)
def test_single_language_article_is_in_no_sitemap_entry_of_the_other_language(
    built_site: Path, lang: str, slug: str, title: str
) -> None:
    """The sitemap lists it once, without an alternate in the other language, and nowhere else."""
    entries = sitemap_entries(built_site)
    own = [alternates for loc, alternates in entries if loc == page_url(lang, slug)]
    assert len(own) == 1 and other(lang) not in own[0]
    for loc, alternates in entries:
        urls = [loc, *alternates.values()]
        assert page_url(other(lang), slug) not in urls
        if lang_of(loc.lstrip("/")) == other(lang):
            assert [u for u in urls if PurePosixPath(slug).name in u] == [], loc


def search_fragments(bundle: Path) -> list[dict]:
    """The pages of a Pagefind index: gzip-compressed JSON after a `pagefind_dcd` signature."""
    fragments = []
    for file in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(file.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragments.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return fragments


@pytest.mark.parametrize(("lang", "slug", "title"), SINGLE_LANGUAGE)
def test_single_language_article_is_not_in_the_other_languages_search_index(
    built_site: Path, lang: str, slug: str, title: str
) -> None:
    """The other language's Pagefind pages are exactly its articles; none names this one."""
    bundle = built_site / HOME[other(lang)].lstrip("/") / "pagefind"
    fragments = search_fragments(bundle)
    assert {f["url"] for f in fragments} == {url_of(p) for p in articles(other(lang))}
    name = PurePosixPath(slug).name
    for fragment in fragments:
        assert name not in fragment["url"]
        assert title not in (fragment["meta"]["title"], fragment["content"])
    for extra in ("helpcenter-search.json", "helpcenter-vocabulary.json"):
        text = (bundle / extra).read_text(encoding="utf-8")
        assert name not in text and title not in text
    own = search_fragments(built_site / HOME[lang].lstrip("/") / "pagefind")
    assert page_url(lang, slug) in {f["url"] for f in own}


@pytest.mark.parametrize(("lang", "slug", "title"), SINGLE_LANGUAGE)
def test_single_language_article_is_in_the_manifest_of_its_language_only(
    built_site: Path, lang: str, slug: str, title: str
) -> None:
    """helpcenter-manifest.json lists it under its language only."""
    manifest = json.loads((built_site / "helpcenter-manifest.json").read_text(encoding="utf-8"))
    listed = [
        a["lang"]
        for a in manifest["articles"]
        if a["page"] == f"{slug}.md" or a["title"] == title or a["url"] == page_url(lang, slug)
    ]
    assert listed == [lang]


# 6. Language switcher


def switcher(soup: BeautifulSoup) -> dict[str, str]:
    """Material's language selector: {hreflang: href}."""
    return {a["hreflang"]: a["href"] for a in soup.select(".md-select a.md-select__link[hreflang]")}


def single_language_pages(lang: str) -> set[str]:
    return {
        in_lang(lang, f"{slug}/index.html") for code, slug, _ in SINGLE_LANGUAGE if code == lang
    }


@pytest.mark.parametrize("lang", LANGS)
def test_switcher_on_an_article_leads_to_its_translation_or_the_other_home(
    built_site: Path, lang: str
) -> None:
    """Translated articles switch to the same article; single-language ones to the other home."""
    untranslated = single_language_pages(lang)
    assert untranslated <= set(articles(lang))
    for page in articles(lang):
        links = switcher(soup_of(built_site, page))
        assert set(links) == set(LANGS), page
        assert resolve(page, links[lang]) == url_of(page)
        expected = HOME[other(lang)] if page in untranslated else url_of(counterpart(page))
        assert resolve(page, links[other(lang)]) == expected, page
        assert file_for(built_site, expected).is_file()


def test_switcher_on_homes_collections_and_404_pages(built_site: Path) -> None:
    """Homes, collections and the accessibility statements switch to their counterpart; a 404
    page to the other home."""
    expected = {
        **{page: url_of(counterpart(page)) for lang in LANGS for page in collections(lang)},
        "izjava-o-pristupacnosti/index.html": "/fi/saavutettavuusseloste/",
        "fi/saavutettavuusseloste/index.html": "/izjava-o-pristupacnosti/",
        "index.html": "/fi/",
        "fi/index.html": "/",
        "404.html": "/fi/",
        "fi/404.html": "/",
    }
    found = {
        page: resolve(page, switcher(soup_of(built_site, page))[other(lang_of(page))])
        for page in expected
    }
    assert found == expected


# 7. <html lang>


def test_html_lang_is_the_language_of_every_page(built_site: Path) -> None:
    """`<html lang>` is hr on every hr page and fi on every fi page."""
    pages = built_html(built_site)
    assert len(pages) >= len(HR_PAGES) + len(FI_PAGES) + len(TAG_PAGES)
    wrong = {
        page: lang
        for page in pages
        if (lang := soup_of(built_site, page).html.get("lang")) != lang_of(page)
    }
    assert wrong == {}


# 8. No third-party resources

LOADED_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
# <link> relations the browser does not load: they only describe the page.
DESCRIPTIVE_LINKS = {"canonical", "alternate", "prev", "next"}
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""")


def css_urls(css: str) -> list[str]:
    css = CSS_COMMENT.sub("", css)
    return ["".join(m) for m in [*CSS_URL.findall(css), *CSS_IMPORT.findall(css)]]


def loaded_urls(soup: BeautifulSoup) -> list[str]:
    """Every URL the browser would fetch for this HTML (not plain navigation links)."""
    urls: list[str] = []
    for tag in soup.find_all(list(LOADED_ATTRIBUTES)):
        if tag.name == "link" and set(tag.get("rel") or []) <= DESCRIPTIVE_LINKS:
            continue
        for attribute in LOADED_ATTRIBUTES[tag.name]:
            value = tag.get(attribute)
            if not value:
                continue
            if attribute == "srcset":
                urls += [part.split()[0] for part in value.split(",") if part.strip()]
            else:
                urls.append(value)
    for tag in soup.find_all(style=True):
        urls += css_urls(tag["style"])
    for style in soup.find_all("style"):
        urls += css_urls(style.get_text())
    return urls


def is_external(url: str, origin: str) -> bool:
    """Loaded from anywhere but the site: another host, or another port of this one."""
    parts = urlsplit(url.strip())
    if parts.scheme in ("data", "blob"):
        return False
    return bool(parts.scheme or parts.netloc) and parts.netloc != origin


def site_origin(site: Path) -> str:
    canonical = soup_of(site, "index.html").select_one("link[rel=canonical]")
    assert canonical is not None
    return urlsplit(canonical["href"]).netloc


def test_html_loads_nothing_from_another_host(built_site: Path) -> None:
    """Scripts, styles, images, frames and inline CSS of every page come from the site itself."""
    origin = site_origin(built_site)
    checked = 0
    outside = []
    for page in built_html(built_site):
        urls = loaded_urls(soup_of(built_site, page))
        checked += len(urls)
        outside += [(page, u) for u in urls if is_external(u, origin)]
    assert outside == []
    assert checked >= 4 * len(built_html(built_site))  # stylesheets and scripts on every page


def test_css_loads_nothing_from_another_host(built_site: Path) -> None:
    """Every url(...) and @import of the built stylesheets is local (data: URIs included)."""
    origin = site_origin(built_site)
    urls = {
        css.relative_to(built_site).as_posix(): css_urls(css.read_text(encoding="utf-8"))
        for css in built_site.rglob("*.css")
    }
    assert sum(map(len, urls.values())) > 0
    outside = [(css, u) for css, found in urls.items() for u in found if is_external(u, origin)]
    assert outside == []


def test_contact_links_are_navigation_not_resources(built_site: Path) -> None:
    """The chat, e-mail and phone links are plain `<a href>` and are not counted as loads."""
    soup = soup_of(built_site, "index.html")
    hrefs = [a["href"] for a in soup.select(".hc-contact a[href]")]
    assert "https://lanterna.example/chat" in hrefs
    assert [u for u in loaded_urls(soup) if "lanterna.example" in u] == []


def test_no_google_fonts_anywhere(built_site: Path) -> None:
    """No built file, compressed search data included, mentions Google Fonts."""
    files = [p for p in built_site.rglob("*") if p.is_file()]
    assert len(files) > len(HR_PAGES) + len(FI_PAGES)
    found = []
    for file in files:
        data = file.read_bytes()
        if data.startswith(b"\x1f\x8b"):
            data = gzip.decompress(data)
        found += [
            (file.relative_to(built_site).as_posix(), host)
            for host in (b"fonts.googleapis.com", b"fonts.gstatic.com")
            if host in data
        ]
    assert found == []


def collection_titles(lang: str) -> set[str]:
    """The `title` of every collection's `index.md`, as the editor wrote it."""
    titles = set()
    for slug in COLLECTIONS:
        text = (ROOT / "docs" / lang / slug / "index.md").read_text(encoding="utf-8")
        titles.add(str(parse_document(text, path=slug).meta["title"]))
    return titles


@pytest.mark.parametrize("lang", LANGS)
def test_navigation_sections_are_named_after_their_collections(built_site: Path, lang: str) -> None:
    """The sidebar names each section by its collection's title, not by its folder name."""
    soup = soup_of(built_site, in_lang(lang, "narudzbe/otkazivanje-narudzbe/index.html"))
    sections = soup.select("nav.md-nav--primary > ul > li.md-nav__item--section")
    labels = {
        " ".join(section.select_one(".md-nav__link").get_text(" ", strip=True).split())
        for section in sections
    }
    assert labels == collection_titles(lang)


def test_our_scripts_are_minified_in_the_site(built_site: Path) -> None:
    """Visitors download the minified scripts; the readable sources stay in overrides/."""
    for name in ("search/engine.js", "search/ranking.js", "helpcenter.js"):
        source = (ROOT / "overrides/assets/javascripts" / name).read_text(encoding="utf-8")
        built = (built_site / "assets/javascripts" / name).read_text(encoding="utf-8")
        assert len(built) < 0.8 * len(source), name
        assert "\n  //" not in built, name


def _article_links(soup: BeautifulSoup, selector: str, page: str) -> list[str]:
    return [resolve(page, a["href"]) for a in soup.select(selector)]


@pytest.mark.parametrize("lang", LANGS)
def test_sidebar_and_footer_follow_the_collection_page_order(built_site: Path, lang: str) -> None:
    """One order everywhere: the sidebar and previous/next links list a collection's articles
    as its collection page does."""
    for collection in collections(lang):
        listed = _article_links(
            soup_of(built_site, collection), ".hc-article-list a[href]", collection
        )
        assert len(listed) >= 2, collection
        first = file_for(built_site, listed[0]).relative_to(built_site).as_posix()
        soup = soup_of(built_site, first)
        slug = PurePosixPath(collection).parent.name
        section = next(
            s
            for s in soup.select("nav.md-nav--primary > ul > li.md-nav__item--section")
            if any(resolve(first, a["href"]) == url_of(collection) for a in s.select("a[href]"))
        )
        sidebar = [
            url
            for url in _article_links(section, "a.md-nav__link[href]", first)
            if url.startswith(url_of(collection)) and url != url_of(collection)
        ]
        assert list(dict.fromkeys(sidebar)) == listed, slug
        for current, following in itertools.pairwise(listed):
            page = file_for(built_site, current).relative_to(built_site).as_posix()
            footer = soup_of(built_site, page).select_one("a.md-footer__link--next")
            assert footer is not None and resolve(page, footer["href"]) == following, page


# Accessibility statement

STATEMENT = {
    "hr": "izjava-o-pristupacnosti/index.html",
    "fi": "fi/saavutettavuusseloste/index.html",
}
STATEMENT_WORDS = {
    "hr": {
        "title": "Izjava o pristupačnosti",
        "status": "Stranice su u potpunosti usklađene sa zahtjevima WCAG 2.2 AA (EN 301 549).",
        "limitation": "Pretraživanje radi samo uz uključen JavaScript.",
        "reviewed": "Izjava je posljednji put preispitana 3. prosinca 2026.",
    },
    "fi": {
        "title": "Saavutettavuusseloste",
        "status": "Sivut täyttävät WCAG 2.2 AA (EN 301 549) -vaatimukset kokonaan.",
        "limitation": "Haku toimii vain, kun JavaScript on käytössä.",
        "reviewed": "Seloste on tarkistettu viimeksi 3. joulukuuta 2026.",
    },
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_accessibility_statement_of_each_language(built_site: Path, lang: str) -> None:
    """Conformance status, how it was assessed, known limitations, a written contact channel
    and the date of the last review, in the page's language, from mkdocs.yml."""
    soup = soup_of(built_site, STATEMENT[lang])
    words = STATEMENT_WORDS[lang]
    main = soup.select_one("#hc-main")
    assert main is not None and soup.h1 is not None
    assert soup.h1.get_text(strip=True) == words["title"]
    text = main.get_text(" ", strip=True)
    assert words["status"] in text
    limitations = [
        li.get_text(" ", strip=True) for li in main.select(".hc-statement__limitations li")
    ]
    assert len(limitations) == 1 and limitations[0].startswith(words["limitation"])
    reviewed = main.select_one(".hc-statement__reviewed time")
    assert reviewed is not None and reviewed["datetime"] == "2026-12-03"
    assert reviewed.get_text(strip=True) == words["reviewed"]
    written = [a["href"] for a in main.select(".hc-contact a[href]")]
    assert any(href.startswith("mailto:") for href in written), written
    assert soup.html is not None and soup.html["lang"] == lang


def test_every_page_links_to_its_languages_statement_in_the_footer(built_site: Path) -> None:
    for path in built_html(built_site):
        soup = soup_of(built_site, path)
        links = soup.select("footer .md-copyright a.hc-footer__statement")
        assert len(links) == 1, path
        target = resolve(path, str(links[0]["href"]))
        assert target == "/" + STATEMENT[lang_of(path)].removesuffix("index.html"), path
