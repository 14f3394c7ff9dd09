"""axe-core in a Playwright page: the rule sets of the accessibility issue and a readable report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.support.project import ROOT
from tests.support.system import missing_requirement

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations of the page as it is now, each with the selectors of its nodes."""
    if not AXE.exists():
        missing_requirement(f"axe-core not found at {AXE} (npm ci)")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}}))
            .violations.map((v) => ({id: v.id, impact: v.impact,
                                     nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" "))}))""",
        AXE_TAGS,
    )
    return list(found)


def report(found: list[dict[str, Any]]) -> str:
    """One line per violated rule, for an assertion message."""
    return "\n".join(f"{v['id']} ({v['impact']}): {v['nodes']}" for v in found)
