"""The fill-in 项目支出绩效目标执行监控表: one sheet per project and per department target, as XLSX.

Laid out like the official table: the header (项目名称, 项目编码, 主管部门, 实施单位, 监控时点 1–N月), the
项目资金 block (年初预算数, 调整后预算数, 1–N月执行数, 执行率, 全年预计执行数; a row per fund source), the
年度总体目标 and its 实际完成情况, and the indicator grid (一级/二级/三级指标, 年度指标值, 当前完成情况,
偏差原因, 原因说明, 完成目标可能性, 备注/改进措施). What the targets say is printed and locked; what the
unit reports sits in unlocked yellow cells, pre-filled from earlier actuals when given, with the official
lists of 偏差原因 and 完成目标可能性 as drop-downs. Each sheet carries its key (kind, code, name) in a hidden
last column; :mod:`jixiao.ingest.monitoring_table` reads it back by the labels of
:mod:`jixiao.domain.monitoring_cells`, so re-ordered sheets and inserted blank rows read the same.

With a monitoring result the same table shows the bands, in words and colour, in a 监控结果 column beside
the indicators and the budget; the reader ignores that column, so the file still reads back.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import replace

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain import Actuals, BudgetSource, Document
from jixiao.domain import monitoring_cells as M
from jixiao.publish.monitoring_layout import (
    BAND_FILLS,
    BAND_WORDS,
    NOT_JUDGED,
    BandLike,
    Monitored,
    ResultLike,
    actual_text,
    grid_heads,
    monitored,
)

FONT = "宋体"
BLANK_SOURCE_ROWS = 2
KEY_COLUMN = "L"
BAND_COLUMN = "J"
WIDTHS = {"A": 14, "B": 16, "C": 24, "D": 14, "E": 16, "F": 14, "G": 18, "H": 14, "I": 26, "J": 10}

_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_INPUT = PatternFill("solid", fgColor="FFF9E0")
_HEAD = PatternFill("solid", fgColor="E8E8E8")
_UNLOCKED = Protection(locked=False)
_SHEET_NAME = re.compile(r"[\[\]:*?/\\']")
_AMOUNT_COLUMNS = "CDEG"  # 年初预算数, 调整后预算数, 执行数, 全年预计执行数; F is the 执行率 formula


def _style_kinds() -> dict[str, dict[str, object]]:
    text = {
        "font": Font(name=FONT),
        "border": _BORDER,
        "alignment": Alignment(vertical="center", wrap_text=True),
    }
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    label = {**text, "fill": _HEAD, "alignment": centred}
    kinds: dict[str, dict[str, object]] = {
        "fixed": text,
        "input": {**text, "fill": _INPUT, "protection": _UNLOCKED},
        "label": label,
        "head": {**label, "font": Font(name=FONT, bold=True)},
        "band": {**text, "alignment": centred},
    }
    for band, colour in BAND_FILLS.items():
        kinds[f"band-{band}"] = {**text, "alignment": centred, "fill": PatternFill("solid", fgColor=colour)}
    return kinds


class _Styles:
    """Cell styles resolved once per workbook: setting font, border, fill … on each cell hashes every style
    object against the workbook's tables, which took most of the time; copying a resolved style costs nothing."""

    def __init__(self, wb: Workbook) -> None:
        scratch = wb.create_sheet("scratch")
        self.arrays = {}
        for name, attrs in _style_kinds().items():
            cell = scratch.cell(row=1, column=1)
            for attr, value in attrs.items():
                setattr(cell, attr, value)
            self.arrays[name] = copy.copy(cell._style)
            cell._style = copy.copy(scratch.cell(row=2, column=1)._style)
        wb.remove(scratch)

    def apply(self, cell: object, name: str) -> None:
        cell._style = copy.copy(self.arrays[name])  # type: ignore[attr-defined]


def _styles(wb: Workbook) -> _Styles:
    if not hasattr(wb, "_jx_monitoring_styles"):
        wb._jx_monitoring_styles = _Styles(wb)
    return wb._jx_monitoring_styles  # type: ignore[no-any-return]


class _Writer:
    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws

    def label(self, ref: str, text: str, head: bool = False) -> None:
        self._put(ref, text, "head" if head else "label")

    def fixed(self, ref: str, value: str | float | None) -> None:
        """A locked cell printed from the targets."""
        self._put(ref, value, "fixed")

    def input(self, ref: str, value: str | float | None) -> None:
        self._put(ref, value, "input")

    def _put(self, ref: str, value: str | float | None, style: str) -> None:
        cell = self.ws[ref]
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # ``=13人`` is a value, not a formula
        _styles(self.ws.parent).apply(cell, style)

    def merge(self, first: str, last: str) -> None:
        """Merge, the covered cells ruled like the first (without openpyxl's quadratic checks)."""
        style = self.ws[first]._style
        for row in self.ws[f"{first}:{last}"]:
            for cell in row:
                cell._style = copy.copy(style)
        self.ws.merged_cells.ranges.add(MergedCellRange(self.ws, f"{first}:{last}"))

    def band(self, ref: str, band: BandLike | None, progress: float | None = None) -> None:
        if band is None:
            self._put(ref, NOT_JUDGED, "band")
            return
        text = f"{BAND_WORDS[band.value]}灯" + (f"\n{progress:.1f}" if progress is not None else "")
        self._put(ref, text, f"band-{band.value}")

    def validation(self, kind: str, cells: str, values: tuple[str, ...] = (), strict: bool = True) -> None:
        if kind == "list":
            dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
            dv.error, dv.errorTitle = "请从下拉列表中选择", "输入无效"
        else:
            dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            dv.error, dv.errorTitle = "请输入不小于 0 的数值 (万元)", "输入无效"
        if not strict:
            dv.errorStyle = (
                "warning"  # several causes typed as 经费保障、人员保障 are allowed after a warning
            )
        self.ws.add_data_validation(dv)
        for part in cells.split():
            dv.add(part)


def _pair(w: _Writer, row: int, left: tuple[str, str | None], right: tuple[str, str | None]) -> None:
    """A header row: label A, value B:E, label F, value G:I (all printed from the targets)."""
    w.label(f"A{row}", left[0])
    w.fixed(f"B{row}", left[1])
    w.merge(f"B{row}", f"E{row}")
    w.label(f"F{row}", right[0])
    w.fixed(f"G{row}", right[1])
    w.merge(f"G{row}", f"I{row}")


def _rate_formula(r: int) -> str:
    """执行率 = 执行数 ÷ 预算数 (调整后 when filled, else 年初), blank until both are there."""
    basis = f'IF(D{r}<>"",D{r},C{r})'
    return f'=IF(OR(E{r}="",{basis}="",{basis}=0),"",E{r}/{basis})'


def _funds(w: _Writer, top: int, m: Monitored, month: int, bands: bool) -> int:
    """The 项目资金 block from row ``top``; the first row after it."""
    budget = m.actual.budget if m.actual else None
    sources = list(budget.sources) if budget else []
    heads = (M.SOURCE, M.PLANNED, M.ADJUSTED, M.executed_label(month), M.EXECUTION_RATE, M.EXPECTED)
    for col, text in zip("BCDEFG", heads, strict=True):
        w.label(f"{col}{top}", text, head=True)
    rows: list[tuple[str | None, BudgetSource | None]] = [(M.TOTAL, None)]
    rows += [(s.name, s) for s in sources] + [(None, None)] * BLANK_SOURCE_ROWS
    for n, (name, source) in enumerate(rows):
        r = top + 1 + n
        if n == 0:
            w.label(f"B{r}", M.TOTAL)
            item = budget
            amounts = (
                (item.planned, item.adjusted, item.executed, item.expected)
                if item
                else (m.planned, None, None, None)
            )
        else:
            w.input(f"B{r}", name)
            amounts = (
                (source.planned, source.adjusted, source.executed, source.expected) if source else (None,) * 4
            )
        for col, value in zip(_AMOUNT_COLUMNS, amounts, strict=True):
            w.input(f"{col}{r}", value)
        w.fixed(f"F{r}", _rate_formula(r))
        w.ws[f"F{r}"].data_type = "f"
        w.ws[f"F{r}"].number_format = "0.0%"
    last = top + len(rows)
    w.label(f"A{top}", M.FUNDS if m.is_project else M.DEPARTMENT_FUNDS, head=True)
    w.merge(f"A{top}", f"A{last}")
    w.validation("decimal", " ".join(f"{c}{top + 1}:{c}{last}" for c in _AMOUNT_COLUMNS))
    if bands:
        w.label(f"{BAND_COLUMN}{top}", M.BAND, head=True)
        judged = m.result.budget if m.result else None
        w.band(f"{BAND_COLUMN}{top + 1}", judged.band if judged else None, judged.ratio if judged else None)
    return last + 1


def _indicators(w: _Writer, top: int, m: Monitored, bands: bool) -> None:
    for col, text in zip("ABCDEFGHI", grid_heads(m.is_project), strict=True):
        w.label(f"{col}{top}", text, head=True)
    if bands:
        w.label(f"{BAND_COLUMN}{top}", M.BAND, head=True)
    reported = m.reported()
    for n, (row, actual, judged) in enumerate(reported):
        r = top + 1 + n
        for col, value in zip("ABCD", (row.level1, row.level2, row.name, row.target), strict=True):
            (w.fixed if row.target or col != "C" else w.input)(f"{col}{r}", value or None)
        w.input(f"E{r}", actual_text(actual) or None)
        w.input(f"F{r}", M.CAUSE_SEPARATOR.join(c.value for c in actual.causes) if actual else None)
        w.input(f"G{r}", actual.cause_note if actual else None)
        w.input(f"H{r}", actual.likelihood.value if actual and actual.likelihood else None)
        w.input(f"I{r}", actual.measures if actual else None)
        if bands:
            w.band(f"{BAND_COLUMN}{r}", judged.band if judged else None, judged.progress if judged else None)
    if reported:
        last = top + len(reported)
        w.validation("list", f"F{top + 1}:F{last}", M.CAUSES, strict=False)
        w.validation("list", f"H{top + 1}:H{last}", M.LIKELIHOODS)


def _sheet(wb: Workbook, title: str, n: int, m: Monitored, month: int, year: int | None, bands: bool) -> None:
    ws = wb.create_sheet(title)
    w = _Writer(ws)
    ws["A1"] = M.PROJECT_TITLE if m.is_project else M.DEPARTMENT_TITLE
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells("A1:I1")
    _pair(w, 2, (M.YEAR, str(year) if year else None), (M.MONTH, M.month_span(month)))
    if m.is_project:
        _pair(w, 3, (M.PROJECT_NAME, m.name), (M.PROJECT_CODE, m.code))
        _pair(w, 4, (M.DEPARTMENT, m.department), (M.UNIT, m.unit))
        row = 6
    else:
        _pair(w, 3, (M.DEPARTMENT_NAME, m.name), (M.DEPARTMENT_CODE, m.code))
        row = 5
    row = _funds(w, row, m, month, bands) + 1
    w.label(f"A{row}", M.GOAL)
    w.fixed(f"B{row}", m.goal)
    w.merge(f"B{row}", f"I{row}")
    w.label(f"A{row + 1}", M.GOAL_RESULT)
    w.input(f"B{row + 1}", m.actual.goal_result if m.actual else None)
    w.merge(f"B{row + 1}", f"I{row + 1}")
    for r in (row, row + 1):
        ws.row_dimensions[r].height = 45
    _indicators(w, row + 3, m, bands)
    ws[f"{KEY_COLUMN}1"] = M.sheet_key(m.kind, n, m.code, m.name)
    ws.column_dimensions[KEY_COLUMN].hidden = True
    for col, width in WIDTHS.items():
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # let people widen columns to read long text
    ws.protection.formatRows = False


_INSTRUCTION_LINES = (
    "1. 每个项目（部门整体绩效目标）一张工作表。黄色单元格由单位填写，其余单元格按绩效目标打印并已锁定。",
    "2. 资金单位为万元，只填数值；执行数为监控时点（1月至所列月份）的累计执行数，执行率自动计算"
    "（调整后预算数已填时按调整后预算数，否则按年初预算数）。资金来源有多个时，逐行填写来源名称和金额。",
    "3. 当前完成情况按年度指标值的写法填写（如 350人次、96%、10月底），定性指标填 达成、部分达成 或 未达成。",
    "4. 偏差原因从下拉列表选择："
    + "、".join(M.CAUSES)
    + "；有多个原因时用“、”分隔。完成目标可能性从下拉列表选择："
    + "、".join(M.LIKELIHOODS)
    + "。",
    "5. 工作表可以调整顺序，可以插入空行；不要修改表头文字。读入时逐格校验，任何一格有误则整个文件不读入，"
    "并列出出错的工作表和单元格（如 项目1!E12）。",
)


def _sheet_title(kind: str, n: int, name: str, used: set[str]) -> str:
    title = _SHEET_NAME.sub("", f"{kind}{n} {name}")[:31].strip()
    while title in used:
        title = title[:28] + f"~{n}"
    used.add(title)
    return title


def write_monitoring_table(
    targets: Document,
    month: int,
    actuals: Actuals | None = None,
    result: ResultLike | None = None,
    *,
    year: int | None = None,
) -> bytes:
    """The fill-in 执行监控表 of every project and department target of ``targets`` as of the end of ``month``.

    Pre-filled from ``actuals`` where given (else 年初预算数 from the targets' 年度资金总额); with ``result``
    the bands of monitoring are shown beside the indicators and the budget.
    """
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1–12, not {month}")
    year = year or (actuals.year if actuals else None) or targets.year
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = M.INSTRUCTIONS
    ws["A1"] = f"{year or ''}{'年' if year else ''}{M.month_span(month)}预算绩效运行监控填报表"
    ws["A1"].font = Font(name=FONT, bold=True, size=16)
    w = _Writer(ws)
    for row, (label, value) in enumerate(
        ((M.YEAR, str(year) if year else None), (M.MONTH, M.month_span(month))), 3
    ):
        w.label(f"A{row}", label)
        w.fixed(f"B{row}", value)
    for i, line in enumerate(_INSTRUCTION_LINES, 6):
        ws[f"A{i}"] = line
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 100
    ws.protection.sheet = True
    used: set[str] = set()
    counters = {M.PROJECT_KIND: 0, M.DEPARTMENT_KIND: 0}
    for m in monitored(targets, actuals, result):
        if actuals is not None and m.actual is None:
            m = replace(m, planned=None)  # with actuals given, a sheet left blank reads back as nothing
        counters[m.kind] += 1
        n = counters[m.kind]
        _sheet(wb, _sheet_title(m.kind, n, m.name, used), n, m, month, year, result is not None)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
