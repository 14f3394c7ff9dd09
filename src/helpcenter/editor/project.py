"""What the editor tools need to know about a site, read from its MkDocs configuration."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from helpcenter import mkdocs_i18n
from helpcenter.front_matter import ContentError, is_slug, parse_document
from helpcenter.site_config import ConfigError, parse_settings


@dataclass(frozen=True)
class Language:
    """A built language: `home_url` is "" for the default language, "fi/" for fi."""

    code: str
    name: str
    home_url: str
    default: bool


@dataclass(frozen=True)
class Project:
    """A help-center site: its folders, languages and Markdown setup."""

    config_dir: Path
    docs_dir: Path
    languages: tuple[Language, ...]
    site_url: str | None = None
    locales_dir: Path | None = None
    theme_dir: Path | None = None
    markdown_extensions: tuple[Any, ...] = ()
    mdx_configs: dict[str, Any] = field(default_factory=dict)
    # Root-relative URL of the site's default share image (`extra.helpcenter.share_image`).
    share_image: str | None = None
    # Root-relative URL of the publisher's logo (`extra.helpcenter.publisher_logo`).
    publisher_logo: str | None = None

    @property
    def codes(self) -> list[str]:
        return [language.code for language in self.languages]

    @property
    def default_lang(self) -> str:
        return next((lang.code for lang in self.languages if lang.default), self.languages[0].code)

    @functools.cached_property
    def slugs(self) -> dict[str, str]:
        """The `slug` of every article and collection that sets one, by docs path
        (`fi/narudzbe/otkazivanje.md`, `fi/narudzbe/index.md`); invalid ones are left to the
        content checks, which report them."""
        found: dict[str, str] = {}
        for code in self.codes:
            for page in sorted((self.docs_dir / code).glob("*/*.md")):
                text = page.read_text(encoding="utf-8", errors="replace")
                if "slug:" not in text:
                    continue
                src = page.relative_to(self.docs_dir).as_posix()
                try:
                    value = parse_document(text, path=src).meta.get("slug")
                except ContentError:
                    continue
                if is_slug(value):
                    found[src] = str(value)
        return found

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(code)

    def rel(self, file: Path) -> str:
        """A file's path as problems show it, relative to the project: `docs/hr/x.md`."""
        try:
            return file.relative_to(self.docs_dir.parent).as_posix()
        except ValueError:
            return file.as_posix()

    @property
    def base_path(self) -> str:
        """The URL path the site is served under ("/" or e.g. "/help/"), from `site_url`."""
        path = urlsplit(self.site_url).path if self.site_url else "/"
        return path if path.endswith("/") else path + "/"

    def absolute_url(self, url: str) -> str | None:
        """`site_url` + a root-relative URL; None without a `site_url`."""
        if not self.site_url:
            return None
        base = self.site_url if self.site_url.endswith("/") else self.site_url + "/"
        return base + url


def page_url(src: str, *, project: Project) -> str | None:
    """Root-relative URL of a docs file: `fi/narudzbe/x.md` -> `fi/narudzbe/x/`, or with the
    collection's and the article's `slug` `fi/tilaukset/tilauksen-peruminen/`."""
    parts = PurePosixPath(src).parts
    if not parts:
        return None
    if parts[0] in project.codes:
        code = parts[0]
        prefix = project.language(code).home_url
        rest = PurePosixPath(*parts[1:]) if len(parts) > 1 else PurePosixPath("index.md")
    else:
        code, prefix, rest = "", "", PurePosixPath(*parts)
    if rest.suffix != ".md":
        return prefix + rest.as_posix()
    stem = rest.with_suffix("")
    if code and len(stem.parts) == 2:
        folder, name = stem.parts
        folder = project.slugs.get(f"{code}/{folder}/index.md", folder)
        if name in ("index", "README"):
            return f"{prefix}{folder}/"
        return f"{prefix}{folder}/{project.slugs.get(src, name)}/"
    if stem.name in ("index", "README"):
        folder = stem.parent.as_posix()
        return prefix + ("" if folder == "." else folder + "/")
    return f"{prefix}{stem.as_posix()}/"


def project_from_config(config: Any, *, skip_extensions: tuple[type, ...] = ()) -> Project:
    """A Project from a loaded `MkDocsConfig` (the same object a build hook receives)."""
    codes = mkdocs_i18n.build_languages(config)
    i18n = config.plugins.get("i18n")
    names: dict[str, str] = {}
    default = codes[0]
    if i18n is not None:
        for language in i18n.config.languages:
            names[language.locale] = language.name
            if language.default:
                default = language.locale
    config_dir = Path(config.config_file_path).parent
    settings = parse_settings(config.extra)
    languages = tuple(
        Language(code, names.get(code, code), mkdocs_i18n.home_url(config, code), code == default)
        for code in codes
    )
    theme_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    docs_dir = Path(config.docs_dir)
    return Project(
        config_dir=config_dir,
        docs_dir=docs_dir,
        languages=languages,
        site_url=config.site_url or None,
        locales_dir=config_dir / settings.locales_dir,
        theme_dir=theme_dir,
        # A build adds our own link-rewriting extension; the checks render without it.
        markdown_extensions=tuple(
            ext for ext in config.markdown_extensions if not isinstance(ext, skip_extensions)
        ),
        mdx_configs=dict(config.mdx_configs or {}),
        share_image=settings.share_image,
        publisher_logo=settings.publisher_logo,
    )


def check_site_images(project: Project) -> None:
    """Raise ConfigError when the configured share image or publisher logo is not a file the
    site publishes."""
    folders = [folder for folder in (project.theme_dir, project.docs_dir) if folder is not None]
    for name, image in (
        ("share_image", project.share_image),
        ("publisher_logo", project.publisher_logo),
    ):
        if not image or any((folder / image).is_file() for folder in folders):
            continue
        where = " or ".join(f"{project.rel(folder)}/" for folder in folders)
        raise ConfigError(
            f"mkdocs.yml: extra.helpcenter.{name}: {image!r} is not a file in {where}; "
            "expected an image file the site publishes"
        )


def load_project(config_file: Path) -> Project:
    """Read `mkdocs.yml` the way MkDocs does (`!ENV`, defaults, plugin options)."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file))
    return project_from_config(config)
