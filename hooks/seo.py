"""Head tags for search and sharing, hreflang alternates, the sitemap and robots.txt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpcenter import build_steps, hook_order, mkdocs_i18n, site_build
from helpcenter.editor import seo
from helpcenter.page_context import PageKind
from helpcenter.page_text import as_text


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Refuse to publish without a public `site_url`."""
    problem = seo.publish_problem(config.site_url)
    if problem:
        raise PluginError(problem)
    return config


@event_priority(hook_order.AFTER_PAGE_CONTEXT)
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Give `partials/hc/seo.html` the page's metadata and remember the page for the sitemap."""
    build = site_build.active()
    if build is None:
        return context
    page_seo = seo.page_seo(
        build.project,
        src=page.file.src_uri,
        lang=mkdocs_i18n.current_language(config),
        hc=context.get("hc"),
        page_title=as_text(page.title or ""),
        description=str(page.meta.get("description") or config.site_description or ""),
        canonical=page.canonical_url,
        site_name=config.site_name,
        image=page.meta.get("image"),
    )
    context["hc_seo"] = page_seo
    # A removed article's page answers its old address; search engines should drop it.
    hc = context.get("hc")
    if page_seo.url and not (hc is not None and hc.kind == PageKind.REMOVED):
        build.sitemap.append(
            seo.SitemapEntry(page_seo.url, page_seo.lastmod, page_seo.sitemap_alternates)
        )
    return context


@event_priority(hook_order.FINAL_PASS)
def on_post_build(config: MkDocsConfig) -> None:
    """Final pass: one sitemap for all languages (replacing static-i18n's), and robots.txt."""
    build = site_build.active()
    if not mkdocs_i18n.is_final_pass(config) or build is None:
        return
    site_dir = Path(config.site_dir)
    build_steps.write_sitemap(build.sitemap, site_dir=site_dir, site_url=config.site_url)
