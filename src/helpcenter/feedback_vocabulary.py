"""The words of the "Was this helpful?" feedback, one definition for both sides: the site renders
the widget from them and the feedback service validates and reports with them. Neither side's
code is imported here, so the service still never imports MkDocs and the site never the service.
"""

from __future__ import annotations

from typing import Literal, get_args

FeedbackMode = Literal["binary", "reactions"]
Rating = Literal["yes", "no", "sad", "neutral", "happy"]
Reason = Literal["not_found", "hard_to_understand", "out_of_date", "incorrect", "other"]

# The choices of each widget mode, in the order the widget shows them.
RATINGS: dict[str, tuple[str, ...]] = {
    "binary": ("yes", "no"),
    "reactions": ("sad", "neutral", "happy"),
}
POSITIVE = frozenset({"yes", "happy"})
NEGATIVE = frozenset({"no", "sad"})
# A reason explains what was missing, so it also fits a lukewarm (neutral) reaction: these
# ratings open the follow-up form.
REASON_ALLOWED = frozenset({"no", "sad", "neutral"})
REASONS: tuple[str, ...] = get_args(Reason)
ICONS: dict[str, str] = {
    "yes": "material/thumb-up-outline",
    "no": "material/thumb-down-outline",
    "sad": "material/emoticon-sad-outline",
    "neutral": "material/emoticon-neutral-outline",
    "happy": "material/emoticon-happy-outline",
}

FEEDBACK_PATH = "/api/v1/feedback"


def feedback_endpoint(service_url: str) -> str:
    """Where the widget posts votes, from the service's base URL (`feedback.url` in mkdocs.yml)."""
    return service_url.strip().rstrip("/") + FEEDBACK_PATH
