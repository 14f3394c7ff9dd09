"""`helpcenter`: the editors' command line (check, new, translations, urls, build)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from helpcenter import url_record
from helpcenter.editor.checks import check_project, errors, warnings
from helpcenter.editor.project import Project, load_project
from helpcenter.editor.scaffold import ScaffoldError, new_article
from helpcenter.editor.translations import (
    State,
    TranslationCommandError,
    TranslationReport,
    Version,
    article_paths,
    article_status,
    mark_up_to_date,
    resolve_target,
    translation_report,
)
from helpcenter.front_matter import ContentError
from helpcenter.parallel_build import build_site

_LABELS = {
    State.SOURCE: "source",
    State.UP_TO_DATE: "up to date",
    State.OUTDATED: "OUTDATED",
    State.MISSING: "missing",
    State.NOT_NEEDED: "not needed",
}
_FAILABLE = {State.MISSING.value, State.OUTDATED.value}


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's MkDocs configuration (default: ./mkdocs.yml)",
    )
    parser = argparse.ArgumentParser(
        prog="helpcenter", description="Tools for the editors of a help center."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        parents=[common],
        help="find what the build would reject, without building",
        description="Front matter, links, anchors, images, collections, tags and translation "
        "records. One `path:line: message` per problem; exit status 1 on any error.",
    )
    check.set_defaults(run=_check)

    new = commands.add_parser(
        "new",
        parents=[common],
        help="create an article (or a translation skeleton)",
        description="Create docs/<lang>/<collection>/<slug>.md with a complete front matter. "
        "Its description is a placeholder that fails validation until you write it.",
    )
    new.add_argument("lang", help="language folder, e.g. hr")
    new.add_argument("target", metavar="COLLECTION/SLUG", help="e.g. narudzbe/otkazivanje")
    new.add_argument("--title", required=True, help="the article's title (the question)")
    new.add_argument("--author", help="an author id from docs/.authors.yml")
    new.add_argument("--tags", default="", help="comma-separated tags, e.g. 'narudžba,povrat'")
    new.add_argument(
        "--translate-from",
        metavar="LANG",
        help="make a translation skeleton of the same article in LANG (copies its headings "
        "and records the source revision)",
    )
    new.set_defaults(run=_new)

    translations = commands.add_parser(
        "translations",
        parents=[common],
        help="show which translations are up to date, outdated or missing",
        description="The state of every article in every language. A translation is outdated "
        "when its source changed after its `translation_of` revision was recorded.",
    )
    translations.add_argument("--format", choices=["table", "json"], default="table")
    translations.add_argument(
        "--fail-on",
        default="",
        metavar="STATES",
        help="exit with status 1 if any article is in one of these comma-separated states "
        "(missing, outdated; none: never)",
    )
    translations.add_argument(
        "--mark-up-to-date",
        nargs="+",
        metavar="TARGET",
        help="record that these translations match their source now: <lang>/<collection>/"
        "<slug>.md (or a path under docs/), or a bare language code for all its translations",
    )
    translations.add_argument(
        "--source",
        metavar="LANG",
        help="with --mark-up-to-date: the language translated from (default: the article's "
        "source, normally the default language)",
    )
    translations.set_defaults(run=_translations)

    urls = commands.add_parser(
        "urls",
        parents=[common],
        help="check or update urls.lock, the record of every published URL",
        description="Without options: what breaks a recorded URL (exit status 1) and which "
        "published URLs are not recorded yet. With --update: add new URLs and follow moved "
        "files (by path in docs/, git history, or --moved), so that old URLs redirect.",
    )
    urls.add_argument("--update", action="store_true", help="write the updated urls.lock")
    urls.add_argument(
        "--moved",
        nargs=2,
        action="append",
        default=[],
        metavar=("OLD", "NEW"),
        help="OLD (a docs file or a recorded URL) is served by the docs file NEW now; "
        "with --update",
    )
    urls.add_argument(
        "--gone",
        action="append",
        default=[],
        metavar="URL",
        help="the page at URL was removed on purpose: it shows a localized 'removed' page; "
        "with --update",
    )
    urls.set_defaults(run=_urls)

    build = commands.add_parser(
        "build",
        parents=[common],
        help="build the site, every language in its own process",
        description="The same files as a sequential `mkdocs build --strict`, each language "
        "rendered in parallel; any warning fails the build and leaves the site directory as "
        "it was.",
    )
    build.add_argument(
        "-d",
        "--site-dir",
        type=Path,
        help="where to write the site (default: mkdocs.yml's site_dir)",
    )
    build.set_defaults(run=None)
    return parser


def _load(args: argparse.Namespace, err: TextIO) -> Project | None:
    config_file: Path = args.config_file
    try:
        return load_project(config_file)
    except Exception as exc:  # MkDocs raises several kinds for a broken configuration
        print(f"helpcenter: cannot read {config_file}: {exc}", file=err)
        return None


def _urls(args: argparse.Namespace, project: Project, out: TextIO, err: TextIO) -> int:
    path = project.config_dir / url_record.RECORD_FILE
    try:
        record = url_record.read_record(path)
    except url_record.UrlRecordError as exc:
        print(exc, file=err)
        return 1
    pages = url_record.published_pages(project)
    if not args.update:
        if args.moved or args.gone:
            print("helpcenter urls: --moved and --gone need --update", file=err)
            return 2
        problems = url_record.check_record(record, pages)
        for problem in problems:
            kind = "" if problem.error else "warning: "
            print(f"{url_record.RECORD_FILE}:{max(problem.line, 1)}: {kind}{problem.message}")
        return 1 if any(problem.error for problem in problems) else 0
    result = url_record.update_record(
        record,
        pages,
        moved={_docs_path(old): _docs_path(new) for old, new in args.moved},
        renames=url_record.git_renames(project, path),
        gone=args.gone,
    )
    for old, new in result.followed:
        print(f"followed docs/{old} -> docs/{new}: its old URLs redirect", file=out)
    for url in result.added:
        print(f"recorded {url}", file=out)
    if result.unresolved:
        for entry in result.unresolved:
            print(
                f"{url_record.RECORD_FILE}:{entry.line}: {entry.url} was published from "
                f"docs/{entry.target}, which no longer exists and was not found elsewhere; "
                "name its new file with --moved OLD NEW, or mark it --gone URL",
                file=err,
            )
        print("helpcenter urls: urls.lock not written", file=err)
        return 1
    path.write_text(result.record.dump(), encoding="utf-8")
    print(f"{path.name}: {len(result.record.urls)} URLs", file=err)
    return 0


def _docs_path(value: str) -> str:
    """`docs/fi/x.md` or `fi/x.md` as a docs path; a URL stays as it is."""
    return value.removeprefix("./").removeprefix("docs/") if value.endswith(".md") else value


def _check(args: argparse.Namespace, project: Project, out: TextIO, err: TextIO) -> int:
    problems = sorted(
        [*check_project(project), *url_record.record_problems(project)],
        key=lambda p: (p.path, p.line, p.severity, p.message),
    )
    for problem in problems:
        print(problem, file=out)
    found_errors, found_warnings = len(errors(problems)), len(warnings(problems))
    print(f"{found_errors} error(s), {found_warnings} warning(s)", file=err)
    return 1 if found_errors else 0


def _new(args: argparse.Namespace, project: Project, out: TextIO, err: TextIO) -> int:
    tags = [tag.strip() for tag in args.tags.split(",") if tag.strip()]
    try:
        file = new_article(
            project,
            lang=args.lang,
            target=args.target,
            title=args.title,
            today=dt.date.today(),
            author=args.author,
            tags=tags,
            translate_from=args.translate_from,
        )
    except ScaffoldError as exc:
        print(f"helpcenter new: {exc}", file=err)
        return 1
    print(
        f"created {project.rel(file)}: write its description and body, then run `helpcenter check`",
        file=out,
    )
    return 0


def _cell(version: Version) -> str:
    label = _LABELS[version.state]
    return (
        f"{label} ({version.note})" if version.state == State.OUTDATED and version.note else label
    )


def _table(project: Project, report: TranslationReport) -> str:
    header = ["article", *project.codes]
    rows = [[a.path, *(_cell(a.versions[lang]) for lang in project.codes)] for a in report.articles]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    summary = ", ".join(
        f"{report.count(state)} {_LABELS[state].lower()}"
        for state in (State.UP_TO_DATE, State.OUTDATED, State.MISSING)
    )
    if not_needed := report.count(State.NOT_NEEDED):
        summary += f", {not_needed} not needed (translate: false)"
    lines.append(f"{len(report.articles)} articles: {summary}")
    return "\n".join(lines)


def _json(project: Project, report: TranslationReport) -> str:
    data = {
        "languages": project.codes,
        "default_language": project.default_lang,
        "articles": [a.to_json() for a in report.articles],
        "summary": {str(state): report.count(state) for state in State},
        "problems": [str(p) for p in report.problems],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _mark(args: argparse.Namespace, project: Project, out: TextIO, err: TextIO) -> int:
    failed = 0
    for target in args.mark_up_to_date:
        try:
            if target in project.codes:
                # A whole language: every article of it that has a source elsewhere.
                pairs = [
                    (target, path)
                    for path in article_paths(project)
                    if (status := article_status(project, path)) is not None
                    and status.versions[target].state in (State.UP_TO_DATE, State.OUTDATED)
                ]
            else:
                pairs = [resolve_target(project, target, cwd=Path.cwd())]
            for lang, path in pairs:
                print(mark_up_to_date(project, lang, path, source=args.source), file=out)
        except (TranslationCommandError, ContentError, ValueError) as exc:
            print(f"helpcenter translations: {exc}", file=err)
            failed = 1
    return failed


def _translations(args: argparse.Namespace, project: Project, out: TextIO, err: TextIO) -> int:
    if args.source and not args.mark_up_to_date:
        print("helpcenter translations: --source only goes with --mark-up-to-date", file=err)
        return 2
    if args.mark_up_to_date:
        return _mark(args, project, out, err)
    # "none" lets a CI variable switch the gate off (an empty variable falls back to a default).
    fail_on = {s.strip() for s in args.fail_on.split(",") if s.strip() and s.strip() != "none"}
    unknown = fail_on - _FAILABLE
    if unknown:
        print(
            f"helpcenter translations: --fail-on accepts {', '.join(sorted(_FAILABLE))}, "
            f"not {', '.join(sorted(unknown))}",
            file=err,
        )
        return 2
    report = translation_report(project)
    print(_json(project, report) if args.format == "json" else _table(project, report), file=out)
    for problem in report.problems:
        print(problem, file=err)
    failing = {state: report.count(State(state)) for state in sorted(fail_on)}
    if any(failing.values()):
        counts = ", ".join(f"{n} {state}" for state, n in failing.items())
        print(
            f"helpcenter translations: {counts} (--fail-on {','.join(sorted(fail_on))})", file=err
        )
        return 1
    return 1 if report.problems else 0


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Entry point of the `helpcenter` console script; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    if not args.config_file.is_file():
        print(f"helpcenter: {args.config_file} not found (use -f to name mkdocs.yml)", file=err)
        return 2
    if args.command == "build":
        return build_site(args.config_file, site_dir=args.site_dir, err=err)
    project = _load(args, err)
    if project is None:
        return 2
    return int(args.run(args, project, out, err))


if __name__ == "__main__":
    sys.exit(main())
