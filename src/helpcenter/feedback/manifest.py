"""Loading `<site>/helpcenter-manifest.json`, written by the site build."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from helpcenter.feedback_vocabulary import RATINGS, FeedbackMode

MANIFEST_FILE = "helpcenter-manifest.json"
SUPPORTED_VERSION = 1
# What the service says itself (pages without JavaScript); the site's languages come with the
# manifest (locales/<lang>/ui.yml), these are for a manifest of an older build.
FALLBACK_MESSAGES = {
    "store_failed": "We could not save your vote; please try again in a few moments.",
    "back": "Back to the article",
}


class ManifestError(Exception):
    """The manifest is missing or malformed; the service cannot validate votes without it."""


class _ArticleEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")

    lang: str = Field(min_length=1, max_length=16)
    page: str = Field(min_length=1, max_length=300)
    revision: str | None = Field(default=None, max_length=64)
    url: str = Field(min_length=1, max_length=2000)
    title: str = ""

    @field_validator("url")
    @classmethod
    def _absolute_path(cls, value: str) -> str:
        """Only a path on the site itself, so a redirect built from it never leaves the site."""
        if not value.startswith("/") or value.startswith("//") or "\\" in value:
            raise ValueError("url must be an absolute path such as /section/article/")
        if any(ord(char) < 0x21 for char in value):
            raise ValueError("url must not contain spaces or control characters")
        return value


class _ManifestFile(BaseModel):
    model_config = ConfigDict(extra="ignore")

    version: int
    feedback_mode: FeedbackMode = "binary"
    languages: list[str] = Field(default_factory=list)
    articles: list[_ArticleEntry] = Field(default_factory=list)
    messages: dict[str, dict[str, str]] = Field(default_factory=dict)
    # Per language, an article's page id before a move -> its current one (urls.lock).
    aliases: dict[str, dict[str, str]] = Field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Article:
    """One article in one language."""

    lang: str
    page: str
    revision: str | None
    url: str
    title: str


@dataclass(frozen=True)
class Manifest:
    """The site's articles, keyed by (lang, page)."""

    mode: FeedbackMode
    languages: tuple[str, ...]
    articles: dict[tuple[str, str], Article]
    messages: dict[str, dict[str, str]] = field(default_factory=dict)
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def ratings(self) -> tuple[str, ...]:
        """The ratings the site's widget can send."""
        return RATINGS[self.mode]

    def article(self, lang: str, page: str) -> Article | None:
        """The article, or None when the site has no such page in that language; a page id
        from before a move (a cached old page) gives the article where it is now."""
        return self.articles.get((lang, self.current_page(lang, page)))

    def current_page(self, lang: str, page: str) -> str:
        """The page id an article has now (`page` itself unless the article moved)."""
        return self.aliases.get(lang, {}).get(page, page)

    def message(self, lang: str, key: str) -> str:
        """A message of the service in `lang`, else in English."""
        return self.messages.get(lang, {}).get(key) or FALLBACK_MESSAGES[key]


def parse_manifest(data: object) -> Manifest:
    """Validate decoded JSON; raises ManifestError."""
    try:
        parsed = _ManifestFile.model_validate(data)
    except ValidationError as exc:
        raise ManifestError(f"invalid manifest: {exc}") from exc
    if parsed.version != SUPPORTED_VERSION:
        raise ManifestError(f"unsupported manifest version {parsed.version}")
    articles = {
        (a.lang, a.page): Article(a.lang, a.page, a.revision, a.url, a.title)
        for a in parsed.articles
    }
    languages = tuple(dict.fromkeys([*parsed.languages, *(a.lang for a in parsed.articles)]))
    return Manifest(
        mode=parsed.feedback_mode,
        languages=languages,
        articles=articles,
        messages=parsed.messages,
        aliases=parsed.aliases,
    )


def load_manifest(site: Path) -> Manifest:
    """Read `<site>/helpcenter-manifest.json` (or the file itself when given)."""
    path = site if site.is_file() else site / MANIFEST_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ManifestError(f"manifest not found: {path} (build the site first)") from exc
    except (OSError, ValueError) as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc}") from exc
    return parse_manifest(data)
