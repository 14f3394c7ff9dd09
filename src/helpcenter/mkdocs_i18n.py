"""Reading the language being built from mkdocs-static-i18n, for the hooks."""

from __future__ import annotations

from typing import Any


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


def is_final_pass(config: Any) -> bool:
    """True in the last `on_post_build`, after every language has been built."""
    i18n = config.plugins.get("i18n")
    return i18n is None or not getattr(i18n, "building", False)


def build_languages(config: Any) -> list[str]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [current_language(config)]
    return [lang.locale for lang in i18n.config.languages if lang.build]
