"""A vote without JavaScript on an article whose file name is not ASCII, in Chromium: the
service's redirect back must be a valid (percent-encoded) URL, and the vote stored once."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

import pytest

from tests.feedback_widget.support import LiveSite, live_site
from tests.support import ROOT, copy_project

playwright = pytest.importorskip("playwright.sync_api")

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SOURCE = "placanje/plaćanje-karticom.md"
ARTICLE = """---
title: Plaćanje karticom
description: Koje kartice primamo i kada se iznos skida s računa.
tags: [plaćanje]
---

Primamo kartice Visa, Mastercard i Maestro. Iznos se rezervira u trenutku narudžbe, a s
računa se skida tek kada paket krene prema vama.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    tmp = tmp_path_factory.mktemp("non-ascii")
    project = copy_project(tmp / "project")
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "docs/hr" / SOURCE).write_text(ARTICLE, encoding="utf-8")
    with live_site(tmp, mode="binary", project=project) as running:
        yield running


def test_form_vote_on_a_non_ascii_article_comes_back_thanked(
    site: LiveSite, chromium: Browser
) -> None:
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        path = "/" + quote(SOURCE.removesuffix(".md")) + "/"
        page.goto(site.url + path)
        page.get_by_role("button", name="Da", exact=True).click()
        page.wait_for_url(re.compile(re.escape(path) + r"\?feedback=thanks"), timeout=10_000)
        assert urlsplit(page.url).fragment == "feedback-thanks"
        assert page.locator("#feedback-thanks").is_visible()
    finally:
        context.close()
    votes = site.service.votes(SOURCE)
    assert [v["rating"] for v in votes] == ["yes"]
