"""`helpcenter new`: complete front matter, a placeholder that fails validation, translation skeletons."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from helpcenter.content import revision_of
from helpcenter.editor.translations import headings_of
from helpcenter.front_matter import DESCRIPTION_PLACEHOLDER, parse_document
from tests.editor.support import HR_CANCEL, run, small_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return small_project(tmp_path / "site")


def test_new_article_fails_check_until_the_description_is_written(project: Path) -> None:
    result = run(
        project,
        "new",
        "hr",
        "narudzbe/nova-narudzba",
        "--title",
        "Kako: nova narudžba?",
        "--author",
        "ana",
        "--tags",
        "narudžba",
    )
    assert result.status == 0, result.err
    assert result.lines == [
        "created docs/hr/narudzbe/nova-narudzba.md: write its description and body, then run `helpcenter check`"
    ]
    file = project / "docs/hr/narudzbe/nova-narudzba.md"
    doc = parse_document(file.read_text(encoding="utf-8"), path="x.md")
    assert doc.meta == {
        "title": "Kako: nova narudžba?",
        "description": DESCRIPTION_PLACEHOLDER,
        "tags": ["narudžba"],
        "author": "ana",
        "updated": dt.date.today().isoformat(),
    }

    check = run(project, "check")
    assert check.status == 1
    assert (
        "docs/hr/narudzbe/nova-narudzba.md:3: field 'description' is still the placeholder "
        f"'{DESCRIPTION_PLACEHOLDER}': write one sentence (at most 200 characters) that says what "
        "the page answers"
    ) in check.lines

    file.write_text(
        file.read_text(encoding="utf-8").replace(DESCRIPTION_PLACEHOLDER, "Nova narudžba."),
        encoding="utf-8",
    )
    assert run(project, "check").status == 0


def test_translation_skeleton_copies_headings_and_records_the_source(project: Path) -> None:
    (project / "docs/fi/narudzbe/otkazivanje.md").unlink()
    result = run(
        project,
        "new",
        "fi",
        "narudzbe/otkazivanje",
        "--title",
        "Miten peruutan tilauksen?",
        "--translate-from",
        "hr",
    )
    assert result.status == 0, result.err
    text = (project / "docs/fi/narudzbe/otkazivanje.md").read_text(encoding="utf-8")
    doc = parse_document(text, path="x.md")
    source = project / "docs/hr/narudzbe/otkazivanje.md"
    assert doc.meta["translation_of"] == {
        "lang": "hr",
        "revision": revision_of(source.read_bytes()),
    }
    assert (
        headings_of(doc.body)
        == headings_of(HR_CANCEL)
        == [
            "## Otkazivanje u Mojem računu",
            "## Što se događa s novcem?",
        ]
    )
    assert doc.meta["description"] == DESCRIPTION_PLACEHOLDER
    status = json.loads(run(project, "translations", "--format", "json").out)
    (article,) = [a for a in status["articles"] if a["path"] == "narudzbe/otkazivanje.md"]
    assert article["languages"]["fi"]["state"] == "up-to-date"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["hr", "narudzbe/otkazivanje", "--title", "T"],
            "helpcenter new: docs/hr/narudzbe/otkazivanje.md already exists",
        ),
        (
            ["hr", "nema/clanak", "--title", "T"],
            "helpcenter new: docs/hr/nema/ is not a collection yet: create docs/hr/nema/index.md with 'title' and 'description' first",
        ),
        (
            ["hr", "narudzbe/Loš_Slug", "--title", "T"],
            "helpcenter new: slug 'Loš_Slug' must be lowercase ASCII words joined by '-', e.g. 'povrat-novca'",
        ),
        (
            ["de", "narudzbe/x", "--title", "T"],
            "helpcenter new: 'de' is not a language of the site (hr, fi)",
        ),
        (
            ["hr", "narudzbe/x", "--title", "T", "--author", "nobody"],
            "helpcenter new: --author 'nobody' is not in docs/.authors.yml (ana)",
        ),
        (
            ["fi", "narudzbe/x", "--title", "T", "--translate-from", "hr"],
            "helpcenter new: the source docs/hr/narudzbe/x.md does not exist",
        ),
    ],
)
def test_refusals_say_what_to_do(project: Path, args: list[str], message: str) -> None:
    result = run(project, "new", *args)
    assert result.status == 1
    assert result.err.strip() == message
