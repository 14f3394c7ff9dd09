"""The record of every URL the help center has published (`urls.lock`), and what keeps them
alive: redirects to where their page is now, or a "removed" page.

Each line of the record ties a published URL to the docs file that serves it:

    fi /fi/narudzbe/otkazivanje-narudzbe/ fi/narudzbe/otkazivanje-narudzbe.md
    fi /fi/tilaukset/tilauksen-peruminen/ fi/narudzbe/otkazivanje-narudzbe.md
    hr /stara-stranica/ gone
    moved hr narudzbe/stari-naziv.md narudzbe/novi-naziv.md

A URL whose file is now served elsewhere (its `slug` changed, or `urls --update` followed
the file to its new path) redirects there; `gone` marks a page removed on purpose; `moved`
lines map an article's old page id to its current one, so that votes from cached pages still
count. Nothing here imports MkDocs: the build, `helpcenter check` and `helpcenter urls` share
it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from helpcenter.content import RESERVED_FOLDER
from helpcenter.editor.project import Project, page_url
from helpcenter.front_matter import Problem

RECORD_FILE = "urls.lock"
GONE = "gone"
_HEADER = """\
# Every URL this help center has published, per language: `helpcenter urls --update` adds
# new ones and follows moved files; a URL whose file is served elsewhere now redirects there.
# <language> <URL> <docs file that answers it | gone>
# moved <language> <old page id> <current page id>   (votes of cached pages follow the move)
"""


class UrlRecordError(Exception):
    """A line of `urls.lock` that cannot be read."""


@dataclass(frozen=True)
class RecordedUrl:
    """A published URL (root-relative, with a leading "/") and the docs file it serves."""

    lang: str
    url: str
    target: str
    line: int = 0

    @property
    def gone(self) -> bool:
        return self.target == GONE


@dataclass(frozen=True)
class Move:
    """An article's page id (its path in its language folder) before and after a move."""

    lang: str
    old: str
    new: str


@dataclass
class UrlRecord:
    urls: list[RecordedUrl] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)

    def dump(self) -> str:
        rows = sorted({(u.lang, u.url, u.target) for u in self.urls})
        moves = sorted({(m.lang, m.old, m.new) for m in self.moves})
        lines = [" ".join(row) for row in rows] + [f"moved {' '.join(move)}" for move in moves]
        return _HEADER + "".join(f"{line}\n" for line in lines)


@dataclass(frozen=True)
class RecordProblem:
    """Something the record says that the site no longer honours (or not yet knows)."""

    line: int
    message: str
    error: bool = True


@dataclass(frozen=True)
class Redirect:
    lang: str
    old: str  # root-relative, leading "/"
    new: str
    target: str  # the docs file now answering


def read_record(path: Path) -> UrlRecord:
    """The record at `path`; an empty one when the file does not exist yet."""
    if not path.is_file():
        return UrlRecord()
    return parse_record(path.read_text(encoding="utf-8"), name=path.name)


def parse_record(text: str, *, name: str = RECORD_FILE) -> UrlRecord:
    record = UrlRecord()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        words = line.split()
        if words[0] == "moved" and len(words) == 4:
            record.moves.append(Move(words[1], words[2], words[3]))
        elif len(words) == 3 and words[1].startswith("/") and words[1].endswith("/"):
            record.urls.append(RecordedUrl(words[0], words[1], words[2], line=number))
        else:
            raise UrlRecordError(
                f"{name}:{number}: expected '<language> /<url>/ <docs file | gone>' or "
                f"'moved <language> <old page id> <new page id>', got {raw.strip()!r}"
            )
    return record


def published_pages(project: Project) -> dict[str, tuple[str, str]]:
    """Every content page the site serves now (language homes, collections, articles):
    URL (leading "/") -> (language, docs file)."""
    pages: dict[str, tuple[str, str]] = {}
    for code in project.codes:
        root = project.docs_dir / code
        if not root.is_dir():
            continue
        sources = [root / "index.md"] if (root / "index.md").is_file() else []
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            if folder.name.startswith(".") or folder.name == RESERVED_FOLDER:
                continue
            sources += sorted(folder.glob("*.md"))
        for source in sources:
            src = source.relative_to(project.docs_dir).as_posix()
            url = page_url(src, project=project)
            if url is not None:
                pages["/" + url] = (code, src)
    return pages


def check_record(
    record: UrlRecord, pages: Mapping[str, tuple[str, str]], *, name: str = RECORD_FILE
) -> list[RecordProblem]:
    """What breaks a recorded URL (errors), and published URLs not recorded yet (warnings)."""
    served = {src for _lang, src in pages.values()}
    problems = []
    for entry in record.urls:
        current = pages.get(entry.url)
        if entry.gone:
            if current is not None:
                problems.append(
                    RecordProblem(
                        entry.line,
                        f"{entry.url} is marked gone but docs/{current[1]} is published there "
                        "again; remove the 'gone' line",
                    )
                )
            continue
        if entry.target not in served:
            problems.append(
                RecordProblem(
                    entry.line,
                    f"{entry.url} was published from docs/{entry.target}, which no longer "
                    "exists: the URL would break. Run `helpcenter urls --update` (it follows "
                    "files moved in docs/ and in git), or `helpcenter urls --moved OLD NEW`, "
                    "or `helpcenter urls --gone URL` for a page removed on purpose",
                )
            )
        elif current is not None and current[1] != entry.target:
            problems.append(
                RecordProblem(
                    entry.line,
                    f"{entry.url} was published from docs/{entry.target} but now serves "
                    f"docs/{current[1]}: a recorded URL cannot change its page; give "
                    f"docs/{current[1]} another slug",
                )
            )
    recorded = {entry.url for entry in record.urls}
    for url in sorted(set(pages) - recorded):
        problems.append(
            RecordProblem(
                0,
                f"{url} (docs/{pages[url][1]}) is not in {name} yet; run "
                "`helpcenter urls --update` and commit it",
                error=False,
            )
        )
    return problems


def record_problems(project: Project) -> list[Problem]:
    """`urls.lock` checked against the docs as `helpcenter check` and the build report it."""
    path = project.config_dir / RECORD_FILE
    if not path.is_file():
        return [
            Problem(
                RECORD_FILE,
                1,
                "there is no record of published URLs yet; run `helpcenter urls --update` and "
                "commit urls.lock, so that moved and renamed pages keep their old URLs",
                severity="warning",
            )
        ]
    try:
        record = read_record(path)
    except UrlRecordError as exc:
        where, _, message = str(exc).partition(": ")
        return [Problem(RECORD_FILE, int(where.rsplit(":", 1)[1]), message)]
    return [
        Problem(RECORD_FILE, max(found.line, 1), found.message, _severity(found))
        for found in check_record(record, published_pages(project))
    ]


def _severity(problem: RecordProblem) -> str:
    return "error" if problem.error else "warning"


def redirects(record: UrlRecord, pages: Mapping[str, tuple[str, str]]) -> list[Redirect]:
    """Every recorded URL whose file is served at another URL now, to that URL."""
    url_of = {src: url for url, (_lang, src) in pages.items()}
    found = []
    for entry in record.urls:
        new = url_of.get(entry.target)
        if entry.gone or new is None or new == entry.url or entry.url in pages:
            continue
        found.append(Redirect(entry.lang, entry.url, new, entry.target))
    return sorted(found, key=lambda r: r.old)


def removed(record: UrlRecord, pages: Mapping[str, tuple[str, str]]) -> list[RecordedUrl]:
    """The URLs marked gone (and not published again)."""
    return [entry for entry in record.urls if entry.gone and entry.url not in pages]


def page_aliases(record: UrlRecord) -> dict[str, dict[str, str]]:
    """Per language, every old page id -> the current one (chains followed)."""
    by_lang: dict[str, dict[str, str]] = {}
    for move in record.moves:
        by_lang.setdefault(move.lang, {})[move.old] = move.new
    for aliases in by_lang.values():
        for old in list(aliases):
            seen = {old}
            new = aliases[old]
            while new in aliases and new not in seen:
                seen.add(new)
                new = aliases[new]
            aliases[old] = new
    return by_lang


@dataclass(frozen=True)
class UpdateResult:
    record: UrlRecord
    added: list[str]
    followed: list[tuple[str, str]]  # (old docs file, new docs file)
    unresolved: list[RecordedUrl]


def update_record(
    record: UrlRecord,
    pages: Mapping[str, tuple[str, str]],
    *,
    moved: Mapping[str, str] = {},
    renames: Mapping[str, str] = {},
    gone: Iterable[str] = (),
) -> UpdateResult:
    """The record with every published URL added and every file that moved followed: by the
    editor's `moved` (docs files, or a recorded URL -> docs file), git's `renames`, or a file
    of the same name in the same language that appeared in one other collection. URLs in
    `gone` are marked removed, with every other URL of their file. Recorded URLs that lead
    nowhere are returned unresolved."""
    served = {src for _lang, src in pages.values()}
    known_targets = {entry.target for entry in record.urls}
    fresh = sorted(served - known_targets)
    gone_urls = {_as_url(url) for url in gone}
    by_url = {entry.url: entry for entry in record.urls}
    # Every URL the removed page was published at goes with it (an older slug's URL too).
    gone_files = {by_url[url].target for url in gone_urls if url in by_url} - {GONE}
    follow: dict[str, str] = {}
    for old, new in {**renames, **moved}.items():
        old_src = by_url[_as_url(old)].target if _as_url(old) in by_url else old
        follow[old_src] = new
    follow.update(_same_name_moves(known_targets - served - set(follow), fresh))

    urls, followed, unresolved = [], [], []
    moves = list(record.moves)
    for entry in record.urls:
        if entry.url in gone_urls or entry.target in gone_files:
            urls.append(replace(entry, target=GONE))
            continue
        if entry.gone or entry.target in served:
            urls.append(entry)
            continue
        moved_to = follow.get(entry.target)
        if moved_to is None or moved_to not in served:
            unresolved.append(entry)
            urls.append(entry)
            continue
        followed.append((entry.target, moved_to))
        if not entry.target.endswith("/index.md"):  # votes are about articles only
            moves.append(Move(entry.lang, _page_id(entry.target), _page_id(moved_to)))
        urls.append(replace(entry, target=moved_to))
    recorded = {entry.url for entry in urls}
    added = []
    for url, (lang, src) in sorted(pages.items()):
        if url not in recorded:
            urls.append(RecordedUrl(lang, url, src))
            added.append(url)
    moves = [move for move in moves if move.old != move.new]
    return UpdateResult(UrlRecord(urls=urls, moves=moves), added, sorted(set(followed)), unresolved)


def _same_name_moves(missing: set[str], fresh: list[str]) -> dict[str, str]:
    """`hr/a/x.md` -> `hr/b/x.md` when exactly one new file of that language has that name;
    a collection's `index.md` follows its articles' folder."""
    found: dict[str, str] = {}
    for old in sorted(s for s in missing if not s.endswith("/index.md")):
        lang, name = old.split("/", 1)[0], PurePosixPath(old).name
        matches = [s for s in fresh if s.split("/", 1)[0] == lang and PurePosixPath(s).name == name]
        if len(matches) == 1:
            found[old] = matches[0]
    folders = {str(PurePosixPath(o).parent): str(PurePosixPath(n).parent) for o, n in found.items()}
    for old in sorted(s for s in missing if s.endswith("/index.md")):
        new_folder = folders.get(str(PurePosixPath(old).parent))
        if new_folder is not None and f"{new_folder}/index.md" in fresh:
            found[old] = f"{new_folder}/index.md"
    return found


def git_renames(project: Project, record_path: Path) -> dict[str, str]:
    """Files of `docs/` git saw renamed since the record was last committed (docs paths)."""
    try:
        base = subprocess.run(
            ["git", "log", "-1", "--format=%H", "--", record_path.name],
            cwd=record_path.parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not base:
            return {}
        diff = subprocess.run(
            ["git", "diff", "-M", "--name-status", base, "--", "."],
            cwd=project.docs_dir,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=project.docs_dir,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {}  # not a git checkout: moves are found by name, or named with --moved
    docs = project.docs_dir.resolve()
    renames = {}
    for line in diff.splitlines():
        fields = line.split("\t")
        if len(fields) == 3 and fields[0].startswith("R"):
            old, new = (Path(top) / fields[1]).resolve(), (Path(top) / fields[2]).resolve()
            if old.is_relative_to(docs) and new.is_relative_to(docs):
                renames[old.relative_to(docs).as_posix()] = new.relative_to(docs).as_posix()
    return renames


def _as_url(value: str) -> str:
    value = value.strip()
    if "://" in value:
        value = "/" + value.split("://", 1)[1].split("/", 1)[-1]
    value = "/" + value.strip("/") + "/" if value.strip("/") else "/"
    return value


def _page_id(src: str) -> str:
    """A docs file's page id: its path inside its language folder."""
    return src.split("/", 1)[1]
