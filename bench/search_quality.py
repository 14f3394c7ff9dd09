"""Search quality: our search versus Material's built-in search, typed into the real search box.

    .venv/bin/python bench/search_quality.py [--docs DIR] [--queries FILE ...] [--holdout FILE ...]
    .venv/bin/python bench/search_quality.py --set shop     # the 49-article "shop" content set

Builds the site twice from the same content (ours, and a plain mkdocs-material +
mkdocs-static-i18n build with Material's `search` plugin), serves both on loopback, types every
query of the query files into each site's search box in headless Chromium and reads the result
links. A query file is a YAML list of `{lang, query, expected, kind}`; `expected` lists article
source paths relative to `docs/<lang>/`, best first, and any of them counts as a hit.

Printed per language and per kind: Success@1 and Success@3 (an expected article among the first
1 / 3 results) and MRR (mean of 1 / rank of the first expected article, 0 when absent).
Queries with `expected: []` (no article answers them) are scored apart: the share that shows
no results. Hold-out files (`--holdout`, never looked at while tuning) are reported apart from
the tuning files. Any result link of another language than the query's is counted and printed.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("HELPCENTER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEFAULT_QUERIES = [ROOT / "bench" / "queries" / "hr.yml", ROOT / "bench" / "queries" / "fi.yml"]
# Named content sets: docs, tuning queries, hold-out queries.
SETS = {
    "starter": (None, DEFAULT_QUERIES, []),
    "shop": (
        ROOT / "bench" / "content" / "shop" / "docs",
        [ROOT / "bench" / "queries" / "shop" / f"{lang}.yml" for lang in ("hr", "fi")],
        [ROOT / "bench" / "queries" / "shop" / f"{lang}.holdout.yml" for lang in ("hr", "fi")],
    ),
}
PROJECT_FILES = ("mkdocs.yml", "hooks", "overrides", "locales")
RESULT_TIMEOUT_MS = 15_000

# The baseline: Material's own search on the same content, nothing of ours.
PLAIN_CONFIG = """\
site_name: Plain
site_url: http://127.0.0.1:8000/
docs_dir: docs
theme:
  name: material
  language: hr
  font: false
plugins:
  - search
  - i18n:
      docs_structure: folder
      fallback_to_default: false
      languages:
        - locale: hr
          name: Hrvatski
          default: true
        - locale: fi
          name: Suomi
"""


# ---------------------------------------------------------------------------------------------
# Building and serving


def _clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELPCENTER_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra or {})
    return env


def mkdocs_build(
    project: Path, site: Path, *, strict: bool, env: dict[str, str] | None = None
) -> None:
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site),
    ]
    if strict:
        command.insert(4, "--strict")
    result = subprocess.run(
        command, cwd=project, env=_clean_env(env), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{result.stderr[-4000:]}")


def prepare_projects(work: Path, docs: Path | None) -> tuple[Path, Path]:
    """Our project (the repository itself, or a copy around `docs`) and the plain one."""
    source_docs = docs.resolve() if docs else ROOT / "docs"
    if docs is None:
        ours = ROOT
    else:
        ours = work / "ours"
        ours.mkdir()
        for name in PROJECT_FILES:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, ours / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, ours / name)
        shutil.copytree(source_docs, ours / "docs")
    plain = work / "plain"
    plain.mkdir()
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    shutil.copytree(source_docs, plain / "docs")
    return ours, plain


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(
    directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler
) -> Iterator[str]:
    """Serve `directory` on a free loopback port; yields the origin."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


# ---------------------------------------------------------------------------------------------
# Typing a query into each site's search box


def home_path(lang: str, default_lang: str = "hr") -> str:
    return "/" if lang == default_lang else f"/{lang}/"


def page_path(url: str) -> str:
    """The page a result link leads to: path only, no fragment, no index.html."""
    path = urlsplit(url).path
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path if path.endswith("/") else path + "/"


def dedupe(paths: list[str]) -> list[str]:
    return list(dict.fromkeys(paths))


OURS_WAIT = """([q, box]) => {
  const list = document.querySelector(`[data-hc-search=${box}] [data-search-results]`);
  return list && list.dataset.searchQuery === q
    && ['results', 'empty', 'error'].includes(list.dataset.searchState);
}"""
OURS_READ = """(box) => Array.from(
  document.querySelectorAll(`[data-hc-search=${box}] [data-search-results] a[href]`)
).map(a => a.href)"""


def search_ours(page: Any, query: str, *, box: str = "header") -> list[str]:
    field = page.locator(f"[data-hc-search={box}] input[type=search]")
    field.fill(query)
    page.wait_for_function(OURS_WAIT, arg=[query, box], timeout=RESULT_TIMEOUT_MS)
    return dedupe([page_path(u) for u in page.evaluate(OURS_READ, box)])


MATERIAL_READ = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const items = document.querySelectorAll('.md-search-result__list > .md-search-result__item');
  const links = Array.from(items).map(li => (li.querySelector('a') || {}).href || '');
  return [meta ? meta.textContent.trim() : '', links];
}"""


def search_material(page: Any, query: str) -> list[str]:
    field = page.locator("input.md-search__input")
    if not field.is_visible():
        page.locator("label[for=__search]").first.click()
    # Material renders in a worker without a "done" signal: clear the box and note the idle
    # text, then type and wait until the text differs and the list stays the same a while.
    field.fill("")
    field.press("End")
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__list > .md-search-result__item')",
        timeout=RESULT_TIMEOUT_MS,
    )
    page.wait_for_timeout(100)
    idle_meta = page.evaluate(MATERIAL_READ)[0]
    field.fill(query)
    # Material listens to key events, which `fill` does not send.
    field.press("End")
    deadline = time.monotonic() + RESULT_TIMEOUT_MS / 1000
    last: Any = None
    stable = 0
    while time.monotonic() < deadline:
        page.wait_for_timeout(60)
        current = page.evaluate(MATERIAL_READ)
        ready = current[0] and current[0] != idle_meta and "initializ" not in current[0].lower()
        if ready and current == last:
            stable += 1
            if stable >= 3:
                break
        else:
            stable = 0
        last = current
    return dedupe([page_path(u) for u in last[1] if u]) if last else []


# ---------------------------------------------------------------------------------------------
# Scoring


@dataclass(frozen=True)
class Query:
    lang: str
    query: str
    expected: tuple[str, ...]
    kind: str
    holdout: bool = False


@dataclass
class Score:
    n: int = 0
    s1: float = 0.0
    s3: float = 0.0
    rr: float = 0.0

    def add(self, rank: int | None) -> None:
        self.n += 1
        if rank is not None:
            self.s1 += rank == 1
            self.s3 += rank <= 3
            self.rr += 1 / rank

    def row(self) -> str:
        if not self.n:
            return "   -     -     -  "
        return f"{self.s1 / self.n:5.2f} {self.s3 / self.n:5.2f} {self.rr / self.n:5.2f}"


@dataclass
class Outcome:
    query: Query
    ours: list[str] = field(default_factory=list)
    material: list[str] = field(default_factory=list)


def load_queries(files: list[Path], *, holdout: bool = False) -> list[Query]:
    queries = []
    for file in files:
        if not file.is_file():
            print(f"(skipping {file}: not found)")
            continue
        for item in yaml.safe_load(file.read_text(encoding="utf-8")) or []:
            queries.append(
                Query(
                    item["lang"],
                    str(item["query"]),
                    tuple(item["expected"]),
                    item.get("kind", "all"),
                    holdout,
                )
            )
    return queries


def expected_paths(q: Query) -> list[str]:
    home = home_path(q.lang)
    return [home + Path(p).with_suffix("").as_posix() + "/" for p in q.expected]


def first_rank(results: list[str], q: Query) -> int | None:
    wanted = set(expected_paths(q))
    for i, path in enumerate(results, start=1):
        if path in wanted:
            return i
    return None


def other_language_results(o: Outcome, langs: set[str]) -> list[str]:
    """Result paths of ours under another language's home than the query's."""
    home = home_path(o.query.lang)
    other_homes = {home_path(lang) for lang in langs} - {home, "/"}
    return [
        path
        for path in o.ours
        if not path.startswith(home) or any(path.startswith(h) for h in other_homes)
    ]


def report_unanswerable(outcomes: list[Outcome], *, with_material: bool) -> None:
    """Queries no article answers: the share that shows no results (higher is better)."""
    for lang in [*sorted({o.query.lang for o in outcomes}), "all"]:
        chosen = [o for o in outcomes if lang in ("all", o.query.lang)]
        if not chosen:
            continue
        ours = sum(not o.ours for o in chosen) / len(chosen)
        line = f"{lang:4} {'unanswerable':14} {len(chosen):3} | no results: ours {ours:4.2f}"
        if with_material:
            material = sum(not o.material for o in chosen) / len(chosen)
            line += f"   material {material:4.2f}"
        print(line)
    print()


def report(outcomes: list[Outcome], *, with_material: bool) -> None:
    answerable = [o for o in outcomes if o.query.expected]
    unanswerable = [o for o in outcomes if not o.query.expected]
    groups: dict[tuple[str, str], tuple[Score, Score]] = {}
    for o in answerable:
        for key in (
            (o.query.lang, o.query.kind),
            (o.query.lang, "ALL"),
            ("all", o.query.kind),
            ("all", "ALL"),
        ):
            ours, material = groups.setdefault(key, (Score(), Score()))
            ours.add(first_rank(o.ours, o.query))
            if with_material:
                material.add(first_rank(o.material, o.query))
    header = f"{'lang':4} {'kind':14} {'n':>3} | {'ours S@1':>8} {'S@3':>5} {'MRR':>5}"
    if with_material:
        header += f" | {'material S@1':>12} {'S@3':>5} {'MRR':>5}"
    print(header)
    print("-" * len(header))
    langs = [*sorted({k[0] for k in groups if k[0] != "all"}), "all"]
    for lang in langs:
        kinds = [*sorted(k[1] for k in groups if k[0] == lang and k[1] != "ALL"), "ALL"]
        for kind in kinds:
            ours, material = groups[(lang, kind)]
            line = f"{lang:4} {kind:14} {ours.n:3} |    {ours.row()}"
            if with_material:
                line += f" |        {material.row()}"
            print(line)
        print()
    if unanswerable:
        report_unanswerable(unanswerable, with_material=with_material)
    langs = {o.query.lang for o in outcomes}
    leaks = [(o, p) for o in outcomes for p in other_language_results(o, langs)]
    print(f"results of another language than the query's: {len(leaks)}")
    for o, p in leaks[:10]:
        print(f"  [{o.query.lang}] {o.query.query!r}: {p}")


def source_paths(site: Path) -> dict[str, str]:
    """Our article URLs (localized slugs) -> the URL their docs path gives, which is what
    the queries' `expected` and plain Material's URLs are compared in."""
    manifest = json.loads((site / "helpcenter-manifest.json").read_text(encoding="utf-8"))
    paths = {}
    for article in manifest["articles"]:
        source = Path(article["page"]).with_suffix("").as_posix()
        paths[urlsplit(article["url"]).path] = f"{home_path(article['lang'])}{source}/"
    return paths


def run(args: argparse.Namespace) -> list[Outcome]:
    queries = load_queries(args.queries) + load_queries(args.holdout, holdout=True)
    if not queries:
        raise SystemExit("no queries")
    with tempfile.TemporaryDirectory(prefix="search-quality-") as tmp:
        work = Path(tmp)
        ours_project, plain_project = prepare_projects(work, args.docs)
        started = time.perf_counter()
        mkdocs_build(ours_project, work / "ours-site", strict=True)
        print(f"built ours in {time.perf_counter() - started:.1f} s")
        if not args.no_material:
            started = time.perf_counter()
            mkdocs_build(plain_project, work / "plain-site", strict=False)
            print(f"built Material baseline in {time.perf_counter() - started:.1f} s")
        outcomes = [Outcome(q) for q in queries]
        by_source = source_paths(work / "ours-site")
        with chromium() as browser, contextlib.ExitStack() as stack:
            ours_url = stack.enter_context(serve(work / "ours-site"))
            plain_url = (
                None if args.no_material else stack.enter_context(serve(work / "plain-site"))
            )
            for lang in sorted({q.lang for q in queries}):
                todo = [o for o in outcomes if o.query.lang == lang]
                page = browser.new_page()
                page.goto(ours_url + home_path(lang))
                for o in todo:
                    o.ours = [by_source.get(p, p) for p in search_ours(page, o.query.query)]
                page.close()
                if plain_url:
                    page = browser.new_page()
                    page.goto(plain_url + home_path(lang))
                    for o in todo:
                        o.material = search_material(page, o.query.query)
                    page.close()
    return outcomes


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--docs", type=Path, help="content set to use instead of docs/ (docs/<lang>/...)"
    )
    parser.add_argument("--set", choices=sorted(SETS), help="a named content set and its queries")
    parser.add_argument("--queries", type=Path, nargs="+", default=None)
    parser.add_argument(
        "--holdout", type=Path, nargs="+", default=None, help="hold-out queries, reported apart"
    )
    parser.add_argument("--no-material", action="store_true", help="skip the Material baseline")
    parser.add_argument(
        "--failures", action="store_true", help="list queries ours misses in the top 3"
    )
    parser.add_argument("--details", action="store_true", help="list every query with both ranks")
    args = parser.parse_args()
    docs, tuning, holdout = SETS[args.set or "starter"]
    args.docs = args.docs or docs
    args.queries = args.queries or tuning
    args.holdout = args.holdout if args.holdout is not None else holdout
    outcomes = run(args)
    print()
    tuned = [o for o in outcomes if not o.query.holdout]
    held = [o for o in outcomes if o.query.holdout]
    if held:
        print("== tuning queries ==")
    report(tuned, with_material=not args.no_material)
    if held:
        print("\n== hold-out queries (never looked at while tuning) ==")
        report(held, with_material=not args.no_material)
    if args.details:
        for o in tuned:
            ours, material = first_rank(o.ours, o.query), first_rank(o.material, o.query)
            where = f"[{o.query.lang} {o.query.kind:13}]"
            ranks = f"ours {ours or '-':>2} material {material or '-':>2}"
            print(f"  {where} {ranks}  {o.query.query!r}  ours: {o.ours[:3]}")
    if args.failures:
        # Only the tuning queries: the hold-out ones stay unseen.
        print("Ours: expected article not among the first three results (tuning queries)")
        for o in tuned:
            if not o.query.expected:
                continue
            rank = first_rank(o.ours, o.query)
            if rank is None or rank > 3:
                where = f"[{o.query.lang} {o.query.kind}] {o.query.query!r}"
                print(f"  {where}: rank {rank}; got {o.ours[:3]}")


if __name__ == "__main__":
    main()
