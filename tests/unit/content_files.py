"""A language folder of content files written for one test, and its content errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcenter.content import load_catalog
from helpcenter.front_matter import ContentError

COLLECTION = "---\ntitle: Tilaukset\ndescription: Tilausten kysymykset.\n{extra}---\n"
ARTICLE = "---\ntitle: {title}\ndescription: Lyhyt kuvaus.\n{extra}---\nTeksti.\n"


def write(docs: Path, rel: str, text: str) -> None:
    path = docs / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def site(tmp_path: Path, files: dict[str, str]) -> Path:
    docs = tmp_path / "docs"
    write(docs, "fi/index.md", "---\ntitle: Ohjeet\n---\n")
    for rel, text in files.items():
        write(docs, rel, text)
    return docs


def problems(docs: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_catalog(docs, "fi", authors={})
    return [str(problem) for problem in caught.value.problems]
