"""The editors' report: building it from the database and rendering table, CSV, JSON and HTML."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import jinja2

from helpcenter.feedback import report_queries
from helpcenter.feedback.db import Database
from helpcenter.feedback.manifest import Manifest
from helpcenter.feedback.schemas import (
    ArticleReport,
    CommentOut,
    ReportOut,
    SearchMissReport,
)
from helpcenter.feedback_vocabulary import NEGATIVE, POSITIVE, RATINGS, REASONS

Report = ReportOut
Z_95 = 1.959963984540054
CSV_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


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


def assemble(
    *,
    counts: Sequence[Sequence[Any]],
    reasons: Sequence[Sequence[Any]],
    comments: Sequence[Sequence[Any]],
    misses: Sequence[Sequence[Any]],
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
    for lang, query, count, last_seen in misses:
        search.setdefault(lang, []).append(
            SearchMissReport(query=query, count=int(count), last_seen=last_seen)
        )
    for rows in search.values():
        rows.sort(key=lambda r: (-r.count, -r.last_seen.timestamp(), r.query))
    return ReportOut(generated_at=now, feedback_mode=mode, articles=articles, search_misses=search)


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
            rows = {
                "counts": report_queries.vote_counts(conn),
                "reasons": report_queries.reason_counts(conn),
                "comments": report_queries.comments(conn),
                "misses": report_queries.search_miss_rows(conn),
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


def render_table(report: ReportOut) -> str:
    """Plain-text tables for a terminal."""
    ratings = list(RATINGS[report.feedback_mode])
    lines = [
        f"Feedback report ({report.feedback_mode}), {report.generated_at:%Y-%m-%d %H:%M} UTC",
        "",
        "Articles, worst first (Wilson lower bound, 95 %)",
    ]
    head = f"{'wilson':>6} {'helpful':>7} {'n':>5} " + " ".join(f"{r:>7}" for r in ratings)
    lines.append(f"{head} {'comments':>8}  {'lang':<5} {'article'}")
    for a in report.articles:
        counts = " ".join(f"{a.votes.get(r, 0):>7}" for r in ratings)
        bound = "-" if a.wilson_lower_bound is None else f"{a.wilson_lower_bound:.3f}"
        name = _clip(a.title or a.page, 60)
        lines.append(
            f"{bound:>6} {_pct(a.helpfulness):>7} {a.n:>5} {counts} {len(a.comments):>8}  "
            f"{a.lang:<5} {name}"
        )
        top = ", ".join(f"{r} {c}" for r, c in a.reasons.items() if c)
        if top:
            lines.append(f"{'':>6} reasons: {top}")
    if not report.articles:
        lines.append("(no votes yet)")
    for lang, misses in report.search_misses.items():
        lines += ["", f"Searches that found nothing ({lang})"]
        lines.append(f"{'count':>6}  {'last seen':<16}  query")
        lines += [
            f"{m.count:>6}  {m.last_seen:%Y-%m-%d %H:%M}  {_clip(m.query, 60)}" for m in misses
        ]
        if not misses:
            lines.append("(none)")
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


def render_html(report: ReportOut) -> str:
    """A self-contained page: inline CSS, no scripts, images or other requests."""
    template = _TEMPLATES.get_template("report.html")
    return template.render(report=report, percent=_pct, css_class=_css_class)
