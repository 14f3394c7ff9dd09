"""Index each language's articles with Pagefind, once every language has been built."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from helpcenter import hook_order, mkdocs_i18n, site_build
from helpcenter.search import collector
from helpcenter.search.indexer import IndexingError
from helpcenter.search.wordlists import WordListError

log = get_plugin_logger(__name__)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Keep each article's title, lead and rendered body for the index."""
    site = site_build.active()
    build = site_build.language(config)
    hc = build.context_for(page.file.src_uri) if build else None
    if site is None or build is None or hc is None or hc.kind != "article" or page.content is None:
        return output
    record = collector.article_record(build.catalog, hc.page, url=page.url, body_html=page.content)
    site.search.add(build.lang, home_url=build.site.home_url, record=record)
    return output


@event_priority(hook_order.FINAL_PASS)
def on_post_build(config: MkDocsConfig) -> None:
    """Final pass only: write `<lang home>/pagefind/` for every language."""
    site = site_build.active()
    if not mkdocs_i18n.is_final_pass(config) or site is None:
        return
    locales_dir = Path(config.config_file_path).parent / site.settings.locales_dir
    try:
        indexes = site.search.build_indexes(
            site_dir=Path(config.site_dir),
            locales_dir=locales_dir,
            languages=mkdocs_i18n.build_languages(config),
        )
    except (IndexingError, WordListError) as exc:
        raise PluginError(f"Search index: {exc}") from exc
    for index in indexes:
        log.info(
            f"search: {index.pages} articles indexed for '{index.lang}' ({index.pagefind_language})"
        )
