"""Index each language's articles with Pagefind, once every language has been built."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from helpcenter import build_steps, hook_order, mkdocs_i18n, site_build
from helpcenter.page_context import PageKind
from helpcenter.search import collector

log = get_plugin_logger(__name__)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Keep each article's title, lead and rendered body for the index."""
    site = site_build.active()
    build = site_build.language(config)
    hc = build.context_for(page.file.src_uri) if build else None
    if site is None or build is None or hc is None or page.content is None:
        return output
    if hc.kind != PageKind.ARTICLE:
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
    languages = mkdocs_i18n.build_languages(config)
    for index in build_steps.write_search_indexes(site, config=config, languages=languages):
        log.info(
            f"search: {index.pages} articles indexed for '{index.lang}' ({index.pagefind_language})"
        )
