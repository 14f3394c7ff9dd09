"""`helpcenter check`: one `path:line: message` per problem, exit 1 on errors only."""

from __future__ import annotations

from pathlib import Path

from markdown.extensions.toc import slugify

from tests.editor.support import record_urls, run, run_script, small_project
from tests.support import ROOT

BROKEN = """\
---
title: Pokvareni članak
description: Članak pun pogrešaka.
tags: [narudžba, jedinstvena]
updated: 2024-03-12
---
Uvod.

## Što se događa s novcem?

[nema stranice](nepostojeci.md)
[nema sidra](promjena.md#nema-ovog-naslova)
[ručni slug](#što-se-događa-s-novcem)
[toc slug](#{toc_id})
[fi postoji](../../fi/narudzbe/otkazivanje.md#peruminen-oma-tili-sivulla)
[fi bez sidra](../../fi/narudzbe/otkazivanje.md#nema)
[fi ne postoji](../../fi/narudzbe/promjena.md)
[apsolutni fi](/fi/narudzbe/verkkopankki/#pankit)
[apsolutni ne postoji](/fi/narudzbe/nema/)
[direktorij](../narudzbe/)

![slika](slike/nema.png)
![avatar](../../assets/authors/ana.svg)

[oznaka](/tags/nepostojeca/)
"""


def test_clean_content_has_only_the_single_use_tag_warning(tmp_path: Path) -> None:
    project = small_project(tmp_path / "site")
    result = run(project, "check")
    assert result.status == 0, result.out + result.err
    assert result.lines == [
        "docs/hr/narudzbe/otkazivanje.md:4: warning: tag 'povrat novca' is used by this "
        "article only; reuse a tag of other 'hr' articles or add it to related ones"
    ]
    assert "0 error(s), 1 warning(s)" in result.err


def test_the_starter_content_follows_its_own_rules(built_site: Path) -> None:
    """A new user's first `helpcenter check` and build print no warning about shipped content."""
    result = run(ROOT, "check")
    assert result.status == 0, result.out + result.err
    assert result.lines == []
    assert "0 error(s), 0 warning(s)" in result.err
    build_output = (built_site.parent / f"{built_site.name}.build-output.txt").read_text()
    assert "WARNING" not in build_output and "warning:" not in build_output
    assert "Documentation built in" in build_output


def test_a_missing_share_image_is_reported(tmp_path: Path) -> None:
    project = small_project(tmp_path / "site")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  helpcenter:\n", "  helpcenter:\n    share_image: slike/nema.png\n", 1),
        encoding="utf-8",
    )
    result = run(project, "check")
    assert result.status == 1
    assert (
        "mkdocs.yml:1: extra.helpcenter.share_image: 'slike/nema.png' is not a file in docs/; "
        "expected an image file the site publishes"
    ) in result.lines


def test_every_kind_of_problem_is_one_line(tmp_path: Path) -> None:
    project = small_project(tmp_path / "site")
    docs = project / "docs"
    toc_id = slugify("Što se događa s novcem?", "-")
    (docs / "hr/narudzbe/pokvareni.md").write_text(
        BROKEN.replace("{toc_id}", toc_id), encoding="utf-8"
    )
    (docs / "hr/prazno").mkdir()
    (docs / "hr/prazno/index.md").write_text(
        "---\ntitle: Prazno\ndescription: Ništa.\n---\n", encoding="utf-8"
    )
    (docs / "fi/narudzbe/verkkopankki.md").write_text(
        "---\ntitle: Verkkopankki\ntags: [tilaus]\n---\n## Pankit\n", encoding="utf-8"
    )
    fi_cancel = docs / "fi/narudzbe/otkazivanje.md"
    fi_cancel.write_text(
        fi_cancel.read_text(encoding="utf-8").replace('revision: "', 'revision: "x'),
        encoding="utf-8",
    )
    bad_revision = "x" + fi_cancel.read_text(encoding="utf-8").split('revision: "x')[1][:12]
    record_urls(project)  # the new pages' URLs are recorded: only content problems remain

    result = run(project, "check")

    assert result.status == 1
    broken = "docs/hr/narudzbe/pokvareni.md"
    assert result.lines == [
        "docs/fi/narudzbe/otkazivanje.md:6: field 'translation_of[revision]' expected the "
        "12-character source revision that `helpcenter translations --mark-up-to-date` writes, "
        f"got '{bad_revision}'",
        "docs/fi/narudzbe/verkkopankki.md:1: field 'description' is required but missing",
        "docs/hr/narudzbe/otkazivanje.md:4: warning: tag 'povrat novca' is used by this article "
        "only; reuse a tag of other 'hr' articles or add it to related ones",
        f"{broken}:4: warning: tag 'jedinstvena' is used by this article only; reuse a tag of "
        "other 'hr' articles or add it to related ones",
        f"{broken}:11: link 'nepostojeci.md': docs/hr/narudzbe/nepostojeci.md does not exist",
        f"{broken}:12: link 'promjena.md#nema-ovog-naslova': docs/hr/narudzbe/promjena.md has no "
        "heading with id 'nema-ovog-naslova' (ids: do-kada)",
        f"{broken}:13: link '#što-se-događa-s-novcem': this page has no heading with id "
        f"'što-se-događa-s-novcem' (ids: {toc_id})",
        f"{broken}:16: link '../../fi/narudzbe/otkazivanje.md#nema': docs/fi/narudzbe/otkazivanje.md "
        "has no heading with id 'nema' (ids: milloin-rahat-palautuvat, peruminen-oma-tili-sivulla)",
        f"{broken}:17: link '../../fi/narudzbe/promjena.md': docs/fi/narudzbe/promjena.md does not exist",
        f"{broken}:19: link '/fi/narudzbe/nema/' leads to /fi/narudzbe/nema/, which is not a page of "
        "the site (looked for docs/fi/narudzbe/nema.md or docs/fi/narudzbe/nema/index.md)",
        # Resolved like the browser does, against the page URL /narudzbe/pokvareni/.
        f"{broken}:20: link '../narudzbe/' leads to /narudzbe/narudzbe/, which is not a page of "
        "the site (looked for docs/hr/narudzbe/narudzbe.md or docs/hr/narudzbe/narudzbe/index.md)",
        f"{broken}:22: image 'slike/nema.png': docs/hr/narudzbe/slike/nema.png does not exist",
        f"{broken}:25: link '/tags/nepostojeca/': 'hr' has no tag page 'nepostojeca'",
        "docs/hr/prazno/index.md:1: collection 'prazno' has no articles: add one "
        '(helpcenter new hr prazno/<slug> --title "...") or remove the folder',
    ]


def test_console_script_exit_status(tmp_path: Path) -> None:
    project = small_project(tmp_path / "site")
    assert run_script(project, "check").status == 0
    (project / "docs/hr/narudzbe/promjena.md").write_text(
        "---\ntitle: T\ndescription: D.\n---\n[x](nema.md)\n", encoding="utf-8"
    )
    result = run_script(project, "check")
    assert result.status == 1
    assert (
        "docs/hr/narudzbe/promjena.md:5: link 'nema.md': docs/hr/narudzbe/nema.md does not exist"
        in result.lines
    )


def test_incomplete_ui_strings_are_reported(tmp_path: Path) -> None:
    project = small_project(tmp_path / "site")
    ui = project / "locales/fi/ui.yml"
    ui.write_text(
        ui.read_text(encoding="utf-8").replace("translation_outdated:", "translation_outdatedx:"),
        encoding="utf-8",
    )
    result = run(project, "check")
    assert result.status == 1
    assert "locales/fi/ui.yml:1: 'translation_outdated' Field required" in result.lines
