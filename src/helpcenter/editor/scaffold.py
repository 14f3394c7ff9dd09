"""`helpcenter new`: a new article, or a translation skeleton of an existing one."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path

from helpcenter.authors import load_authors
from helpcenter.content import RESERVED_FOLDER, revision_of
from helpcenter.editor.project import Project
from helpcenter.editor.translations import headings_of
from helpcenter.front_matter import DESCRIPTION_PLACEHOLDER, ContentError, parse_document

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ScaffoldError(Exception):
    """Why the article cannot be created; the message says what to do instead."""


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: safe for titles with ':' or '#'.
    return json.dumps(text, ensure_ascii=False)


def front_matter(
    *,
    title: str,
    today: dt.date,
    author: str | None,
    tags: Sequence[str],
    translation_of: tuple[str, str] | None,
) -> str:
    lines = [
        "---",
        f"title: {_quoted(title)}",
        f"description: {_quoted(DESCRIPTION_PLACEHOLDER)}",
        "tags: [" + ", ".join(_quoted(tag) for tag in tags) + "]",
        f"author: {author}" if author else "# author: <an id from docs/.authors.yml>",
        f"updated: {today.isoformat()}",
    ]
    if translation_of is not None:
        lang, revision = translation_of
        lines += ["translation_of:", f"  lang: {lang}", f'  revision: "{revision}"']
    lines.append("---")
    return "\n".join(lines) + "\n"


def _check_slug(value: str, what: str) -> None:
    if not _SLUG.match(value):
        raise ScaffoldError(
            f"{what} '{value}' must be lowercase ASCII words joined by '-', e.g. 'povrat-novca'"
        )


def new_article(
    project: Project,
    *,
    lang: str,
    target: str,
    title: str,
    today: dt.date,
    author: str | None = None,
    tags: Sequence[str] = (),
    translate_from: str | None = None,
) -> Path:
    """Write `docs/<lang>/<collection>/<slug>.md`; raise ScaffoldError for anything invalid."""
    if lang not in project.codes:
        raise ScaffoldError(f"'{lang}' is not a language of the site ({', '.join(project.codes)})")
    parts = target.removesuffix(".md").strip("/").split("/")
    if len(parts) != 2:
        raise ScaffoldError(f"'{target}': expected <collection>/<slug>, e.g. narudzbe/otkazivanje")
    collection, slug = parts
    _check_slug(collection, "collection")
    _check_slug(slug, "slug")
    if collection == RESERVED_FOLDER or slug == "index":
        raise ScaffoldError(f"'{target}' is reserved for generated pages")
    title = title.strip()
    if not title or "\n" in title:
        raise ScaffoldError("--title must be one line of text")
    folder = project.docs_dir / lang / collection
    if not (folder / "index.md").is_file():
        raise ScaffoldError(
            f"{project.rel(folder)}/ is not a collection yet: "
            f"create {project.rel(folder)}/index.md "
            "with 'title' and 'description' first"
        )
    file = folder / f"{slug}.md"
    if file.exists():
        raise ScaffoldError(f"{project.rel(file)} already exists")
    if author is not None:
        try:
            authors = load_authors(project.docs_dir)
        except ContentError as exc:
            raise ScaffoldError(str(exc)) from exc
        if author not in authors:
            known = ", ".join(sorted(authors)) or "none"
            raise ScaffoldError(f"--author '{author}' is not in docs/.authors.yml ({known})")
    translation_of: tuple[str, str] | None = None
    body = (
        "\n<!-- Start with one or two sentences that answer the question, "
        'then one "##" section per step or topic. -->\n'
    )
    if translate_from is not None:
        if translate_from not in project.codes or translate_from == lang:
            raise ScaffoldError(
                f"--translate-from '{translate_from}' must be another language of the site "
                f"({', '.join(c for c in project.codes if c != lang)})"
            )
        source = project.docs_dir / translate_from / collection / f"{slug}.md"
        if not source.is_file():
            raise ScaffoldError(f"the source {project.rel(source)} does not exist")
        data = source.read_bytes()
        try:
            doc = parse_document(data.decode("utf-8"), path=project.rel(source))
        except ContentError as exc:
            raise ScaffoldError(str(exc)) from exc
        if doc.meta.get("translation_of") is not None:
            raise ScaffoldError(
                f"{project.rel(source)} is itself a translation; translate from its source"
            )
        translation_of = (translate_from, revision_of(data))
        headings = headings_of(doc.body)
        body = (
            f"\n<!-- Translation of {project.rel(source)}: translate each heading "
            "and write its section. -->\n"
        )
        if headings:
            body += "\n" + "\n\n".join(headings) + "\n"
    text = front_matter(
        title=title, today=today, author=author, tags=tags, translation_of=translation_of
    )
    file.write_text(text + body, encoding="utf-8")
    return file
