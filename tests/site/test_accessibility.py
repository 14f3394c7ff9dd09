"""Standard checkers over the starter site: axe-core in Chromium on every page kind of both
languages, light and dark, desktop and mobile width, and the Nu Html Checker on every file."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.support import ROOT, missing_requirement

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The rule sets of the issue: WCAG 2.0, 2.1 and 2.2 at A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PAGE_KINDS = {
    "home": "",
    "collection": "narudzbe/",
    "article": "narudzbe/otkazivanje-narudzbe/",
    "tags": "tags/",
    "not-found": "404.html",
}
PREFIX = {"hr": "", "fi": "fi/"}
WIDTHS = {"desktop": 1280, "mobile": 390}


def _require(path: Path, what: str) -> None:
    if not path.exists():
        missing_requirement(f"{what} not found at {path} (npm ci)")


def violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations of the page as it is now, each with the selectors of its nodes."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}}))
            .violations.map((v) => ({id: v.id, impact: v.impact,
                                     nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" "))}))""",
        AXE_TAGS,
    )
    return list(found)


def open_page(page: Page, url: str, *, scheme: str, width: str) -> None:
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")  # type: ignore[arg-type]
    page.goto(url)
    page.wait_for_load_state("networkidle")


pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_axe_finds_no_violation(
    page: Page, site_url: str, lang: str, kind: str, scheme: str, width: str
) -> None:
    """Every page kind passes axe-core at load, in both schemes and widths."""
    _require(AXE, "axe-core")
    open_page(page, f"{site_url}/{PREFIX[lang]}{PAGE_KINDS[kind]}", scheme=scheme, width=width)
    found = violations(page)
    assert not found, "\n".join(f"{v['id']} ({v['impact']}): {v['nodes']}" for v in found)


def test_nu_checker_finds_no_error(built_site: Path) -> None:
    """Every built HTML file is valid HTML to the Nu Html Checker."""
    _require(VNU, "vnu-jar")
    java = shutil.which("java")
    if java is None:
        missing_requirement("java not found (apt-get install default-jre-headless)")
    files = sorted(str(p) for p in built_site.rglob("*.html"))
    assert len(files) > 40
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []
    assert result.returncode == 0
