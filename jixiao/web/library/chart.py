"""A cluster's targets across regions and years as a server-rendered SVG strip chart (no JavaScript).

One column per year; inside it each region has its own lane and colour; every numeric target in the
cluster's commonest unit is a dot (hover names the project and value), each region-year median a bar.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from jixiao.domain.values import format_number
from jixiao.web.library.values import Cell, Target

PALETTE = ("#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#e0a100", "#00838f", "#5d4037", "#ad1457")
LEFT, RIGHT, TOP, HEIGHT, BOTTOM = 70, 20, 20, 260, 60
COLUMN, WIDTH = 150, 760  # a year's column at least; the chart's width at least


def _scale(targets: list[Target]) -> tuple[float, float]:
    numbers = [t.number for t in targets if t.number is not None]
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1 if low else 0, high + 1
    pad = (high - low) * 0.08
    return low - pad, high + pad


def values_chart(targets: list[Target], cells: list[Cell], unit: str | None) -> SafeString:
    """The chart of ``targets`` in ``unit`` with the medians of ``cells``; empty when nothing is numeric."""
    shown = [t for t in targets if t.number is not None and t.unit == unit and t.year]
    if not shown:
        return SafeString("")
    years = sorted({t.year for t in shown if t.year})
    regions = sorted({t.region for t in shown})
    colour = {r: PALETTE[i % len(PALETTE)] for i, r in enumerate(regions)}
    low, high = _scale(shown)
    width = max(WIDTH, LEFT + COLUMN * len(years) + RIGHT)
    column = (width - LEFT - RIGHT) / len(years)

    def y(v: float) -> str:
        return f"{TOP + HEIGHT * (1 - (v - low) / (high - low)):.1f}"

    def x(year: int, region: str) -> float:
        lane = column / (len(regions) + 1)
        return LEFT + column * years.index(year) + lane * (regions.index(region) + 1)

    seen: dict[tuple[int, str, float], int] = {}
    dots = []
    for t in shown:
        assert t.year is not None and t.number is not None
        k = (t.year, t.region, t.number)
        seen[k] = seen.get(k, 0) + 1
        dx = x(t.year, t.region) + ((seen[k] - 1) % 5 - 2) * 3  # equal values side by side
        dots.append(
            (f"{dx:.1f}", y(t.number), colour[t.region], f"{t.region} {t.year} {t.filed_under}：{t.value}")
        )
    ticks = [low + (high - low) * i / 4 for i in range(5)]
    unit_label = unit or ""
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="library-chart" viewBox="0 0 {w} {h}" '
        'width="100%" role="img" aria-label="各地区、各年度的指标值">{grid}{medians}{dots}{years}{legend}</svg>',
        w=width,
        h=TOP + HEIGHT + BOTTOM,
        grid=format_html_join(
            "",
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#e3e8ee"></line>'
            '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#5b6776">{}</text>',
            (
                (
                    LEFT,
                    y(v),
                    width - RIGHT,
                    y(v),
                    LEFT - 6,
                    float(y(v)) + 4,
                    format_number(round(v, 1)) + unit_label,
                )
                for v in ticks
            ),
        ),
        medians=format_html_join(
            "",
            '<line class="median" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3">'
            "<title>{} {} 中位数 {}（{} 个）</title></line>",
            (
                (
                    f"{x(c.year, c.region) - 9:.1f}",
                    y(c.median),
                    f"{x(c.year, c.region) + 9:.1f}",
                    y(c.median),
                    colour[c.region],
                    c.region,
                    c.year,
                    format_number(round(c.median, 4)) + unit_label,
                    c.count,
                )
                for c in cells
                if c.region in colour and c.year in years
            ),
        ),
        dots=format_html_join(
            "",
            '<circle class="dot" cx="{}" cy="{}" r="4" fill="{}" fill-opacity="0.55"><title>{}</title></circle>',
            dots,
        ),
        years=format_html_join(
            "",
            '<text x="{}" y="{}" font-size="13" text-anchor="middle">{}年</text>',
            ((f"{LEFT + column * (i + 0.5):.1f}", TOP + HEIGHT + 20, year) for i, year in enumerate(years)),
        ),
        legend=format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="5" fill="{}"></circle><text x="{}" y="{}" font-size="12">{}</text>',
            (
                (LEFT + 110 * i, TOP + HEIGHT + 44, colour[r], LEFT + 110 * i + 9, TOP + HEIGHT + 48, r)
                for i, r in enumerate(regions)
            ),
        ),
    )
