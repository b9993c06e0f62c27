"""The fill-in 项目支出绩效自评表 and 部门整体支出绩效自评表: one sheet per project and per department target.

Laid out like the official tables (财预〔2020〕10号): the header (项目名称, 项目编码, 主管部门, 实施单位, 预算年度;
a department's 下属单位个数), the 项目资金 block (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分; a row
per fund source), a department's 预算执行偏差说明, the 年度总体目标 as 预期目标 | 实际完成情况, and the indicator
grid (一级/二级/三级指标, 年度指标值, 实际完成值, 完成情况, 分值, 得分, 偏差原因, 偏差原因分析, 改进措施), then
总分 and 自评等级. The targets are printed and locked; the unit fills the yellow cells — 实际完成值, a qualitative
indicator's 完成情况 (达成 / 部分达成 / 未达成) and the score it claims, its own 分值 if it sets them, causes and
measures — pre-filled from actuals when given. With a result, jixiao's scores stand in a 计算得分 column, the
budget's 得分, the 总分 and the 自评等级 in colour; the reader (:mod:`jixiao.ingest.selfeval_table`) passes them by,
so the file still reads back. The pieces shared with the 执行监控表 are :mod:`jixiao.publish.fill_sheet`.
"""

from __future__ import annotations

from openpyxl import Workbook

from jixiao.domain import Actuals, Document
from jixiao.domain import fill_cells as F
from jixiao.domain import selfeval_cells as S
from jixiao.publish.fill_sheet import (
    SheetWriter,
    finish_sheet,
    funds_rows,
    new_workbook,
    save_sheets,
    title_row,
)
from jixiao.publish.reporting_layout import grid_heads
from jixiao.publish.selfeval_layout import GRADE_FILLS, Evaluated, SelfEvalLike, evaluated

KEY_COLUMN = "N"
COMPUTED_COLUMN = "L"
WIDTHS = {
    "A": 14, "B": 14, "C": 22, "D": 13, "E": 14, "F": 11, "G": 9, "H": 9, "I": 14, "J": 24, "K": 24, "L": 10,
}  # fmt: skip
_AMOUNT_COLUMNS = "CDE"  # 年初预算数, 全年预算数, 全年执行数; F 分值, G the 执行率 formula, H 得分
_DEFAULT_BUDGET_WEIGHT = 10.0


def _funds(w: SheetWriter, top: int, e: Evaluated) -> int:
    """The 项目资金 block from row ``top``; its last row."""
    m = e.item
    budget = m.actual.budget if m.actual else None
    w.heads(top, "BCDEFGH", (S.SOURCE, S.PLANNED, S.BUDGET, S.EXECUTED, S.WEIGHT, S.EXECUTION_RATE, S.SCORE))
    total = (budget.planned, budget.adjusted, budget.executed) if budget else (m.planned, None, None)
    sources = [(s.name, (s.planned, s.adjusted, s.executed)) for s in (budget.sources if budget else ())]
    last = funds_rows(w, top, S.TOTAL, total, sources, _AMOUNT_COLUMNS, ("G", "C", "D", "E"))
    judged = e.score.budget if e.score else None
    for r in range(top + 1, last + 1):
        first = r == top + 1
        w.centred(f"F{r}", (judged.weight if judged else _DEFAULT_BUDGET_WEIGHT) if first else None)
        w.centred(f"H{r}", (judged.score or 0.0) if first and judged else None)
    w.label(f"A{top}", S.FUNDS if m.is_project else S.DEPARTMENT_FUNDS, head=True)
    w.merge(f"A{top}", f"A{last}")
    return last


def _goal(w: SheetWriter, row: int, e: Evaluated) -> None:
    w.label(f"A{row}", S.GOAL)
    w.merge(f"A{row}", f"A{row + 1}")
    w.label(f"B{row}", S.GOAL_EXPECTED, head=True)
    w.merge(f"B{row}", f"F{row}")
    w.label(f"G{row}", S.GOAL_RESULT, head=True)
    w.merge(f"G{row}", f"K{row}")
    w.fixed(f"B{row + 1}", e.item.goal)
    w.merge(f"B{row + 1}", f"F{row + 1}")
    w.input(f"G{row + 1}", e.item.actual.goal_result if e.item.actual else None)
    w.merge(f"G{row + 1}", f"K{row + 1}")
    w.ws.row_dimensions[row + 1].height = 60


def _indicators(w: SheetWriter, top: int, e: Evaluated) -> int:
    """The grid from row ``top``, then 总分 and 自评等级; the last row."""
    w.heads(top, "ABCDEFGHIJK", grid_heads(S.INDICATOR_COLUMNS, e.is_project))
    if e.score:
        w.label(f"{COMPUTED_COLUMN}{top}", S.COMPUTED, head=True)
    rows = e.rows()
    for n, (row, actual, judged) in enumerate(rows):
        r = top + 1 + n
        w.target_row(r, row)
        w.input(f"E{r}", (actual.actual.raw or None) if actual else None)
        w.input(f"F{r}", actual.status.value if actual and actual.status else None)
        w.input(f"G{r}", actual.weight if actual else None)
        w.input(f"H{r}", actual.score if actual else None)
        w.input(f"I{r}", F.CAUSE_SEPARATOR.join(c.value for c in actual.causes) if actual else None)
        w.input(f"J{r}", actual.cause_note if actual else None)
        w.input(f"K{r}", actual.measures if actual else None)
        if e.score:
            w.centred(f"{COMPUTED_COLUMN}{r}", judged.score if judged else None)
    last = top + len(rows)
    if rows:
        w.validation("list", f"F{top + 1}:F{last}", F.ACHIEVEMENTS)
        w.validation("decimal", f"G{top + 1}:H{last}", what="分")
        w.validation("list", f"I{top + 1}:I{last}", F.CAUSES, strict=False)
    total, grade = last + 1, last + 2
    for r, text in ((total, S.TOTAL_SCORE), (grade, S.GRADE)):
        w.label(f"A{r}", text)
        w.merge(f"A{r}", f"F{r}")
    s = e.score
    w.centred(f"G{total}", sum(i.weight for i in s.indicators) + s.budget.weight if s else 100.0)
    w.fixed(f"H{total}", None)
    w.merge(f"H{total}", f"K{total}")
    if s:
        w.centred(f"{COMPUTED_COLUMN}{total}", s.total)
        text = f"{s.grade.value}（{S.CONSEQUENCE}：{s.consequence}）"
        w.shaded(f"G{grade}", text, GRADE_FILLS[s.grade.value])
    else:
        w.fixed(f"G{grade}", None)
    w.merge(f"G{grade}", f"{COMPUTED_COLUMN if s else 'K'}{grade}")
    return grade


def _sheet(wb: Workbook, title: str, n: int, e: Evaluated, year: int | None) -> None:
    m = e.item
    ws = wb.create_sheet(title)
    w = SheetWriter(ws)
    title_row(ws, S.PROJECT_TITLE if m.is_project else S.DEPARTMENT_TITLE, "K")
    columns = "ABFGHK"
    year_text = str(year) if year else None
    if m.is_project:
        w.pair(2, (S.PROJECT_NAME, m.name), (S.PROJECT_CODE, m.code), columns)
        w.pair(3, (S.DEPARTMENT, m.department), (S.UNIT, m.unit), columns)
        w.line(4, S.YEAR, year_text, "K")
        row = _funds(w, 6, e) + 2
    else:
        units = m.actual.subordinate_units if m.actual else None
        w.pair(2, (S.DEPARTMENT_NAME, m.name), (S.DEPARTMENT_CODE, m.code), columns)
        w.pair(3, (S.YEAR, year_text), (S.UNITS, units), columns, right_open=True)
        w.validation("whole", "H3", what="个")
        row = _funds(w, 5, e) + 1
        w.line(row, S.BUDGET_NOTE, m.actual.budget_note if m.actual else None, "K", open=True, height=45)
        row += 2
    _goal(w, row, e)
    _indicators(w, row + 3, e)
    finish_sheet(ws, F.sheet_key(S.KEY_PREFIX, m.kind, n, m.code, m.name), KEY_COLUMN, WIDTHS)


_INSTRUCTION_LINES = (
    "1. 每个项目一张项目支出绩效自评表，每个部门整体绩效目标一张部门整体支出绩效自评表。黄色单元格由单位填写，"
    "其余单元格按绩效目标打印并已锁定。",
    "2. 资金单位为万元，只填数值：年初预算数、全年预算数（调整后预算数）、全年执行数；执行率自动计算。"
    "资金来源有多个时，逐行填写来源名称和金额。部门整体自评表另填下属单位个数和预算执行偏差说明。",
    "3. 实际完成值按年度指标值的写法填写（如 350人次、96%、10月底）。定性指标在“完成情况”中选择 达成 / 部分达成 / 未达成，"
    "并在“得分”中填写自评得分：达成为分值的 80%–100%，部分达成 60%（含）–80%（不含），未达成 0–60%（不含）。"
    "定量指标的得分按实际完成值计算，不必填写。",
    "4. 分值可不填（按默认：预算执行率 10 分，产出 50、效益 30、满意度 10 分在同一一级指标内平分）；"
    "填写时所有指标都须填写，且合计为 90 分。",
    "5. 失分的指标须填写偏差原因（从下拉列表选择："
    + "、".join(F.CAUSES)
    + "；多个用“、”分隔）及偏差原因分析、改进措施。",
    "6. 工作表可以调整顺序，可以插入空行；不要修改表头文字。读入时逐格校验，任何一格有误则整个文件不读入，"
    "并列出出错的工作表和单元格（如 项目1!G15）。",
)


def write_selfeval_table(
    targets: Document,
    actuals: Actuals | None = None,
    result: SelfEvalLike | None = None,
    *,
    year: int | None = None,
) -> bytes:
    """The fill-in 绩效自评表 of every project and department target of ``targets``.

    Pre-filled from ``actuals`` where given (else 年初预算数 from the targets' 年度资金总额); with ``result``
    the scores of self-evaluation are shown beside the indicators and the budget, with 总分 and 自评等级.
    """
    year = year or (actuals.year if actuals else None) or targets.year
    wb = new_workbook(
        f"{year or ''}{'年度' if year else ''}绩效自评表",
        ((S.YEAR, str(year) if year else None), ("自评时点", "年度终了（1–12月）")),
        _INSTRUCTION_LINES,
    )
    return save_sheets(
        wb,
        evaluated(targets, actuals, result),
        lambda e: (e.item.kind, e.item.name),
        lambda wb, title, n, e: _sheet(wb, title, n, e, year),
    )
