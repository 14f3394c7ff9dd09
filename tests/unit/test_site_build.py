"""The state of one build: every language loaded before MkDocs builds any, a fresh object per
build, and the hooks' order taken from one module."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config

from helpcenter import site_build
from helpcenter.site_config import ConfigError
from tests.support import ROOT, copy_project


def test_every_language_is_loaded_before_the_first_is_built() -> None:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    build = site_build.start(config)
    try:
        assert set(build.languages) == {"hr", "fi"}
        hr, fi = build.languages["hr"], build.languages["fi"]
        assert hr.site.home_url == "" and fi.site.home_url == "fi/"
        assert "narudzbe/otkazivanje-narudzbe.md" in hr.catalog.articles
        assert "narudzbe/otkazivanje-narudzbe.md" in fi.catalog.articles
        assert fi.site.site_name == "Lanterna – Ohjekeskus"  # noqa: RUF001 -- the site's dash
        # The translation status spans the languages without MkDocs having built any.
        assert "narudzbe/otkazivanje-narudzbe.md" in build.translations.by_path
        # Before static-i18n picks a language, the theme's language is the one being built.
        current = site_build.language(config)
        assert current is not None and current.lang == "hr"
    finally:
        build.close()


def test_each_build_starts_fresh() -> None:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    first = site_build.start(config)
    first.sitemap.append(object())  # type: ignore[arg-type]
    second = site_build.start(config)
    try:
        assert site_build.active() is second and second is not first
        assert second.sitemap == []
    finally:
        second.close()


def test_hook_priorities_come_from_one_module() -> None:
    hooks = sorted((ROOT / "hooks").glob("*.py"))
    numbers = [
        f"{path.name}: {match.group(0)}"
        for path in hooks
        for match in re.finditer(r"event_priority\(\s*-?\d+", path.read_text(encoding="utf-8"))
    ]
    assert numbers == []
    named = [p.name for p in hooks if "event_priority(hook_order." in p.read_text(encoding="utf-8")]
    assert len(named) >= 8
    for path in hooks:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^_[a-z_]+\s*(:[^=]+)?=\s*(\[\]|\{\}|dict\(|list\()", text, re.M), (
            f"{Path(path).name} keeps build state at module level"
        )


def test_an_announcement_link_must_be_a_page_of_the_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy2(ROOT / "urls.lock", project / "urls.lock")
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    announcement = (
        "    announcement:\n      hr:\n        text: Blagdani.\n"
        "        link: dostava/nema-i-cijene-dostave/\n"
        "        from: 2026-12-15\n        until: 2027-01-06\n"
    )
    config_file.write_text(
        text.replace(
            "    timezone: Europe/Zagreb\n", "    timezone: Europe/Zagreb\n" + announcement
        ),
        encoding="utf-8",
    )
    config = load_config(config_file=str(config_file))
    with pytest.raises(ConfigError) as caught:
        site_build.start(config)
    assert str(caught.value).startswith(
        "mkdocs.yml: extra.helpcenter.announcement.hr.link: 'dostava/nema-i-cijene-dostave/' is "
        "not a page of the site"
    )
