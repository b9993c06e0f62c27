"""The pieces every fill-in table jixiao hands out is built from: the 执行监控表
(:mod:`jixiao.publish.monitoring_table`) and the 绩效自评表 (:mod:`jixiao.publish.selfeval_table`).

A sheet prints what the targets say in locked cells and leaves what the unit reports in unlocked yellow cells,
with drop-down lists where the answer is one of a list; a header row pairs two labels with their values; the
项目资金 block is a header row of amounts over 年度资金总额 and a row per fund source, its 执行率 a formula;
each sheet carries its key in a hidden column and is protected; an instructions sheet comes first. The
readers (:mod:`jixiao.ingest.fill_sheet`) find all of it by its labels, not by position.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain.fill_cells import INSTRUCTIONS
from jixiao.publish.monitoring_layout import TargetRow
from jixiao.publish.safe_cells import as_text

FONT = "宋体"
BLANK_SOURCE_ROWS = 2

_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_INPUT = PatternFill("solid", fgColor="FFF9E0")
_HEAD = PatternFill("solid", fgColor="E8E8E8")
_UNLOCKED = Protection(locked=False)
_SHEET_NAME = re.compile(r"[\[\]:*?/\\']")
_T = TypeVar("_T")
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _style_kinds() -> dict[str, dict[str, object]]:
    text = {
        "font": Font(name=FONT),
        "border": _BORDER,
        "alignment": Alignment(vertical="center", wrap_text=True),
    }
    label = {**text, "fill": _HEAD, "alignment": _CENTRED}
    return {
        "fixed": text,
        "input": {**text, "fill": _INPUT, "protection": _UNLOCKED},
        "label": label,
        "head": {**label, "font": Font(name=FONT, bold=True)},
        "centred": {**text, "alignment": _CENTRED},
    }


class _Styles:
    """Cell styles resolved once per workbook: setting font, border, fill … on each cell hashes every style
    object against the workbook's tables, which took most of the time; copying a resolved style costs nothing.
    A shaded style (a band's or a grade's colour) is resolved the first time it is asked for."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.arrays: dict[str, object] = {}
        self._resolve(_style_kinds())

    def _resolve(self, kinds: dict[str, dict[str, object]]) -> None:
        scratch = self.wb.create_sheet("scratch")
        for name, attrs in kinds.items():
            cell = scratch.cell(row=1, column=1)
            for attr, value in attrs.items():
                setattr(cell, attr, value)
            self.arrays[name] = copy.copy(cell._style)
            cell._style = copy.copy(scratch.cell(row=2, column=1)._style)
        self.wb.remove(scratch)

    def apply(self, cell: object, name: str) -> None:
        if name not in self.arrays:  # "shaded-RRGGBB"
            colour = name.rpartition("-")[2]
            fill = PatternFill("solid", fgColor=colour)
            self._resolve({name: {**_style_kinds()["centred"], "fill": fill}})
        cell._style = copy.copy(self.arrays[name])  # type: ignore[attr-defined]


def _styles(wb: Workbook) -> _Styles:
    if not hasattr(wb, "_jx_fill_styles"):
        wb._jx_fill_styles = _Styles(wb)
    return wb._jx_fill_styles  # type: ignore[no-any-return]


Value = str | float | int | None


class SheetWriter:
    """Writes the cells of one fill-in sheet: labels, locked values, the unit's yellow cells, merges, lists."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws

    def label(self, ref: str, text: str, head: bool = False) -> None:
        self._put(ref, text, "head" if head else "label")

    def fixed(self, ref: str, value: Value) -> None:
        """A locked cell printed from the targets (or computed by jixiao)."""
        self._put(ref, value, "fixed")

    def input(self, ref: str, value: Value) -> None:
        """An unlocked yellow cell the unit fills."""
        self._put(ref, value, "input")

    def centred(self, ref: str, value: Value) -> None:
        self._put(ref, value, "centred")

    def shaded(self, ref: str, value: Value, colour: str) -> None:
        """A locked cell on a background colour that carries meaning (a band, a grade)."""
        self._put(ref, value, f"shaded-{colour}")

    def _put(self, ref: str, value: Value, style: str) -> None:
        cell = self.ws[ref]
        cell.value = value
        as_text(cell)  # ``=13人`` is a value, not a formula
        _styles(self.ws.parent).apply(cell, style)

    def formula(self, ref: str, formula: str, number_format: str) -> None:
        self.fixed(ref, None)
        cell = self.ws[ref]
        cell.value = formula
        cell.data_type = "f"
        cell.number_format = number_format

    def merge(self, first: str, last: str) -> None:
        """Merge, the covered cells ruled like the first (without openpyxl's quadratic checks)."""
        style = self.ws[first]._style
        for row in self.ws[f"{first}:{last}"]:
            for cell in row:
                cell._style = copy.copy(style)
        self.ws.merged_cells.ranges.add(MergedCellRange(self.ws, f"{first}:{last}"))

    def validation(
        self, kind: str, cells: str, values: tuple[str, ...] = (), strict: bool = True, what: str = "万元"
    ) -> None:
        """A drop-down ``list`` of ``values``, or a ``decimal`` / ``whole`` number not below 0, on ``cells``
        (ranges separated by spaces); ``strict=False`` lets a list's cell take other text after a warning."""
        if kind == "list":
            dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
            dv.error, dv.errorTitle = "请从下拉列表中选择", "输入无效"
        else:
            dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            number = "整数" if kind == "whole" else "数值"
            dv.error, dv.errorTitle = f"请输入不小于 0 的{number} ({what})", "输入无效"
        if not strict:
            dv.errorStyle = (
                "warning"  # several causes typed as 经费保障、人员保障 are allowed after a warning
            )
        self.ws.add_data_validation(dv)
        for part in cells.split():
            dv.add(part)

    def pair(
        self,
        row: int,
        left: tuple[str, Value],
        right: tuple[str, Value],
        columns: str = "ABEFGI",
        right_open: bool = False,
    ) -> None:
        """A header row of two labels and their locked values (the right one the unit's with ``right_open``):
        ``columns`` names the left label, the left value's first and last column, the right label, the right
        value's first and last column."""
        a, b, e, f, g, i = columns
        self.label(f"{a}{row}", left[0])
        self.fixed(f"{b}{row}", left[1])
        self.merge(f"{b}{row}", f"{e}{row}")
        self.label(f"{f}{row}", right[0])
        (self.input if right_open else self.fixed)(f"{g}{row}", right[1])
        self.merge(f"{g}{row}", f"{i}{row}")

    def line(
        self, row: int, label: str, value: Value, last: str, open: bool = False, height: float = 0
    ) -> None:
        """A label in A and its value across B to ``last``: locked, or the unit's when ``open``."""
        self.label(f"A{row}", label)
        (self.input if open else self.fixed)(f"B{row}", value)
        self.merge(f"B{row}", f"{last}{row}")
        if height:
            self.ws.row_dimensions[row].height = height

    def target_row(self, r: int, row: TargetRow) -> None:
        """一级, 二级, 三级 and 年度指标值 in A–D, locked; a reported indicator the targets lack keeps its name
        open for the unit."""
        for col, value in zip("ABCD", (row.level1, row.level2, row.name, row.target), strict=True):
            (self.fixed if row.target or col != "C" else self.input)(f"{col}{r}", value or None)

    def heads(self, row: int, columns: str, texts: Sequence[str]) -> None:
        for col, text in zip(columns, texts, strict=True):
            self.label(f"{col}{row}", text, head=True)


def rate_formula(r: int, planned: str, adjusted: str, executed: str) -> str:
    """执行率 = 执行数 ÷ 预算数 (调整后 when filled, else 年初), blank until both are there."""
    basis = f'IF({adjusted}{r}<>"",{adjusted}{r},{planned}{r})'
    return f'=IF(OR({executed}{r}="",{basis}="",{basis}=0),"",{executed}{r}/{basis})'


def funds_rows(
    w: SheetWriter,
    top: int,
    total_label: str,
    total: Sequence[float | None],
    sources: Sequence[tuple[str, Sequence[float | None]]],
    amount_columns: str,
    rate: tuple[str, str, str, str],
) -> int:
    """The rows of a 项目资金 block under its header row ``top``: ``total_label`` with ``total`` amounts, a row
    per source and :data:`BLANK_SOURCE_ROWS` blank ones, amounts open in ``amount_columns``; ``rate`` is
    (执行率 column, 年初, 调整后/全年预算数, 执行数 columns). Column B names the row. The last row."""
    rows: list[tuple[str | None, Sequence[float | None]]] = [(total_label, total), *sources]
    rows += [(None, (None,) * len(amount_columns))] * BLANK_SOURCE_ROWS
    rate_col, planned, adjusted, executed = rate
    for n, (name, amounts) in enumerate(rows):
        r = top + 1 + n
        if n == 0:
            w.label(f"B{r}", total_label)
        else:
            w.input(f"B{r}", name)
        for col, value in zip(amount_columns, amounts, strict=True):
            w.input(f"{col}{r}", value)
        w.formula(f"{rate_col}{r}", rate_formula(r, planned, adjusted, executed), "0.0%")
    last = top + len(rows)
    w.validation("decimal", " ".join(f"{c}{top + 1}:{c}{last}" for c in amount_columns))
    return last


def new_workbook(title: str, fields: Sequence[tuple[str, str | None]], lines: Sequence[str]) -> Workbook:
    """A workbook whose first sheet is the 填报说明: a title, locked ``fields`` (label, value), the lines."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = INSTRUCTIONS
    ws["A1"] = title
    ws["A1"].font = Font(name=FONT, bold=True, size=16)
    w = SheetWriter(ws)
    for row, (label, value) in enumerate(fields, 3):
        w.label(f"A{row}", label)
        w.fixed(f"B{row}", value)
    for i, line in enumerate(lines, 4 + len(fields)):
        ws[f"A{i}"] = line
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 100
    ws.protection.sheet = True
    return wb


def title_row(ws: Worksheet, text: str, last: str) -> None:
    """The table's name across row 1, A to ``last``."""
    ws["A1"] = text
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A1:{last}1")


def finish_sheet(ws: Worksheet, key: str, key_column: str, widths: dict[str, float]) -> None:
    """The sheet's key in its hidden column, column widths, frozen title, protection (columns and rows may
    still be widened, to read long text)."""
    ws[f"{key_column}1"] = key
    ws.column_dimensions[key_column].hidden = True
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def sheet_title(kind: str, n: int, name: str, used: set[str]) -> str:
    """``项目3 name`` cut to Excel's 31 characters, without the characters a sheet name cannot hold, unique."""
    title = _SHEET_NAME.sub("", f"{kind}{n} {name}")[:31].strip()
    while title in used:
        title = title[:28] + f"~{n}"
    used.add(title)
    return title


def save_sheets(
    wb: Workbook,
    items: Iterable[_T],
    kind_name: Callable[[_T], tuple[str, str]],
    draw: Callable[[Workbook, str, int, _T], None],
) -> bytes:
    """A sheet per item, drawn by ``draw(wb, title, n, item)``: numbered within its kind and titled ``项目3 name``
    (``kind_name`` gives both); the workbook's bytes."""
    used: set[str] = set()
    counters: dict[str, int] = {}
    for item in items:
        kind, name = kind_name(item)
        n = counters[kind] = counters.get(kind, 0) + 1
        draw(wb, sheet_title(kind, n, name, used), n, item)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
