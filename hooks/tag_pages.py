"""Generate one page per tag, and a tags index, in every language."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helpcenter import hook_order, mkdocs_i18n, site_build
from helpcenter.page_context import TAGS_FOLDER, tag_slug


@event_priority(hook_order.GENERATED_PAGES)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add `tags/index.md` and `tags/<slug>.md` for the language being built."""
    lang = mkdocs_i18n.current_language(config)
    build = site_build.language(config)
    if build is None:
        return files
    home_url = build.site.home_url
    files.append(
        mkdocs_i18n.generated_page(
            config,
            lang=lang,
            home_url=home_url,
            rel=f"{TAGS_FOLDER}/index.md",
            title=build.site.ui.tags_page_title,
        )
    )
    for tag in build.catalog.tags():
        title = build.site.ui.tag_page_title.format(tag=tag)
        rel = f"{TAGS_FOLDER}/{tag_slug(tag)}.md"
        files.append(
            mkdocs_i18n.generated_page(config, lang=lang, home_url=home_url, rel=rel, title=title)
        )
    return files
