"""`helpcenter translations`: up to date, outdated or missing, recorded in the content itself."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from helpcenter.content import revision_of
from tests.editor.support import run, run_script, small_project

CANCEL = "narudzbe/otkazivanje.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return small_project(tmp_path / "site")


def states(project: Path, cwd_script: bool = False) -> dict[str, dict[str, str]]:
    result = (
        run_script(project, "translations", "--format", "json")
        if cwd_script
        else run(project, "translations", "--format", "json")
    )
    assert result.status == 0, result.err
    data = json.loads(result.out)
    return {
        a["path"]: {lang: v["state"] for lang, v in a["languages"].items()}
        for a in data["articles"]
    }


def edit_source(project: Path) -> None:
    source = project / "docs/hr" / CANCEL
    source.write_text(source.read_text(encoding="utf-8") + "\nNovi odlomak.\n", encoding="utf-8")


def test_table_and_json(project: Path) -> None:
    table = run(project, "translations")
    assert table.status == 0
    assert table.lines == [
        "article                   hr       fi",
        "------------------------  -------  ----------",
        "narudzbe/otkazivanje.md   source   up to date",
        "narudzbe/promjena.md      source   missing",
        "narudzbe/verkkopankki.md  missing  source",
        "3 articles: 1 up to date, 0 outdated, 2 missing",
    ]
    assert states(project) == {
        CANCEL: {"hr": "source", "fi": "up-to-date"},
        "narudzbe/promjena.md": {"hr": "source", "fi": "missing"},
        # No hr version: the only language that has it is the source.
        "narudzbe/verkkopankki.md": {"hr": "missing", "fi": "source"},
    }


def test_outdated_after_a_source_change_until_marked(project: Path) -> None:
    edit_source(project)
    assert states(project)[CANCEL] == {"hr": "source", "fi": "outdated"}
    assert (
        "narudzbe/otkazivanje.md   source   OUTDATED (the source changed since)"
        in run(project, "translations").lines
    )

    gate = run(project, "translations", "--fail-on", "outdated")
    assert gate.status == 1
    assert gate.err.strip() == "helpcenter translations: 1 outdated (--fail-on outdated)"
    both = run(project, "translations", "--fail-on", "missing,outdated")
    assert both.status == 1
    assert "2 missing, 1 outdated" in both.err
    assert run(project, "translations", "--fail-on", "bogus").status == 2

    translation = project / "docs/fi" / CANCEL
    before = translation.read_text(encoding="utf-8")
    marked = run(project, "translations", "--mark-up-to-date", f"fi/{CANCEL}")
    assert marked.status == 0, marked.err
    revision = revision_of((project / "docs/hr" / CANCEL).read_bytes())
    assert marked.lines == [
        f"docs/fi/{CANCEL}: up to date with docs/hr/{CANCEL} (revision {revision})"
    ]
    after = translation.read_text(encoding="utf-8")
    # Only the revision line changed; every other byte of the translation is untouched.
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 1 and changed[0][1] == f'  revision: "{revision}"'
    assert states(project)[CANCEL]["fi"] == "up-to-date"
    assert run(project, "translations", "--fail-on", "outdated").status == 0


def test_marking_an_untracked_translation_and_another_source(project: Path) -> None:
    (project / "docs/hr/narudzbe/verkkopankki.md").write_text(
        "---\ntitle: Plaćanje bankom\ndescription: Kako platiti.\n---\nTekst.\n", encoding="utf-8"
    )
    # Both files exist, nothing recorded: the default language is taken as the source.
    assert states(project)["narudzbe/verkkopankki.md"] == {"hr": "source", "fi": "outdated"}
    result = run(
        project,
        "translations",
        "--mark-up-to-date",
        "docs/hr/narudzbe/verkkopankki.md",
        "--source",
        "fi",
    )
    assert result.status == 0, result.err
    assert states(project)["narudzbe/verkkopankki.md"] == {"hr": "up-to-date", "fi": "source"}

    refused = run(project, "translations", "--mark-up-to-date", f"hr/{CANCEL}")
    assert refused.status == 1
    assert "is the source of this article, not a translation" in refused.err
    assert run(project, "translations", "--mark-up-to-date", "xx/a/b.md").status == 1


def test_a_wrong_source_language_is_reported(project: Path) -> None:
    file = project / "docs/fi" / CANCEL
    file.write_text(
        file.read_text(encoding="utf-8").replace("lang: hr", "lang: de"), encoding="utf-8"
    )
    result = run(project, "translations")
    assert result.status == 1
    assert (
        f"docs/fi/{CANCEL}:6: field 'translation_of[lang]' is 'de', but 'de' is not a language "
        "of the site (hr, fi)"
    ) in result.err.splitlines()
    assert f"docs/fi/{CANCEL}:6: field 'translation_of[lang]' is 'de'" in run(project, "check").out


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_outdated_is_detected_in_a_shallow_clone(tmp_path: Path) -> None:
    origin = small_project(tmp_path / "origin")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "content")
    edit_source(origin)
    git(origin, "commit", "-q", "-am", "source changed")

    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    assert git(clone, "rev-list", "--count", "HEAD").strip() == "1"

    assert states(clone, cwd_script=True)[CANCEL] == {"hr": "source", "fi": "outdated"}
    gate = run_script(clone, "translations", "--fail-on", "outdated")
    assert gate.status == 1


def test_a_missing_source_file_is_reported(project: Path) -> None:
    (project / "docs/hr" / CANCEL).unlink()
    result = run(project, "check")
    assert result.status == 1
    assert (
        f"docs/fi/{CANCEL}:6: field 'translation_of[lang]' is 'hr', but docs/hr/{CANCEL} does not exist"
        in result.lines
    )


def test_translate_false_means_other_languages_are_not_needed(project: Path) -> None:
    source = project / "docs/hr/narudzbe/promjena.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("---\n", "---\ntranslate: false\n", 1),
        encoding="utf-8",
    )
    assert states(project)["narudzbe/promjena.md"] == {"hr": "source", "fi": "not-needed"}
    table = run(project, "translations")
    assert "narudzbe/promjena.md      source   not needed" in table.lines
    # The CI gate counts only the translation that is really missing (verkkopankki in hr).
    gate = run(project, "translations", "--fail-on", "missing")
    assert gate.status == 1
    assert gate.err.strip() == "helpcenter translations: 1 missing (--fail-on missing)"
