"""The site's side of the feedback service: its endpoint for the templates, and the manifest of
valid articles, written after all languages."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helpcenter import build_steps, hook_order, mkdocs_i18n, site_build
from helpcenter.feedback_vocabulary import feedback_endpoint


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """`{{ url | feedback_endpoint }}`: where votes go, built as the widget builds it."""
    env.filters["feedback_endpoint"] = feedback_endpoint
    return env


@event_priority(hook_order.FINAL_PASS)
def on_post_build(config: MkDocsConfig) -> None:
    """Final pass only: the manifest lists every language."""
    site = site_build.active()
    if not mkdocs_i18n.is_final_pass(config) or site is None:
        return
    build_steps.write_manifest(site, config=config)
