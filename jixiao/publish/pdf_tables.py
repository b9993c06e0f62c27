"""The layout tables as ReportLab tables: ruled grids of wrapped CJK text, headers repeated on each page.

A cell merged over rows (一级/二级 categories, a department duty) is a ReportLab span, with its label
centred, when the rows it covers are short enough to stay on one page. ReportLab never breaks a table
inside a span, so a taller run is drawn as separate cells without the rules between them: it reads as
one merged cell, its label on the first page where its rows start, and the table can break inside it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus import Table as RLTable

from jixiao.publish import layout
from jixiao.publish.pdf_flowables import BoldParagraph, markup

RULE = 0.6  # pt, the ruling of the printed tables
HEADER_BACKGROUND = "#f0f0f0"
# A run of merged rows is kept whole (a true span) when it is estimated below this share of the frame.
SPAN_SHARE = 0.4


@dataclass(frozen=True, slots=True)
class Metrics:
    """Type size and cell padding: project tables (portrait) and the denser department tables (landscape)."""

    size: float
    leading: float
    pad_x: float
    pad_y: float


PORTRAIT = Metrics(size=9, leading=13.5, pad_x=3, pad_y=1.5)
LANDSCAPE = Metrics(size=7.5, leading=11.25, pad_x=2, pad_y=1)


@cache
def _styles(font: str, metrics: Metrics) -> dict[str, ParagraphStyle]:
    # ReportLab lets a closing mark that may not start a line (、。，) hang past the line's end; an em kept
    # free on the right holds it inside the cell's rules, where a reader looks for the cell's text.
    cell = ParagraphStyle(
        "cell", fontName=font, fontSize=metrics.size, leading=metrics.leading, wordWrap="CJK",
        rightIndent=metrics.size,
    )
    centred = ParagraphStyle(
        "centred", parent=cell, alignment=TA_CENTER, leftIndent=metrics.size / 2, rightIndent=metrics.size / 2
    )
    return {
        "cell": cell,
        # Centred text keeps half an em each side: centred in the cell, and a hanging mark's middle
        # still inside the rules.
        "label": ParagraphStyle("label", parent=centred),
        "header": ParagraphStyle("header", parent=centred),
    }


def _estimate(text: str, width: float, font: str, metrics: Metrics) -> float:
    """Height of ``text`` wrapped in a column ``width`` wide (an estimate: CJK wraps at any character)."""
    inner = max(width - 2 * metrics.pad_x, 1.0)
    lines = max(1, math.ceil(stringWidth(text, font, metrics.size) * 1.1 / inner)) if text else 1
    return lines * metrics.leading + 2 * metrics.pad_y


def _row_heights(
    placed: Sequence[layout.Placed], rows: int, widths: Sequence[float], font: str, metrics: Metrics
) -> list[float]:
    heights = [metrics.leading + 2 * metrics.pad_y] * rows
    for p in placed:
        if p.cell.rowspan == 1:
            width = sum(widths[p.col : p.col + p.cell.colspan])
            heights[p.row] = max(heights[p.row], _estimate(p.cell.text, width, font, metrics))
    return heights


# Lines of text one row may hold and still fit a landscape page under the caption and repeated header.
ROW_LINES = 28
TEXT_LINES = 36  # the same for a project text on a portrait page


def text_capacity(t: layout.Table, width: float, metrics: Metrics) -> int:
    """Characters of a project text (its cell spans all but the label column) that fit a row on a page."""
    inner = width * (1 - t.widths[0] / sum(t.widths)) - 2 * metrics.pad_x - metrics.size
    return max(1, int(inner / metrics.size)) * TEXT_LINES


def row_capacity(t: layout.Table, width: float, metrics: Metrics) -> list[int]:
    """Characters of each column that fit in one row on a page (counting every character as CJK-wide)."""
    inner = [width * w / sum(t.widths) - 2 * metrics.pad_x - metrics.size for w in t.widths]
    return [max(1, int(w / metrics.size)) * ROW_LINES for w in inner]


def _segments(columns: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive runs of column numbers as (first, last)."""
    out: list[tuple[int, int]] = []
    for c in columns:
        if out and out[-1][1] == c - 1:
            out[-1] = (out[-1][0], c)
        else:
            out.append((c, c))
    return out


def table(t: layout.Table, width: float, frame_height: float, font: str, metrics: Metrics) -> RLTable:
    """A ReportLab table of ``t`` filling ``width`` points; header cells bold on grey."""
    styles = _styles(font, metrics)
    rows = [*t.head, *t.body]
    widths = [width * w / sum(t.widths) for w in t.widths]
    placed = layout.place(rows, t.columns)
    heights = _row_heights(placed, len(rows), widths, font, metrics)
    grid: list[list[Any]] = [[""] * t.columns for _ in rows]
    head = len(t.head)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), metrics.pad_x),
        ("RIGHTPADDING", (0, 0), (-1, -1), metrics.pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), metrics.pad_y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), metrics.pad_y),
    ]
    if head:
        commands.append(("BACKGROUND", (0, 0), (-1, head - 1), HEADER_BACKGROUND))
    continued: set[tuple[int, int]] = set()  # (row, col) continuing a merged cell drawn as separate cells
    for p in placed:
        cell = p.cell
        if cell.text:
            if cell.header and p.row < head:
                grid[p.row][p.col] = BoldParagraph(markup(cell.text), styles["header"])
            else:
                grid[p.row][p.col] = Paragraph(markup(cell.text), styles["label" if cell.label or cell.header else "cell"])
        last_row, last_col = p.row + cell.rowspan - 1, p.col + cell.colspan - 1
        if cell.fill:
            commands.append(("BACKGROUND", (p.col, p.row), (last_col, last_row), f"#{cell.fill}"))
        whole = p.row < head or sum(heights[p.row : last_row + 1]) <= SPAN_SHARE * frame_height
        if whole:
            if cell.rowspan > 1 or cell.colspan > 1:
                commands.append(("SPAN", (p.col, p.row), (last_col, last_row)))
            continue
        commands.append(("VALIGN", (p.col, p.row), (p.col, p.row), "TOP"))
        for r in range(p.row, last_row + 1):
            if cell.colspan > 1:
                commands.append(("SPAN", (p.col, r), (last_col, r)))
            if r > p.row:
                continued.update((r, c) for c in range(p.col, last_col + 1))
    if not continued:
        commands.append(("GRID", (0, 0), (-1, -1), RULE, "black"))
    else:
        commands += [("BOX", (0, 0), (-1, -1), RULE, "black"), ("LINEBEFORE", (1, 0), (-1, -1), RULE, "black")]
        for r in range(1, len(rows)):
            open_columns = [c for c in range(t.columns) if (r, c) not in continued]
            commands += [("LINEABOVE", (a, r), (b, r), RULE, "black") for a, b in _segments(open_columns)]
    return RLTable(grid, colWidths=widths, repeatRows=head, style=commands, splitByRow=1, splitInRow=0)

