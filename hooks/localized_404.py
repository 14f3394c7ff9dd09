"""A 404 page in every language: `/404.html` in the default one, `/<lang>/404.html` in others."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from helpcenter import site_build
from helpcenter.html_conformance import conforming
from helpcenter.skip_link import with_skip_link


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """Give the 404 template the strings of the language being built."""
    if template_name != "404.html":
        return context
    # static-i18n aims the language switcher at the page being rendered by setting the
    # attribute `config.extra.alternate` in on_page_context. A 404 is no page: it would keep
    # the last page's links (in the fi build, a Croatian tag page), so point it at the homes.
    homes = config.extra.get("alternate")
    if homes:
        config.extra.alternate = copy.deepcopy(homes)  # type: ignore[attr-defined]  # static-i18n's
    build = site_build.language(config)
    if build is not None:
        context["hc"] = build.site.not_found()
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Write a non-default language's 404 into its folder instead of over the root one."""
    if template_name != "404.html":
        return output
    build = site_build.language(config)
    if build is None:
        return output
    # A template, not a page: on_post_page (skip link, conformance) does not see it.
    output = conforming(with_skip_link(output, label=build.site.ui.skip_to_content))
    if not build.site.home_url:
        return output
    target = Path(config.site_dir) / build.site.home_url / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    # An empty result tells MkDocs to skip writing the root 404.html for this language.
    return ""
