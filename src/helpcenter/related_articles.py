"""Related articles: same language, ranked by shared tags, then same collection, then title."""

from __future__ import annotations

from collections.abc import Iterable

from helpcenter.content import Article

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
