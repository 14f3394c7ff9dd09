"""Lighthouse scores per page kind, ours against plain Material, mobile and desktop.

    .venv/bin/python bench/lighthouse.py [--kinds home,article,...]

Builds the starter site twice from the same content (ours, and a plain mkdocs-material +
mkdocs-static-i18n build), serves both on loopback and runs Lighthouse (pinned in
`bench/lighthouse/package-lock.json`, installed there with `npm ci` on first use) with Debian's
Chromium over one page of each kind in both languages, with Lighthouse's mobile (emulated phone,
throttled) and desktop settings. Printed per page: the accessibility, best-practices and SEO
scores of both sites and the audits of ours that do not pass. The SEO category's `hreflang`
and `canonical` audits need absolute addresses, which a local build does not write (its
`site_url` is a placeholder), so SEO is printed without them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from search_quality import CHROMIUM, CHROMIUM_ARGS, ROOT, mkdocs_build, prepare_projects, serve

LIGHTHOUSE_DIR = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["accessibility", "best-practices", "seo"]
# Audits a local preview cannot pass by construction (see the docstring).
LOCAL_ONLY = {"hreflang", "canonical"}
# One page of every kind, in both languages; the plain site has no tag pages or statement,
# so those rows compare with its home, and one 404 page for both languages.
PAGES = {
    "home": ("", "fi/"),
    "collection": ("narudzbe/", "fi/tilaukset/"),
    "article": ("narudzbe/otkazivanje-narudzbe/", "fi/tilaukset/tilauksen-peruminen/"),
    "tags": ("tags/", "fi/tags/"),
    "statement": ("izjava-o-pristupacnosti/", "fi/saavutettavuusseloste/"),
    "not-found": ("404.html", "fi/404.html"),
}
PLAIN_PAGES = {"tags": ("", "fi/"), "statement": ("", "fi/"), "not-found": ("404.html", "404.html")}


def _install() -> None:
    if LIGHTHOUSE.exists():
        return
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LIGHTHOUSE_DIR, check=True
    )


def lighthouse(url: str, *, form: str, out: Path) -> dict[str, object]:
    """Lighthouse's report of `url` with its `form` ("mobile" or "desktop") settings."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS),
        "--output=json",
        f"--output-path={out}",
    ]
    if form == "desktop":
        command.append("--preset=desktop")
    subprocess.run(
        command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True
    )
    return dict(json.loads(out.read_text(encoding="utf-8")))


def scores(report: dict[str, object]) -> tuple[dict[str, int], list[str]]:
    """Scores out of 100 per category (SEO without the local-only audits) and failed audits."""
    audits: dict[str, dict[str, object]] = report["audits"]  # type: ignore[assignment]
    categories: dict[str, dict[str, object]] = report["categories"]  # type: ignore[assignment]
    found: dict[str, int] = {}
    failed: list[str] = []
    for name in CATEGORIES:
        refs = categories[name]["auditRefs"]  # type: ignore[index]
        total = weight_sum = 0.0
        for ref in refs:  # type: ignore[attr-defined]
            audit = audits[ref["id"]]
            weight = float(ref["weight"])
            if weight == 0 or audit.get("score") is None:
                continue
            if name == "seo" and ref["id"] in LOCAL_ONLY:
                continue
            total += weight * float(audit["score"])  # type: ignore[arg-type]
            weight_sum += weight
            if float(audit["score"]) < 1:  # type: ignore[arg-type]
                failed.append(f"{name}/{ref['id']}")
        found[name] = round(100 * total / weight_sum) if weight_sum else 100
    return found, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(PAGES), help="comma-separated page kinds")
    args = parser.parse_args()
    kinds = [kind for kind in args.kinds.split(",") if kind]
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}")
    _install()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours_project, plain_project = prepare_projects(work, None)
        mkdocs_build(ours_project, work / "ours-site", strict=True)
        mkdocs_build(plain_project, work / "plain-site", strict=False)
        with serve(work / "ours-site") as ours, serve(work / "plain-site") as plain:
            header = "kind       lang form    | ours  a11y  best   seo | material  a11y  best   seo"
            print(header)
            print("-" * len(header))
            failures: list[str] = []
            for kind in kinds:
                for index, lang in enumerate(("hr", "fi")):
                    for form in ("mobile", "desktop"):
                        ours_path = PAGES[kind][index]
                        plain_path = PLAIN_PAGES.get(kind, PAGES[kind])[index]
                        mine, failed = scores(
                            lighthouse(f"{ours}/{ours_path}", form=form, out=work / "o.json")
                        )
                        theirs, _ = scores(
                            lighthouse(f"{plain}/{plain_path}", form=form, out=work / "p.json")
                        )
                        print(
                            f"{kind:10} {lang:4} {form:7} |      "
                            + " ".join(f"{mine[c]:5}" for c in CATEGORIES)
                            + " |          "
                            + " ".join(f"{theirs[c]:5}" for c in CATEGORIES),
                            flush=True,
                        )
                        failures += [f"{kind} {lang} {form}: {audit}" for audit in failed]
            print("\naudits of ours that do not pass:", *(failures or ["none"]), sep="\n  ")


if __name__ == "__main__":
    sys.exit(main())
