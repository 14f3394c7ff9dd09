"""Old URLs stay alive: redirect pages from urls.lock, and a "removed" page where an article
was deleted on purpose."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helpcenter import build_steps, hook_order, mkdocs_i18n, site_build


@event_priority(hook_order.GENERATED_PAGES)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """A page at each removed URL of the language being built (urls.lock: `gone`)."""
    build = site_build.language(config)
    if build is None:
        return files
    for src, url in build.removed.items():
        page = mkdocs_i18n.generated_page(
            config,
            lang=build.lang,
            home_url=build.site.home_url,
            rel=src.split("/", 1)[1],
            title=build.site.ui.removed_title,
        )
        mkdocs_i18n.move_page(page, url=url.lstrip("/"), config=config)
        files.append(page)
    return files


@event_priority(hook_order.FINAL_PASS)
def on_post_build(config: MkDocsConfig) -> None:
    """Final pass only: the redirect pages, `_redirects` and the nginx map."""
    site = site_build.active()
    if not mkdocs_i18n.is_final_pass(config) or site is None:
        return
    build_steps.write_redirects(site, config=config)
