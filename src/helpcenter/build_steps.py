"""The steps of a build that the hooks and `helpcenter build` share: starting the build with
every language loaded, and the files written once languages are rendered.

A sequential `mkdocs build` runs them from the hooks (`hooks/content_catalog.py`'s
`on_config`; the final pass's `on_post_build` of `seo`, `search_index`, `feedback_manifest`,
`minify_scripts`); `helpcenter.parallel_build` runs the same functions in each language's
process and merges the sitemap, so both give the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from helpcenter import help_widget, site_build
from helpcenter.editor import seo
from helpcenter.editor.checks import build_failure
from helpcenter.editor.links import CrossLanguageLinks
from helpcenter.editor.project import check_site_images, project_from_config
from helpcenter.feedback_manifest import (
    MANIFEST_FILE,
    build_manifest,
    dump_manifest,
    service_messages,
)
from helpcenter.front_matter import ContentError
from helpcenter.redirect_pages import (
    NETLIFY_FILE,
    NGINX_FILE,
    netlify_redirects,
    nginx_map,
    redirect_page,
)
from helpcenter.script_minifier import minify_scripts
from helpcenter.search.indexer import IndexingError, LanguageIndex
from helpcenter.search.wordlists import WordListError
from helpcenter.site_config import ConfigError
from helpcenter.url_record import page_aliases


def begin(config: Any, *, lang: str, rendered: list[str] | None = None) -> site_build.SiteBuild:
    """A new `SiteBuild` from `docs/` and `mkdocs.yml`; any problem of any language fails the
    build with all of them listed (`lang`: the language whose messages come first;
    `rendered`: the languages this process renders, default all)."""
    try:
        build = site_build.start(config, rendered=rendered)
        check_site_images(build.project)
    except ConfigError as exc:
        raise PluginError(str(exc)) from exc
    except ContentError as exc:
        project = project_from_config(config, skip_extensions=(CrossLanguageLinks,))
        raise PluginError(build_failure(project, lang=lang, first=str(exc))) from exc
    return build


def write_search_indexes(
    build: site_build.SiteBuild, *, config: Any, languages: list[str]
) -> list[LanguageIndex]:
    """`<lang home>/pagefind/` for each of `languages`, from the records their passes kept."""
    locales_dir = Path(config.config_file_path).parent / build.settings.locales_dir
    try:
        return build.search.build_indexes(
            site_dir=Path(config.site_dir), locales_dir=locales_dir, languages=languages
        )
    except (IndexingError, WordListError) as exc:
        raise PluginError(f"Search index: {exc}") from exc


def write_manifest(build: site_build.SiteBuild, *, config: Any) -> None:
    """The feedback manifest: every language's articles, from the site model."""
    builds = build.languages
    manifest = build_manifest(
        [b.catalog for b in builds.values()],
        home_urls={lang: b.site.home_url for lang, b in builds.items()},
        site_url=config.site_url,
        mode=build.settings.feedback.mode,
        messages={lang: service_messages(b.site.ui) for lang, b in builds.items()},
        aliases=page_aliases(build.url_record),
    )
    (Path(config.site_dir) / MANIFEST_FILE).write_text(dump_manifest(manifest), encoding="utf-8")


def write_redirects(build: site_build.SiteBuild, *, config: Any) -> None:
    """A page at every old URL that leads to where its page is now, plus `_redirects`
    (Netlify, Cloudflare Pages) and an nginx map of the same redirects."""
    site_dir = Path(config.site_dir)
    for redirect in build.redirects:
        language = build.languages[redirect.lang]
        context = language.context_for(redirect.target)
        title = context.title if context is not None and context.title else ""
        page = redirect_page(
            redirect,
            canonical=build.project.absolute_url(redirect.new.lstrip("/")),
            title=title or language.site.site_name,
            moved_text=language.site.ui.moved_text,
        )
        target = site_dir / redirect.old.lstrip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    base = build.project.base_path
    (site_dir / NETLIFY_FILE).write_text(
        netlify_redirects(build.redirects, base_path=base), encoding="utf-8"
    )
    (site_dir / NGINX_FILE).write_text(nginx_map(build.redirects, base_path=base), encoding="utf-8")


def write_scripts(*, site_dir: Path) -> None:
    """Our scripts minified in place (`assets/javascripts/*.js`)."""
    minify_scripts(site_dir / "assets" / "javascripts")


def write_widget(build: site_build.SiteBuild, *, config: Any) -> None:
    """The help widget's script, each language's widget data and the CORS `_headers`; from
    the site model, so every pass writes the same bytes (after `write_scripts`)."""
    help_widget.write_widget(
        [language.site for language in build.languages.values()],
        site_dir=Path(config.site_dir),
        base_path=build.project.base_path,
    )


def write_sitemap(entries: list[seo.SitemapEntry], *, site_dir: Path, site_url: str | None) -> None:
    """One sitemap for every language (replacing static-i18n's), and robots.txt."""
    if not site_url:
        return
    xml = seo.sitemap_xml(entries).encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(xml)
    (site_dir / "sitemap.xml.gz").write_bytes(seo.gzip_bytes(xml))
    (site_dir / "robots.txt").write_text(seo.robots_txt(site_url), encoding="utf-8")
