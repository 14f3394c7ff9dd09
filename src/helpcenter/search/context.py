"""What the templates need to render the search boxes of one language (`hc.search`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from helpcenter.content import Catalog
from helpcenter.search.languages import search_language
from helpcenter.site_config import plural

# Each language's Pagefind bundle and our JSON files: `<home_url>pagefind/`.
BUNDLE_FOLDER = "pagefind"
# Shown when a search finds nothing.
SUGGESTED_COLLECTIONS = 3


@dataclass(frozen=True)
class SuggestedCollection:
    title: str
    url: str
    count_text: str


@dataclass(frozen=True)
class SearchContext:
    """`bundle_url` and collection URLs are relative to the site root, as the `url` filter wants."""

    lang: str
    pagefind_language: str
    bundle_url: str
    home_url: str
    feedback_url: str | None
    collections: list[SuggestedCollection] = field(default_factory=list)


def suggested_collections(
    catalog: Catalog, home_url: str, articles_count: dict[str, str]
) -> list[SuggestedCollection]:
    """The collections with the most articles, home-page order on ties.

    No feedback exists at build time to tell which collections help most; the largest ones
    cover the most questions.
    """
    ranked = sorted(
        enumerate(catalog.collections.values()), key=lambda item: (-len(item[1].articles), item[0])
    )
    return [
        SuggestedCollection(
            c.meta.title,
            home_url + c.url,
            plural(articles_count, len(c.articles), lang=catalog.lang),
        )
        for _, c in ranked[:SUGGESTED_COLLECTIONS]
        if c.articles
    ]


def search_context(
    catalog: Catalog, *, home_url: str, feedback_url: str | None, articles_count: dict[str, str]
) -> SearchContext:
    return SearchContext(
        lang=catalog.lang,
        pagefind_language=search_language(catalog.lang).pagefind,
        bundle_url=f"{home_url}{BUNDLE_FOLDER}/",
        home_url=home_url,
        feedback_url=(feedback_url or "").strip().rstrip("/") or None,
        collections=suggested_collections(catalog, home_url, articles_count),
    )
