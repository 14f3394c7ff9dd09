"""Localized slugs: validated like every front-matter field, unique where they share a URL,
and the URLs of the content model and of the editor tools agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcenter.content import load_catalog
from helpcenter.editor.project import Language, Project, page_url
from tests.unit.content_files import ARTICLE, COLLECTION, problems, site


def test_slugs_give_the_localized_urls(tmp_path: Path) -> None:
    docs = site(
        tmp_path,
        {
            "fi/narudzbe/index.md": COLLECTION.format(extra="slug: tilaukset\n"),
            "fi/narudzbe/otkazivanje.md": ARTICLE.format(
                title="Peruminen", extra="slug: tilauksen-peruminen\n"
            ),
            "fi/narudzbe/pracenje.md": ARTICLE.format(title="Seuranta", extra=""),
        },
    )
    catalog = load_catalog(docs, "fi", authors={})
    assert catalog.collections["narudzbe"].url == "tilaukset/"
    assert catalog.articles["narudzbe/otkazivanje.md"].url == "tilaukset/tilauksen-peruminen/"
    assert catalog.articles["narudzbe/pracenje.md"].url == "tilaukset/pracenje/"
    project = Project(
        config_dir=tmp_path,
        docs_dir=docs,
        languages=(Language("hr", "Hrvatski", "", True), Language("fi", "Suomi", "fi/", False)),
    )
    # The editor tools (links, hreflang, sitemap) compute the same URLs.
    for path, article in catalog.articles.items():
        assert page_url(f"fi/{path}", project=project) == f"fi/{article.url}"
    assert page_url("fi/narudzbe/index.md", project=project) == "fi/tilaukset/"
    # A file beside the articles keeps its folder: MkDocs copies it where it is.
    assert page_url("fi/narudzbe/kuva.png", project=project) == "fi/narudzbe/kuva.png"


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("Tilaukset", "expected lowercase letters a-z, digits and single '-'"),
        ("tilauksen--peruminen", "expected lowercase letters a-z, digits and single '-'"),
        ("peruutus/uusi", "expected lowercase letters a-z, digits and single '-'"),
        ("tags", "'tags' is reserved for the site's own pages"),
        ("pagefind", "'pagefind' is reserved for the site's own pages"),
    ],
)
def test_a_bad_slug_names_file_line_and_field(tmp_path: Path, slug: str, expected: str) -> None:
    docs = site(
        tmp_path,
        {
            "fi/narudzbe/index.md": COLLECTION.format(extra=""),
            "fi/narudzbe/x.md": ARTICLE.format(title="X", extra=f"slug: {slug}\n"),
        },
    )
    [problem] = problems(docs)
    assert problem.startswith("docs/fi/narudzbe/x.md:4: field 'slug'")
    assert expected in problem


def test_two_articles_cannot_share_a_url(tmp_path: Path) -> None:
    docs = site(
        tmp_path,
        {
            "fi/narudzbe/index.md": COLLECTION.format(extra=""),
            "fi/narudzbe/a.md": ARTICLE.format(title="A", extra="slug: peruminen\n"),
            "fi/narudzbe/peruminen.md": ARTICLE.format(title="B", extra=""),
        },
    )
    [problem] = problems(docs)
    assert problem.startswith("docs/fi/narudzbe/a.md:4: field 'slug': the URL narudzbe/peruminen/")
    assert "unique in its collection" in problem


def test_two_collections_cannot_share_a_url(tmp_path: Path) -> None:
    docs = site(
        tmp_path,
        {
            "fi/narudzbe/index.md": COLLECTION.format(extra="slug: tilaukset\n"),
            "fi/narudzbe/a.md": ARTICLE.format(title="A", extra=""),
            "fi/tilaukset/index.md": COLLECTION.format(extra=""),
            "fi/tilaukset/b.md": ARTICLE.format(title="B", extra=""),
        },
    )
    [problem] = problems(docs)
    assert problem.startswith("docs/fi/narudzbe/index.md:4: field 'slug': the URL tilaukset/")
    assert "already the collection 'tilaukset/''s" in problem
