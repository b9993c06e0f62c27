"""The fill-in 项目支出绩效目标执行监控表: one sheet per project and per department target, as XLSX.

Laid out like the official table: the header (项目名称, 项目编码, 主管部门, 实施单位, 监控时点 1–N月), the
项目资金 block (年初预算数, 调整后预算数, 1–N月执行数, 执行率, 全年预计执行数; a row per fund source), the
年度总体目标 and its 实际完成情况, and the indicator grid (一级/二级/三级指标, 年度指标值, 当前完成情况,
偏差原因, 原因说明, 完成目标可能性, 备注/改进措施). What the targets say is printed and locked; what the
unit reports sits in unlocked yellow cells, pre-filled from earlier actuals when given, with the official
lists of 偏差原因 and 完成目标可能性 as drop-downs. Each sheet carries its key (kind, code, name) in a hidden
last column; :mod:`jixiao.ingest.monitoring_table` reads it back by the labels of
:mod:`jixiao.domain.monitoring_cells`, so re-ordered sheets and inserted blank rows read the same. The
pieces the 绩效自评表 shares are :mod:`jixiao.publish.fill_sheet`.

With a monitoring result the same table shows the bands, in words and colour, in a 监控结果 column beside
the indicators and the budget; the reader ignores that column, so the file still reads back.
"""

from __future__ import annotations

from dataclasses import replace

from openpyxl import Workbook

from jixiao.domain import Actuals, Document
from jixiao.domain import monitoring_cells as M
from jixiao.publish.fill_sheet import (
    SheetWriter,
    finish_sheet,
    funds_rows,
    new_workbook,
    save_sheets,
    title_row,
)
from jixiao.publish.monitoring_layout import (
    BAND_FILLS,
    BAND_WORDS,
    NOT_JUDGED,
    BandLike,
    Monitored,
    ResultLike,
    actual_text,
    monitored,
)
from jixiao.publish.reporting_layout import grid_heads

KEY_COLUMN = "L"
BAND_COLUMN = "J"
WIDTHS = {"A": 14, "B": 16, "C": 24, "D": 14, "E": 16, "F": 14, "G": 18, "H": 14, "I": 26, "J": 10}
_AMOUNT_COLUMNS = "CDEG"  # 年初预算数, 调整后预算数, 执行数, 全年预计执行数; F is the 执行率 formula


def _band(w: SheetWriter, ref: str, band: BandLike | None, progress: float | None = None) -> None:
    if band is None:
        w.centred(ref, NOT_JUDGED)
        return
    text = f"{BAND_WORDS[band.value]}灯" + (f"\n{progress:.1f}" if progress is not None else "")
    w.shaded(ref, text, BAND_FILLS[band.value])


def _funds(w: SheetWriter, top: int, m: Monitored, month: int, bands: bool) -> int:
    """The 项目资金 block from row ``top``; the first row after it."""
    budget = m.actual.budget if m.actual else None
    heads = (M.SOURCE, M.PLANNED, M.ADJUSTED, M.executed_label(month), M.EXECUTION_RATE, M.EXPECTED)
    w.heads(top, "BCDEFG", heads)
    total = (
        (budget.planned, budget.adjusted, budget.executed, budget.expected)
        if budget
        else (m.planned, None, None, None)
    )
    sources = [
        (s.name, (s.planned, s.adjusted, s.executed, s.expected)) for s in (budget.sources if budget else ())
    ]
    last = funds_rows(w, top, M.TOTAL, total, sources, _AMOUNT_COLUMNS, ("F", "C", "D", "E"))
    w.label(f"A{top}", M.FUNDS if m.is_project else M.DEPARTMENT_FUNDS, head=True)
    w.merge(f"A{top}", f"A{last}")
    if bands:
        w.label(f"{BAND_COLUMN}{top}", M.BAND, head=True)
        judged = m.result.budget if m.result else None
        _band(w, f"{BAND_COLUMN}{top + 1}", judged.band if judged else None, judged.ratio if judged else None)
    return last + 1


def _indicators(w: SheetWriter, top: int, m: Monitored, bands: bool) -> None:
    w.heads(top, "ABCDEFGHI", grid_heads(M.INDICATOR_COLUMNS, m.is_project))
    if bands:
        w.label(f"{BAND_COLUMN}{top}", M.BAND, head=True)
    reported = m.reported()
    for n, (row, actual, judged) in enumerate(reported):
        r = top + 1 + n
        w.target_row(r, row)
        w.input(f"E{r}", actual_text(actual) or None)
        w.input(f"F{r}", M.CAUSE_SEPARATOR.join(c.value for c in actual.causes) if actual else None)
        w.input(f"G{r}", actual.cause_note if actual else None)
        w.input(f"H{r}", actual.likelihood.value if actual and actual.likelihood else None)
        w.input(f"I{r}", actual.measures if actual else None)
        if bands:
            _band(
                w, f"{BAND_COLUMN}{r}", judged.band if judged else None, judged.progress if judged else None
            )
    if reported:
        last = top + len(reported)
        w.validation("list", f"F{top + 1}:F{last}", M.CAUSES, strict=False)
        w.validation("list", f"H{top + 1}:H{last}", M.LIKELIHOODS)


def _sheet(wb: Workbook, title: str, n: int, m: Monitored, month: int, year: int | None, bands: bool) -> None:
    ws = wb.create_sheet(title)
    w = SheetWriter(ws)
    title_row(ws, M.PROJECT_TITLE if m.is_project else M.DEPARTMENT_TITLE, "I")
    w.pair(2, (M.YEAR, str(year) if year else None), (M.MONTH, M.month_span(month)))
    if m.is_project:
        w.pair(3, (M.PROJECT_NAME, m.name), (M.PROJECT_CODE, m.code))
        w.pair(4, (M.DEPARTMENT, m.department), (M.UNIT, m.unit))
        row = 6
    else:
        w.pair(3, (M.DEPARTMENT_NAME, m.name), (M.DEPARTMENT_CODE, m.code))
        row = 5
    row = _funds(w, row, m, month, bands) + 1
    w.line(row, M.GOAL, m.goal, "I", height=45)
    w.line(row + 1, M.GOAL_RESULT, m.actual.goal_result if m.actual else None, "I", open=True, height=45)
    _indicators(w, row + 3, m, bands)
    finish_sheet(ws, M.sheet_key(m.kind, n, m.code, m.name), KEY_COLUMN, WIDTHS)


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
    wb = new_workbook(
        f"{year or ''}{'年' if year else ''}{M.month_span(month)}预算绩效运行监控填报表",
        ((M.YEAR, str(year) if year else None), (M.MONTH, M.month_span(month))),
        _INSTRUCTION_LINES,
    )
    # with actuals given, a target they lack keeps no 年初预算数, so its sheet left blank reads back as nothing
    items = (
        replace(m, planned=None) if actuals is not None and m.actual is None else m
        for m in monitored(targets, actuals, result)
    )
    bands = result is not None
    return save_sheets(
        wb,
        items,
        lambda m: (m.kind, m.name),
        lambda wb, title, n, m: _sheet(wb, title, n, m, month, year, bands),
    )
