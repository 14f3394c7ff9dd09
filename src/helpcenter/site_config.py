"""Our section of `mkdocs.yml` (`extra.helpcenter`) and the per-language UI strings."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from babel import Locale, UnknownLocaleError
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from helpcenter.feedback_vocabulary import FeedbackMode

# A local image file (never a URL: no page loads anything from another host) that chat apps
# and social sites can show.
_IMAGE_PATH = re.compile(r"[^\s?#\\:]+\.(?:png|jpe?g|webp|gif)", re.IGNORECASE)


def _image_path(value: str) -> str:
    parts = value.split("/")
    if not _IMAGE_PATH.fullmatch(value) or value.startswith("/") or ".." in parts or "" in parts:
        raise ValueError(
            "expected the relative path of a PNG, JPEG, WebP or GIF file of this site, "
            f"such as 'images/parcel.png', got {value!r}"
        )
    return value


ImagePath = Annotated[str, AfterValidator(_image_path)]


def _timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"expected an IANA time zone such as 'Europe/Zagreb', got {value!r}"
        ) from exc
    return value


TimeZoneName = Annotated[str, AfterValidator(_timezone)]


class ConfigError(Exception):
    """A configuration mistake, reported with where it is and what was expected."""


class ContactChannels(BaseModel):
    """Contact channels of one language: at least one written channel (chat or e-mail), so that
    a customer who cannot use the phone can always reach support."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    chat: str | None = None
    email: str | None = None
    phone: str | None = None
    phone_international: str | None = None
    hours: str | None = None

    @model_validator(mode="after")
    def _has_written_channel(self) -> ContactChannels:
        if not (self.chat or self.email):
            raise ValueError(
                "expected a written channel, 'email' or 'chat' (a phone number alone leaves out "
                "customers who cannot call)"
            )
        return self


class StatementText(BaseModel):
    """The parts of the accessibility statement that are written per language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # How conformance was assessed ("a self-assessment with axe-core and keyboard tests").
    method: str
    # What is known not to work for everyone, and the alternative offered.
    limitations: list[str] = []


class AccessibilityStatement(BaseModel):
    """`extra.helpcenter.accessibility`: the statement the European Accessibility Act asks for,
    rendered per language at the `accessibility_page` address of its UI strings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    conformance: Literal["full", "partial", "none"]
    standard: str = "WCAG 2.2 AA (EN 301 549)"
    reviewed: dt.date
    text: dict[str, StatementText]


class Announcement(BaseModel):
    """`extra.helpcenter.announcement.<lang>`: a banner on every page of that language from
    the start of `from` to the end of `until` (days in the shop's time zone), decided in the
    visitor's browser, so that it appears and goes away without a rebuild."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    # A page of the site as a path from the site root (`dostava/rokovi-i-cijene-dostave/`), or
    # a full https:// address.
    link: str | None = None
    link_text: str | None = None
    starts: dt.date = Field(alias="from")
    ends: dt.date = Field(alias="until")

    @model_validator(mode="after")
    def _in_order(self) -> Announcement:
        if self.ends < self.starts:
            raise ValueError(f"'until' ({self.ends}) is before 'from' ({self.starts})")
        return self

    def window(self, timezone: str) -> tuple[str, str]:
        """The first and the first-after-last moment of the banner, ISO 8601 with offsets."""
        zone = ZoneInfo(timezone)
        start = dt.datetime.combine(self.starts, dt.time(), tzinfo=zone)
        end = dt.datetime.combine(self.ends + dt.timedelta(days=1), dt.time(), tzinfo=zone)
        return start.isoformat(), end.isoformat()


class FeedbackSettings(BaseModel):
    """Where the "Was this helpful?" widget sends votes; no URL means no widget."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str | None = None
    mode: FeedbackMode = "binary"


class HelpcenterSettings(BaseModel):
    """`extra.helpcenter` in mkdocs.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    locales_dir: str = "locales"
    contact: dict[str, ContactChannels] = {}
    feedback: FeedbackSettings = FeedbackSettings()
    # The picture of a shared link (og:image, twitter:image, JSON-LD), a path inside the built
    # site, from the theme folder (`overrides/`) or `docs/`; articles may set their own `image`.
    share_image: ImagePath | None = None
    # The publisher's logo in structured data (Google shows it with the article), found the
    # same way as `share_image`.
    publisher_logo: ImagePath | None = None
    # The shop's time zone: an editor's date (`updated`, `published`) is midnight there.
    timezone: TimeZoneName = "UTC"
    accessibility: AccessibilityStatement | None = None
    announcement: dict[str, Announcement] = {}


class UiStrings(BaseModel):
    """Every string the theme shows, in one language (`locales/<lang>/ui.yml`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    skip_to_content: str
    all_collections: str
    breadcrumb_label: str
    back_to_top: str
    updated: str
    written_by: str
    related_title: str
    tags_title: str
    tags_page_title: str
    tag_page_title: str
    contact_title: str
    contact_lead: str
    contact_chat: str
    contact_chat_action: str
    contact_email: str
    contact_phone: str
    contact_hours: str
    search_heading: str
    search_placeholder: str
    search_button: str
    collections_heading: str
    collection_articles: str
    articles_count: dict[str, str]
    not_found_title: str
    not_found_text: str
    not_found_home: str
    # The home page's block of promoted articles (front matter `promoted`).
    promoted_title: str
    # The announcement banner (extra.helpcenter.announcement): its region's name, the link.
    announcement_label: str
    announcement_more: str
    # The page left at an old URL (moved) and at a removed article's URL (urls.lock: gone).
    moved_text: str
    removed_title: str
    removed_status: str
    removed_text: str
    not_found_suggestions: str
    feedback_slot_label: str
    # "Was this helpful?" widget (overrides/partials/hc/feedback.html).
    feedback_question: str
    feedback_yes: str
    feedback_no: str
    feedback_sad: str
    feedback_neutral: str
    feedback_happy: str
    feedback_more_summary: str
    feedback_more_title: str
    feedback_rating_label: str
    feedback_reason_label: str
    feedback_reason_not_found: str
    feedback_reason_hard_to_understand: str
    feedback_reason_out_of_date: str
    feedback_reason_incorrect: str
    feedback_reason_other: str
    feedback_comment_label: str
    feedback_comment_hint: str
    feedback_counter: str
    feedback_send: str
    feedback_thanks: str
    feedback_thanks_negative: str
    feedback_contact_hint: str
    feedback_change: str
    # The feedback service's page when a vote without JavaScript could not be stored.
    feedback_store_failed: str
    feedback_store_failed_back: str
    # Notice on a translation whose source changed since (partials/hc/outdated.html).
    translation_outdated: str
    translation_outdated_source: str
    # Search boxes and results (partials/search.html, assets/javascripts/search.js).
    search_label: str
    search_header_placeholder: str
    search_results_count: dict[str, str]
    search_no_results: str
    search_no_results_hint: str
    search_suggested_collections: str
    search_sections: str
    search_unavailable: str
    # The accessibility statement (partials/hc/accessibility.html) and its footer link.
    # The statement's folder in the language's URLs, a slug such as "izjava-o-pristupacnosti".
    accessibility_page: Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    # The contact page: its address in this language, title, lead and the subject's label.
    contact_page: Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    contact_page_title: str
    contact_page_intro: str
    contact_subject_label: str
    contact_suggestions_note: str
    # The help widget on the shop's own pages (widget.js): its button, panel and labels.
    widget_launcher: str
    widget_title: str
    widget_close: str
    widget_topic_title: str
    widget_all_articles: str
    accessibility_link: str
    accessibility_title: str
    accessibility_intro: str
    accessibility_status_title: str
    accessibility_status_full: str
    accessibility_status_partial: str
    accessibility_status_none: str
    accessibility_method_title: str
    accessibility_limitations_title: str
    accessibility_no_limitations: str
    accessibility_contact_title: str
    accessibility_contact_text: str
    accessibility_reviewed: str
    # The mobile navigation drawer's button.
    menu_open: str


def parse_settings(
    extra: Mapping[str, Any] | None, *, source: str = "mkdocs.yml"
) -> HelpcenterSettings:
    """Validate `extra.helpcenter`; raise ConfigError naming the field."""
    try:
        return HelpcenterSettings.model_validate((extra or {}).get("helpcenter") or {})
    except ValidationError as exc:
        lines = [
            f"{source}: extra.helpcenter.{'.'.join(map(str, e['loc']))}: {_describe(e)}"
            for e in exc.errors()
        ]
        raise ConfigError("\n".join(lines)) from exc


def _describe(error: Any) -> str:
    return str(error["msg"]).removeprefix("Value error, ")


def load_ui_strings(locales_dir: Path, lang: str) -> UiStrings:
    """Read `locales/<lang>/ui.yml`; a language without it cannot be built."""
    file = locales_dir / lang / "ui.yml"
    if not file.is_file():
        raise ConfigError(
            f"{file}: missing UI strings for language '{lang}' "
            f"(copy locales/hr/ui.yml to {file} and translate it)"
        )
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        strings = UiStrings.model_validate(data)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{file}: malformed YAML: {exc}") from exc
    except ValidationError as exc:
        lines = [f"{file}: '{'.'.join(map(str, e['loc']))}' {e['msg']}" for e in exc.errors()]
        raise ConfigError("\n".join(lines)) from exc
    if "other" not in strings.articles_count:
        raise ConfigError(f"{file}: 'articles_count' needs at least the plural form 'other'")
    return strings


def plural(strings: dict[str, str], n: int, *, lang: str) -> str:
    """Pick the CLDR plural form of `n` in `lang` ("1 članak", "3 članka", "5 članaka")."""
    try:
        form = Locale.parse(lang).plural_form(n)
    except (UnknownLocaleError, ValueError):
        form = "one" if n == 1 else "other"
    return strings.get(form, strings["other"]).format(n=n)

