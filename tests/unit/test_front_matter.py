from __future__ import annotations

import pytest

from helpcenter.front_matter import (
    ArticleMeta,
    CollectionMeta,
    ContentError,
    parse_document,
    validate_meta,
)


def problems(text: str, model: type = ArticleMeta) -> list[str]:
    try:
        validate_meta(model, parse_document(text, path="x.md"), path="x.md")
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_valid_article() -> None:
    doc = parse_document(
        "---\ntitle: T\ndescription: D.\ntags: [a, b]\nupdated: 2024-02-29\n---\n## S\n",
        path="x.md",
    )
    meta = validate_meta(ArticleMeta, doc, path="x.md")
    assert meta.tags == ["a", "b"] and meta.updated.isoformat() == "2024-02-29"
    assert doc.body == "## S\n" and doc.body_line == 7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ndescription: D.\n---\n", "x.md:1: field 'title' is required but missing"),
        ("---\ntitle: T\n---\n", "x.md:1: field 'description' is required but missing"),
        (
            "---\ntitle: T\ndescription: '" + "a" * 201 + "'\n---\n",
            "x.md:3: field 'description' is too long: 201 characters, expected at most 200",
        ),
        (
            "---\ntitle: T\ndescription: D.\ntags: a\n---\n",
            "x.md:4: field 'tags' expected a list of strings, got str 'a'",
        ),
        (
            "---\ntitle: T\ndescription: D.\nupdated: 2023-02-30\n---\n",
            "x.md:4: field 'updated' expected a valid date as YYYY-MM-DD, got '2023-02-30'",
        ),
        (
            "---\ntitle: T\ndescription: D.\nupdated: 20230230\n---\n",
            "x.md:4: field 'updated' expected a date as YYYY-MM-DD, got 20230230",
        ),
        ("---\ntitle: [1\n---\n", "x.md:3: malformed YAML in front matter"),
        ("---\n- a\n---\n", "x.md:2: front matter must be a mapping of fields, got list"),
        ("---\ntitle: T\n", "x.md:1: front matter starts with '---' but has no closing '---'"),
        ("---\ntitle: 5\ndescription: D.\n---\n", "x.md:2: field 'title' expected text, got int 5"),
        (
            '---\ntitle: T\ndescription: "a\\nb"\n---\n',
            "x.md:3: field 'description' expected one sentence on one line",
        ),
    ],
)
def test_article_problems(text: str, expected: str) -> None:
    assert any(p.startswith(expected) for p in problems(text)), problems(text)


def test_collection_icon_must_be_a_material_icon_name() -> None:
    assert problems("---\ntitle: T\ndescription: D.\nicon: truck\n---\n", CollectionMeta) == [
        "x.md:4: field 'icon' expected a Material icon name such as 'material/truck-delivery', got 'truck'"
    ]
    assert (
        problems("---\ntitle: T\ndescription: D.\nicon: material/truck\n---\n", CollectionMeta)
        == []
    )


def test_file_without_front_matter_has_empty_meta() -> None:
    doc = parse_document("Just text\n", path="x.md")
    assert doc.meta == {} and doc.body == "Just text\n"
