from __future__ import annotations

from helpcenter.content import Article
from helpcenter.front_matter import ArticleMeta
from helpcenter.related_articles import related_articles


def art(path: str, title: str, tags: list[str], lang: str = "hr") -> Article:
    return Article(
        lang=lang,
        path=path,
        collection=path.split("/")[0],
        meta=ArticleMeta(title=title, description="Opis.", tags=tags),
        revision="r",
        updated=None,
    )


def test_ranked_by_shared_tags_then_collection_then_title() -> None:
    me = art("a/me.md", "Ja", ["x", "y", "z"])
    candidates = [
        me,
        art("b/one-tag.md", "Alfa", ["x"]),
        art("b/three-tags.md", "Zeta", ["x", "y", "z"]),
        art("a/same-collection.md", "Beta", []),
        art("b/two-tags.md", "Omega", ["y", "z"]),
        art("a/one-tag-same-collection.md", "Zadnji", ["z"]),
        art("c/unrelated.md", "Nevezano", ["q"]),
        art("a/fi-article.md", "Suomi", ["x", "y", "z"], lang="fi"),
    ]
    assert [a.path for a in related_articles(me, candidates)] == [
        "b/three-tags.md",
        "b/two-tags.md",
        "a/one-tag-same-collection.md",
        "b/one-tag.md",
        "a/same-collection.md",
    ]


def test_never_itself_never_other_language_and_limited() -> None:
    me = art("a/me.md", "Ja", ["x"])
    candidates = [me] + [art(f"a/{i}.md", f"T{i:02}", ["x"]) for i in range(9)]
    candidates.append(art("a/fi.md", "A", ["x"], lang="fi"))
    result = related_articles(me, candidates)
    assert len(result) == 5
    assert me not in result and all(a.lang == "hr" for a in result)


def test_tags_compare_case_insensitively_and_order_is_deterministic() -> None:
    me = art("a/me.md", "Ja", ["Dostava"])
    candidates = [art("b/2.md", "Isto", ["dostava"]), art("b/1.md", "Isto", ["DOSTAVA"])]
    first = related_articles(me, candidates)
    assert [a.path for a in first] == ["b/1.md", "b/2.md"]
    assert related_articles(me, list(reversed(candidates))) == first


def test_unrelated_articles_are_not_padded_in() -> None:
    me = art("a/me.md", "Ja", ["x"])
    assert related_articles(me, [art("b/other.md", "Drugo", ["y"])]) == []
