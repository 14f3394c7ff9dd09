"""The authors file: ids that articles name in `author`, with a display name and an avatar."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from helpcenter.front_matter import ContentError, Problem

AUTHORS_FILE = ".authors.yml"


class Author(BaseModel):
    """One author: `avatar` is a path relative to the docs folder."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    avatar: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class AuthorsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    authors: dict[str, Author]


def load_authors(docs_dir: Path) -> dict[str, Author]:
    """Read `docs/.authors.yml`; a site without the file simply has no bylines' authors."""
    file = docs_dir / AUTHORS_FILE
    if not file.exists():
        return {}
    rel = f"{docs_dir.name}/{AUTHORS_FILE}"
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {"authors": {}}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(
            [Problem(rel, (mark.line + 1) if mark else 1, f"malformed YAML: {exc}")]
        ) from exc
    try:
        authors = AuthorsFile.model_validate(data).authors
    except ValidationError as exc:
        raise ContentError(
            [
                Problem(rel, 1, f"field '{'.'.join(map(str, e['loc']))}': {e['msg']}")
                for e in exc.errors()
            ]
        ) from exc
    missing = [
        Problem(
            rel, 1, f"author '{key}': avatar '{author.avatar}' does not exist in {docs_dir.name}/"
        )
        for key, author in authors.items()
        if not (docs_dir / author.avatar).is_file()
    ]
    if missing:
        raise ContentError(missing)
    return authors
