"""Read a filled 绩效自评表 (:mod:`jixiao.publish.selfeval_table` writes it) back as year-end :class:`Actuals`.

Rows and columns are found by the labels of :mod:`jixiao.domain.selfeval_cells`, not by position, with the
pieces the 执行监控表's reader shares (:mod:`jixiao.ingest.fill_sheet`): sheets re-ordered, renamed or with
blank rows inserted read the same, and each sheet's hidden key says which target it was exported for. Every
cell is checked before anything is built — an amount, 分值 or 得分 that is not a number or is negative, a
完成情况 not 达成 / 部分达成 / 未达成, a 偏差原因 not in the official list, a 下属单位个数 that is not a whole
number — and each bad cell is named (``项目1 学前教育!G15: …``), all at once; a workbook with any gives no
Actuals at all. jixiao's own scores (计算得分, 总分, 自评等级, the budget's 得分) are passed by: the core
scores again from what the unit typed. 实际完成值 is read by the target-value grammar; text it cannot read
stays text.
"""

from __future__ import annotations

from jixiao.domain import Achievement, ActualRecord, Actuals, Budget, IndicatorActual, parse_target_value
from jixiao.domain import fill_cells as F
from jixiao.domain import selfeval_cells as S
from jixiao.domain.template_cells import CellError
from jixiao.ingest.fill_sheet import (
    FillSheet,
    FillTableError,
    ReadRecord,
    assemble,
    grid_heads,
    grid_rows,
    identity,
    open_sheets,
    rank,
    read_budget,
    year_of,
)

_AMOUNT_LABELS = {S.PLANNED: "planned", S.BUDGET: "adjusted", S.EXECUTED: "executed"}
# the official table's single column 偏差原因分析及改进措施, where a unit kept it
_HEADS = grid_heads(S.INDICATOR_COLUMNS, 偏差原因分析及改进措施="measures")
_FILLED = ("actual", "status", "weight", "score", "causes", "cause_note", "measures")
_TITLES = {F.label_key(S.PROJECT_TITLE), F.label_key(S.DEPARTMENT_TITLE)}


class SelfEvalTableError(FillTableError):
    """A filled 绩效自评表 refused whole: ``errors`` names every bad cell (``sheet!C12``)."""


def _status(
    s: FillSheet, row_at: tuple[int, int] | None, typed: str | None, actual: str | None
) -> Achievement | None:
    if typed is not None:
        if typed in F.ACHIEVEMENTS:
            return Achievement(typed)
        assert row_at is not None
        s.error(row_at, f"完成情况“{typed}”须为 {' / '.join(F.ACHIEVEMENTS)}")
        return None
    return Achievement(actual) if actual in F.ACHIEVEMENTS else None


def _indicators(s: FillSheet) -> tuple[IndicatorActual, ...]:
    out = []
    for row in grid_rows(s, S.ACTUAL, _HEADS, _FILLED, until=(S.TOTAL_SCORE, S.GRADE)):
        actual = row.typed.get("actual")
        out.append(
            IndicatorActual(
                name=row.name,
                actual=parse_target_value(actual),
                status=_status(s, row.at.get("status"), row.typed.get("status"), actual),
                weight=s.number(row.at["weight"], S.WEIGHT, "分，只填数字") if "weight" in row.at else None,
                score=s.number(row.at["score"], S.SCORE, "分，只填数字") if "score" in row.at else None,
                causes=s.causes(row.at["causes"]) if "causes" in row.at else (),
                cause_note=row.typed.get("cause_note"),
                measures=row.typed.get("measures"),
            )
        )
    return tuple(out)


def _units(s: FillSheet) -> int | None:
    at = s.right_of(S.UNITS)
    if at is None or (number := s.number(at, S.UNITS, "个，只填整数")) is None:
        return None
    if number != int(number):
        s.error(at, f"{S.UNITS}须为整数（不是 {s.text(at)}）")
        return None
    return int(number)


def _record(s: FillSheet, order: int) -> ReadRecord | None:
    keyed = any(isinstance(v, str) and v.startswith(S.KEY_PREFIX) for v in s.cells.values())
    if not keyed and not _TITLES & set(s.labels):
        return None  # the instructions, or a sheet of something else
    found = identity(s, S.KEY_PREFIX)
    if found is None:
        return None
    kind, position, code, name, _ = found
    ends = (S.BUDGET_NOTE, S.GOAL, S.GOAL_EXPECTED, *_HEADS)
    budget = read_budget(s, _AMOUNT_LABELS, lambda at, key: None, ends, S.SOURCE, S.TOTAL)
    below = s.below(S.GOAL_RESULT, until=S.ACTUAL)
    goal_result = s.text(below) if below else None
    indicators = _indicators(s)
    department = kind == F.DEPARTMENT_KIND
    units = _units(s) if department else None
    budget_note = s.value_of(S.BUDGET_NOTE) if department else None
    if (
        budget == Budget()
        and goal_result is None
        and not indicators
        and units is None
        and budget_note is None
    ):
        return None
    record = ActualRecord(name or "", code, budget, goal_result, indicators, units, budget_note)
    return ReadRecord(kind, rank(position, order), record)


def read_selfeval_table(data: bytes, name: str = "绩效自评表.xlsx") -> Actuals:
    """The year-end :class:`Actuals` (month 12) a filled 绩效自评表 holds; :class:`SelfEvalTableError` naming
    every bad cell."""
    sheets, errors = open_sheets(data, name, SelfEvalTableError)
    read = [r for n, s in enumerate(sheets) if (r := _record(s, n)) is not None]
    if not read and not errors and not any(_TITLES & set(s.labels) for s in sheets):
        errors.append(
            CellError(
                name, f"找不到“{S.PROJECT_TITLE}”或“{S.DEPARTMENT_TITLE}”：不是 jixiao 导出的绩效自评表"
            )
        )
    if errors:
        raise SelfEvalTableError(errors)
    return assemble(read, year_of(sheets, S.YEAR), 12)


__all__ = ["SelfEvalTableError", "read_selfeval_table"]
