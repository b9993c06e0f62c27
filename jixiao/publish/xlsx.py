"""XLSX of a disclosure: the same tables as the printed document, stacked on two sheets.

Sheets: 封面, 编报说明, 目录 (links to each table), 项目支出绩效目标 and 部门整体绩效目标. Amounts are stored
as numbers so a reader can sum them; every other cell is text, including values such as ``=13人`` that
a spreadsheet would otherwise take for a formula. Styles are named once and shared, which is what keeps
openpyxl fast enough for a province's thousand projects.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.publish import layout
from jixiao.publish.document import Publication, Section
from jixiao.publish.layout import Table, place
from jixiao.publish.safe_cells import as_text

FONT = "宋体"
_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)


def _styles() -> list[NamedStyle]:
    def style(name: str, *, bold: bool = False, size: float = 10, h: str = "left", fill: str | None = None,
              border: bool = True) -> NamedStyle:
        s = NamedStyle(name=name)
        s.font = Font(name=FONT, bold=bold, size=size)
        s.alignment = Alignment(horizontal=h, vertical="center", wrap_text=True)
        if border:
            s.border = _BORDER
        if fill:
            s.fill = PatternFill("solid", fgColor=fill)
        return s

    return [
        style("jx-text"),
        style("jx-label", h="center"),
        style("jx-header", bold=True, h="center", fill="F0F0F0"),
        style("jx-title", bold=True, size=12, border=False),
        style("jx-caption", bold=True, size=15, h="center", border=False),
        style("jx-para", size=11, border=False),
        style("jx-cover", bold=True, size=20, h="center", border=False),
    ]


class _Styles:
    """Named styles resolved once per workbook: assigning ``cell.style`` by name costs a search of
    every style each time, copying the resolved style array costs nothing."""

    def __init__(self, wb: Workbook) -> None:
        scratch = wb.create_sheet("scratch")
        self.arrays = {}
        for style in _styles():
            wb.add_named_style(style)
            cell = scratch.cell(row=1, column=1)
            cell.style = style.name
            self.arrays[style.name] = copy.copy(cell._style)
        wb.remove(scratch)

    def apply(self, cell: object, name: str) -> None:
        cell._style = copy.copy(self.arrays[name])  # type: ignore[attr-defined]


def _put(ws: Worksheet, row: int, col: int, value: str | float | None, style: str) -> None:
    cell = ws.cell(row=row, column=col)
    cell.value = value
    as_text(cell)
    ws.parent._jx_styles.apply(cell, style)  # type: ignore[attr-defined]


def _merge(ws: Worksheet, row: int, col: int, end_row: int, end_col: int) -> None:
    """Merge without openpyxl's checks: ``merge_cells`` compares with every earlier range (quadratic)
    and restyles the covered cells, which ours already are; our ranges never overlap by construction."""
    ws.merged_cells.ranges.add(
        MergedCellRange(ws, CellRange(min_col=col, min_row=row, max_col=end_col, max_row=end_row).coord)
    )


def _line(ws: Worksheet, row: int, text: str, style: str, width: int) -> None:
    """A full-width line of text (a title, not a table row): one cell merged across the table."""
    _put(ws, row, 1, text, style)
    if width > 1:
        _merge(ws, row, 1, row, width)


def _table(ws: Worksheet, top: int, t: Table) -> int:
    rows = t.head + t.body
    for p in place(rows, t.columns):
        c = p.cell
        style = "jx-header" if c.header else "jx-label" if c.label else "jx-text"
        value: str | float | None = c.number if c.number is not None else c.text
        r, col = top + p.row, 1 + p.col
        _put(ws, r, col, value, style)
        if c.fill:
            ws.cell(row=r, column=col).fill = PatternFill("solid", fgColor=c.fill)
        if c.rowspan > 1 or c.colspan > 1:
            styles = ws.parent._jx_styles  # type: ignore[attr-defined]
            for dr in range(c.rowspan):
                for dc in range(c.colspan):
                    if dr or dc:
                        styles.apply(ws.cell(row=r + dr, column=col + dc), style)
            _merge(ws, r, col, r + c.rowspan - 1, col + c.colspan - 1)
    return top + len(rows)


def _sections(ws: Worksheet, sections: Iterable[Section], subtitle: str | None, links: dict[str, str]) -> None:
    row = 1
    width = 0
    for s in sections:
        width = max(width, s.tables[0].columns)
        links[s.anchor] = f"#'{ws.title}'!A{row}"
        _line(ws, row, s.title, "jx-title", s.tables[0].columns)
        _line(ws, row + 1, s.caption, "jx-caption", s.tables[0].columns)
        _line(ws, row + 2, f"{subtitle or ''}    单位：万元", "jx-para", s.tables[0].columns)
        row += 3
        for t in s.tables:
            row = _table(ws, row, t)
        row += 1
    widths = max((t.widths for s in sections for t in s.tables), key=len, default=layout.PROJECT_WIDTHS)
    scale = 120 / sum(widths) if width == len(layout.PROJECT_WIDTHS) else 220 / sum(widths)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = round(w * scale, 1)


def write(pub: Publication) -> bytes:
    wb = Workbook()
    wb._jx_styles = _Styles(wb)  # type: ignore[attr-defined]
    cover = wb.active
    assert cover is not None
    cover.title = "封面"
    cover.column_dimensions["A"].width = 90
    lines = [(pub.title, "jx-cover"), (pub.subtitle, "jx-para"), (pub.issuer, "jx-para"), (pub.date, "jx-para")]
    for i, (text, style) in enumerate(((t, s) for t, s in lines if t), 1):
        _put(cover, i, 1, text, style)
        cover.cell(row=i, column=1).alignment = Alignment(horizontal="center", wrap_text=True)
    preface = wb.create_sheet("编报说明")
    preface.column_dimensions["A"].width = 100
    _put(preface, 1, 1, layout.PREFACE_HEADING, "jx-caption")
    for i, text in enumerate(pub.preface, 2):
        _put(preface, i, 1, text, "jx-para")
    links: dict[str, str] = {}
    sheets = {"part1": "项目支出绩效目标", "part2": "部门整体绩效目标"}
    for part in pub.parts:
        ws = wb.create_sheet(sheets.get(part.anchor, part.title[:31]))
        ws.page_setup.orientation = "landscape" if part.anchor == "part2" else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        _sections(ws, part.sections, pub.subtitle, links)
    if pub.parts:
        toc = wb.create_sheet("目录", 2)
        toc.column_dimensions["A"].width = 90
        _put(toc, 1, 1, layout.TOC_HEADING, "jx-caption")
        row = 2
        for part in pub.parts:
            _put(toc, row, 1, part.title, "jx-title")
            row += 1
            for s in part.sections:
                _put(toc, row, 1, s.title, "jx-para")
                toc.cell(row=row, column=1).hyperlink = links[s.anchor]
                row += 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
