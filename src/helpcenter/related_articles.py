"""Related articles: same language, ranked by shared tags, then same collection, then title."""

from __future__ import annotations

from collections.abc import Iterable

from helpcenter.content import Article


class RelatedIndex:
    """One language's articles by tag and by collection: an article's candidates are only
    those that share one with it, so related lists cost what they list, not the site's size."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self._by_tag: dict[str, list[Article]] = {}
        self._by_collection: dict[str, list[Article]] = {}
        for article in articles:
            for key in article.tag_keys:
                self._by_tag.setdefault(key, []).append(article)
            self._by_collection.setdefault(article.collection, []).append(article)

    def candidates(self, article: Article) -> list[Article]:
        """Every article sharing a tag or the collection with `article` (itself included)."""
        found: dict[str, Article] = {}
        for key in sorted(article.tag_keys):
            found.update((other.path, other) for other in self._by_tag.get(key, []))
        siblings = self._by_collection.get(article.collection, [])
        found.update((other.path, other) for other in siblings)
        return list(found.values())

RELATED_LIMIT = 5


def related_articles(
    article: Article, candidates: Iterable[Article], *, limit: int = RELATED_LIMIT
) -> list[Article]:
    """Up to `limit` articles related to `article`, deterministic and never the article itself.

    A candidate must share at least one tag or the collection: an unrelated article listed
    only because the list has room would waste the reader's attention.
    """
    tags = article.tag_keys
    scored = []
    for other in candidates:
        if other.path == article.path or other.lang != article.lang:
            continue
        shared = len(tags & other.tag_keys)
        same_collection = other.collection == article.collection
        if not shared and not same_collection:
            continue
        scored.append(
            ((-shared, not same_collection, other.meta.title.casefold(), other.path), other)
        )
    scored.sort(key=lambda item: item[0])
    return [other for _, other in scored[:limit]]
