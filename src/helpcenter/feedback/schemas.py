"""Pydantic request and response models; they are also the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from helpcenter.feedback_vocabulary import REASON_ALLOWED, Rating, Reason

UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
REVISION_PATTERN = r"^[0-9A-Za-z._-]+$"
QUERY_MAX_CHARS = 100
COMMENT_MAX_CHARS = 1000
# C0 and C1 controls but tab and newline, and the bidi overrides and isolates, which can
# make a comment read differently in the report than it is stored ("Trojan Source").
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What a customer may type into the search box that identifies them; replaced before storing.
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d(?:[ ()/.-]?\d){6,}(?!\d)")
_DIGIT_RUN = re.compile(r"\w*\d(?:[ /.-]?\d){4,}\w*")


def scrub_personal_data(query: str) -> str:
    """E-mail addresses, card-like, phone-like and order-like digit runs become placeholders:
    a search miss is kept to improve the content, not to know who searched."""
    query = _EMAIL.sub("<email>", query)
    query = _CARD.sub("<card>", query)
    query = _PHONE.sub("<phone>", query)
    return _DIGIT_RUN.sub("<number>", query)


def clean_comment(value: str | None) -> str | None:
    """Newlines and tabs stay, other control characters go (NUL cannot be stored in PostgreSQL)."""
    if value is None:
        return None
    value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return value or None


def normalise_query(value: str) -> str:
    """NFKC, lower case, whitespace collapsed, control characters dropped."""
    value = unicodedata.normalize("NFKC", value).lower()
    value = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    return " ".join(value.split())


def _check_query(value: str) -> str:
    """1..100 characters once normalised, personal data replaced."""
    value = scrub_personal_data(normalise_query(value))
    if not value:
        raise ValueError("query is empty once normalised")
    if len(value) > QUERY_MAX_CHARS:
        raise ValueError(f"query is longer than {QUERY_MAX_CHARS} characters once normalised")
    return value


def _blank_to_none(value: Any) -> Any:
    """HTML forms send empty strings for untouched optional fields."""
    return None if value == "" else value


SubmissionId = Annotated[
    str,
    Field(pattern=UUID_PATTERN, json_schema_extra={"format": "uuid"}),
    AfterValidator(str.lower),
]
Page = Annotated[
    str,
    Field(min_length=1, max_length=300, description="Source path in the language folder."),
]
Lang = Annotated[
    str, Field(min_length=1, max_length=16, description="Language code from the manifest.")
]
Comment = Annotated[str, Field(max_length=COMMENT_MAX_CHARS)]
Revision = Annotated[str, Field(min_length=1, max_length=64, pattern=REVISION_PATTERN)]


class _VoteFields(BaseModel):
    """Fields shared by the JSON and the HTML form body."""

    page: Page
    lang: Lang
    rating: Rating
    reason: Reason | None = Field(
        default=None, description="Only with a negative rating: `no`, `sad` or `neutral`."
    )
    comment: Comment | None = None
    revision: Revision | None = Field(
        default=None, description="Article revision the visitor saw; default: the current one."
    )

    @model_validator(mode="after")
    def _reason_needs_negative_rating(self) -> _VoteFields:
        """A reason explains a negative answer."""
        if self.reason is not None and self.rating not in REASON_ALLOWED:
            raise ValueError("a reason is only allowed with a negative rating (no, sad, neutral)")
        return self

    def cleaned_comment(self) -> str | None:
        """The comment as stored."""
        return clean_comment(self.comment)


class FeedbackIn(_VoteFields):
    """A vote sent by the widget (`fetch` JSON or a `sendBeacon` text/plain body)."""

    model_config = ConfigDict(extra="forbid")

    submission_id: SubmissionId = Field(description="UUID made by the client, resent on retry.")


def _blank_or(pattern: str) -> str:
    """A pattern that also matches the empty string of an untouched form field."""
    return f"^(?:{pattern.removeprefix('^').removesuffix('$')})?$"


class FeedbackForm(_VoteFields):
    """A vote from the no-JavaScript `<form method="post">`; the server makes the id if absent.

    Form fields are strings: an empty optional field means "not given" (no JSON null here).
    """

    model_config = ConfigDict(extra="ignore")

    submission_id: Annotated[
        SubmissionId | None,
        BeforeValidator(_blank_to_none),
        WithJsonSchema({"type": "string", "pattern": _blank_or(UUID_PATTERN)}),
    ] = None
    reason: Annotated[
        Reason | None,
        BeforeValidator(_blank_to_none),
        WithJsonSchema({"type": "string", "enum": [*get_args(Reason), ""]}),
    ] = None
    comment: Annotated[
        Comment | None,
        BeforeValidator(_blank_to_none),
        WithJsonSchema({"type": "string", "maxLength": COMMENT_MAX_CHARS}),
    ] = None
    revision: Annotated[
        Revision | None,
        BeforeValidator(_blank_to_none),
        WithJsonSchema({"type": "string", "maxLength": 64, "pattern": _blank_or(REVISION_PATTERN)}),
    ] = None


class VoteOut(BaseModel):
    """The stored vote (201), or the originally stored vote for a replay (200)."""

    submission_id: str
    page: str
    lang: str
    rating: Rating
    reason: Reason | None
    comment: str | None
    revision: str | None
    created_at: dt.datetime


class SearchMissIn(BaseModel):
    """A site search that found nothing."""

    model_config = ConfigDict(extra="forbid")

    query: Annotated[
        str,
        Field(
            min_length=1,
            max_length=1000,
            description="At most 100 characters after NFKC, lower-casing and collapsing spaces.",
        ),
        AfterValidator(_check_query),
    ]
    lang: Lang


class SearchMissOut(BaseModel):
    """Acknowledges a counted search miss."""

    status: Literal["accepted"]
    lang: str
    query: str = Field(description="The normalised query as counted.")


UsageEvent = Literal["search", "suggestion_opened", "channel_chosen", "channel_after_suggestion"]


class UsageEventIn(BaseModel):
    """Something a visitor did, counted per language and day, never per visitor."""

    model_config = ConfigDict(extra="forbid")

    event: UsageEvent = Field(
        description=(
            "`search`: a search settled with results (one without results is a search miss); "
            "`suggestion_opened`: an article suggested on the contact page was opened; "
            "`channel_chosen`: a contact channel was chosen on the contact page; "
            "`channel_after_suggestion`: a contact channel was chosen in the same tab after "
            "a suggested article was opened (the suggestion did not answer)."
        )
    )
    lang: Lang


class UsageEventOut(BaseModel):
    """Acknowledges a counted event."""

    status: Literal["accepted"]
    lang: str
    event: str


class ErrorItem(BaseModel):
    """One validation problem."""

    loc: list[str | int]
    msg: str
    type: str


class ErrorOut(BaseModel):
    """Every 4xx answer: a reason, or a list of validation problems."""

    detail: str | list[ErrorItem]


class HealthOut(BaseModel):
    """The service and its database answer."""

    status: Literal["ok"]
    database: Literal["sqlite", "postgresql"]
    schema_version: int
    articles: int


class LiveOut(BaseModel):
    """The process answers."""

    status: Literal["ok"]


class HealthError(BaseModel):
    """A write would fail now."""

    status: Literal["error"]
    detail: str


class BareOut(BaseModel):
    """Benchmark baseline answer."""

    status: Literal["ok"]


class CommentOut(BaseModel):
    """A comment left with a vote."""

    date: dt.date
    revision: str | None
    rating: str
    reason: str | None
    text: str


class ArticleReport(BaseModel):
    """Votes of one article in one language."""

    lang: str
    page: str
    title: str | None
    url: str | None
    votes: dict[str, int] = Field(description="Votes by rating, including neutral reactions.")
    yes: int = Field(description="`yes` (or `happy`) votes.")
    no: int = Field(description="`no` (or `sad`) votes.")
    n: int = Field(description="yes + no; neutral reactions are not counted.")
    helpfulness: float | None = Field(description="yes / (yes + no); null when n = 0.")
    wilson_lower_bound: float | None = Field(description="95 % Wilson score lower bound.")
    reasons: dict[str, int]
    comments: list[CommentOut]


class SearchMissReport(BaseModel):
    """A query that found nothing."""

    query: str
    count: int
    last_seen: dt.datetime
    synonym_line: str = Field(
        default="",
        description=(
            "A line to copy into locales/<lang>/synonyms.txt: the query, then the closest word "
            "of the language's article titles (or `?` where none is close)."
        ),
    )


class WeekReport(BaseModel):
    """Votes of one week (Monday to Sunday, UTC) in one language."""

    week_start: dt.date
    votes: int = Field(description="Every vote, neutral reactions included.")
    yes: int
    no: int
    helpfulness: float | None = Field(description="yes / (yes + no); null without such votes.")


class SearchUsageReport(BaseModel):
    """Searches of the report's period, counted without their text (but for the misses)."""

    searches: int = Field(description="Searches that settled, with or without results.")
    no_results: int
    no_result_rate: float | None = Field(description="no_results / searches; null without any.")
    target_rate: float = Field(description="What search vendors recommend at most (2 %).")


class DeflectionReport(BaseModel):
    """The contact page's suggestions against the channels chosen."""

    suggestions_opened: int
    channels_chosen: int = Field(description="Channels chosen on the contact page.")
    channels_after_suggestion: int = Field(
        description="Channels chosen in the same tab after a suggested article was opened."
    )
    deflection_rate: float | None = Field(
        description=(
            "Share of opened suggestions not followed by a channel: "
            "1 - channels_after_suggestion / suggestions_opened; null without suggestions."
        )
    )


class LanguageReport(BaseModel):
    """One language's figures over the report's period."""

    lang: str
    weeks: list[WeekReport] = Field(description="The last 12 weeks, oldest first.")
    search: SearchUsageReport
    deflection: DeflectionReport


class ReportOut(BaseModel):
    """The editors' report: worst articles first, then searches that found nothing."""

    generated_at: dt.datetime
    feedback_mode: Literal["binary", "reactions"]
    period_start: dt.date = Field(description="First day of the 12 weeks of `languages`.")
    articles: list[ArticleReport]
    search_misses: dict[str, list[SearchMissReport]]
    languages: dict[str, LanguageReport]
