"""Everything a build would reject, found without building HTML (`helpcenter check`).

The same function runs inside `mkdocs build` (hooks/editor_checks.py), one language at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from helpcenter.authors import Author, load_authors
from helpcenter.content import Catalog, load_catalog
from helpcenter.editor.links import LinkError, RenderedPage, Renderer, resolve, theme_ids
from helpcenter.editor.links import line_of as _line_of
from helpcenter.editor.project import Project, check_site_images
from helpcenter.editor.translations import article_paths, article_status
from helpcenter.front_matter import ContentError, Document, Problem, read_document
from helpcenter.page_context import tag_slug
from helpcenter.site_config import ConfigError, load_ui_strings

WARNING = "warning"


@dataclass
class _Pages:
    """Rendered pages, each rendered once however many links point at it."""

    project: Project
    renderer: Renderer
    documents: dict[str, Document | None] = field(default_factory=dict)
    rendered: dict[str, RenderedPage] = field(default_factory=dict)

    def document(self, src: str) -> Document | None:
        if src not in self.documents:
            file = self.project.docs_dir / src
            try:
                self.documents[src] = read_document(file, path=self.project.rel(file))
            except (ContentError, UnicodeDecodeError, OSError):
                # Reported by the front-matter check; links of an unreadable page are not checked.
                self.documents[src] = None
        return self.documents[src]

    def page(self, src: str) -> RenderedPage | None:
        if src not in self.rendered:
            doc = self.document(src)
            if doc is None:
                return None
            self.rendered[src] = self.renderer.render(doc.body)
        return self.rendered[src]


def _load_authors(project: Project, problems: list[Problem]) -> dict[str, Author]:
    try:
        return load_authors(project.docs_dir)
    except ContentError as exc:
        problems.extend(exc.problems)
        return {}


def _ui_string_problems(project: Project, lang: str) -> list[Problem]:
    """The build refuses a language without complete `locales/<lang>/ui.yml`."""
    if project.locales_dir is None:
        return []
    try:
        load_ui_strings(project.locales_dir, lang)
    except ConfigError as exc:
        file = project.locales_dir / lang / "ui.yml"
        rel = project.rel(file) if file.is_relative_to(project.docs_dir.parent) else str(file)
        return [
            Problem(rel, 1, line.removeprefix(f"{file}: ").strip())
            for line in str(exc).splitlines()
            if line.strip()
        ]
    return []


def _collection_problems(project: Project, catalog: Catalog) -> list[Problem]:
    return [
        Problem(
            project.rel(project.docs_dir / catalog.lang / collection.path),
            1,
            f"collection '{slug}' has no articles: add one "
            f'(helpcenter new {catalog.lang} {slug}/<slug> --title "...") or remove the folder',
        )
        for slug, collection in catalog.collections.items()
        if not collection.articles
    ]


def _single_use_tags(project: Project, catalog: Catalog, pages: _Pages) -> list[Problem]:
    problems = []
    for tag, articles in catalog.tags().items():
        if len(articles) != 1:
            continue
        src = f"{catalog.lang}/{articles[0].path}"
        file = project.docs_dir / src
        line = 1
        try:
            text = file.read_text(encoding="utf-8").splitlines()
            doc = pages.document(src)
            start = doc.field_lines.get("tags", 1) if doc else 1
            end = doc.body_line - 1 if doc else len(text)
            found = _line_of(tag, text[:end], start=start - 1)
            line = found + 1 if found is not None else start
        except OSError:
            pass
        problems.append(
            Problem(
                project.rel(file),
                line,
                f"tag '{tag}' is used by this article only; reuse a tag of other "
                f"'{catalog.lang}' articles or add it to related ones",
                severity=WARNING,
            )
        )
    return problems


def _link_problems(
    project: Project,
    src: str,
    pages: _Pages,
    *,
    tags: dict[str, set[str] | None],
    template_ids: frozenset[str],
) -> list[Problem]:
    doc = pages.document(src)
    rendered = pages.page(src)
    if doc is None or rendered is None:
        return []
    file = project.docs_dir / src
    rel = project.rel(file)
    lines = file.read_text(encoding="utf-8").splitlines()
    problems: list[Problem] = []
    cursor = doc.body_line - 1
    for link in rendered.links:
        index = _line_of(link.target, lines, start=cursor)
        if index is not None:
            cursor = index
        line = (index + 1) if index is not None else doc.body_line
        what = "image" if link.kind == "img" else "link"
        try:
            target = resolve(link.target, src=src, project=project)
        except LinkError as exc:
            message = str(exc)
            if link.kind == "img":
                message = message.replace("link '", "image '", 1)
            problems.append(Problem(rel, line, message))
            continue
        if target is None:
            continue
        if target.tag is not None:
            lang, slug = target.tag
            known = tags.get(lang)
            if slug and known is not None and slug not in known:
                problems.append(
                    Problem(rel, line, f"{what} '{link.target}': '{lang}' has no tag page '{slug}'")
                )
            continue
        assert target.src is not None
        if link.kind == "img" and target.src.endswith(".md"):
            problems.append(Problem(rel, line, f"image '{link.target}' is a page, not an image"))
            continue
        if not target.anchor or not target.src.endswith(".md"):
            continue
        page = pages.page(target.src)
        if page is None or target.anchor in page.ids or target.anchor in template_ids:
            continue
        where = "this page" if target.src == src else f"{project.docs_dir.name}/{target.src}"
        known_ids = ", ".join(sorted(page.ids)[:8]) or "none"
        problems.append(
            Problem(
                rel,
                line,
                f"link '{link.target}': {where} has no heading with id '{target.anchor}' "
                f"(ids: {known_ids})",
            )
        )
    return problems


def _translation_problems(project: Project, langs: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    for path in article_paths(project):
        found: list[Problem] = []
        article_status(project, path, found)
        prefixes = tuple(project.rel(project.docs_dir / lang) + "/" for lang in langs)
        problems.extend(p for p in found if p.path.startswith(prefixes))
    return problems


def check_project(
    project: Project,
    *,
    langs: Iterable[str] | None = None,
    catalogs: dict[str, Catalog] | None = None,
    rendered: Mapping[str, RenderedPage] | None = None,
) -> list[Problem]:
    """Every problem of the given languages (all by default), errors and warnings, sorted.

    `catalogs` are already loaded catalogs and `rendered` pages already rendered, by docs path
    (a build has them); the others are loaded or rendered here.
    """
    langs = list(langs) if langs is not None else project.codes
    problems: list[Problem] = []
    try:
        check_site_images(project)
    except ConfigError as exc:
        problems.append(Problem("mkdocs.yml", 1, str(exc).removeprefix("mkdocs.yml: ")))
    catalogs = dict(catalogs or {})
    missing = [lang for lang in langs if lang not in catalogs]
    if missing:
        authors = _load_authors(project, problems)
        for lang in missing:
            problems.extend(_ui_string_problems(project, lang))
            try:
                catalogs[lang] = load_catalog(project.docs_dir, lang, authors=authors)
            except ContentError as exc:
                problems.extend(exc.problems)
    pages = _Pages(project, Renderer(project), rendered=dict(rendered or {}))
    tags: dict[str, set[str] | None] = {lang: None for lang in project.codes}
    for lang, catalog in catalogs.items():
        tags[lang] = {tag_slug(tag) for tag in catalog.tags()}
    for lang in langs:
        if (built := catalogs.get(lang)) is not None:
            problems.extend(_collection_problems(project, built))
            problems.extend(_single_use_tags(project, built, pages))
    template_ids = theme_ids(project)
    for lang in langs:
        root = project.docs_dir / lang
        if not root.is_dir():
            continue
        for file in sorted(root.rglob("*.md")):
            src = file.relative_to(project.docs_dir).as_posix()
            problems.extend(
                _link_problems(project, src, pages, tags=tags, template_ids=template_ids)
            )
    problems.extend(_translation_problems(project, set(langs)))
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda p: (p.path, p.line, p.severity, p.message))


def build_failure(project: Project, *, lang: str, first: str) -> str:
    """Why a build stops, with every error of every language: MkDocs builds one language at a
    time and would otherwise show only the problems of the first language that has any."""
    problems = errors(check_project(project))
    if not problems:
        return f"Content errors in '{lang}':\n{first}"
    docs = project.rel(project.docs_dir)
    langs = [c for c in project.codes if any(p.path.startswith(f"{docs}/{c}/") for p in problems)]
    names = ", ".join(f"'{code}'" for code in langs or [lang])
    return f"Content errors in {names}:\n" + "\n".join(map(str, problems))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity != WARNING]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == WARNING]
