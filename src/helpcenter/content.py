"""The content model of one language: home page, collections and their articles."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from helpcenter.authors import Author
from helpcenter.front_matter import (
    ArticleMeta,
    CollectionMeta,
    ContentError,
    HomeMeta,
    Problem,
    read_document,
    validate_meta,
)
from helpcenter.git_dates import CommitTimes, resolve_time, resolve_updated

RESERVED_FOLDER = "tags"


@dataclass(frozen=True)
class Article:
    """An article; `path` is relative to its language folder, e.g. `narudzbe/otkazivanje.md`."""

    lang: str
    path: str
    collection: str
    meta: ArticleMeta
    revision: str
    updated: dt.date | None
    # For structured data: when the article was published and last changed, with a time zone.
    published_at: dt.datetime | None = None
    modified_at: dt.datetime | None = None
    # The collection's URL part (its `slug`, else its folder name); set by `load_catalog`.
    collection_slug: str | None = None

    @property
    def url(self) -> str:
        """Directory URL relative to the language root, e.g. `narudzbe/otkazivanje/`, with
        the collection's and the article's `slug` where they set one."""
        folder = self.collection_slug or self.collection
        return f"{folder}/{self.meta.slug or PurePosixPath(self.path).stem}/"

    @property
    def title(self) -> str:
        return self.meta.title

    @functools.cached_property
    def tag_keys(self) -> frozenset[str]:
        """Tags compared case-insensitively (related articles compare every pair of articles)."""
        return frozenset(tag.casefold() for tag in self.meta.tags)


@dataclass(frozen=True)
class Collection:
    """A collection (category) and its articles in a stable order (by title, then path)."""

    lang: str
    slug: str
    meta: CollectionMeta
    articles: tuple[Article, ...]

    @property
    def path(self) -> str:
        return f"{self.slug}/index.md"

    @property
    def url(self) -> str:
        """Relative to the language root: the `slug` of its index.md, else its folder name."""
        return f"{self.meta.slug or self.slug}/"


@dataclass
class Catalog:
    """Everything the build knows about one language's content."""

    lang: str
    home: HomeMeta
    collections: dict[str, Collection] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)

    def promoted(self) -> list[Article]:
        """The articles promoted on the home page, in their places."""
        chosen = [a for a in self.articles.values() if a.meta.promoted is not None]
        return sorted(chosen, key=lambda a: (a.meta.promoted or 0, a.path))

    def tags(self) -> dict[str, list[Article]]:
        """Tag -> articles carrying it, tags sorted case-insensitively."""
        by_tag: dict[str, list[Article]] = {}
        for article in sorted(self.articles.values(), key=_title_key):
            for tag in article.meta.tags:
                by_tag.setdefault(tag, []).append(article)
        return dict(sorted(by_tag.items(), key=lambda item: (item[0].casefold(), item[0])))


def _title_key(article: Article) -> tuple[str, str]:
    return (article.meta.title.casefold(), article.path)


def revision_of(data: bytes) -> str:
    """A short, stable hash of an article's source, used to tell rewritten articles apart."""
    return hashlib.sha256(data).hexdigest()[:12]


def load_catalog(
    docs_dir: Path,
    lang: str,
    *,
    authors: dict[str, Author],
    git_times: dict[Path, CommitTimes] | None = None,
    timezone: str = "UTC",
) -> Catalog:
    """Read and validate `docs/<lang>/`; raise ContentError listing every problem found."""
    root = docs_dir / lang
    git_times = git_times or {}
    problems: list[Problem] = []
    home = HomeMeta()
    collections: dict[str, Collection] = {}
    articles: dict[str, Article] = {}
    # Where each file's `slug` is written, for the errors about two pages at one URL.
    slug_lines: dict[str, int] = {}
    promoted_lines: dict[str, int] = {}

    def rel(file: Path) -> str:
        return file.relative_to(docs_dir.parent).as_posix()

    if not (root / "index.md").is_file():
        problems.append(Problem(f"{rel(root)}/index.md", 1, "the language's home page is missing"))
    else:
        try:
            doc = read_document(root / "index.md", path=rel(root / "index.md"))
            home = validate_meta(HomeMeta, doc, path=rel(root / "index.md"))
        except ContentError as exc:
            problems.extend(exc.problems)

    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        pages = sorted(folder.rglob("*.md"))
        if not pages:
            continue
        if folder.name == RESERVED_FOLDER:
            problems.append(
                Problem(
                    rel(folder) + "/",
                    1,
                    f"'{RESERVED_FOLDER}/' is reserved for the generated tag pages",
                )
            )
            continue
        index = folder / "index.md"
        collection_meta: CollectionMeta | None = None
        if not index.is_file():
            problems.append(
                Problem(
                    rel(folder) + "/",
                    1,
                    f"collection folder '{folder.name}' has no index.md "
                    "(expected front matter with 'title' and 'description')",
                )
            )
        else:
            try:
                doc = read_document(index, path=rel(index))
                collection_meta = validate_meta(CollectionMeta, doc, path=rel(index))
                slug_lines[rel(index)] = doc.field_lines.get("slug", 1)
            except ContentError as exc:
                problems.extend(exc.problems)
        members: list[Article] = []
        for page in pages:
            if page == index:
                continue
            if page.parent != folder:
                problems.append(
                    Problem(
                        rel(page),
                        1,
                        "articles must sit directly in a collection folder "
                        f"(docs/{lang}/<collection>/<slug>.md)",
                    )
                )
                continue
            try:
                data = page.read_bytes()
                doc = read_document(page, path=rel(page))
                meta = validate_meta(ArticleMeta, doc, path=rel(page))
                slug_lines[rel(page)] = doc.field_lines.get("slug", 1)
                promoted_lines[rel(page)] = doc.field_lines.get("promoted", 1)
            except ContentError as exc:
                problems.extend(exc.problems)
                continue
            if meta.author is not None and meta.author not in authors:
                known = ", ".join(sorted(authors)) or "none defined in docs/.authors.yml"
                problems.append(
                    Problem(
                        rel(page),
                        doc.field_lines.get("author", 1),
                        f"field 'author' is '{meta.author}', expected one of the ids in "
                        f"docs/.authors.yml ({known})",
                    )
                )
                continue
            if meta.image is not None and not _inside_file(page.parent / meta.image, folder):
                problems.append(
                    Problem(
                        rel(page),
                        doc.field_lines.get("image", 1),
                        f"field 'image' is '{meta.image}', expected an image file beside the "
                        f"article; {rel(page.parent / meta.image)} does not exist",
                    )
                )
                continue
            path = page.relative_to(root).as_posix()
            times = git_times.get(page.resolve())
            members.append(
                Article(
                    lang=lang,
                    path=path,
                    collection=folder.name,
                    collection_slug=collection_meta.slug if collection_meta else None,
                    meta=meta,
                    revision=revision_of(data),
                    updated=resolve_updated(meta.updated, times.last.date() if times else None),
                    published_at=resolve_time(
                        meta.published, times.first if times else None, timezone=timezone
                    ),
                    modified_at=resolve_time(
                        meta.updated, times.last if times else None, timezone=timezone
                    ),
                )
            )
        members.sort(key=_title_key)
        problems += _slug_clashes(members, where=rel(folder), lines=slug_lines)
        for article in members:
            articles[article.path] = article
        if collection_meta is not None:
            collections[folder.name] = Collection(
                lang, folder.name, collection_meta, tuple(members)
            )

    problems += _promoted_clashes(
        [a for a in articles.values() if a.meta.promoted is not None],
        root=rel(root),
        lines=promoted_lines,
    )
    problems += _collection_slug_clashes(
        root, collections.values(), docs_dir=docs_dir, lines=slug_lines
    )
    if problems:
        raise ContentError(problems)
    ordered = sorted(
        collections.values(),
        key=lambda c: (c.meta.order is None, c.meta.order or 0, c.slug),
    )
    return Catalog(
        lang=lang, home=home, collections={c.slug: c for c in ordered}, articles=articles
    )


def _promoted_clashes(
    promoted: list[Article], *, root: str, lines: dict[str, int]
) -> list[Problem]:
    """Two promoted articles of one language at the same place."""
    problems = []
    seen: dict[int, Article] = {}
    for article in sorted(promoted, key=lambda a: a.path):
        assert article.meta.promoted is not None
        other = seen.setdefault(article.meta.promoted, article)
        if other is not article:
            file = f"{root}/{article.path}"
            problems.append(
                Problem(
                    file,
                    lines.get(file, 1),
                    f"field 'promoted': place {article.meta.promoted} is already "
                    f"{root}/{other.path}'s; expected a place 1-6 no other article of this "
                    "language has",
                )
            )
    return problems


@dataclass(frozen=True)
class _Address:
    """Where a page is published, for the URL clash check."""

    file: str  # as problems name it: docs/<lang>/...
    url: str
    sets_slug: bool
    name: str  # how a problem names this page


def _url_clashes(
    pages: Iterable[_Address], *, lines: dict[str, int], unique_in: str
) -> list[Problem]:
    """Two pages at one URL; a file's own name holds its URL first, so the page whose `slug`
    takes it is the one reported."""
    problems = []
    seen: dict[str, _Address] = {}
    for page in sorted(pages, key=lambda p: (p.sets_slug, p.file)):
        other = seen.setdefault(page.url, page)
        if other is not page:
            problems.append(
                Problem(
                    page.file,
                    lines.get(page.file, 1),
                    f"field 'slug': the URL {page.url} is already {other.name}'s; expected a "
                    f"slug unique {unique_in}",
                )
            )
    return problems


def _slug_clashes(
    members: list[Article], *, where: str, lines: dict[str, int]
) -> list[Problem]:
    """Two articles of one collection at the same URL."""
    pages = []
    for article in members:
        file = f"{where}/{PurePosixPath(article.path).name}"
        pages.append(_Address(file, article.url, article.meta.slug is not None, file))
    return _url_clashes(pages, lines=lines, unique_in="in its collection")


def _collection_slug_clashes(
    root: Path, collections: Iterable[Collection], *, docs_dir: Path, lines: dict[str, int]
) -> list[Problem]:
    """Two collections of one language at the same URL."""
    pages = [
        _Address(
            (root / c.path).relative_to(docs_dir.parent).as_posix(),
            c.url,
            c.meta.slug is not None,
            f"the collection '{c.slug}/'",
        )
        for c in collections
    ]
    return _url_clashes(pages, lines=lines, unique_in="among the collections")


def _inside_file(file: Path, folder: Path) -> bool:
    """Whether `file` exists and lies inside `folder` (the article's collection)."""
    try:
        return file.resolve().is_relative_to(folder.resolve()) and file.is_file()
    except OSError:
        return False
