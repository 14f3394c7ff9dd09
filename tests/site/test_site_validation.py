"""`mkdocs build --strict` refuses broken content, naming file, line, field and what was expected,
and lists every problem of the build at once."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.editor.support import write_content
from tests.support import build_site, copy_project

# The hr build fails first, and names the problems of fi as well.
HEADER = "Content errors in 'hr', 'fi':"

# One broken file per problem, all in one content set: a single build must report them all.
BROKEN = {
    # Line 3 holds a second `:` inside a plain value.
    "hr/narudzbe/pokvaren-yaml.md": (
        "---\ntitle: Pokvaren YAML\ndescription: Opis: s dvotočkom\n---\nTekst.\n"
    ),
    "hr/narudzbe/bez-naslova.md": "---\ndescription: Članak bez naslova.\n---\nTekst.\n",
    "hr/narudzbe/bez-opisa.md": "---\ntitle: Bez opisa\n---\nTekst.\n",
    "hr/narudzbe/dug-opis.md": f"---\ntitle: Dug opis\ndescription: {'a' * 201}\n---\nTekst.\n",
    "hr/narudzbe/oznake.md": (
        "---\ntitle: Oznake\ndescription: Oznake nisu popis.\ntags: narudžba\n---\nTekst.\n"
    ),
    "hr/narudzbe/datum.md": (
        "---\ntitle: Datum\ndescription: Datum ne postoji.\nupdated: 2024-02-30\n---\nTekst.\n"
    ),
    "hr/narudzbe/autor.md": (
        "---\ntitle: Autor\ndescription: Nepoznat autor.\nauthor: marko\n---\nTekst.\n"
    ),
    "hr/narudzbe/slika-url.md": (
        "---\ntitle: Slika\ndescription: Slika s drugog poslužitelja.\n"
        "image: https://cdn.example.com/x.png\n---\nTekst.\n"
    ),
    "hr/narudzbe/slika-nema.md": (
        "---\ntitle: Slika\ndescription: Slika ne postoji.\nimage: slike/nema.png\n---\nTekst.\n"
    ),
    "fi/narudzbe/ilman-otsikkoa.md": "---\ndescription: Artikkeli ilman otsikkoa.\n---\nTeksti.\n",
    "hr/bez-indeksa/clanak.md": (
        "---\ntitle: Bez zbirke\ndescription: Zbirka nema index.md.\n---\nTekst.\n"
    ),
}

# The parser's own words end the line: PyYAML says "... here", libyaml "... in this context".
MALFORMED_YAML = (
    "docs/hr/narudzbe/pokvaren-yaml.md:3: malformed YAML in front matter: "
    "mapping values are not allowed"
)
EXPECTED = [
    MALFORMED_YAML,
    "docs/hr/narudzbe/bez-naslova.md:1: field 'title' is required but missing",
    "docs/hr/narudzbe/bez-opisa.md:1: field 'description' is required but missing",
    "docs/hr/narudzbe/dug-opis.md:3: field 'description' is too long: 201 characters, "
    "expected at most 200",
    "docs/hr/narudzbe/oznake.md:4: field 'tags' expected a list of strings, got str 'narudžba'",
    "docs/hr/narudzbe/datum.md:4: field 'updated' expected a valid date as YYYY-MM-DD, "
    "got '2024-02-30'",
    "docs/hr/narudzbe/autor.md:4: field 'author' is 'marko', expected one of the ids in "
    "docs/.authors.yml (ana)",
    "docs/hr/narudzbe/slika-url.md:4: field 'image' expected the relative path of a PNG, JPEG, "
    "WebP or GIF file of this site, such as 'images/parcel.png', got "
    "'https://cdn.example.com/x.png'",
    "docs/hr/narudzbe/slika-nema.md:4: field 'image' is 'slike/nema.png', expected an image "
    "file beside the article; docs/hr/narudzbe/slike/nema.png does not exist",
    "docs/fi/narudzbe/ilman-otsikkoa.md:1: field 'title' is required but missing",
    "docs/hr/bez-indeksa/:1: collection folder 'bez-indeksa' has no index.md "
    "(expected front matter with 'title' and 'description')",
]


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """The small two-language content set with every kind of broken file, built once."""
    root = copy_project(tmp_path_factory.mktemp("broken") / "project")
    docs = write_content(root)
    for rel, text in BROKEN.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    return build_site(root, root / "site")


def reported(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The problem lines after the error header (the YAML reason cut to its common words)."""
    assert HEADER in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    start = next(i for i, line in enumerate(lines) if line.endswith(HEADER)) + 1
    problems = [line for line in lines[start:] if line.startswith("docs/")]
    return [MALFORMED_YAML if line.startswith(f"{MALFORMED_YAML} ") else line for line in problems]


def test_the_clean_content_set_builds(tmp_path: Path) -> None:
    """Without the broken files the same content set builds: the failures below are theirs."""
    root = copy_project(tmp_path / "project")
    write_content(root)
    result = build_site(root, root / "site")
    assert result.returncode == 0, result.stderr


def test_broken_content_fails_the_strict_build(
    broken_build: subprocess.CompletedProcess[str],
) -> None:
    """The build exits non-zero with the content error header."""
    assert broken_build.returncode != 0
    assert HEADER in broken_build.stderr


@pytest.mark.parametrize("message", EXPECTED, ids=[m.split(":")[0] for m in EXPECTED])
def test_each_problem_names_file_line_field_and_expectation(
    broken_build: subprocess.CompletedProcess[str], message: str
) -> None:
    """Each broken file is reported on one line with its line number and what was expected."""
    assert message in reported(broken_build)


def test_all_problems_are_listed_in_one_build(
    broken_build: subprocess.CompletedProcess[str],
) -> None:
    """Eight broken files: eight lines in one build, nothing else, in path order."""
    assert reported(broken_build) == sorted(EXPECTED)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "assets/images/nema.png",
            "mkdocs.yml: extra.helpcenter.share_image: 'assets/images/nema.png' is not a file "
            "in overrides/ or docs/; expected an image file the site publishes",
        ),
        (
            "https://cdn.example.com/share.png",
            "mkdocs.yml: extra.helpcenter.share_image: expected the relative path of a PNG, "
            "JPEG, WebP or GIF file of this site, such as 'images/parcel.png', got "
            "'https://cdn.example.com/share.png'",
        ),
    ],
)
def test_a_wrong_share_image_fails_the_build(tmp_path: Path, value: str, expected: str) -> None:
    root = copy_project(tmp_path / "project")
    write_content(root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "share_image: assets/images/share.png" in text
    config.write_text(text.replace("assets/images/share.png", value), encoding="utf-8")
    result = build_site(root, root / "site")
    assert result.returncode != 0
    assert expected in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '        chat: "https://lanterna.example/chat"\n'
            '        email: podrska@lanterna.example\n        phone: "01 5555 123"\n',
            '        phone: "01 5555 123"\n',
            "mkdocs.yml: extra.helpcenter.contact.hr: expected a written channel, 'email' or "
            "'chat' (a phone number alone leaves out customers who cannot call)",
        ),
        (
            "      conformance: full ",
            "      conformance: mostly ",
            "mkdocs.yml: extra.helpcenter.accessibility.conformance: Input should be 'full', "
            "'partial' or 'none'",
        ),
        (
            "        fi:\n          method: >-\n            Itsearviointi",
            "        sv:\n          method: >-\n            Itsearviointi",
            "mkdocs.yml: extra.helpcenter.accessibility.text: expected the statement's text "
            "(method, limitations) for language 'fi'",
        ),
        (
            "    timezone: Europe/Zagreb\n",
            "    timezone: Europe/Zagrebb\n",
            "mkdocs.yml: extra.helpcenter.timezone: expected an IANA time zone such as "
            "'Europe/Zagreb', got 'Europe/Zagrebb'",
        ),
        (
            "    publisher_logo: assets/images/logo.png\n",
            "    publisher_logo: assets/images/nema.png\n",
            "mkdocs.yml: extra.helpcenter.publisher_logo: 'assets/images/nema.png' is not a file "
            "in overrides/ or docs/; expected an image file the site publishes",
        ),
    ],
    ids=["no-written-channel", "conformance", "statement-text", "timezone", "logo"],
)
def test_a_wrong_site_setting_fails_the_build(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    root = copy_project(tmp_path / "project")
    write_content(root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = build_site(root, root / "site")
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr
