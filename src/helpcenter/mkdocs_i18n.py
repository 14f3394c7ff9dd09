"""Reading the language being built from mkdocs-static-i18n, for the hooks."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from mkdocs.structure.files import File, InclusionLevel


def current_language(config: Any) -> str:
    """The language of the build in progress (static-i18n builds one language at a time)."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "current_language", None):
        return str(i18n.current_language)
    return str(config.theme.get("language") or "en")


def home_url(config: Any, lang: str) -> str:
    """Root-relative URL of a language's home page: "" for the default, "fi/" for fi."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return ""
    for language in i18n.config.languages:
        if language.locale == lang:
            return str(language.link).strip("/") + "/" if language.link.strip("/") else ""
    return ""


def site_name(config: Any, lang: str) -> str:
    """The site's name in `lang`: static-i18n's per-language `site_name`, else the config's."""
    i18n = config.plugins.get("i18n")
    for language in i18n.config.languages if i18n is not None else []:
        if language.locale == lang and language.site_name:
            return str(language.site_name)
    return str(config.site_name or "")


def is_final_pass(config: Any) -> bool:
    """True in the last `on_post_build`, after every language has been built."""
    i18n = config.plugins.get("i18n")
    return i18n is None or not getattr(i18n, "building", False)


def move_page(file: File, *, url: str, config: Any) -> None:
    """Publish a Markdown page at the root-relative directory URL `url` instead of the one
    its path gives (a localized `slug`); MkDocs' links to the `.md` file follow."""
    file.dest_uri = f"{url}index.html" if url else "index.html"
    file.url = file._get_url(config.use_directory_urls)
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))


def localize_urls(files: Any, config: Any, url_of: Callable[[str], str | None]) -> None:
    """Publish every Markdown page at the URL `url_of` gives its docs path (a localized
    `slug`), and point static-i18n's alternates of each page (its language switcher) at
    their translations' URLs the same way: static-i18n knows them only by path."""
    for file in files.documentation_pages():
        for page in (file, *getattr(file, "alternates", {}).values()):
            src = getattr(page, "src_uri", None)
            url = url_of(src) if src is not None else None
            if url is not None and (url or "./") != page.url:
                move_page(page, url=url, config=config)


def default_language(config: Any) -> str:
    """static-i18n's default language (the one at the site root)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return current_language(config)
    return str(i18n.default_language)


def start_language_pass(config: Any, lang: str) -> None:
    """Make the next `build(config)` render `lang` only, as static-i18n renders it after the
    default language in a sequential build: as the current language, with its `building`
    flag up so that it starts no other language and our final-pass hooks stay idle."""
    i18n = config.plugins["i18n"]
    i18n.current_language = lang
    i18n.building = True


def build_languages(config: Any) -> list[str]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [current_language(config)]
    return [lang.locale for lang in i18n.config.languages if lang.build]


@dataclass(frozen=True)
class _Translation:
    """What static-i18n's language switcher reads of a translation: its URL."""

    url: str


def generated_page(
    config: Any,
    *,
    lang: str,
    home_url: str,
    rel: str,
    title: str,
    translations: Mapping[str, str] | None = None,
) -> File:
    """A virtual page of one language (tag pages, the accessibility statement), placed where
    static-i18n would have put `docs/<lang>/<rel>`; `translations` maps other languages to the
    root-relative URL of the same page there, for the language switcher."""
    file = File.generated(
        config,
        f"{lang}/{rel}",
        content=f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n",
        inclusion=InclusionLevel.NOT_IN_NAV,
    )
    stem = PurePosixPath(rel).with_suffix("")
    folder = stem.parent if stem.name == "index" else stem
    file.dest_path = f"{home_url}{folder.as_posix()}/index.html"
    file.url = file._get_url(config.use_directory_urls)
    # static-i18n's own attributes, which MkDocs' File does not declare.
    file.alternates = {  # type: ignore[attr-defined]
        **{code: _Translation(url) for code, url in (translations or {}).items()},
        lang: file,
    }
    file.locale = lang  # type: ignore[attr-defined]
    file.locale_alternate_of = lang  # type: ignore[attr-defined]
    file.localization = lang  # type: ignore[attr-defined]
    file.norm_src_uri = rel  # type: ignore[attr-defined]
    return file
