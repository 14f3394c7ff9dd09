"""The help widget for the shop's own pages: `widget.js` at the site root, and per language
`widget/<lang>.json` with its words, the search bundle, the contact channels and the articles
to suggest for a topic. A shop page of another origin loads both, so the help host sends CORS
headers for them and for the search files (`_headers`, and the README's nginx lines)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from helpcenter.content import Article, Catalog
from helpcenter.headers_file import HEADERS_FILE
from helpcenter.page_context import SiteContext, tag_slug
from helpcenter.search.context import BUNDLE_FOLDER
from helpcenter.search.languages import search_language

WIDGET_SCRIPT = "widget.js"
WIDGET_FOLDER = "widget"
# The built widget script, minified with the other scripts.
SCRIPT_SOURCE = Path("assets/javascripts/widget.js")
# Articles a topic suggests: a short list fits the small panel.
TOPIC_ARTICLES = 5
# What the help host sends with every file the widget loads from another origin. The widget
# sends no cookies (`credentials: "omit"`), so `*` is enough and no origin list is kept.
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
}


def _links(articles: list[Article], home_url: str) -> list[dict[str, str]]:
    """Title and site-root URL of each article."""
    return [{"title": a.title, "url": home_url + a.url} for a in articles[:TOPIC_ARTICLES]]


def _topics(catalog: Catalog, home_url: str) -> dict[str, list[dict[str, str]]]:
    """Suggested articles per topic: a tag (by its slug) or a collection (by its URL part)."""
    topics: dict[str, list[dict[str, str]]] = {}
    for collection in catalog.collections.values():
        topics[collection.url.strip("/")] = _links(list(collection.articles), home_url)
    for tag, articles in catalog.tags().items():
        promoted_first = sorted(articles, key=lambda a: a.meta.promoted is None)
        topics.setdefault(tag_slug(tag), _links(promoted_first, home_url))
    return topics


def widget_config(site: SiteContext) -> dict[str, Any]:
    """What widget.js needs for one language; URLs are relative to the site root."""
    ui, catalog, home = site.ui, site.catalog, site.home_url
    contact = site.contact
    channels: list[dict[str, str]] = []
    if contact is not None:
        phone = contact.phone_international or contact.phone
        for label, text, href in (
            (ui.contact_chat, ui.contact_chat_action, contact.chat),
            (ui.contact_email, contact.email, f"mailto:{contact.email}" if contact.email else None),
            (ui.contact_phone, contact.phone, f"tel:{phone}" if contact.phone else None),
        ):
            if href and text:
                channels.append({"label": label, "text": text, "href": href})
    return {
        "lang": catalog.lang,
        "language": search_language(catalog.lang).pagefind,
        "bundle": f"{home}{BUNDLE_FOLDER}/",
        "home": home,
        "strings": {
            "launcher": ui.widget_launcher,
            "title": ui.widget_title,
            "close": ui.widget_close,
            "search_label": ui.search_label,
            "placeholder": ui.search_placeholder,
            "results_count": ui.search_results_count,
            "no_results": ui.search_no_results,
            "unavailable": ui.search_unavailable,
            "topic_title": ui.widget_topic_title,
            "promoted_title": ui.promoted_title,
            "contact_title": ui.contact_title,
            "contact_lead": ui.contact_lead,
            "hours": contact.hours if contact is not None and contact.hours else "",
            "all_articles": ui.widget_all_articles,
        },
        "contact": channels,
        "promoted": _links(catalog.promoted(), home),
        "topics": _topics(catalog, home),
    }


def cors_headers_file(bundle_folders: list[str], *, base_path: str) -> str:
    """`_headers` (Netlify, Cloudflare Pages): CORS for the files the widget loads."""
    paths = [
        f"/{WIDGET_SCRIPT}",
        f"/{WIDGET_FOLDER}/*",
        "/assets/javascripts/search/*",
        *(f"/{folder}*" for folder in bundle_folders),
    ]
    prefix = base_path.rstrip("/")
    lines = ["# CORS for the help widget on the shop's pages (helpcenter.help_widget)."]
    for path in paths:
        lines.append(prefix + path)
        lines.extend(f"  {name}: {value}" for name, value in CORS_HEADERS.items())
    return "\n".join(lines) + "\n"


def write_widget(sites: list[SiteContext], *, site_dir: Path, base_path: str) -> None:
    """`widget.js` (the minified script) at the root, `widget/<lang>.json` for each of
    `sites`, and `_headers`."""
    script = site_dir / SCRIPT_SOURCE
    if script.is_file():
        shutil.copyfile(script, site_dir / WIDGET_SCRIPT)
    folder = site_dir / WIDGET_FOLDER
    folder.mkdir(exist_ok=True)
    for site in sites:
        data = json.dumps(widget_config(site), ensure_ascii=False, separators=(",", ":"))
        (folder / f"{site.catalog.lang}.json").write_text(data + "\n", encoding="utf-8")
    bundles = [f"{site.home_url}{BUNDLE_FOLDER}/" for site in sites]
    (site_dir / HEADERS_FILE).write_text(
        cors_headers_file(sorted(bundles), base_path=base_path), encoding="utf-8"
    )
