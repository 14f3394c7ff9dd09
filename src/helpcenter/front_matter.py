"""Front matter of content files: parsing with line numbers and schema validation."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)
from pydantic_core import ErrorDetails

from helpcenter.site_config import ImagePath

DESCRIPTION_MAX = 200

M = TypeVar("M", bound=BaseModel)

_FENCE = re.compile(r"^---[ \t]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, rendered as `path:line: message`."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class ContentError(Exception):
    """Raised with every problem found, so an editor fixes them in one go."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Document:
    """A Markdown file split into its front matter and body."""

    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the body's first line in the file
    field_lines: dict[str, int]


# libyaml's parser when PyYAML was built with it: several times faster on large content sets.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """YAML without implicit timestamps: dates stay text and the schema checks them,
    so `2024-13-45` is a field error, not a crash inside the YAML parser."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def _strict_date(value: Any) -> Any:
    # YAML turns 2024-03-12 into a date already; anything else must be that exact text,
    # so a number such as 20240312 is never taken for a Unix timestamp.
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date as YYYY-MM-DD, got a date with a time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"expected a valid date as YYYY-MM-DD, got {value!r}") from exc
    raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")


def _strict_str(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type(value).__name__} {value!r}")
    return value


Text = Annotated[
    str, BeforeValidator(_strict_str), StringConstraints(strip_whitespace=True, min_length=1)
]
Date = Annotated[dt.date, BeforeValidator(_strict_date)]


def _one_line(value: str) -> str:
    if "\n" in value:
        raise ValueError("expected one sentence on one line")
    return value


# `helpcenter new` writes this description; the schema rejects it until an editor replaces it.
PLACEHOLDER_MARKER = "TODO:"
DESCRIPTION_PLACEHOLDER = f"{PLACEHOLDER_MARKER} one sentence that says what this article answers."


def _not_placeholder(value: Any) -> Any:
    if isinstance(value, str) and value.strip().startswith(PLACEHOLDER_MARKER):
        raise ValueError(
            f"is still the placeholder '{value.strip()}': write one sentence "
            f"(at most {DESCRIPTION_MAX} characters) that says what the page answers"
        )
    return value


Description = Annotated[
    Text,
    StringConstraints(max_length=DESCRIPTION_MAX),
    BeforeValidator(lambda v: _one_line(v) if isinstance(v, str) else v),
    BeforeValidator(_not_placeholder),
]

_REVISION = re.compile(r"^[0-9a-f]{12}$")

# At most this many promoted articles per language: a short list is read, a long one is not.
PROMOTED_MAX = 6

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Addresses the build itself uses at a language's root (generated pages, assets, the index).
RESERVED_SLUGS = frozenset({"tags", "assets", "pagefind", "search", "404", "index"})


def _slug(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(f"expected lowercase words joined by '-', got {value!r}")
    if not _SLUG.match(value) or len(value) > 80:
        raise ValueError(
            "expected lowercase letters a-z, digits and single '-' between words "
            f"(at most 80 characters), such as 'tilauksen-peruminen', got {value!r}"
        )
    if value in RESERVED_SLUGS:
        raise ValueError(
            f"'{value}' is reserved for the site's own pages ({', '.join(sorted(RESERVED_SLUGS))})"
        )
    return value


def is_slug(value: object) -> bool:
    """Whether `value` is a valid `slug`."""
    try:
        _slug(value)
    except ValueError:
        return False
    return True


# The last part of a page's URL in its language, instead of its file or folder name.
Slug = Annotated[str, BeforeValidator(_slug)]


def _revision(value: Any) -> Any:
    if not isinstance(value, str) or not _REVISION.match(value):
        raise ValueError(
            "expected the 12-character source revision that "
            f"`helpcenter translations --mark-up-to-date` writes, got {value!r}"
        )
    return value


class TranslationOf(BaseModel):
    """`translation_of` of a translated article: its source language and the source revision
    the translation was last brought up to date with (see "Translations" in the README)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: Text
    revision: Annotated[str, BeforeValidator(_revision)]


class ArticleMeta(BaseModel):
    """Front matter of `docs/<lang>/<collection>/<slug>.md`."""

    # Other keys (Material's `hide`, editor tooling's `translation_of`) pass through untouched.
    model_config = ConfigDict(extra="allow", frozen=True)

    title: Text
    description: Description
    tags: list[Text] = Field(default_factory=list)
    author: Text | None = None
    updated: Date | None = None
    # When the article was first published; without it, its file's first commit.
    published: Date | None = None
    translation_of: TranslationOf | None = None
    # false: the article is specific to its language (parcel lockers exist only in Croatia),
    # so other languages lacking it is intended, not a missing translation.
    translate: Annotated[bool, Field(strict=True)] = True
    # The picture of a shared link to this article, a path relative to the Markdown file;
    # without it the site's `share_image`.
    image: ImagePath | None = None
    # The article's URL part in this language; translations still pair by file path.
    slug: Slug | None = None
    # Its place (1-6) in the home page's "frequent questions" of its language.
    promoted: Annotated[int, Field(strict=True, ge=1, le=PROMOTED_MAX)] | None = None


class CollectionMeta(BaseModel):
    """Front matter of `docs/<lang>/<collection>/index.md`."""

    model_config = ConfigDict(extra="allow", frozen=True)

    title: Text
    description: Description
    icon: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")] | None = None
    # Position on the home page; collections without it follow, by folder name.
    order: Annotated[int, Field(strict=True, ge=0)] | None = None
    # The collection's URL part in this language (its folder name without it).
    slug: Slug | None = None


class HomeMeta(BaseModel):
    """Front matter of `docs/<lang>/index.md` (all optional)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    title: Text | None = None
    description: Description | None = None


def _load_mapping(text: str, first_line: int) -> tuple[Any, dict[str, int]]:
    """The YAML data and the line of each top-level key, from a single parse."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[str(key.value)] = first_line + key.start_mark.line
    return data, lines


def parse_document(text: str, *, path: str) -> Document:
    """Split `text` into front matter and body; raise ContentError for malformed YAML."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n").lstrip("\ufeff")):
        return Document(meta={}, body=text, body_line=1, field_lines={})
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r\n")) or lines[index].rstrip() == "...":
            break
    else:
        raise ContentError(
            [Problem(path, 1, "front matter starts with '---' but has no closing '---'")]
        )
    yaml_text = "".join(lines[1:index])
    try:
        meta, field_lines = _load_mapping(yaml_text, 2) if yaml_text.strip() else ({}, {})
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = 2 + mark.line if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        raise ContentError(
            [Problem(path, line, f"malformed YAML in front matter: {reason}")]
        ) from exc
    if not isinstance(meta, dict):
        raise ContentError(
            [
                Problem(
                    path, 2, f"front matter must be a mapping of fields, got {type(meta).__name__}"
                )
            ]
        )
    return Document(
        meta=meta,
        body="".join(lines[index + 1 :]),
        body_line=index + 2,
        field_lines=field_lines,
    )


def _describe(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "is required but missing"
    if kind in ("string_too_long", "too_long"):
        length = len(value) if isinstance(value, str | list | tuple) else "?"
        return f"is too long: {length} characters, expected at most {ctx.get('max_length')}"
    if kind == "string_too_short":
        return "is empty, expected text"
    if kind == "list_type":
        return f"expected a list of strings, got {type(value).__name__} {value!r}"
    if kind == "string_pattern_mismatch":
        return f"expected a Material icon name such as 'material/truck-delivery', got {value!r}"
    message = str(error.get("msg", kind))
    return message.removeprefix("Value error, ")


def validate_meta(model: type[M], document: Document, *, path: str) -> M:
    """Validate front matter against `model`; raise ContentError naming file, line and field."""
    try:
        return model.model_validate(document.meta)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = error["loc"]
            field = str(loc[0]) if loc else "front matter"
            where = field + "".join(f"[{part}]" for part in loc[1:])
            line = document.field_lines.get(field, 1)
            problems.append(Problem(path, line, f"field '{where}' {_describe(error)}"))
        raise ContentError(problems) from exc


def read_document(file: Path, *, path: str) -> Document:
    """Read and split a Markdown file."""
    return parse_document(file.read_text(encoding="utf-8"), path=path)
