"""Two small server-rendered SVG charts (no JavaScript): horizontal bars and lines over dates.

Every text goes through ``format_html``, so names from documents cannot inject markup; each bar and point
carries a ``<title>`` (shown on hover) with its exact figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from jixiao.domain.values import format_number

PALETTE = ("#1565c0", "#2e7d32", "#e0a100", "#c62828", "#6a1b9a", "#00838f", "#5d4037", "#ad1457")
LABEL, AREA, ROW, PAD = 180, 420, 24, 12
WIDTH, HEIGHT, LEFT, BOTTOM = 640, 220, 48, 48


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    colour: str = PALETTE[0]
    note: str = ""  # the hover text; the label and value when empty


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    points: Sequence[tuple[dt.date, float]]  # in date order
    colour: str = PALETTE[0]


def _figure(value: float, unit: str) -> str:
    return f"{format_number(round(value, 2))}{unit}"


def bar_chart(bars: Sequence[Bar], *, id: str, title: str, unit: str = "") -> SafeString:
    """One bar per item, longest = the largest value; empty when there is nothing to draw."""
    if not bars:
        return SafeString("")
    top = max((b.value for b in bars), default=0.0) or 1.0
    height = PAD * 2 + ROW * len(bars)
    rows = []
    for i, b in enumerate(bars):
        y = PAD + ROW * i
        w = AREA * max(b.value, 0.0) / top
        rows.append(
            (
                LABEL - 6,
                y + ROW * 0.65,
                b.label,
                LABEL,
                y + 3,
                f"{w:.1f}",
                ROW - 6,
                b.colour,
                b.note or f"{b.label}：{_figure(b.value, unit)}",
                f"{LABEL + w + 4:.1f}",
                y + ROW * 0.65,
                _figure(b.value, unit),
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{}" viewBox="0 0 {} {}" width="100%" '
        'role="img" aria-label="{}">{}</svg>',
        id,
        LABEL + AREA + 90,
        height,
        title,
        format_html_join(
            "",
            '<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>'
            '<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>'
            '<text x="{}" y="{}" font-size="11" fill="#5b6776">{}</text>',
            rows,
        ),
    )


def line_chart(series: Sequence[Series], *, id: str, title: str) -> SafeString:
    """Each series as a line of points over the dates all of them span; empty without two dates."""
    dates = sorted({d for s in series for d, _ in s.points})
    if len(dates) < 2:
        return SafeString("")
    first, days = dates[0], max((dates[-1] - dates[0]).days, 1)
    top = max((v for s in series for _, v in s.points), default=0.0) or 1.0
    area_w, area_h = WIDTH - LEFT - 20, HEIGHT - 20

    def xy(d: dt.date, v: float) -> tuple[str, str]:
        return f"{LEFT + area_w * (d - first).days / days:.1f}", f"{10 + area_h * (1 - v / top):.1f}"

    lines, dots = [], []
    for s in series:
        coords = [xy(d, v) for d, v in s.points]
        lines.append((" ".join(f"{x},{y}" for x, y in coords), s.colour, s.name))
        dots += [
            (x, y, s.colour, f"{s.name} {d:%Y-%m-%d}：{_figure(v, '')}")
            for (x, y), (d, v) in zip(coords, s.points, strict=True)
        ]
    ticks = [(f"{10 + area_h * (1 - i / 4):.1f}", _figure(top * i / 4, "")) for i in range(5)]
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{}" viewBox="0 0 {} {}" width="100%" '
        'role="img" aria-label="{}">{}{}{}{}{}</svg>',
        id,
        WIDTH,
        HEIGHT + BOTTOM,
        title,
        format_html_join(
            "",
            '<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#e3e8ee"></line>'
            '<text x="{3}" y="{1}" font-size="11" text-anchor="end" fill="#5b6776">{4}</text>',
            ((LEFT, y, WIDTH - 20, LEFT - 6, label) for y, label in ticks),
        ),
        format_html_join(
            "",
            '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>',
            ((xy(d, 0)[0], HEIGHT + 6, f"{d:%m-%d}") for d in (dates[0], dates[-1])),
        ),
        format_html_join(
            "",
            '<polyline class="line" points="{}" fill="none" stroke="{}" stroke-width="2"><title>{}</title>'
            "</polyline>",
            lines,
        ),
        format_html_join("", '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{}</title></circle>', dots),
        format_html_join(
            "",
            '<rect x="{}" y="{}" width="10" height="10" fill="{}"></rect>'
            '<text x="{}" y="{}" font-size="12">{}</text>',
            (
                (LEFT + 120 * i, HEIGHT + 26, s.colour, LEFT + 120 * i + 14, HEIGHT + 35, s.name)
                for i, s in enumerate(series)
            ),
        ),
    )
