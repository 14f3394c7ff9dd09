"""Generate one page per tag, and a tags index, in every language."""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from helpcenter import mkdocs_i18n, site_build
from helpcenter.page_context import TAGS_FOLDER, tag_slug


def _generated(config: MkDocsConfig, *, lang: str, home_url: str, rel: str, title: str) -> File:
    """A virtual page placed where static-i18n would have put `docs/<lang>/<rel>`."""
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
    # The attributes static-i18n gives its own files; no alternates: tags differ per language.
    # static-i18n's own attributes, which MkDocs' File does not declare.
    file.alternates = {lang: file}  # type: ignore[attr-defined]
    file.locale = lang  # type: ignore[attr-defined]
    file.locale_alternate_of = lang  # type: ignore[attr-defined]
    file.localization = lang  # type: ignore[attr-defined]
    file.norm_src_uri = rel  # type: ignore[attr-defined]
    return file


# After the content catalog (-110) knows this language's tags.
@event_priority(-120)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add `tags/index.md` and `tags/<slug>.md` for the language being built."""
    lang = mkdocs_i18n.current_language(config)
    build = site_build.current(lang)
    if build is None:
        return files
    home_url = build.site.home_url
    files.append(
        _generated(
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
        files.append(_generated(config, lang=lang, home_url=home_url, rel=rel, title=title))
    return files
