"""One feedback vocabulary: the widget the site renders and the votes the service accepts come
from `helpcenter.feedback_vocabulary`, so a rating or reason cannot exist on one side only."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import ValidationError

from helpcenter.feedback.schemas import FeedbackIn
from helpcenter.feedback_vocabulary import (
    ICONS,
    RATINGS,
    REASON_ALLOWED,
    REASONS,
    Rating,
    feedback_endpoint,
)
from helpcenter.page_context import feedback_widget
from helpcenter.site_config import FeedbackSettings, load_ui_strings
from tests.support import ROOT

VOTE = {"page": "narudzbe/x.md", "lang": "hr", "submission_id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427"}


def test_every_rating_of_every_mode_is_one_the_service_accepts() -> None:
    offered = {rating for ratings in RATINGS.values() for rating in ratings}
    assert offered == set(get_args(Rating)) == set(ICONS)
    for rating in offered:
        assert FeedbackIn.model_validate({**VOTE, "rating": rating}).rating == rating
    with pytest.raises(ValidationError):
        FeedbackIn.model_validate({**VOTE, "rating": "maybe"})


def test_every_reason_is_accepted_with_the_ratings_that_ask_for_one() -> None:
    for reason in REASONS:
        for rating in REASON_ALLOWED:
            vote = FeedbackIn.model_validate({**VOTE, "rating": rating, "reason": reason})
            assert vote.reason == reason
        with pytest.raises(ValidationError):
            FeedbackIn.model_validate({**VOTE, "rating": "yes", "reason": reason})


@pytest.mark.parametrize("lang", ["hr", "fi"])
@pytest.mark.parametrize("mode", ["binary", "reactions"])
def test_the_widget_offers_the_vocabulary_in_the_page_language(lang: str, mode: str) -> None:
    ui = load_ui_strings(ROOT / "locales", lang)
    widget = feedback_widget(FeedbackSettings(url="https://fb.example/ ", mode=mode), ui)  # type: ignore[arg-type]
    assert widget is not None
    assert widget.endpoint == "https://fb.example/api/v1/feedback" == feedback_endpoint(
        "https://fb.example"
    )
    assert [c.value for c in widget.choices] == list(RATINGS[mode])
    assert all(c.label == getattr(ui, f"feedback_{c.value}") for c in widget.choices)
    assert [c.value for c in widget.reason_choices] == [
        r for r in RATINGS[mode] if r in REASON_ALLOWED
    ]
    assert [r.value for r in widget.reasons] == list(REASONS)
    assert all(r.label == getattr(ui, f"feedback_reason_{r.value}") for r in widget.reasons)


def test_no_service_url_means_no_widget() -> None:
    assert feedback_widget(FeedbackSettings(), load_ui_strings(ROOT / "locales", "hr")) is None
