"""Translation status of every article: up to date, outdated or missing, per language.

The state is recorded in the content, not in git history, so it also works in a shallow CI
clone: a translation's front matter says which language it was translated from and which
revision of the source it matches (`translation_of: {lang: hr, revision: <revision>}`).
The source of an article is the language its translations name; without any
`translation_of`, it is the default language, or the only language that has the article.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from babel import Locale, UnknownLocaleError
from pydantic import BaseModel, ConfigDict

from helpcenter.content import RESERVED_FOLDER, revision_of
from helpcenter.editor.project import Project, page_url
from helpcenter.front_matter import (
    ContentError,
    Document,
    Problem,
    TranslationOf,
    parse_document,
    validate_meta,
)
from helpcenter.page_context import Link


class State(enum.StrEnum):
    SOURCE = "source"
    UP_TO_DATE = "up-to-date"
    OUTDATED = "outdated"
    MISSING = "missing"
    # The source says `translate: false`: the article only makes sense in its own language.
    NOT_NEEDED = "not-needed"


@dataclass(frozen=True)
class Version:
    """One language's version of an article."""

    lang: str
    state: State
    title: str | None = None
    revision: str | None = None
    recorded: str | None = None  # the source revision in `translation_of`
    note: str = ""


@dataclass(frozen=True)
class ArticleTranslations:
    """An article (its path inside every language folder) and its versions, in language order."""

    path: str
    source: str
    versions: dict[str, Version]

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "source": self.source,
            "languages": {
                lang: {
                    "state": str(v.state),
                    "revision": v.revision,
                    "translation_of_revision": v.recorded,
                    "note": v.note,
                }
                for lang, v in self.versions.items()
            },
        }


@dataclass
class TranslationReport:
    articles: list[ArticleTranslations] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_path(self) -> dict[str, ArticleTranslations]:
        return {a.path: a for a in self.articles}

    def count(self, state: State) -> int:
        return sum(1 for a in self.articles for v in a.versions.values() if v.state == state)


@dataclass(frozen=True)
class _File:
    lang: str
    rel: str  # docs/<lang>/<path>, for problems
    revision: str
    title: str | None
    translation_of: TranslationOf | None
    line: int  # line of `translation_of`, for problems
    translate: bool = True


def article_paths(project: Project) -> list[str]:
    """Every `<collection>/<slug>.md` that exists in at least one language."""
    paths: set[str] = set()
    for lang in project.codes:
        root = project.docs_dir / lang
        if not root.is_dir():
            continue
        for file in root.glob("*/*.md"):
            if file.name != "index.md" and file.parent.name != RESERVED_FOLDER:
                paths.add(file.relative_to(root).as_posix())
    return sorted(paths)


def _read(project: Project, lang: str, path: str, problems: list[Problem]) -> _File | None:
    file = project.docs_dir / lang / path
    if not file.is_file():
        return None
    rel = project.rel(file)
    data = file.read_bytes()
    title: str | None = None
    translation_of: TranslationOf | None = None
    line = 1
    translate = True
    try:
        doc = parse_document(data.decode("utf-8"), path=rel)
        translate = doc.meta.get("translate") is not False
        line = doc.field_lines.get("translation_of", 1)
        raw_title = doc.meta.get("title")
        title = raw_title.strip() if isinstance(raw_title, str) else None
        if doc.meta.get("translation_of") is not None:
            translation_of = _translation_of(doc, rel)
    except ContentError as exc:
        # Malformed front matter is reported by `helpcenter check`; the status still counts it.
        problems.extend(p for p in exc.problems if "translation_of" in p.message)
    except UnicodeDecodeError:
        problems.append(Problem(rel, 1, "is not UTF-8 text"))
    return _File(lang, rel, revision_of(data), title, translation_of, line, translate)


class _TranslationOfField(BaseModel):
    """Only `translation_of`: the status must not depend on the rest of the front matter."""

    model_config = ConfigDict(extra="ignore")

    translation_of: TranslationOf


def _translation_of(doc: Document, rel: str) -> TranslationOf:
    return validate_meta(_TranslationOfField, doc, path=rel).translation_of


def _pick_source(project: Project, files: dict[str, _File]) -> str:
    named = {f.translation_of.lang for f in files.values() if f.translation_of is not None}
    untracked = [
        lang for lang in project.codes if lang in files and files[lang].translation_of is None
    ]
    if len(named) == 1:
        (source,) = named
        if source in files and files[source].translation_of is None:
            return source
    if project.default_lang in untracked:
        return project.default_lang
    if untracked:
        return untracked[0]
    return next(iter(files))


def article_status(
    project: Project, path: str, problems: list[Problem] | None = None
) -> ArticleTranslations | None:
    """The translation status of one article path; None when no language has it."""
    problems = problems if problems is not None else []
    files = {lang: f for lang in project.codes if (f := _read(project, lang, path, problems))}
    if not files:
        return None
    source = _pick_source(project, files)
    source_file = files[source]
    versions: dict[str, Version] = {}
    for lang in project.codes:
        file = files.get(lang)
        if file is None:
            wanted = source_file.translate
            versions[lang] = Version(lang, State.MISSING if wanted else State.NOT_NEEDED)
            continue
        if lang == source:
            named = file.translation_of.lang if file.translation_of is not None else None
            if named is not None and named not in files:
                problems.append(
                    Problem(
                        file.rel,
                        file.line,
                        f"field 'translation_of[lang]' is '{named}', but "
                        f"{project.docs_dir.name}/{named}/{path} does not exist",
                    )
                )
            elif file.translation_of is not None:
                problems.append(
                    Problem(
                        file.rel,
                        file.line,
                        f"field 'translation_of' names '{file.translation_of.lang}', but this file "
                        "is the source its translations point to; remove 'translation_of' here",
                    )
                )
            versions[lang] = Version(lang, State.SOURCE, file.title, file.revision)
            continue
        recorded = file.translation_of
        if recorded is None:
            state, note = State.OUTDATED, "no translation_of recorded"
        elif recorded.lang != source:
            target = f"{project.docs_dir.name}/{recorded.lang}/{path}"
            reason = (
                f"{target} does not exist"
                if recorded.lang not in files
                else f"the source of this article is '{source}'"
            )
            if recorded.lang not in project.codes:
                reason = (
                    f"'{recorded.lang}' is not a language of the site ({', '.join(project.codes)})"
                )
            problems.append(
                Problem(
                    file.rel,
                    file.line,
                    f"field 'translation_of[lang]' is '{recorded.lang}', but {reason}",
                )
            )
            state, note = State.OUTDATED, f"translation_of names '{recorded.lang}'"
        elif recorded.revision == source_file.revision:
            state, note = State.UP_TO_DATE, ""
        else:
            state, note = State.OUTDATED, "the source changed since"
        versions[lang] = Version(
            lang, state, file.title, file.revision, recorded.revision if recorded else None, note
        )
    return ArticleTranslations(path=path, source=source, versions=versions)


def translation_report(project: Project) -> TranslationReport:
    """The status of every article of the site."""
    report = TranslationReport()
    for path in article_paths(project):
        status = article_status(project, path, report.problems)
        if status is not None:
            report.articles.append(status)
    return report


# --- Writing `translation_of` -------------------------------------------------------------

_FENCE = re.compile(r"^---[ \t]*\r?$")
_TOP_KEY = re.compile(r"^translation_of[ \t]*:")


def set_translation_of(text: str, *, lang: str, revision: str) -> str:
    """`text` with `translation_of` set in its front matter; every other byte stays as it was."""
    newline = "\r\n" if "\r\n" in text else "\n"
    block = [
        "translation_of:" + newline,
        f"  lang: {lang}" + newline,
        f'  revision: "{revision}"' + newline,
    ]
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\n").lstrip("\ufeff")):
        return "---" + newline + "".join(block) + "---" + newline + text
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i].rstrip("\n"))), None)
    if end is None:
        raise ValueError("front matter starts with '---' but has no closing '---'")
    for start in range(1, end):
        if _TOP_KEY.match(lines[start]):
            stop = start + 1
            # The old value: indented or blank lines up to the next top-level key.
            while stop < end and (lines[stop].strip() == "" or lines[stop][:1] in (" ", "\t", "-")):
                stop += 1
            return "".join(lines[:start] + block + lines[stop:])
    last = lines[end - 1]
    if end > 1 and not last.endswith(("\n", "\r")):
        lines[end - 1] = last + newline
    return "".join(lines[:end] + block + lines[end:])


class TranslationCommandError(Exception):
    """A mistake in what the editor asked for; the message says what to do instead."""


def resolve_target(project: Project, target: str, *, cwd: Path) -> tuple[str, str]:
    """`fi/narudzbe/x.md`, `docs/fi/narudzbe/x.md` or a file path -> (lang, article path)."""
    rel = PurePosixPath(target).as_posix()
    # A file path, from the current folder or the project root (`docs/fi/...`).
    for base in (cwd, project.docs_dir.parent):
        candidate = base / target
        if candidate.is_file():
            try:
                rel = candidate.resolve().relative_to(project.docs_dir.resolve()).as_posix()
            except ValueError:
                continue
            break
    parts = PurePosixPath(rel).parts
    if len(parts) != 3 or parts[0] not in project.codes or not rel.endswith(".md"):
        raise TranslationCommandError(
            f"'{target}': expected <lang>/<collection>/<slug>.md with a language of the site "
            f"({', '.join(project.codes)}), e.g. {project.codes[-1]}/narudzbe/x.md"
        )
    return parts[0], "/".join(parts[1:])


def mark_up_to_date(project: Project, lang: str, path: str, *, source: str | None = None) -> str:
    """Record that `docs/<lang>/<path>` matches its source's current revision; returns a summary."""
    file = project.docs_dir / lang / path
    if not file.is_file():
        raise TranslationCommandError(f"{project.rel(file)} does not exist")
    status = article_status(project, path)
    assert status is not None
    source = source or status.source
    if source not in project.codes:
        raise TranslationCommandError(f"--source '{source}' is not a language of the site")
    if source == lang:
        raise TranslationCommandError(
            f"{project.rel(file)} is the source of this article, not a translation "
            "(use --source <lang> to make it a translation of another language)"
        )
    source_file = project.docs_dir / source / path
    if not source_file.is_file():
        raise TranslationCommandError(f"the source {project.rel(source_file)} does not exist")
    source_doc = parse_document(
        source_file.read_text(encoding="utf-8"), path=project.rel(source_file)
    )
    if source_doc.meta.get("translation_of") is not None:
        raise TranslationCommandError(
            f"{project.rel(source_file)} is itself a translation (it has 'translation_of'); "
            "mark the translation against that file's source instead"
        )
    revision = revision_of(source_file.read_bytes())
    text = file.read_text(encoding="utf-8")
    updated = set_translation_of(text, lang=source, revision=revision)
    if updated != text:
        file.write_text(updated, encoding="utf-8")
    return f"{project.rel(file)}: up to date with {project.rel(source_file)} (revision {revision})"


def headings_of(body: str) -> list[str]:
    """The ATX headings of a Markdown body, outside fenced code, as written."""
    headings: list[str] = []
    fence: str | None = None
    for line in body.splitlines():
        stripped = line.lstrip()
        marker = stripped[:3]
        if marker in ("```", "~~~"):
            fence = None if fence == marker else (fence or marker)
            continue
        if fence is None and re.match(r"^#{1,6}[ \t]", line):
            headings.append(line.rstrip())
    return headings


def language_name(code: str, *, in_lang: str) -> str:
    """A language's name in another language ("hr" in Finnish: "kroatia")."""
    try:
        return str(Locale.parse(in_lang).languages.get(code) or code)
    except (UnknownLocaleError, ValueError):
        return code


def outdated_notice(
    project: Project, status: ArticleTranslations | None, lang: str, *, lead: str
) -> Link | None:
    """The source article to link from an outdated translation's notice; None when up to date.

    `lead` is the UI string with a `{language}` placeholder for the source language's name.
    """
    if status is None or lang not in status.versions:
        return None
    if status.versions[lang].state != State.OUTDATED:
        return None
    source = status.versions[status.source]
    url = page_url(f"{status.source}/{status.path}", project=project)
    if url is None:
        return None
    return Link(
        title=source.title or status.path,
        url=url,
        description=lead.format(language=language_name(status.source, in_lang=lang)),
        extra=status.source,
    )
