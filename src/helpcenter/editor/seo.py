"""Search-engine and sharing metadata: head tags, JSON-LD, the sitemap and robots.txt.

Everything is computed from the content and `site_url`, never from the clock, so the same
commit always produces the same bytes.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from babel.core import get_global

from helpcenter.editor.links import relative_url
from helpcenter.editor.project import Project, page_url
from helpcenter.page_context import TAGS_FOLDER, PageContext, PageKind

PUBLISH_ENV = "HELPCENTER_PUBLISH"
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", ""}


def publishing(environ: Mapping[str, str] | None = None) -> bool:
    """A publishing build is asked for explicitly with HELPCENTER_PUBLISH=1 (the CI workflow)."""
    value = (environ if environ is not None else os.environ).get(PUBLISH_ENV, "")
    return value.strip().lower() in {"1", "true", "yes"}


def is_public(site_url: str | None) -> bool:
    """Whether `site_url` is a real public address rather than a local preview's."""
    return bool(site_url) and (urlsplit(site_url or "").hostname or "") not in _LOCAL_HOSTS


def publish_problem(
    site_url: str | None, *, environ: Mapping[str, str] | None = None
) -> str | None:
    """Why a publishing build cannot go ahead with this `site_url`; None when it can."""
    if not publishing(environ):
        return None
    if is_public(site_url):
        return None
    shown = site_url or "not set"
    return (
        f"{PUBLISH_ENV}=1 builds the site for publishing, but site_url is {shown}: canonical URLs, "
        "hreflang alternates, the sitemap and robots.txt need the public address. "
        "Set it, e.g. SITE_URL=https://help.example.com/ mkdocs build --strict"
    )


def og_locale(lang: str) -> str:
    """Open Graph locale of a language: hr -> hr_HR, fi -> fi_FI (CLDR's likely territory)."""
    likely = str(get_global("likely_subtags").get(lang, lang))
    parts = likely.split("_")
    territory = next((p for p in parts[1:] if p.isupper() and len(p) == 2), None)
    return f"{lang}_{territory}" if territory else lang


def json_ld(data: Mapping[str, Any]) -> str:
    """JSON for a `<script type="application/ld+json">`: `<`, `>`, `&` escaped so that no
    text in the content can close the script element or start a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


@dataclass(frozen=True)
class PageSeo:
    """The `hc_seo` template variable (overrides/partials/hc/seo.html)."""

    lang: str
    og_locale: str
    og_locale_alternates: tuple[str, ...]
    og_type: str
    title: str
    description: str
    url: str | None
    site_name: str
    modified: str | None
    published: str | None
    author: str | None  # the byline's name, for `<meta name="author">`
    image: str | None  # absolute URL of the share image
    alternates: tuple[Alternate, ...]  # for the head: absolute once `site_url` is public
    sitemap_alternates: tuple[Alternate, ...]  # always absolute
    json_ld: tuple[str, ...]

    @property
    def lastmod(self) -> str | None:
        """The sitemap's date of the last change (the day of `modified`, in its own offset)."""
        return self.modified[:10] if self.modified else None


def languages_with(project: Project, rel: str, *, kind: PageKind | None, lang: str) -> list[str]:
    """The languages that publish the page `rel` (path inside a language folder)."""
    if kind == PageKind.TAGS:
        return project.codes  # the tags index is generated in every language
    if kind == PageKind.TAG or rel.startswith(TAGS_FOLDER + "/"):
        return [lang]  # tags differ per language
    return [code for code in project.codes if (project.docs_dir / code / rel).is_file()]


def alternates(
    project: Project, rel: str, langs: Iterable[str], *, relative_to: str | None = None
) -> tuple[Alternate, ...]:
    """hreflang alternates plus x-default (the default language's version); none when the page
    exists in one language only or the site has no `site_url`.

    Absolute URLs, unless `relative_to` (the current page's root-relative URL) is given.
    """
    langs = [lang for lang in project.codes if lang in set(langs)]
    if len(langs) < 2 or not project.site_url:
        return ()
    found = []
    for lang in langs:
        url = page_url(f"{lang}/{rel}", project=project) or ""
        if relative_to is not None:
            href = relative_url(url, current=relative_to)
        else:
            href = project.absolute_url(url) or url
        found.append(Alternate(lang, href))
    default = next((a for a in found if a.hreflang == project.default_lang), None)
    if default is not None:
        found.append(Alternate("x-default", default.href))
    return tuple(found)


def _abs(project: Project, url: str) -> str | None:
    return project.absolute_url(url)


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def _breadcrumbs(
    project: Project, hc: PageContext, *, title: str, url: str | None
) -> dict[str, Any]:
    items = [
        _compact(
            {
                "@type": "ListItem",
                "position": i,
                "name": crumb.title,
                "item": _abs(project, crumb.url),
            }
        )
        for i, crumb in enumerate(hc.breadcrumbs, start=1)
    ]
    items.append(
        _compact({"@type": "ListItem", "position": len(items) + 1, "name": title, "item": url})
    )
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}


def share_image_url(project: Project, *, src: str, image: object) -> str | None:
    """Absolute URL of a page's share image: its front matter `image` (relative to the page's
    file `src`), else the site's `share_image`; None without either or without `site_url`."""
    if isinstance(image, str) and image:
        url = page_url((PurePosixPath(src).parent / image).as_posix(), project=project)
    else:
        url = project.share_image
    return project.absolute_url(url) if url else None


def structured_data(
    project: Project,
    hc: PageContext,
    *,
    title: str,
    url: str | None,
    site_name: str,
    image: str | None = None,
) -> list[dict[str, Any]]:
    """schema.org objects: Article + BreadcrumbList on articles, CollectionPage + BreadcrumbList
    on collections, nothing elsewhere. Not FAQPage: Google shows its rich results only for
    government and health sites, and an article answers one question, not a list of them."""
    logo = _abs(project, project.publisher_logo) if project.publisher_logo else None
    publisher = _compact(
        {
            "@type": "Organization",
            "name": site_name,
            "url": _abs(project, project.language(hc.lang).home_url)
            if hc.lang in project.codes
            else None,
            "logo": {"@type": "ImageObject", "url": logo} if logo else None,
        }
    )
    if hc.kind == PageKind.ARTICLE:
        byline = hc.byline
        author = (
            {"@type": "Person", "name": byline.author_name}
            if byline is not None and byline.author_name
            else publisher
        )
        article = _compact(
            {
                "@context": "https://schema.org",
                "@type": "Article",
                "headline": title,
                "description": hc.description,
                "inLanguage": hc.lang,
                "url": url,
                "mainEntityOfPage": url,
                "datePublished": byline.published_time if byline else None,
                "dateModified": byline.modified_time if byline else None,
                "image": image,
                "author": author,
                "publisher": publisher,
            }
        )
        return [article, _breadcrumbs(project, hc, title=title, url=url)]
    if hc.kind == PageKind.COLLECTION:
        collection = _compact(
            {
                "@context": "https://schema.org",
                "@type": "CollectionPage",
                "name": title,
                "description": hc.description,
                "inLanguage": hc.lang,
                "url": url,
                "image": image,
                "hasPart": [
                    _compact(
                        {
                            "@type": "Article",
                            "headline": link.title,
                            "description": link.description,
                            "url": _abs(project, link.url),
                        }
                    )
                    for link in hc.articles
                ],
            }
        )
        return [collection, _breadcrumbs(project, hc, title=title, url=url)]
    return []


def page_seo(
    project: Project,
    *,
    src: str,
    lang: str,
    hc: PageContext | None,
    page_title: str,
    description: str,
    canonical: str | None,
    site_name: str,
    image: object = None,
) -> PageSeo:
    """Head metadata of one built page; `src` is the docs path (`fi/narudzbe/x.md`), `image`
    its front matter's `image` (already validated)."""
    parts = src.split("/", 1)
    rel = parts[1] if len(parts) == 2 and parts[0] in project.codes else src
    kind = hc.kind if hc is not None else None
    title = (hc.title if hc is not None and hc.title else page_title) or site_name
    if kind == PageKind.HOME:
        title = site_name
    langs = languages_with(project, rel, kind=kind, lang=lang)
    absolute = alternates(project, rel, langs)
    # Material's JavaScript fetches `<alternate>/sitemap.xml` for every alternate link: with a
    # local placeholder `site_url`, absolute links would send a preview to another host.
    head = (
        absolute
        if is_public(project.site_url)
        else alternates(project, rel, langs, relative_to=page_url(src, project=project) or "")
    )
    modified = hc.byline.modified_time if hc is not None and hc.byline is not None else None
    published = hc.byline.published_time if hc is not None and hc.byline is not None else None
    image_url = share_image_url(project, src=src, image=image)
    data = (
        structured_data(
            project, hc, title=title, url=canonical, site_name=site_name, image=image_url
        )
        if hc
        else []
    )
    return PageSeo(
        lang=lang,
        og_locale=og_locale(lang),
        og_locale_alternates=tuple(og_locale(code) for code in langs if code != lang),
        og_type="article" if kind == PageKind.ARTICLE else "website",
        title=title,
        description=(hc.description if hc is not None and hc.description else description),
        url=canonical,
        site_name=site_name,
        modified=modified,
        published=published,
        author=hc.byline.author_name if hc is not None and hc.byline is not None else None,
        image=image_url,
        alternates=head,
        sitemap_alternates=absolute,
        json_ld=tuple(json_ld(item) for item in data),
    )


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str | None
    alternates: tuple[Alternate, ...]


def sitemap_xml(entries: Iterable[SitemapEntry]) -> str:
    """A sitemap with hreflang alternates, sorted by URL; `lastmod` is the content's date."""
    unique = {entry.loc: entry for entry in entries}
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for loc in sorted(unique):
        entry = unique[loc]
        out.append("  <url>")
        out.append(f"    <loc>{escape(entry.loc)}</loc>")
        if entry.lastmod:
            out.append(f"    <lastmod>{escape(entry.lastmod)}</lastmod>")
        for alt in entry.alternates:
            out.append(
                f'    <xhtml:link rel="alternate" hreflang={quoteattr(alt.hreflang)} '
                f"href={quoteattr(alt.href)}/>"
            )
        out.append("  </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def gzip_bytes(data: bytes) -> bytes:
    """Gzip with a fixed header (no file name, mtime 0) so equal input gives equal bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as gz:
        gz.write(data)
    return buffer.getvalue()


def robots_txt(site_url: str) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"
