"""The widget's server-rendered markup: present only with a service URL, localized, usable without JS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from helpcenter.site_config import UiStrings
from tests.site.support import built_path

ROOT = Path(__file__).resolve().parents[2]
ENDPOINT = "http://127.0.0.1:9/api/v1/feedback"
REASONS = ["not_found", "hard_to_understand", "out_of_date", "incorrect", "other"]
ARTICLE = "narudzbe/otkazivanje-narudzbe"


def ui(lang: str) -> UiStrings:
    return UiStrings.model_validate(
        yaml.safe_load((ROOT / "locales" / lang / "ui.yml").read_text("utf-8"))
    )


def soup_of(site: Path, lang: str, slug: str) -> BeautifulSoup:
    """The built page of `docs/<lang>/<slug>.md` (Finnish at its localized URL)."""
    return BeautifulSoup((site / built_path(lang, slug)).read_text("utf-8"), "html.parser")


def articles(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "helpcenter-manifest.json").read_text("utf-8"))["articles"]


def widget(soup: BeautifulSoup) -> Tag:
    slot = soup.select_one("section#feedback[data-hc-slot=feedback]")
    assert slot is not None
    found = slot.select_one("[data-hc-feedback]")
    assert found is not None
    return found


def hidden_fields(form: Tag) -> dict[str, str]:
    return {
        i["name"]: i["value"]
        for i in form.select("input[type=hidden]")
        if i.get("name") != "rating"
    }


def test_no_service_url_renders_nothing(no_service_build: Path) -> None:
    soup = soup_of(no_service_build, "hr", ARTICLE)
    slot = soup.select_one("section#feedback")
    assert slot is not None  # the slot stays for the layout; it is just empty
    assert list(slot.find_all(True)) == []
    assert soup.select("form[action*='/api/v1/feedback']") == []
    for page in (
        soup,
        BeautifulSoup((no_service_build / "index.html").read_text("utf-8"), "html.parser"),
    ):
        assert page.select("script[src*='feedback.js'], script[data-hc-feedback-endpoint]") == []
        assert page.select("link[href*='feedback.css']") == []


def test_every_article_has_the_widget_for_its_page(binary_build: Path) -> None:
    entries = articles(binary_build)
    assert len(entries) > 20
    for entry in entries:
        html = binary_build / entry["url"].strip("/") / "index.html"
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        root = widget(soup)
        vote = root.select_one("form.hc-feedback__vote")
        assert vote is not None, html
        expected = {"page": entry["page"], "lang": entry["lang"], "revision": entry["revision"]}
        assert hidden_fields(vote) == expected, html
        slot = soup.select_one("section#feedback")
        assert slot is not None
        assert (slot["data-page"], slot["data-lang"], slot["data-revision"]) == tuple(
            expected.values()
        )


@pytest.mark.parametrize("slug", ["", "narudzbe", "tags"])
def test_pages_other_than_articles_have_no_widget(binary_build: Path, slug: str) -> None:
    soup = BeautifulSoup((binary_build / slug / "index.html").read_text("utf-8"), "html.parser")
    assert soup.select("[data-hc-feedback]") == []
    # ...but they load the script, so votes queued on an article are resent from any page.
    script = soup.select_one("script[data-hc-feedback-endpoint]")
    assert script is not None
    assert script["data-hc-feedback-endpoint"] == ENDPOINT


@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_binary_widget_is_a_real_form_in_the_page_language(binary_build: Path, lang: str) -> None:
    strings = ui(lang)
    soup = soup_of(binary_build, lang, ARTICLE)
    root = widget(soup)
    assert root["data-mode"] == "binary"
    vote = root.select_one("form.hc-feedback__vote")
    assert vote is not None
    assert (vote["method"], vote["action"]) == ("post", ENDPOINT)
    legend = vote.select_one("legend")
    assert legend is not None
    assert legend.get_text(strip=True) == strings.feedback_question
    buttons = vote.select("button[type=submit][name=rating]")
    assert [(b["value"], b.get_text(strip=True)) for b in buttons] == [
        ("yes", strings.feedback_yes),
        ("no", strings.feedback_no),
    ]
    assert soup.select_one("html")["lang"] == lang  # type: ignore[index]


def test_question_wording(binary_build: Path) -> None:
    """The wording agreed for each language (natural, not translated word for word)."""
    for lang, question in (
        ("hr", "Je li vam ovaj članak pomogao?"),
        ("fi", "Vastasiko tämä kysymykseesi?"),
    ):
        legend = widget(soup_of(binary_build, lang, ARTICLE)).select_one(
            "legend.hc-feedback__question"
        )
        assert legend is not None
        assert legend.get_text(strip=True) == question


@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_details_form_offers_reasons_and_a_bounded_comment(binary_build: Path, lang: str) -> None:
    strings = ui(lang)
    root = widget(soup_of(binary_build, lang, ARTICLE))
    details = root.select_one("details.hc-feedback__more form.hc-feedback__details")
    assert details is not None
    assert (details["method"], details["action"]) == ("post", ENDPOINT)
    # A form of its own that always carries the negative rating: a reason never rides on a "yes".
    rating = details.select_one("input[type=hidden][name=rating]")
    assert rating is not None
    assert rating["value"] == "no"
    assert set(hidden_fields(details)) == {"page", "lang", "revision"}
    radios = details.select("input[type=radio][name=reason]")
    assert [r["value"] for r in radios] == REASONS
    labels = [r.find_parent("label").get_text(strip=True) for r in radios]  # type: ignore[union-attr]
    assert labels == [getattr(strings, f"feedback_reason_{reason}") for reason in REASONS]
    comment = details.select_one("textarea[name=comment]")
    assert comment is not None
    assert comment["maxlength"] == "1000"
    label = details.select_one(f"label[for={comment['id']}]")
    assert label is not None
    assert label.get_text(strip=True) == strings.feedback_comment_label
    counter = details.select_one(".hc-feedback__counter")
    assert counter is not None
    assert counter["id"] in comment["aria-describedby"].split()
    assert counter.get_text(strip=True) == strings.feedback_counter.format(n=1000)


@pytest.mark.parametrize("lang", ["hr", "fi"])
def test_thanks_and_live_region(binary_build: Path, lang: str) -> None:
    strings = ui(lang)
    root = widget(soup_of(binary_build, lang, ARTICLE))
    # The no-JS thank-you is the target of the service's redirect (#feedback-thanks).
    thanks = root.select_one("#feedback-thanks")
    assert thanks is not None
    assert strings.feedback_thanks in thanks.get_text()
    status = root.select_one("[data-hc-status]")
    assert status is not None
    assert (status["role"], status["aria-live"]) == ("status", "polite")
    assert root["data-thanks"] == strings.feedback_thanks
    assert root["data-thanks-negative"] == strings.feedback_thanks_negative
    change = root.select_one("button[data-hc-change]")
    assert change is not None
    assert change.get_text(strip=True) == strings.feedback_change


def test_reactions_mode_has_three_reactions(reactions_build: Path) -> None:
    strings = ui("hr")
    root = widget(soup_of(reactions_build, "hr", ARTICLE))
    assert root["data-mode"] == "reactions"
    assert root["data-negative"].split() == ["sad", "neutral"]
    buttons = root.select("form.hc-feedback__vote button[name=rating]")
    assert [(b["value"], b.get_text(strip=True)) for b in buttons] == [
        ("sad", strings.feedback_sad),
        ("neutral", strings.feedback_neutral),
        ("happy", strings.feedback_happy),
    ]
    # Without JS the details form asks which of the two negative reactions applies.
    details = root.select_one("form.hc-feedback__details")
    assert details is not None
    choices = details.select("input[type=radio][name=rating]")
    assert [c["value"] for c in choices] == ["sad", "neutral"]
    assert all(c.has_attr("required") for c in choices)


def test_assets_are_included_once_on_articles(binary_build: Path) -> None:
    soup = soup_of(binary_build, "hr", ARTICLE)
    css = [
        link["href"]
        for link in soup.select("link[rel=stylesheet]")
        if "feedback.css" in link["href"]
    ]
    js = soup.select("script[data-hc-feedback-endpoint]")
    assert len(css) == 1 and len(js) == 1
    assert js[0].has_attr("defer")
    assert (binary_build / "assets/stylesheets/feedback.css").is_file()
    assert (binary_build / "assets/javascripts/feedback.js").is_file()


def test_the_manifest_carries_the_service_pages_in_each_language(binary_build: Path) -> None:
    """What the service shows by itself without JavaScript (a vote it could not store) comes
    from locales/<lang>/ui.yml through the manifest."""
    manifest = json.loads((binary_build / "helpcenter-manifest.json").read_text(encoding="utf-8"))
    assert manifest["messages"]["hr"]["store_failed"].startswith("Nismo mogli spremiti vaš glas")
    assert manifest["messages"]["fi"]["store_failed"].startswith("Emme voineet tallentaa ääntäsi")
    assert manifest["messages"]["hr"]["back"] == "Natrag na članak"
    assert manifest["messages"]["fi"]["back"] == "Takaisin artikkeliin"
