"""Budget execution against time progress as a server-rendered SVG bar chart (no JavaScript).

One horizontal bar per department (or record): its execution rate (执行数 ÷ 预算数), coloured by its budget
band, against a dashed line at the time progress (month ÷ 12). Each bar links to its drill-down.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

COLOURS = {"red": "#c62828", "yellow": "#e0a100", "green": "#2e7d32", "blue": "#1565c0", "": "#9aa5b1"}
LABEL_WIDTH, BAR_AREA, ROW, TOP = 230, 460, 26, 34


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    rate: float | None  # 预算执行率, %
    band: str  # red / yellow / green / "" (no budget)
    href: str
    note: str = ""  # shown on hover


def _x(rate: float, top: float) -> float:
    return LABEL_WIDTH + BAR_AREA * min(max(rate, 0.0), top) / top


def execution_chart(bars: list[Bar], time_progress: float) -> SafeString:
    """The chart as inline SVG; rates above the scale are drawn to its end and printed in full."""
    top = max(100.0, time_progress, *(b.rate or 0 for b in bars))
    top = min(top, 200.0)
    height = TOP + ROW * len(bars) + 30
    width = LABEL_WIDTH + BAR_AREA + 70
    rows = format_html_join(
        "\n",
        '<a href="{}"><g class="bar"><title>{}：执行率 {}{}</title>'
        '<text x="{}" y="{}" text-anchor="end" font-size="13">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"></rect>'
        '<text x="{}" y="{}" font-size="12">{}</text></g></a>',
        (
            (
                b.href,
                b.label,
                _percent(b.rate),
                f"（{b.note}）" if b.note else "",
                LABEL_WIDTH - 8,
                TOP + ROW * n + 17,
                _short(b.label),
                LABEL_WIDTH,
                TOP + ROW * n + 5,
                f"{_x(b.rate or 0, top) - LABEL_WIDTH:.1f}",
                ROW - 10,
                COLOURS.get(b.band, COLOURS[""]),
                f"{_x(b.rate or 0, top) + 4:.1f}",
                TOP + ROW * n + 17,
                _percent(b.rate),
            )
            for n, b in enumerate(bars)
        ),
    )
    line_x = f"{_x(time_progress, top):.1f}"
    ticks = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d5dbe3"></line>'
        '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#5b6776">{}%</text>',
        (
            (x, TOP - 4, x, height - 26, x, height - 12, t)
            for t in range(0, int(top) + 1, 20 if top <= 120 else 50)
            for x in [f"{_x(t, top):.1f}"]
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="execution-chart" viewBox="0 0 {w} {h}" '
        'width="100%" role="img" aria-label="预算执行率与时间进度（{tp}）">'
        "{ticks}{rows}"
        '<line x1="{x}" y1="{y0}" x2="{x}" y2="{y1}" stroke="#b3261e" stroke-width="2" stroke-dasharray="6 4">'
        "</line>"
        '<text x="{x}" y="16" font-size="12" text-anchor="middle" fill="#b3261e">时间进度 {tp}</text>'
        "</svg>",
        w=width,
        h=height,
        tp=_percent(time_progress),
        ticks=ticks,
        rows=rows or mark_safe(""),
        x=line_x,
        y0=TOP - 10,
        y1=height - 26,
    )


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.1f}%"


def _short(label: str, most: int = 16) -> str:
    return label if len(label) <= most else label[: most - 1] + "…"


@dataclass(frozen=True, slots=True)
class Point:
    label: str
    x: float | None  # 预算执行率, %
    y: float | None  # 总分
    colour: str  # a key of COLOURS
    href: str
    note: str = ""


GRADE_COLOURS = {"优": "blue", "良": "green", "中": "yellow", "差": "red"}
SIDE, PLOT = 50, 420


def scatter_chart(points: list[Point], x_label: str = "预算执行率 (%)", y_label: str = "总分") -> SafeString:
    """Points of (execution, score) as inline SVG, 0–120 % across and 0–100 up; each links to its drill-down.
    Points without both values are left out (they are listed beside the chart)."""

    def px(x: float) -> float:
        return SIDE + PLOT * min(max(x, 0.0), 120.0) / 120

    def py(y: float) -> float:
        return 20 + PLOT * (1 - min(max(y, 0.0), 100.0) / 100)

    shown = [p for p in points if p.x is not None and p.y is not None]
    dots = format_html_join(
        "\n",
        '<a href="{}"><g class="point"><title>{}：执行率 {}，总分 {}{}</title>'
        '<circle cx="{}" cy="{}" r="7" fill="{}" fill-opacity=".8" stroke="#fff"></circle>'
        '<text x="{}" y="{}" font-size="11">{}</text></g></a>',
        (
            (
                p.href,
                p.label,
                _percent(p.x),
                f"{p.y:.2f}",
                f"（{p.note}）" if p.note else "",
                f"{px(p.x or 0):.1f}",
                f"{py(p.y or 0):.1f}",
                COLOURS.get(p.colour, COLOURS[""]),
                f"{px(p.x or 0) + 9:.1f}",
                f"{py(p.y or 0) + 4:.1f}",
                _short(p.label, 8),
            )
            for p in shown
        ),
    )
    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d5dbe3"></line>'
        '<text x="{}" y="{}" font-size="11" text-anchor="{}" fill="#5b6776">{}</text>',
        [
            *(
                (f"{px(t):.1f}", 20, f"{px(t):.1f}", 20 + PLOT, f"{px(t):.1f}", 36 + PLOT, "middle", f"{t}%")
                for t in range(0, 121, 20)
            ),
            *(
                (SIDE, f"{py(t):.1f}", SIDE + PLOT, f"{py(t):.1f}", SIDE - 6, f"{py(t) + 4:.1f}", "end", t)
                for t in range(0, 101, 20)
            ),
        ],
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="score-chart" viewBox="0 0 {w} {h}" '
        'width="100%" role="img" aria-label="{xl}与{yl}">{grid}{dots}'
        '<text x="{cx}" y="{h1}" font-size="12" text-anchor="middle">{xl}</text>'
        '<text x="12" y="{cy}" font-size="12" transform="rotate(-90 12 {cy})" text-anchor="middle">{yl}</text>'
        "</svg>",
        w=SIDE + PLOT + 90,
        h=PLOT + 60,
        h1=PLOT + 54,
        cx=SIDE + PLOT // 2,
        cy=20 + PLOT // 2,
        xl=x_label,
        yl=y_label,
        grid=grid,
        dots=dots or mark_safe(""),
    )
