"""The editors' report: building it from the database and rendering table, CSV, JSON and HTML."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import math
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

import jinja2
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from helpcenter.feedback import models, report_queries
from helpcenter.feedback.db import Database
from helpcenter.feedback.manifest import Manifest
from helpcenter.feedback.report_chart import weekly_chart
from helpcenter.feedback.report_text import messages
from helpcenter.feedback.schemas import (
    ArticleReport,
    CommentOut,
    DeflectionReport,
    LanguageReport,
    ReportOut,
    SearchMissReport,
    SearchUsageReport,
    WeekReport,
)
from helpcenter.feedback_vocabulary import NEGATIVE, POSITIVE, RATINGS, REASONS

Report = ReportOut
Z_95 = 1.959963984540054
CSV_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
REPORT_WEEKS = 12
# Search vendors (Algolia, Document360) suggest keeping searches without results under 2 %.
NO_RESULT_TARGET = 0.02
# How close a title word must be (difflib's ratio) to be offered as a miss's synonym.
SYNONYM_CUTOFF = 0.6


def wilson_lower_bound(positive: int, n: int, *, z: float = Z_95) -> float | None:
    """Lower end of the Wilson score interval for positive/n; None without votes."""
    if n <= 0:
        return None
    p = positive / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, (centre - margin) / (1 + z2 / n))


def infer_mode(ratings: Iterable[str]) -> Literal["binary", "reactions"]:
    """Without a manifest, reactions are recognised by their rating names."""
    return "reactions" if set(ratings) & set(RATINGS["reactions"]) else "binary"


def _sort_key(article: ArticleReport) -> tuple[Any, ...]:
    """Worst first; articles with only neutral votes (no bound) last."""
    bound = article.wilson_lower_bound
    return (
        bound is None,
        bound if bound is not None else 0.0,
        -article.n,
        article.lang,
        article.page,
    )


def period_start(now: dt.datetime) -> dt.date:
    """Monday of the week `REPORT_WEEKS - 1` weeks before this one (UTC)."""
    today = now.astimezone(dt.UTC).date()
    return today - dt.timedelta(days=today.weekday(), weeks=REPORT_WEEKS - 1)


def _fold(word: str) -> str:
    """Lower case without diacritics: how search matches words."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def synonym_line(query: str, vocabulary: Sequence[str]) -> str:
    """`query = word`: the query and the closest word of the article titles, or `?`."""
    folded = {_fold(word): word for word in vocabulary}
    close = [
        (difflib.SequenceMatcher(None, part, match).ratio(), folded[match])
        for part in (_fold(p) for p in query.split() if len(p) >= 4)
        for match in difflib.get_close_matches(part, folded, n=2, cutoff=SYNONYM_CUTOFF)
        if match != part
    ]
    return f"{query} = {max(close)[1] if close else '?'}"


def _title_words(manifest: Manifest | None, lang: str) -> list[str]:
    """Words of four letters or more in the language's article titles."""
    if manifest is None:
        return []
    words = {
        word.strip(".,:;!?()\"'“”„«»").lower()
        for (article_lang, _), article in manifest.articles.items()
        if article_lang == lang
        for word in article.title.split()
    }
    return sorted(word for word in words if len(word) >= 4 and word.isalpha())


def _weeks(
    rows: Sequence[Sequence[Any]], start: dt.date, languages: Sequence[str]
) -> dict[str, list[WeekReport]]:
    """Per language, every week from `start` on, empty weeks included."""
    tallies: dict[str, list[defaultdict[str, int]]] = {
        lang: [defaultdict(int) for _ in range(REPORT_WEEKS)] for lang in languages
    }
    for lang, day, rating, count in rows:
        index = (day - start).days // 7
        if 0 <= index < REPORT_WEEKS:
            tallies[lang][index][rating] += int(count)
    weeks: dict[str, list[WeekReport]] = {}
    for lang, per_week in tallies.items():
        weeks[lang] = []
        for index, ratings in enumerate(per_week):
            yes = sum(c for r, c in ratings.items() if r in POSITIVE)
            no = sum(c for r, c in ratings.items() if r in NEGATIVE)
            weeks[lang].append(
                WeekReport(
                    week_start=start + dt.timedelta(weeks=index),
                    votes=sum(ratings.values()),
                    yes=yes,
                    no=no,
                    helpfulness=yes / (yes + no) if yes + no else None,
                )
            )
    return weeks


def _language(lang: str, weeks: list[WeekReport], usage: dict[str, int]) -> LanguageReport:
    """One language's weekly, search and contact page figures."""
    searches = usage.get(models.USAGE_SEARCH, 0)
    empty = usage.get(models.USAGE_SEARCH_NO_RESULTS, 0)
    opened = usage.get(models.USAGE_SUGGESTION_OPENED, 0)
    after = min(opened, usage.get(models.USAGE_CHANNEL_AFTER_SUGGESTION, 0))
    return LanguageReport(
        lang=lang,
        weeks=weeks,
        search=SearchUsageReport(
            searches=searches,
            no_results=empty,
            no_result_rate=empty / searches if searches else None,
            target_rate=NO_RESULT_TARGET,
        ),
        deflection=DeflectionReport(
            suggestions_opened=opened,
            channels_chosen=usage.get(models.USAGE_CHANNEL_CHOSEN, 0),
            channels_after_suggestion=after,
            deflection_rate=1 - after / opened if opened else None,
        ),
    )


def assemble(
    *,
    counts: Sequence[Sequence[Any]],
    reasons: Sequence[Sequence[Any]],
    comments: Sequence[Sequence[Any]],
    misses: Sequence[Sequence[Any]],
    daily_votes: Sequence[Sequence[Any]] = (),
    usage: Sequence[Sequence[Any]] = (),
    manifest: Manifest | None,
    now: dt.datetime,
) -> ReportOut:
    """The report from query rows (pure: unit-testable without a database)."""
    mode = manifest.mode if manifest else infer_mode(row[2] for row in counts)

    def current(lang: str, page: str) -> tuple[str, str]:
        # Votes stored under an article's page id from before a move join its history.
        return (lang, manifest.current_page(lang, page) if manifest else page)

    by_article: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for lang, page, rating, count in counts:
        ratings = by_article[current(lang, page)]
        ratings[rating] = ratings.get(rating, 0) + int(count)
    reason_map: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for lang, page, reason, count in reasons:
        given = reason_map[current(lang, page)]
        given[reason] = given.get(reason, 0) + int(count)
    comment_map: dict[tuple[str, str], list[CommentOut]] = defaultdict(list)
    for lang, page, day, revision, rating, reason, text in comments:
        comment_map[current(lang, page)].append(
            CommentOut(date=day, revision=revision, rating=rating, reason=reason, text=text)
        )
    articles = [
        _article(key, by_article[key], reason_map[key], comment_map[key], manifest, mode)
        for key in by_article
    ]
    articles.sort(key=_sort_key)
    languages = list(manifest.languages) if manifest else []
    search: dict[str, list[SearchMissReport]] = {lang: [] for lang in languages}
    vocabularies: dict[str, list[str]] = {}
    for lang, query, count, last_seen in misses:
        if lang not in vocabularies:
            vocabularies[lang] = _title_words(manifest, lang)
        search.setdefault(lang, []).append(
            SearchMissReport(
                query=query,
                count=int(count),
                last_seen=last_seen,
                synonym_line=synonym_line(query, vocabularies[lang]),
            )
        )
    for rows in search.values():
        rows.sort(key=lambda r: (-r.count, -r.last_seen.timestamp(), r.query))
    start = period_start(now)
    usage_by_lang: dict[str, dict[str, int]] = defaultdict(dict)
    for lang, event, count in usage:
        usage_by_lang[lang][event] = int(count or 0)
    names = list(
        dict.fromkeys(
            [
                *languages,
                *(a.lang for a in articles),
                *(row[0] for row in daily_votes),
                *usage_by_lang,
                *search,
            ]
        )
    )
    weeks = _weeks(daily_votes, start, names)
    return ReportOut(
        generated_at=now,
        feedback_mode=mode,
        period_start=start,
        articles=articles,
        search_misses=search,
        languages={lang: _language(lang, weeks[lang], usage_by_lang[lang]) for lang in names},
    )


def _article(
    key: tuple[str, str],
    votes: dict[str, int],
    reasons: dict[str, int],
    comments: list[CommentOut],
    manifest: Manifest | None,
    mode: str,
) -> ArticleReport:
    """One article's figures."""
    lang, page = key
    info = manifest.article(lang, page) if manifest else None
    ordered = {rating: votes.get(rating, 0) for rating in RATINGS[mode]}
    ordered.update({rating: count for rating, count in votes.items() if rating not in ordered})
    yes = sum(count for rating, count in ordered.items() if rating in POSITIVE)
    no = sum(count for rating, count in ordered.items() if rating in NEGATIVE)
    n = yes + no
    return ArticleReport(
        lang=lang,
        page=page,
        title=info.title if info else None,
        url=info.url if info else None,
        votes=ordered,
        yes=yes,
        no=no,
        n=n,
        helpfulness=yes / n if n else None,
        wilson_lower_bound=wilson_lower_bound(yes, n),
        reasons={reason: reasons.get(reason, 0) for reason in REASONS},
        comments=comments,
    )


def build_report(db: Database, *, manifest: Manifest | None, now: dt.datetime) -> ReportOut:
    """Read everything in one transaction (one snapshot) and assemble the report."""
    with db.reader.connect() as conn:
        if db.kind == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            since = period_start(now)
            rows = {
                "counts": report_queries.vote_counts(conn),
                "reasons": report_queries.reason_counts(conn),
                "comments": report_queries.comments(conn),
                "misses": report_queries.search_miss_rows(conn),
                "daily_votes": report_queries.daily_vote_counts(conn, since),
                "usage": report_queries.usage_totals(conn, since),
            }
    return assemble(**rows, manifest=manifest, now=now)


def render_json(report: ReportOut) -> str:
    """Indented JSON, as served by `GET /api/v1/report`."""
    return report.model_dump_json(indent=2)


def neutralise_csv_cell(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ (or tab/CR) as formulas: quote them."""
    return "'" + value if value.startswith(CSV_DANGEROUS_START) else value


def _num(value: float | None) -> str:
    """Four decimals, empty for none."""
    return "" if value is None else f"{value:.4f}"


def _comment_line(comment: CommentOut) -> str:
    """`2024-05-01 [3f2a9c01b7de] no/out_of_date: text`."""
    rating = comment.rating + (f"/{comment.reason}" if comment.reason else "")
    return f"{comment.date.isoformat()} [{comment.revision or '-'}] {rating}: {comment.text}"


def render_csv(report: ReportOut) -> str:
    """One table: a row per article (worst first), then a row per search miss."""
    ratings = list(RATINGS[report.feedback_mode])
    for article in report.articles:
        ratings.extend(r for r in article.votes if r not in ratings)
    header = [
        "section",
        "lang",
        "page",
        "title",
        "url",
        *(f"votes_{r}" for r in ratings),
        "n",
        "helpfulness",
        "wilson_lower_bound",
        *(f"reason_{r}" for r in REASONS),
        "comments",
        "query",
        "count",
        "last_seen",
    ]
    rows: list[dict[str, str]] = []
    for a in report.articles:
        rows.append(
            {
                "section": "article",
                "lang": a.lang,
                "page": a.page,
                "title": a.title or "",
                "url": a.url or "",
                "n": str(a.n),
                "helpfulness": _num(a.helpfulness),
                "wilson_lower_bound": _num(a.wilson_lower_bound),
                "comments": "\n".join(_comment_line(c) for c in a.comments),
                **{f"votes_{r}": str(a.votes.get(r, 0)) for r in ratings},
                **{f"reason_{r}": str(a.reasons.get(r, 0)) for r in REASONS},
            }
        )
    for lang, misses in report.search_misses.items():
        rows.extend(
            {
                "section": "search_miss",
                "lang": lang,
                "query": m.query,
                "count": str(m.count),
                "last_seen": m.last_seen.isoformat(),
            }
            for m in misses
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, restval="", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: neutralise_csv_cell(value) for key, value in row.items()})
    return out.getvalue()


def _pct(value: float | None) -> str:
    """`67 %`, or an en dash."""
    return "-" if value is None else f"{value * 100:.0f}%"


def _clip(text: str, width: int) -> str:
    """Cut to `width` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(report: ReportOut, *, lang: str = "en") -> str:
    """Plain-text tables for a terminal, in the editor's language."""
    words = messages(lang)
    percent = _percent_in(lang)

    ratings = list(RATINGS[report.feedback_mode])
    when = f"{report.generated_at:%Y-%m-%d %H:%M}"
    lines = [words["table_title"].format(mode=report.feedback_mode, when=when), ""]
    period_end = report.period_start + dt.timedelta(weeks=REPORT_WEEKS, days=-1)
    lines.append(words["period"].format(start=report.period_start, end=period_end))
    for code, figures in report.languages.items():
        search, deflection = figures.search, figures.deflection
        lines += [
            "",
            words["language"].format(lang=code),
            f"  {words['votes']}: " + " ".join(str(w.votes) for w in figures.weeks),
            f"  {words['searches']}: {search.searches}, {words['no_results']}: "
            f"{search.no_results}, {words['no_result_rate']}: {percent(search.no_result_rate)} "
            f"({words['target'].format(target=percent(search.target_rate))})",
            f"  {words['suggestions_opened']}: {deflection.suggestions_opened}, "
            f"{words['channels_chosen']}: {deflection.channels_chosen}, "
            f"{words['channels_after']}: {deflection.channels_after_suggestion}, "
            f"{words['deflection_rate']}: {percent(deflection.deflection_rate)}",
        ]
    lines += ["", f"{words['articles_heading']} (Wilson, 95 %)"]
    head = f"{'wilson':>6} {'helpful':>7} {'n':>5} " + " ".join(
        f"{words.get('rating_' + r, r):>7}" for r in ratings
    )
    lines.append(f"{head} {'comments':>8}  {'lang':<5} {'article'}")
    for a in report.articles:
        counts = " ".join(f"{a.votes.get(r, 0):>7}" for r in ratings)
        bound = "-" if a.wilson_lower_bound is None else f"{a.wilson_lower_bound:.3f}"
        name = _clip(a.title or a.page, 60)
        lines.append(
            f"{bound:>6} {_pct(a.helpfulness):>7} {a.n:>5} {counts} {len(a.comments):>8}  "
            f"{a.lang:<5} {name}"
        )
        top = ", ".join(f"{words.get('reason_' + r, r)} {c}" for r, c in a.reasons.items() if c)
        if top:
            lines.append(f"{'':>6} {words['reasons']}: {top}")
    if not report.articles:
        lines.append(f"({words['no_votes']})")
    for code, misses in report.search_misses.items():
        lines += ["", f"{words['misses_heading']} ({code})"]
        lines.append(f"{'count':>6}  {'last seen':<16}  query  ->  synonyms.txt")
        lines += [
            f"{m.count:>6}  {m.last_seen:%Y-%m-%d %H:%M}  {_clip(m.query, 40)}  ->  "
            f"{m.synonym_line}"
            for m in misses
        ]
        if not misses:
            lines.append(f"({words['none']})")
    return "\n".join(lines) + "\n"


def _css_class(rating: str) -> str:
    """Colour class of a rating."""
    return "yes" if rating in POSITIVE else "no" if rating in NEGATIVE else "neutral"


_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("helpcenter.feedback", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


def _percent_in(lang: str, dash: str = "-") -> Callable[[float | None], str]:
    """Percentages as the language writes them (`2,5 %`, `2.5%`), one decimal at most."""
    pattern = Locale.parse(lang).percent_formats[None].pattern.replace("#,##0", "#,##0.#", 1)

    def percent(value: float | None) -> str:
        return dash if value is None else format_percent(value, pattern, locale=lang)

    return percent


def render_html(report: ReportOut, *, lang: str = "en", top_misses: int = 20) -> str:
    """A self-contained page in the editor's language: inline CSS and SVG, no scripts,
    images or other requests."""
    words = messages(lang)
    percent = _percent_in(lang, words["dash"])

    def decimal(value: float | None) -> str:
        return words["dash"] if value is None else format_decimal(value, "0.000", locale=lang)

    def date(value: dt.date) -> str:
        return format_date(value, "medium", locale=lang)

    def week_label(week: WeekReport) -> str:
        return format_date(week.week_start, "MMM d" if lang == "en" else "d.M.", locale=lang)

    charts = {
        code: weekly_chart(
            figures.weeks,
            chart_id=f"chart-{code}",
            title=words["chart_title"].format(lang=code),
            description=words["chart_desc"].format(
                most=max((w.votes for w in figures.weeks), default=0)
            ),
            week_label=week_label,
            percent=percent,
        )
        for code, figures in report.languages.items()
    }
    template = _TEMPLATES.get_template("report.html")
    return template.render(
        report=report,
        lang=lang,
        t=words,
        charts=charts,
        top_misses=top_misses,
        period_end=report.period_start + dt.timedelta(weeks=REPORT_WEEKS, days=-1),
        percent=percent,
        decimal=decimal,
        date=date,
        rating_label=lambda rating: words.get(f"rating_{rating}", rating),
        reason_label=lambda reason: words.get(f"reason_{reason}", reason),
        css_class=_css_class,
    )
