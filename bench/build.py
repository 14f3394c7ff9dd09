"""Build time and memory of `helpcenter build` versus plain Material + static-i18n.

    .venv/bin/python bench/build.py [--articles 300,1000,3000] [--repeat 1] [--rebuild 300]

For each size, both projects are generated with the same content (N articles per language,
10 collections, following the content contract) and built in this one run, interleaved:
- plain: Material + static-i18n with Material's default search plugin, sequential
  `mkdocs build`;
- ours: `helpcenter build` (every language in its own process).
Peak memory is the largest sum of the resident memory of the build's processes, sampled every
20 ms. Targets on a 2-core machine: ours <= 0.8 x plain at 1,000 articles per language, and
ours at 3,000 <= 3.5 x ours at 1,000.

`--rebuild N`: the rebuild `mkdocs serve` does after an editor saves one article, at N
articles per language, ours and plain: from the file's write to "Reloading browsers".
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_content import ROOT, generate

sys.path.insert(0, str(ROOT))
from tests.support.net import free_port

PLAIN_CONFIG = """
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
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float


def _ours(project: Path) -> None:
    for name in ("mkdocs.yml", "hooks", "overrides", "locales"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)


def _projects(tmp: Path, articles: int) -> tuple[Path, Path]:
    ours, plain = tmp / f"ours-{articles}", tmp / f"plain-{articles}"
    for project in (ours, plain):
        project.mkdir()
        generate(project / "docs", articles_per_language=articles)
    _ours(ours)
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return ours, plain


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELPCENTER_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def _tree_rss_kib(root: int) -> int:
    """Resident memory of `root` and all its descendants, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += parents.get(pid, [])
        try:
            with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


def _timed(command: list[str], *, cwd: Path) -> Run:
    """Wall time and peak memory of one build, which must succeed."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss_kib(process.pid))
        time.sleep(0.02)  # the sampling interval, not a wait for an event
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{stderr}")
    return Run(seconds=seconds, peak_mib=peak / 1024)


def _build_plain(project: Path) -> Run:
    site = project / "site"
    run = _timed([str(BIN / "mkdocs"), "build", "-q", "-d", str(site)], cwd=project)
    shutil.rmtree(site)
    return run


def _build_ours(project: Path) -> Run:
    site = project / "site"
    run = _timed([str(BIN / "helpcenter"), "build", "-d", str(site)], cwd=project)
    shutil.rmtree(site)
    return run


def _serve_rebuild(project: Path, *, article: Path) -> float:
    """Seconds from saving `article` to the end of the rebuild that `mkdocs serve` does."""
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert process.stderr is not None
    stderr = process.stderr
    threading.Thread(target=lambda: [lines.put(line) for line in stderr], daemon=True).start()
    try:
        _wait_for(lines, "Serving on", timeout=900)
        start = time.perf_counter()
        article.write_text(article.read_text(encoding="utf-8") + "\nJoš jedna rečenica.\n")
        _wait_for(lines, "Reloading browsers", timeout=900)
        return time.perf_counter() - start
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for(lines: queue.Queue[str], text: str, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        if text in line:
            return


def _row(label: str, runs: list[Run]) -> str:
    seconds = statistics.median(run.seconds for run in runs)
    peak = max(run.peak_mib for run in runs)
    each = [round(run.seconds, 2) for run in runs]
    return f"{label:<34} {seconds:8.2f} s   peak {peak:7.0f} MiB   {each}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", default="300,1000,3000", help="sizes per language")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--rebuild", type=int, default=300, help="0: skip the serve rebuild")
    args = parser.parse_args()
    sizes = [int(size) for size in args.articles.split(",")]
    ours_median: dict[int, float] = {}
    print(f"cores: {os.cpu_count()}, median of {args.repeat} build(s), 2 languages")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            ours, plain = _projects(Path(tmp), size)
            # Interleaved, so that machine noise hits both alike.
            plain_runs, ours_runs = [], []
            for _ in range(args.repeat):
                plain_runs.append(_build_plain(plain))
                ours_runs.append(_build_ours(ours))
            ratio = statistics.median(r.seconds for r in ours_runs) / statistics.median(
                r.seconds for r in plain_runs
            )
            ours_median[size] = statistics.median(r.seconds for r in ours_runs)
            print(f"\n{size} articles per language")
            print(_row("plain Material + static-i18n:", plain_runs))
            print(_row("helpcenter build:", ours_runs))
            target = "  (target <= 0.80)" if size == 1000 else ""
            print(f"ratio helpcenter / plain: {ratio:.2f}{target}")
            shutil.rmtree(ours)
            shutil.rmtree(plain)
        if 1000 in ours_median and 3000 in ours_median:
            growth = ours_median[3000] / ours_median[1000]
            print(f"\nours at 3000 / ours at 1000: {growth:.2f}  (target <= 3.50)")
        if args.rebuild:
            ours, plain = _projects(Path(tmp), args.rebuild)
            article = Path("docs/hr/c01/a0001.md")
            plain_s = _serve_rebuild(plain, article=plain / article)
            ours_s = _serve_rebuild(ours, article=ours / article)
            print(f"\nmkdocs serve, rebuild after saving one article ({args.rebuild} per language)")
            print(f"plain Material + static-i18n: {plain_s:6.2f} s")
            print(f"helpcenter:                   {ours_s:6.2f} s")
            print(f"ratio helpcenter / plain:     {ours_s / plain_s:6.2f}")


if __name__ == "__main__":
    main()
