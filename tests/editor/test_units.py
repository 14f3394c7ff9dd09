"""Small pure functions: JSON-LD escaping, locales, publishing guard, front-matter editing, URLs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpcenter.editor.links import relative_url
from helpcenter.editor.project import Language, Project, page_url
from helpcenter.editor.seo import (
    gzip_bytes,
    json_ld,
    og_locale,
    publish_problem,
)
from helpcenter.editor.translations import headings_of, set_translation_of
from helpcenter.front_matter import parse_document

PROJECT = Project(
    config_dir=Path("/p"),
    docs_dir=Path("/p/docs"),
    languages=(Language("hr", "Hrvatski", "", True), Language("fi", "Suomi", "fi/", False)),
)


def test_json_ld_cannot_close_its_script_element() -> None:
    data = {"headline": "</script><!-- & <b>"}
    text = json_ld(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_og_locale() -> None:
    assert og_locale("hr") == "hr_HR"
    assert og_locale("fi") == "fi_FI"


@pytest.mark.parametrize(
    ("site_url", "env", "fails"),
    [
        ("http://127.0.0.1:8000/", {"HELPCENTER_PUBLISH": "1"}, True),
        (None, {"HELPCENTER_PUBLISH": "true"}, True),
        ("http://localhost/", {"HELPCENTER_PUBLISH": "yes"}, True),
        ("https://help.example.com/", {"HELPCENTER_PUBLISH": "1"}, False),
        ("http://127.0.0.1:8000/", {}, False),  # a local build or preview
    ],
)
def test_publish_guard(site_url: str | None, env: dict[str, str], fails: bool) -> None:
    assert (publish_problem(site_url, environ=env) is not None) is fails


def test_gzip_is_reproducible() -> None:
    assert gzip_bytes(b"abc") == gzip_bytes(b"abc")


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: T\ntags:\n  - a\n---\nBody\n",
        '---\ntitle: T\ntranslation_of:\n  lang: hr\n  revision: "000000000000"\nupdated: 2024-01-01\n---\nBody\n',
        "---\r\ntitle: T\r\n---\r\nBody\r\n",
        "No front matter.\n",
    ],
)
def test_set_translation_of_keeps_everything_else(text: str) -> None:
    result = set_translation_of(text, lang="hr", revision="0123456789ab")
    doc = parse_document(result, path="x.md")
    assert doc.meta["translation_of"] == {"lang": "hr", "revision": "0123456789ab"}
    assert doc.body == parse_document(text, path="x.md").body
    assert result.count("translation_of") == 1
    again = set_translation_of(result, lang="hr", revision="0123456789ab")
    assert again == result


def test_headings_skip_code_blocks() -> None:
    body = "## A\n\n```sh\n# not a heading\n```\n\n### B {#b}\n"
    assert headings_of(body) == ["## A", "### B {#b}"]


def test_urls() -> None:
    assert page_url("fi/narudzbe/x.md", project=PROJECT) == "fi/narudzbe/x/"
    assert page_url("hr/narudzbe/index.md", project=PROJECT) == "narudzbe/"
    assert page_url("hr/index.md", project=PROJECT) == ""
    assert relative_url("fi/narudzbe/x/", current="narudzbe/y/") == "../../fi/narudzbe/x/"
    assert relative_url("", current="fi/narudzbe/y/") == "../../../"


def test_alternates_are_relative_only_for_a_local_site_url() -> None:
    from dataclasses import replace

    from helpcenter.editor.seo import alternates, is_public

    local = replace(PROJECT, site_url="http://127.0.0.1:8000/")
    assert not is_public(local.site_url) and is_public("https://help.example.com/")
    assert [(a.hreflang, a.href) for a in alternates(local, "n/x.md", ["hr", "fi"])] == [
        ("hr", "http://127.0.0.1:8000/n/x/"),
        ("fi", "http://127.0.0.1:8000/fi/n/x/"),
        ("x-default", "http://127.0.0.1:8000/n/x/"),
    ]
    relative = alternates(local, "n/x.md", ["hr", "fi"], relative_to="fi/n/x/")
    assert [a.href for a in relative] == ["../../../n/x/", "./", "../../../n/x/"]
    assert alternates(local, "n/x.md", ["fi"]) == ()
