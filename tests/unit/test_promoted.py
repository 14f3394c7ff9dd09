"""Promoted articles: their places on the home page, validated per language."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcenter.content import load_catalog
from tests.unit.content_files import ARTICLE, COLLECTION, problems, site


def test_promoted_articles_come_in_their_places(tmp_path: Path) -> None:
    docs = site(
        tmp_path,
        {
            "fi/narudzbe/index.md": COLLECTION.format(extra=""),
            "fi/narudzbe/a.md": ARTICLE.format(title="A", extra="promoted: 3\n"),
            "fi/narudzbe/b.md": ARTICLE.format(title="B", extra="promoted: 1\n"),
            "fi/narudzbe/c.md": ARTICLE.format(title="C", extra=""),
        },
    )
    catalog = load_catalog(docs, "fi", authors={})
    assert [a.meta.title for a in catalog.promoted()] == ["B", "A"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7", "field 'promoted' Input should be less than or equal to 6"),
        ("0", "field 'promoted' Input should be greater than or equal to 1"),
        ("ensimmäinen", "field 'promoted' Input should be a valid integer"),
    ],
)
def test_a_bad_place_names_file_line_and_field(tmp_path: Path, value: str, expected: str) -> None:
    docs = site(
        tmp_path,
        {
            "fi/narudzbe/index.md": COLLECTION.format(extra=""),
            "fi/narudzbe/a.md": ARTICLE.format(title="A", extra=f"promoted: {value}\n"),
        },
    )
    [problem] = problems(docs)
    assert problem.startswith("docs/fi/narudzbe/a.md:4: ")
    assert expected in problem


def test_two_articles_cannot_take_one_place(tmp_path: Path) -> None:
    docs = site(
        tmp_path,
        {
            "fi/narudzbe/index.md": COLLECTION.format(extra=""),
            "fi/narudzbe/a.md": ARTICLE.format(title="A", extra="promoted: 2\n"),
            "fi/narudzbe/b.md": ARTICLE.format(title="B", extra="promoted: 2\n"),
        },
    )
    [problem] = problems(docs)
    assert problem == (
        "docs/fi/narudzbe/b.md:4: field 'promoted': place 2 is already docs/fi/narudzbe/a.md's; "
        "expected a place 1-6 no other article of this language has"
    )
