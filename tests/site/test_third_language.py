# ruff: noqa: RUF001 -- en dashes are the typography of the content, as in the README.
"""The README's "Adding a language" steps, followed literally for German, give a working site."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.editor.support import write_content
from tests.support import ROOT, build_site, copy_project

DE_LANGUAGE = '        - {locale: de, name: Deutsch, build: true, site_name: "Lanterna – Hilfe"}\n'
DE_CONTACT = """\
      de:
        chat: "https://lanterna.example/de/chat"
        email: hilfe@lanterna.example
        phone: "030 5555 123"
        phone_international: "+49305555123"
        hours: "Mo–Fr 9–18 Uhr"
"""
DE_STATEMENT = """\
        de:
          method: Selbstbewertung mit axe-core und dem Nu Html Checker.
          limitations: []
"""
# A few translated strings are enough to see them on the pages; the rest stay as copied.
DE_STRINGS = {
    "skip_to_content: Siirry sisältöön": "skip_to_content: Zum Inhalt springen",
    "all_collections: Kaikki kokoelmat": "all_collections: Alle Kategorien",
    "related_title: Sinua voisi kiinnostaa myös": "related_title: Das könnte Sie auch interessieren",
    '  one: "{n} artikkeli"\n  other: "{n} artikkelia"': '  one: "{n} Artikel"\n  other: "{n} Artikel"',
}
DE_DOCS = {
    "index.md": "---\ntitle: Hilfe\ndescription: Antworten auf Ihre Fragen.\n---\nWillkommen.\n",
    "narudzbe/index.md": (
        "---\ntitle: Bestellungen\ndescription: Alles rund um Ihre Bestellung.\n"
        "icon: material/cart-outline\n---\n"
    ),
    "narudzbe/otkazivanje.md": (
        "---\ntitle: Wie storniere ich eine Bestellung?\n"
        "description: Sie können Ihre Bestellung stornieren, solange sie nicht versandt ist.\n"
        "tags: [Bestellung, Stornierung]\nupdated: 2026-05-14\n---\n"
        "Pläne geändert? Kein Problem.\n\n## Stornieren im Kundenkonto\n\nÖffnen Sie "
        "**Mein Konto > Bestellungen**.\n\n## Rückerstattung\n\nDie Reservierung wird "
        "freigegeben.\n\n## Bereits versandt\n\nVerweigern Sie die Annahme des Pakets.\n"
    ),
    "narudzbe/lieferzeit.md": (
        "---\ntitle: Wann kommt meine Lieferung?\n"
        "description: Pakete kommen innerhalb von zwei bis vier Werktagen an.\n"
        "tags: [Bestellung, Lieferung]\n---\nDie Lieferung dauert zwei bis vier Werktage.\n"
    ),
}


def _add_german(root: Path) -> None:
    """Steps 1 to 5 of "Adding a language" in the README."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    marker = "hooks:\n"
    assert config.count(marker) == 1
    config = config.replace(marker, "", 1)
    languages_end = config.index("\n\n", config.index("        - locale: fi")) + 1
    config = config[:languages_end] + DE_LANGUAGE + config[languages_end:]
    config = config.replace("\n\n  - hooks/", "\n\nhooks:\n  - hooks/", 1)
    config = config.replace("    contact:\n", "    contact:\n" + DE_CONTACT, 1)
    config = config.replace("      text:\n", "      text:\n" + DE_STATEMENT, 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    strings = (ROOT / "locales/fi/ui.yml").read_text(encoding="utf-8")
    for old, new in DE_STRINGS.items():
        assert old in strings, old
        strings = strings.replace(old, new)
    (root / "locales/de").mkdir()
    (root / "locales/de/ui.yml").write_text(strings, encoding="utf-8")
    for rel, text in DE_DOCS.items():
        target = root / "docs/de" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def german_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("three") / "project")
    write_content(root)
    _add_german(root)
    result = build_site(root, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_the_config_edit_is_where_the_readme_says(tmp_path: Path) -> None:
    """The test edits the languages list, the contact block and the accessibility statement,
    as the README's steps do."""
    root = copy_project(tmp_path / "project")
    _add_german(root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert DE_LANGUAGE in config.split("hooks:")[0]
    assert config.index(DE_CONTACT) > config.index("    contact:")
    assert config.index(DE_STATEMENT) > config.index("    accessibility:")


def test_german_pages_are_built_in_german(german_site: Path) -> None:
    """Home, collection and articles exist under /de/ with German language and UI strings."""
    article = _soup(german_site, "de/narudzbe/otkazivanje/index.html")
    assert article.html["lang"] == "de"
    crumbs = [a.get_text(strip=True) for a in article.select("nav.hc-breadcrumbs a")]
    assert crumbs[0] == "Alle Kategorien"
    assert article.find(string="Zum Inhalt springen") is not None
    related = article.find(string="Das könnte Sie auch interessieren")
    assert related is not None
    home = _soup(german_site, "de/index.html")
    assert home.html["lang"] == "de"
    assert "2 Artikel" in home.get_text(" ")
    assert "hilfe@lanterna.example" in article.get_text(" ")
    assert (german_site / "de/404.html").is_file()
    assert (german_site / "de/narudzbe/lieferzeit/index.html").is_file()


def test_german_has_its_own_search_index_and_feedback_manifest(german_site: Path) -> None:
    """Pagefind indexed the two German articles with its German stemmer, in de/pagefind/."""
    entry = json.loads((german_site / "de/pagefind/pagefind-entry.json").read_text())
    assert entry["languages"]["de"]["page_count"] == 2
    manifest = json.loads((german_site / "helpcenter-manifest.json").read_text())
    assert manifest["languages"] == ["de", "fi", "hr"]
    german = sorted((a["page"], a["url"]) for a in manifest["articles"] if a["lang"] == "de")
    assert german == [
        ("narudzbe/lieferzeit.md", "/de/narudzbe/lieferzeit/"),
        ("narudzbe/otkazivanje.md", "/de/narudzbe/otkazivanje/"),
    ]


def test_the_switcher_offers_all_three_languages(german_site: Path) -> None:
    """Every language's pages offer the others; German articles without translation go home."""
    soup = _soup(german_site, "narudzbe/otkazivanje/index.html")
    links = {a["hreflang"]: a["href"] for a in soup.select(".md-select a[hreflang]")}
    assert set(links) == {"hr", "fi", "de"}
    german = _soup(german_site, "de/narudzbe/lieferzeit/index.html")
    links = {a["hreflang"]: a["href"] for a in german.select(".md-select a[hreflang]")}
    assert set(links) == {"hr", "fi", "de"}


def test_a_missing_ui_string_fails_the_build(tmp_path: Path) -> None:
    """A third language whose ui.yml lacks a string is refused with a clear message."""
    root = copy_project(tmp_path / "project")
    write_content(root)
    _add_german(root)
    ui = root / "locales/de/ui.yml"
    ui.write_text(ui.read_text(encoding="utf-8").replace("back_to_top:", "#back_to_top:"))
    result: subprocess.CompletedProcess[str] = build_site(root, root / "site")
    assert result.returncode != 0
    assert "back_to_top" in result.stderr and "de" in result.stderr
