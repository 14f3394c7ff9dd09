"""Internal links, images and anchors of Markdown pages, resolved as the built site serves them.

Pages are rendered with the site's own Markdown extensions, so heading ids are exactly the ones
Python-Markdown's `toc` extension (and `attr_list`) give them; nothing is re-implemented here.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from helpcenter.editor.project import Project, page_url
from helpcenter.page_context import TAGS_FOLDER

# Ids that the theme's templates put on pages next to the article body.
_TEMPLATE_ID = re.compile(r'\bid="([A-Za-z][\w:.-]*)"')


@dataclass(frozen=True)
class Link:
    """A link (`a`) or an image (`img`) found in a rendered page, in document order."""

    kind: str
    target: str


@dataclass(frozen=True)
class RenderedPage:
    ids: frozenset[str]
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Resolved:
    """Where a link leads: a docs file (`src`, relative to docs/) or a generated tag page."""

    src: str | None = None
    tag: tuple[str, str] | None = None  # (lang, slug); slug "" is the tags index
    anchor: str = ""


class LinkError(Exception):
    """A link that leads nowhere; the message is for the editor."""


def _language_of(src: str, project: Project) -> str | None:
    first = PurePosixPath(src).parts[0] if src else ""
    return first if first in project.codes else None


def relative_url(target: str, *, current: str) -> str:
    """`target` relative to the page at `current` (both root-relative directory URLs)."""
    start = "/" + current.rstrip("/") if current.endswith("/") else posixpath.dirname("/" + current)
    path = posixpath.relpath("/" + target, start or "/")
    return path.rstrip("/") + "/" if target == "" or target.endswith("/") else path


def cross_language_href(href: str, *, src: str, project: Project) -> str | None:
    """The served URL of a relative link to another language's `.md` file; None for other links.

    MkDocs builds one language at a time and does not know the other language's files, so it
    would reject `../../fi/x.md`; the build rewrites it to the page URL instead.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    if not path.endswith(".md"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
    target_lang = _language_of(target, project)
    if target_lang is None or target_lang == _language_of(src, project):
        return None
    if not (project.docs_dir / target).is_file():
        return None
    url = page_url(target, project=project)
    current = page_url(src, project=project)
    if url is None or current is None:
        return None
    result = relative_url(url, current=current)
    return result + (f"#{parts.fragment}" if parts.fragment else "")


def links_of(root: ET.Element) -> list[Link]:
    """Links and images of a rendered Markdown tree, in document order."""
    found: list[Link] = []
    for element in root.iter():
        if element.tag == "a" and element.get("href") is not None:
            found.append(Link("a", element.get("href", "")))
        elif element.tag == "img" and element.get("src") is not None:
            found.append(Link("img", element.get("src", "")))
    return found


def rendered_page(html: str, links: tuple[Link, ...]) -> RenderedPage:
    """Ids from the serialized HTML: raw HTML blocks and attr_list ids count as well."""
    return RenderedPage(ids=frozenset(re.findall(r'\bid="([^"]+)"', html)), links=links)


class _CrossLanguageTreeprocessor(Treeprocessor):
    def __init__(self, md: markdown.Markdown, extension: CrossLanguageLinks) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: ET.Element) -> None:
        src = self.extension.current_src
        if src is None:
            return
        # As written, before rewriting: the checks resolve them as the editor wrote them.
        self.extension.links[src] = tuple(links_of(root))
        for element in root.iter("a"):
            href = element.get("href")
            new = (
                cross_language_href(href, src=src, project=self.extension.project) if href else None
            )
            if new is not None:
                element.set("href", new)


class CrossLanguageLinks(Extension):
    """Markdown extension for the build: the hook sets `current_src` before each page renders."""

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.current_src: str | None = None
        # Links of each page rendered so far, so the checks need not render it again.
        self.links: dict[str, tuple[Link, ...]] = {}

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After inline links exist (20), before MkDocs' own link resolution (0).
        md.treeprocessors.register(
            _CrossLanguageTreeprocessor(md, self), "hc_cross_language_links", 1
        )


class _Collector(Treeprocessor):
    def __init__(self, md: markdown.Markdown, sink: list[Link]) -> None:
        super().__init__(md)
        self.sink = sink

    def run(self, root: ET.Element) -> None:
        self.sink.extend(links_of(root))


class _CollectLinks(Extension):
    def __init__(self, sink: list[Link]) -> None:
        super().__init__()
        self.sink = sink

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Collector(md, self.sink), "hc_collect_links", 1)


@dataclass
class Renderer:
    """Renders page bodies with the site's Markdown setup, collecting ids and links."""

    project: Project
    _links: list[Link] = field(default_factory=list)
    _md: markdown.Markdown | None = None

    def render(self, body: str) -> RenderedPage:
        if self._md is None:
            self._md = markdown.Markdown(
                extensions=[*self.project.markdown_extensions, _CollectLinks(self._links)],
                extension_configs=self.project.mdx_configs,
            )
        self._md.reset()
        self._links.clear()
        return rendered_page(self._md.convert(body), tuple(self._links))


def theme_ids(project: Project) -> frozenset[str]:
    """Literal ids in the theme overrides (`#feedback`, `#hc-main`): valid on every page."""
    if project.theme_dir is None or not project.theme_dir.is_dir():
        return frozenset()
    found: set[str] = set()
    for template in sorted(project.theme_dir.rglob("*.html")):
        found.update(_TEMPLATE_ID.findall(template.read_text(encoding="utf-8")))
    return frozenset(found)


def _from_url(rest: str, *, project: Project, href: str) -> Resolved:
    """Resolve a root-relative URL path (no leading slash) to a docs file or a tag page."""
    lang = project.default_lang
    for language in sorted(project.languages, key=lambda item: -len(item.home_url)):
        home = language.home_url
        if home and (rest.startswith(home) or rest + "/" == home):
            lang, rest = language.code, rest[len(home) :]
            break
    else:
        home = project.language(lang).home_url
    if rest == TAGS_FOLDER + "/" or rest == TAGS_FOLDER:
        return Resolved(tag=(lang, ""))
    if rest.startswith(TAGS_FOLDER + "/"):
        return Resolved(tag=(lang, rest[len(TAGS_FOLDER) + 1 :].strip("/")))
    if rest.endswith(".md"):
        raise LinkError(
            f"link '{href}' points at a Markdown source, which is not published; "
            "link to the .md file with a relative path (e.g. '../collection/article.md')"
        )
    folder = rest.rstrip("/")
    if rest == "" or rest.endswith("/") or not PurePosixPath(rest).suffix:
        candidates = (
            [f"{lang}/index.md"]
            if folder == ""
            else [f"{lang}/{folder}.md", f"{lang}/{folder}/index.md"]
        )
    else:
        candidates = [f"{lang}/{rest}"]
        if lang == project.default_lang:
            # Files outside the language folders (docs/assets/...) are published at the root.
            candidates.append(rest)
    for candidate in candidates:
        if (project.docs_dir / candidate).is_file():
            return Resolved(src=candidate)
    shown = f"/{home}{rest}" if project.base_path == "/" else f"{project.base_path}{home}{rest}"
    looked = " or ".join(f"{project.docs_dir.name}/{c}" for c in candidates)
    raise LinkError(
        f"link '{href}' leads to {shown}, which is not a page of the site (looked for {looked})"
    )


def resolve(href: str, *, src: str, project: Project) -> Resolved | None:
    """Resolve `href` written in docs file `src`; None for external links. Raises LinkError."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    anchor = unquote(parts.fragment)
    path = unquote(parts.path)
    if not path:
        return Resolved(src=src, anchor=anchor)
    if path.startswith("/"):
        base = project.base_path
        if not path.startswith(base):
            raise LinkError(
                f"absolute link '{href}' is outside the site, which is served under {base}"
            )
        resolved = _from_url(path[len(base) :], project=project, href=href)
        return Resolved(src=resolved.src, tag=resolved.tag, anchor=anchor)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
    if target == ".." or target.startswith("../"):
        raise LinkError(f"link '{href}' points outside the {project.docs_dir.name}/ folder")
    if (project.docs_dir / target).is_file():
        return Resolved(src=target, anchor=anchor)
    if PurePosixPath(path).suffix and not path.endswith("/"):
        # MkDocs resolves a link to a file (x.md, x.png) against the source file's folder.
        raise LinkError(f"link '{href}': {project.docs_dir.name}/{target} does not exist")
    # Not a file next to the source: the browser resolves it against the page's own URL.
    current = page_url(src, project=project) or ""
    absolute = urlsplit(urljoin("http://site/" + current, parts.path)).path
    resolved = _from_url(unquote(absolute).lstrip("/"), project=project, href=href)
    return Resolved(src=resolved.src, tag=resolved.tag, anchor=anchor)


def line_of(needle: str, lines: list[str], *, start: int) -> int | None:
    """0-based index of the first line from `start` containing `needle` (wrapping around)."""
    order = list(range(start, len(lines))) + list(range(0, start))
    for variant in dict.fromkeys([needle, unquote(needle), needle.replace("&", "&amp;")]):
        for index in order:
            if variant in lines[index]:
                return index
    return None
