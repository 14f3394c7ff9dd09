"""What the theme needs to render each kind of page, computed without MkDocs."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from babel.dates import format_date

from helpcenter.authors import Author
from helpcenter.content import Article, Catalog, Collection
from helpcenter.feedback_vocabulary import (
    ICONS,
    RATINGS,
    REASON_ALLOWED,
    REASONS,
    feedback_endpoint,
)
from helpcenter.related_articles import RelatedIndex, related_articles
from helpcenter.search.context import SearchContext, search_context
from helpcenter.site_config import (
    AccessibilityStatement,
    ContactChannels,
    FeedbackSettings,
    UiStrings,
    plural,
)

TAGS_FOLDER = "tags"


@dataclass(frozen=True)
class FeedbackOption:
    """A value the widget posts (a rating or a reason) with its label in the page's language."""

    value: str
    label: str


@dataclass(frozen=True)
class FeedbackChoice(FeedbackOption):
    """A rating button; `asks_reason` opens the follow-up form (the service accepts a reason
    with this rating)."""

    icon: str
    asks_reason: bool


@dataclass(frozen=True)
class FeedbackWidget:
    """The "Was this helpful?" widget of an article (partials/hc/feedback.html)."""

    mode: str
    endpoint: str
    choices: tuple[FeedbackChoice, ...]
    reasons: tuple[FeedbackOption, ...]

    @property
    def reason_choices(self) -> tuple[FeedbackChoice, ...]:
        """The ratings that come with a reason, offered again in the follow-up form."""
        return tuple(choice for choice in self.choices if choice.asks_reason)


def feedback_widget(settings: FeedbackSettings, ui: UiStrings) -> FeedbackWidget | None:
    """The widget in the page's language, from the shared feedback vocabulary and the
    `feedback_<rating>` / `feedback_reason_<reason>` UI strings; None without a service URL."""
    if not settings.url:
        return None
    choices = tuple(
        FeedbackChoice(
            value=rating,
            label=str(getattr(ui, f"feedback_{rating}")),
            icon=ICONS[rating],
            asks_reason=rating in REASON_ALLOWED,
        )
        for rating in RATINGS[settings.mode]
    )
    reasons = tuple(
        FeedbackOption(reason, str(getattr(ui, f"feedback_reason_{reason}"))) for reason in REASONS
    )
    return FeedbackWidget(
        mode=settings.mode,
        endpoint=feedback_endpoint(settings.url),
        choices=choices,
        reasons=reasons,
    )


@dataclass(frozen=True)
class Link:
    """A link to a page of the same language; `url` is relative to the site root."""

    title: str
    url: str
    description: str = ""
    extra: str = ""


@dataclass(frozen=True)
class Card:
    """A collection card on the home page."""

    title: str
    description: str
    icon: str | None
    url: str
    count_text: str


@dataclass(frozen=True)
class Byline:
    author_name: str | None
    avatar: str | None
    updated_iso: str | None
    updated_text: str | None
    # Times with their UTC offset, for structured data and Open Graph.
    published_time: str | None = None
    modified_time: str | None = None


@dataclass(frozen=True)
class Statement:
    """The accessibility statement of one language, in its words."""

    intro: str
    status: str
    method: str
    limitations: tuple[str, ...]
    reviewed_iso: str
    reviewed_text: str


def statement(
    config: AccessibilityStatement, ui: UiStrings, *, lang: str, site_name: str
) -> Statement:
    """The statement of `lang` from the configuration and the language's UI strings."""
    text = config.text[lang]
    status = str(getattr(ui, f"accessibility_status_{config.conformance}"))
    return Statement(
        intro=ui.accessibility_intro.format(site=site_name),
        status=status.format(standard=config.standard),
        method=text.method,
        limitations=tuple(text.limitations),
        reviewed_iso=config.reviewed.isoformat(),
        reviewed_text=ui.accessibility_reviewed.format(
            date=localized_date(config.reviewed, lang=lang)
        ),
    )


class PageKind(StrEnum):
    """The kinds of page; each renders `partials/hc/<kind>.html`."""

    HOME = "home"
    COLLECTION = "collection"
    ARTICLE = "article"
    TAGS = "tags"
    TAG = "tag"
    ACCESSIBILITY = "accessibility"
    NOT_FOUND = "not_found"
    REMOVED = "removed"
    CONTACT = "contact_page"


@dataclass(frozen=True)
class AnnouncementBanner:
    """The language's announcement as the page carries it; the browser shows it between
    `starts` and `ends` (ISO 8601 instants)."""

    text: str
    link: str | None
    link_text: str
    starts: str
    ends: str

    @property
    def external(self) -> bool:
        return self.link is not None and "://" in self.link


@dataclass
class PageContext:
    """The `hc` variable of every template."""

    kind: PageKind
    lang: str
    ui: UiStrings
    home_url: str
    contact: ContactChannels | None
    title: str = ""
    description: str = ""
    breadcrumbs: list[Link] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    articles: list[Link] = field(default_factory=list)
    tags: list[Link] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)
    byline: Byline | None = None
    announcement: AnnouncementBanner | None = None
    page: str = ""
    revision: str = ""
    feedback: FeedbackWidget | None = None
    # Set on outdated translations: the source article (title, url, lead text, lang in `extra`).
    outdated: Link | None = None
    # The search boxes of this language (every page has one in the header).
    search: SearchContext | None = None
    # The accessibility statement's address (every footer links to it) and, on its own page,
    # the statement.
    accessibility_url: str | None = None
    statement: Statement | None = None


def _iso(time: dt.datetime | None) -> str | None:
    return time.isoformat(timespec="seconds") if time else None


def tag_slug(tag: str) -> str:
    """An ASCII URL slug for a tag ("povrat novca" -> "povrat-novca", "đ" -> "d")."""
    text = tag.casefold().replace("đ", "d")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "tag"


def tag_url(home_url: str, tag: str) -> str:
    return f"{home_url}{TAGS_FOLDER}/{tag_slug(tag)}/"


def localized_date(date: dt.date, *, lang: str) -> str:
    """An absolute date in the page language, correct without JavaScript."""
    return format_date(date, format="long", locale=lang)


@dataclass
class SiteContext:
    """Everything shared by the pages of one language build."""

    catalog: Catalog
    ui: UiStrings
    home_url: str
    contact: ContactChannels | None
    feedback: FeedbackSettings | None
    authors: dict[str, Author]
    site_name: str = ""
    accessibility: AccessibilityStatement | None = None
    announcement: AnnouncementBanner | None = None

    @functools.cached_property
    def related_index(self) -> RelatedIndex:
        """This language's articles by tag and collection, for every page's related list."""
        return RelatedIndex(self.catalog.articles.values())

    @property
    def contact_rel(self) -> str | None:
        """The contact page's source path in this language; None without contact channels."""
        return f"{self.ui.contact_page}.md" if self.contact is not None else None

    def contact_page(self) -> PageContext:
        """The contact page: the subject box suggests articles, the channels follow."""
        return self._base(
            PageKind.CONTACT,
            title=self.ui.contact_page_title,
            description=self.ui.contact_page_intro,
            breadcrumbs=self._collection_crumbs(None),
        )

    @property
    def accessibility_rel(self) -> str | None:
        """The statement's source path in this language (`<slug>.md`), None without one."""
        if self.accessibility is None or self.catalog.lang not in self.accessibility.text:
            return None
        return f"{self.ui.accessibility_page}.md"

    def _base(self, kind: PageKind, **kwargs: object) -> PageContext:
        return PageContext(
            kind=kind,
            lang=self.catalog.lang,
            ui=self.ui,
            home_url=self.home_url,
            contact=self.contact,
            search=search_context(
                self.catalog,
                home_url=self.home_url,
                feedback_url=self.feedback.url if self.feedback else None,
                articles_count=self.ui.articles_count,
            ),
            accessibility_url=(
                f"{self.home_url}{self.ui.accessibility_page}/" if self.accessibility_rel else None
            ),
            announcement=self.announcement,
            **kwargs,  # type: ignore[arg-type]
        )

    def _article_link(self, article: Article) -> Link:
        collection = self.catalog.collections.get(article.collection)
        return Link(
            title=article.meta.title,
            url=self.home_url + article.url,
            description=article.meta.description,
            extra=collection.meta.title if collection else "",
        )

    def _collection_crumbs(self, collection: Collection | None) -> list[Link]:
        crumbs = [Link(self.ui.all_collections, self.home_url)]
        if collection is not None:
            crumbs.append(Link(collection.meta.title, self.home_url + collection.url))
        return crumbs

    def home(self) -> PageContext:
        """Home: collection cards in folder order."""
        cards = [
            Card(
                title=c.meta.title,
                description=c.meta.description,
                icon=c.meta.icon,
                url=self.home_url + c.url,
                count_text=plural(self.ui.articles_count, len(c.articles), lang=self.catalog.lang),
            )
            for c in self.catalog.collections.values()
        ]
        home = self.catalog.home
        return self._base(
            PageKind.HOME,
            title=home.title or "",
            description=home.description or "",
            cards=cards,
            articles=[self._article_link(a) for a in self.catalog.promoted()],
        )

    def collection(self, slug: str) -> PageContext:
        """A collection page: breadcrumb and its articles in the catalog's stable order."""
        collection = self.catalog.collections[slug]
        return self._base(
            PageKind.COLLECTION,
            title=collection.meta.title,
            description=collection.meta.description,
            breadcrumbs=self._collection_crumbs(None),
            articles=[self._article_link(a) for a in collection.articles],
        )

    def article(self, path: str) -> PageContext:
        """An article page: breadcrumb, byline, tags, related articles, contact, feedback slot."""
        article = self.catalog.articles[path]
        author = self.authors.get(article.meta.author) if article.meta.author else None
        updated = article.updated
        byline = Byline(
            author_name=author.name if author else None,
            avatar=author.avatar if author else None,
            updated_iso=updated.isoformat() if updated else None,
            updated_text=localized_date(updated, lang=article.lang) if updated else None,
            published_time=_iso(article.published_at),
            modified_time=_iso(article.modified_at),
        )
        related = related_articles(article, self.related_index.candidates(article))
        return self._base(
            PageKind.ARTICLE,
            title=article.meta.title,
            description=article.meta.description,
            breadcrumbs=self._collection_crumbs(self.catalog.collections.get(article.collection)),
            tags=[Link(tag, tag_url(self.home_url, tag)) for tag in article.meta.tags],
            related=[self._article_link(a) for a in related],
            byline=byline,
            page=article.path,
            revision=article.revision,
            feedback=feedback_widget(self.feedback, self.ui) if self.feedback else None,
        )

    def tags_index(self) -> PageContext:
        """The list of all tags of this language."""
        return self._base(
            PageKind.TAGS,
            title=self.ui.tags_page_title,
            breadcrumbs=self._collection_crumbs(None),
            tags=[
                Link(tag, tag_url(self.home_url, tag), extra=str(len(articles)))
                for tag, articles in self.catalog.tags().items()
            ],
        )

    def tag(self, tag: str) -> PageContext:
        """The articles of one tag, same language only."""
        return self._base(
            PageKind.TAG,
            title=self.ui.tag_page_title.format(tag=tag),
            breadcrumbs=[
                *self._collection_crumbs(None),
                Link(self.ui.tags_page_title, f"{self.home_url}{TAGS_FOLDER}/"),
            ],
            articles=[self._article_link(a) for a in self.catalog.tags()[tag]],
        )

    def accessibility_statement(self) -> PageContext:
        """The accessibility statement, with the contact block's channels."""
        assert self.accessibility is not None
        return self._base(
            PageKind.ACCESSIBILITY,
            title=self.ui.accessibility_title,
            breadcrumbs=self._collection_crumbs(None),
            statement=statement(
                self.accessibility, self.ui, lang=self.catalog.lang, site_name=self.site_name
            ),
        )

    def removed(self) -> PageContext:
        """The page at the URL of an article removed on purpose (urls.lock: `gone`)."""
        return self._base(
            PageKind.REMOVED,
            title=self.ui.removed_title,
            breadcrumbs=self._collection_crumbs(None),
        )

    def not_found(self) -> PageContext:
        return self._base(PageKind.NOT_FOUND, title=self.ui.not_found_title)
