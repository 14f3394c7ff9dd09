"""The report's weekly chart as inline SVG: bars for votes, a line for helpfulness. Drawn on
the server, so the report page needs no script or chart library."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from markupsafe import Markup

from helpcenter.feedback.schemas import WeekReport

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 48, 12, 34
# Colours with at least 3:1 contrast against white (WCAG 1.4.11 non-text contrast).
BAR_COLOUR = "#1565c0"
LINE_COLOUR = "#2e7d32"
TEXT_COLOUR = "#1b1b1b"


def weekly_chart(
    weeks: Sequence[WeekReport],
    *,
    chart_id: str,
    title: str,
    description: str,
    week_label: Callable[[WeekReport], str],
    percent: Callable[[float], str],
) -> Markup:
    """An accessible SVG: its title and description name what it shows; the page's table
    beside it holds the same figures for screen readers and copying."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    most = max((w.votes for w in weeks), default=0) or 1
    slot = plot_w / max(len(weeks), 1)
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<g fill="{TEXT_COLOUR}" font-size="11" font-family="system-ui,sans-serif">',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end">{most}</text>',
        f'<text x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end">0</text>',
        f'<text x="{WIDTH - RIGHT + 6}" y="{TOP + 4}">{escape(percent(1.0))}</text>',
        f'<text x="{WIDTH - RIGHT + 6}" y="{TOP + plot_h}">{escape(percent(0.0))}</text>',
    ]
    points: list[str] = []
    for index, week in enumerate(weeks):
        x = LEFT + index * slot
        height = plot_h * week.votes / most
        if week.votes:
            parts.append(
                f'<rect x="{x + slot * 0.15:.1f}" y="{TOP + plot_h - height:.1f}" '
                f'width="{slot * 0.7:.1f}" height="{height:.1f}" fill="{BAR_COLOUR}"/>'
            )
        if index % 2 == 0:
            parts.append(
                f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle">'
                f"{escape(week_label(week))}</text>"
            )
        if week.helpfulness is not None:
            y = TOP + plot_h * (1 - week.helpfulness)
            points.append(f"{x + slot / 2:.1f},{y:.1f}")
    parts.append("</g>")
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
        f'stroke="{TEXT_COLOUR}"/>'
    )
    if points:
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{LINE_COLOUR}" '
            'stroke-width="2.5"/>'
        )
        parts.extend(
            f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="3.5" fill="{LINE_COLOUR}"/>'
            for p in points
        )
    parts.append("</svg>")
    return Markup("".join(parts))
