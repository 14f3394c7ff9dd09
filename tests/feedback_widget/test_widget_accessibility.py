"""axe-core over the feedback widget in the states a reader brings it to: the follow-up form after
a "no" and the thanks after sending it, in both languages and both colour schemes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.support.axe import report, violations

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from tests.feedback_widget.support import LiveSite

pytestmark = pytest.mark.browser

# An article no other widget test votes on: votes are upserted per visitor, article and day.
SOURCE = "korisnicka-sluzba/reklamacija-ostecenog-proizvoda"
WORDS = {
    "hr": {"no": "Ne", "send": "Pošalji", "thanks": "Hvala na povratnoj informaciji!"},
    "fi": {"no": "Ei", "send": "Lähetä", "thanks": "Kiitos palautteestasi!"},
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_follow_up_form_and_thanks_pass_axe(
    chromium: Browser, binary_site: LiveSite, lang: str, scheme: str
) -> None:
    from playwright.sync_api import expect

    context = chromium.new_context(color_scheme=scheme, reduced_motion="reduce")  # type: ignore[arg-type]
    try:
        page = context.new_page()
        prefix = "" if lang == "hr" else f"{lang}/"
        page.goto(f"{binary_site.url}/{prefix}{SOURCE}/")
        page.wait_for_selector(".hc-feedback--js")
        words = WORDS[lang]

        page.get_by_role("button", name=words["no"], exact=True).click()
        expect(page.locator(".hc-feedback__more-title")).to_be_focused()
        found = violations(page)
        assert not found, "follow-up form:\n" + report(found)

        page.get_by_role("button", name=words["send"], exact=True).click()
        expect(page.locator("[data-hc-status]")).to_have_text(words["thanks"])
        found = violations(page)
        assert not found, "thanks:\n" + report(found)
    finally:
        context.close()
