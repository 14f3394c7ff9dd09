"""`helpcenter build`: every language rendered in its own process, the results merged into
the same bytes a sequential `mkdocs build` writes.

Each language pass is a fresh Python process (`python -m helpcenter.parallel_build --pass`):
it loads `mkdocs.yml`, starts the `SiteBuild` with every language (`build_steps.begin`), and
lets static-i18n render that one language exactly as it does in a sequential build, after the
default language (`mkdocs_i18n.start_language_pass`). It writes that language's search index
and scripts, and hands its sitemap entries to the parent as JSON. The parent moves the passes'
trees into the site directory in the sequential order (a later language's copy of a shared
file wins, as it does there) and writes what spans languages: the sitemap and robots.txt.
The feedback manifest comes from the site model, so the default language's pass writes it.

Why not static-i18n's `build_only_locale`: it makes that locale the default one, so Finnish
would render at the site root, with itself as x-default and a switcher without Croatian.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.utils import clean_directory

from helpcenter import build_steps, mkdocs_i18n
from helpcenter.editor.seo import Alternate, SitemapEntry


def _sitemap_file(site_dir: Path) -> Path:
    """Beside the pass's tree, so that it never reaches the site."""
    return site_dir.with_name(f"{site_dir.name}.sitemap.json")


@dataclass(frozen=True)
class LanguagePass:
    """One language's process: where it renders, and what it printed."""

    lang: str
    site_dir: Path
    process: subprocess.Popen[bytes]
    log_file: Path


def build_site(
    config_file: Path,
    *,
    site_dir: Path | None = None,
    err: TextIO | None = None,
) -> int:
    """Build every language of `config_file` in parallel into `site_dir` (default: the
    configuration's `site_dir`); returns the exit status, printing the passes' messages."""
    err = err or sys.stderr
    languages, default_site_dir = _languages(config_file)
    target = (site_dir or default_site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".helpcenter-build-", dir=target.parent) as work:
        passes = [_start_pass(config_file, lang, Path(work)) for lang in languages]
        failed = [p for p in passes if p.process.wait() != 0]
        _print_logs(failed or passes, err=err)
        if failed:
            print(
                f"helpcenter build: the language pass of {', '.join(p.lang for p in failed)} "
                "failed; nothing was written to the site directory",
                file=err,
            )
            return 1
        _merge(passes, target=target)
        results = [_read_sitemap(p.site_dir) for p in passes]
        entries = [entry for _site_url, found in results for entry in found]
        build_steps.write_sitemap(entries, site_dir=target, site_url=results[0][0])
    return 0


def _languages(config_file: Path) -> tuple[list[str], Path]:
    """The languages static-i18n builds, the default one first, and the configured site dir."""
    config = load_config(str(config_file))
    languages = mkdocs_i18n.build_languages(config)
    default = mkdocs_i18n.default_language(config)
    ordered = [default, *(lang for lang in languages if lang != default)]
    return ordered, Path(config.site_dir)


def _start_pass(config_file: Path, lang: str, work: Path) -> LanguagePass:
    site_dir = work / lang
    log_file = work / f"{lang}.log"
    command = [
        sys.executable,
        "-m",
        "helpcenter.parallel_build",
        "--pass",
        lang,
        "--config-file",
        str(config_file),
        "--site-dir",
        str(site_dir),
    ]
    # MkDocs 1.6 with Material prints a notice about MkDocs 2 on every start.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log_file.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    return LanguagePass(lang=lang, site_dir=site_dir, process=process, log_file=log_file)


def _print_logs(passes: list[LanguagePass], *, err: TextIO) -> None:
    """Each pass's messages in language order; a message every pass printed (a content error
    of any language fails them all) is shown once."""
    seen: set[str] = set()
    for language_pass in passes:
        for line in language_pass.log_file.read_text(encoding="utf-8").splitlines():
            if line in seen:
                continue
            seen.add(line)
            print(line, file=err)


def _merge(passes: list[LanguagePass], *, target: Path) -> None:
    """The passes' trees moved into `target` in pass order, later files replacing earlier."""
    if target.exists():
        clean_directory(str(target))
    else:
        target.mkdir()
    for language_pass in passes:
        for source in sorted(_files(language_pass.site_dir)):
            destination = target / source.relative_to(language_pass.site_dir)
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, destination)


def _files(root: Path) -> Iterator[Path]:
    for folder, _dirs, names in os.walk(root):
        for name in names:
            yield Path(folder) / name


def _read_sitemap(site_dir: Path) -> tuple[str | None, list[SitemapEntry]]:
    """What a pass handed over: the site URL and its sitemap entries."""
    rows = json.loads(_sitemap_file(site_dir).read_text(encoding="utf-8"))
    entries = [
        SitemapEntry(
            loc=row["loc"],
            lastmod=row["lastmod"],
            alternates=tuple(Alternate(**alternate) for alternate in row["alternates"]),
        )
        for row in rows["entries"]
    ]
    return (str(rows["site_url"]) if rows["site_url"] else None), entries


def language_pass(config_file: Path, *, lang: str, site_dir: Path) -> None:
    """Render `lang` into `site_dir` as the sequential build renders it; raises MkDocs'
    exceptions (a content error, warnings in strict mode)."""
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    mkdocs_i18n.start_language_pass(config, lang)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        site = build_steps.begin(config, lang=lang, rendered=[lang])
        build(config)
        build_steps.write_search_indexes(site, config=config, languages=[lang])
        build_steps.write_scripts(site_dir=site_dir)
        if lang == mkdocs_i18n.default_language(config):
            # From the site model, not from rendering: one pass writes them for all.
            build_steps.write_manifest(site, config=config)
            build_steps.write_redirects(site, config=config)
            build_steps.write_widget(site, config=config)
        rows = {
            "site_url": config.site_url,
            "entries": [dataclasses.asdict(entry) for entry in site.sitemap],
        }
        _sitemap_file(site_dir).write_text(json.dumps(rows), encoding="utf-8")
    finally:
        config.plugins.on_shutdown()


def _pass_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpcenter.parallel_build")
    parser.add_argument("--pass", dest="lang", required=True)
    parser.add_argument("--config-file", type=Path, required=True)
    parser.add_argument("--site-dir", type=Path, required=True)
    args = parser.parse_args(argv)
    _log_like_mkdocs()
    try:
        language_pass(args.config_file, lang=args.lang, site_dir=args.site_dir)
    except MkDocsException as exc:
        logging.getLogger("mkdocs").error(str(exc))
        print(f"Aborted the '{args.lang}' pass with a build error.", file=sys.stderr)
        return 1
    return 0


def _log_like_mkdocs() -> None:
    """MkDocs' own console format (`WARNING -  ...`), warnings and errors only."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


if __name__ == "__main__":
    sys.exit(_pass_main(sys.argv[1:]))
