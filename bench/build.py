"""Build time of our configuration versus plain Material + static-i18n on the same content.

    .venv/bin/python bench/build.py [--articles 300] [--repeat 3]

Both builds run in this one benchmark run, on the same generated content set (N articles per
language following the content contract); the figure to watch is the ratio (target <= 1.3).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_content import ROOT, generate

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


def _ours(project: Path) -> None:
    for name in ("mkdocs.yml", "hooks", "overrides", "locales"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)


def _time_build(project: Path, *, repeat: int) -> list[float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELPCENTER_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    times = []
    for _ in range(repeat):
        site = project / "site"
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
            cwd=project,
            env=env,
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
        shutil.rmtree(site)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=300, help="articles per language")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ours, plain = Path(tmp) / "ours", Path(tmp) / "plain"
        for project in (ours, plain):
            project.mkdir()
            generate(project / "docs", articles_per_language=args.articles)
        _ours(ours)
        (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
        # Interleave so that machine noise hits both alike.
        ours_times, plain_times = [], []
        for _ in range(args.repeat):
            plain_times += _time_build(plain, repeat=1)
            ours_times += _time_build(ours, repeat=1)
    ours_s, plain_s = statistics.median(ours_times), statistics.median(plain_times)
    print(f"articles per language: {args.articles} (2 languages), median of {args.repeat} builds")
    print(f"plain Material + static-i18n: {plain_s:6.2f} s  {[round(t, 2) for t in plain_times]}")
    print(f"helpcenter (hooks+overrides): {ours_s:6.2f} s  {[round(t, 2) for t in ours_times]}")
    print(f"ratio helpcenter / plain:     {ours_s / plain_s:6.2f}  (target <= 1.30)")


if __name__ == "__main__":
    main()
