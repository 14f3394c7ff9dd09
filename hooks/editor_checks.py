"""Run `helpcenter check` inside the build: broken links, anchors, images, empty collections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from helpcenter import mkdocs_i18n, site_build
from helpcenter.editor.checks import build_failure, check_project, errors, warnings
from helpcenter.editor.links import CrossLanguageLinks, rendered_page
from helpcenter.editor.project import project_from_config
from helpcenter.site_config import parse_settings

log = get_plugin_logger(__name__)


def _links(config: MkDocsConfig) -> CrossLanguageLinks | None:
    return next((e for e in config.markdown_extensions if isinstance(e, CrossLanguageLinks)), None)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Let links to another language's `.md` file work (MkDocs builds one language at a time)."""
    if _links(config) is None:
        project = project_from_config(config, skip_extensions=(CrossLanguageLinks,))
        # MkDocs accepts Extension instances as well as names; its type says names only.
        config.markdown_extensions.append(CrossLanguageLinks(project))  # type: ignore[arg-type]
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Fail the build on broken links, anchors and images; single-use tags are only noted.

    Runs once this language's pages are rendered, so the checks reuse MkDocs' own rendering.
    """
    lang = mkdocs_i18n.current_language(config)
    build = site_build.language(config)
    links = _links(config)
    if build is None or links is None:
        return env
    rendered = {
        file.src_uri: rendered_page(file.page.content, links.links[file.src_uri])
        for file in files.documentation_pages()
        if file.page is not None and file.page.content is not None and file.src_uri in links.links
    }
    site = site_build.active()
    if site is None:
        return env
    project = site.project
    problems = check_project(
        project, langs=[lang], catalogs={lang: build.catalog}, rendered=rendered
    )
    # INFO, not WARNING: `--strict` would turn an editorial hint into a failed publish.
    for problem in warnings(problems):
        log.info(str(problem))
    if errors(problems):
        first = "\n".join(map(str, errors(problems)))
        raise PluginError(build_failure(project, lang=lang, first=first))
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Tell the link rewriter which page is rendered next."""
    links = _links(config)
    if links is not None:
        links.current_src = page.file.src_uri
    return markdown


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild the preview when UI strings change too (docs/ and mkdocs.yml are watched anyway)."""
    locales = Path(config.config_file_path).parent / parse_settings(config.extra).locales_dir
    if locales.is_dir():
        server.watch(str(locales))
    return server
