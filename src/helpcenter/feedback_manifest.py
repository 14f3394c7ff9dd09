"""The manifest of valid articles that the feedback service loads (`helpcenter-manifest.json`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from helpcenter.content import Catalog
from helpcenter.site_config import UiStrings

MANIFEST_FILE = "helpcenter-manifest.json"
MANIFEST_VERSION = 1


def build_manifest(
    catalogs: Iterable[Catalog],
    *,
    home_urls: dict[str, str],
    site_url: str | None,
    mode: str,
    messages: dict[str, dict[str, str]] | None = None,
    aliases: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    """Every article of every language, sorted, with the absolute path it is served at, and
    the service's own messages per language."""
    base = urlsplit(site_url).path if site_url else "/"
    base = base if base.endswith("/") else base + "/"
    catalogs = list(catalogs)
    articles = [
        {
            "lang": catalog.lang,
            "page": article.path,
            "revision": article.revision,
            "url": f"{base}{home_urls[catalog.lang]}{article.url}",
            "title": article.meta.title,
        }
        for catalog in catalogs
        for article in catalog.articles.values()
    ]
    articles.sort(key=lambda a: (a["lang"], a["page"]))
    return {
        "version": MANIFEST_VERSION,
        "feedback_mode": mode,
        "languages": sorted(catalog.lang for catalog in catalogs),
        "articles": articles,
        "messages": messages or {},
        "aliases": aliases or {},
    }


def service_messages(ui: UiStrings) -> dict[str, str]:
    """What the feedback service shows by itself in this language."""
    return {"store_failed": ui.feedback_store_failed, "back": ui.feedback_store_failed_back}


def dump_manifest(manifest: dict[str, Any]) -> str:
    """Stable bytes: the same content gives the same file."""
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
