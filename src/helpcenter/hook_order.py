"""When each hook runs: the priorities of `hooks/*.py`, in one place.

MkDocs runs an event's hooks from the highest priority to the lowest (0 when unset, in the
order of `hooks:` in mkdocs.yml at equal priority); mkdocs-static-i18n's own hooks run at
-100: it chooses the language's files in `on_files`, removes the language sections in
`on_nav` and, in the default language's `on_post_build`, builds every other language in turn.
"Final pass" is the `on_post_build` after all languages.

Event (priority): hook, what it does.

- on_config (0): content_catalog starts the `SiteBuild` (settings, every language's content);
  seo refuses to publish without a public `site_url`; editor_checks adds the link rewriter.
- on_files (`CATALOG`): content_catalog checks the language was loaded up front and moves
  pages with a `slug`, and their alternates in the language switcher, to localized URLs.
- on_files (`GENERATED_PAGES`): tag_pages, site_pages (statement, contact page), url_record
  (removed pages) add the virtual pages.
- on_nav (`NAVIGATION`): article_pages names and orders the collections' sections.
- on_page_markdown (0): article_pages (titles as HTML), editor_checks (the page being linked).
- on_page_context (0): article_pages (`hc`), sidebar (this page's sidebar).
- on_page_context (`AFTER_PAGE_CONTEXT`): seo (head metadata, sitemap entry).
- on_page_content, on_post_page (0): back_to_top, skip_link, html_conformance, search_index
  (the page's HTML, its search record).
- on_template_context, on_post_template (0): localized_404 (each language's 404 page).
- on_env (0): editor_checks (links, anchors, images), feedback_manifest (endpoint filter).
- on_post_build (`FINAL_PASS`, final pass only): seo (sitemap, robots.txt), search_index
  (Pagefind indexes), feedback_manifest (manifest), url_record (redirects), minify_scripts,
  help_widget (widget.js after the scripts are minified, widget data, `_headers`).

`helpcenter build` (`helpcenter.parallel_build`) runs one language pass per process, with
static-i18n's `building` flag up from the start: `on_config` and the final-pass hooks stay
idle there, and the process calls the same `helpcenter.build_steps` functions itself before
and after MkDocs' `build`.
"""

from __future__ import annotations

# After static-i18n's on_files (-100) has chosen the language's files.
CATALOG = -110
# After the catalog: the virtual pages need this language's tags and strings.
GENERATED_PAGES = -120
# After static-i18n's on_nav (-100) has removed the language sections.
NAVIGATION = -110
# After article_pages (0) has put `hc` into the context.
AFTER_PAGE_CONTEXT = -50
# After static-i18n's on_post_build (-100) has built the other languages.
FINAL_PASS = -101
