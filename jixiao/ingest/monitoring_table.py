"""Read a filled 执行监控表 (:mod:`jixiao.publish.monitoring_table` writes it) back as :class:`Actuals`.

Rows and columns are found by their labels (:mod:`jixiao.domain.monitoring_cells`), not by position, so
sheets in another order, renamed, or with blank rows inserted read the same; each sheet's hidden key says
which target it was exported for and in what order. Every cell is checked before anything is built: an
amount that is not a number or is negative, a 偏差原因 or 完成目标可能性 not in the official list, a 监控时点
that differs from the rest of the workbook. Each bad cell is named (``项目1 学前教育!E12: …``) in Chinese,
all at once, and a workbook with any bad cell gives no Actuals at all. 当前完成情况 is read by the
target-value grammar, and text it cannot read stays text (``已完成招标``): that is a report, not an error.
What the 绩效自评表's reader shares is :mod:`jixiao.ingest.fill_sheet`.
"""

from __future__ import annotations

from jixiao.domain import (
    Achievement,
    ActualRecord,
    Actuals,
    Budget,
    IndicatorActual,
    Likelihood,
    parse_target_value,
)
from jixiao.domain import monitoring_cells as M
from jixiao.domain.template_cells import CellError
from jixiao.ingest.fill_sheet import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHEETS,
    At,
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

_AMOUNT_LABELS = {M.PLANNED: "planned", M.ADJUSTED: "adjusted", M.EXPECTED: "expected"}
_HEADS = grid_heads(M.INDICATOR_COLUMNS, 备注="measures", 改进措施="measures", 偏差原因分析="causes")
_ACHIEVEMENTS = {a.value: a for a in Achievement}


class MonitoringTableError(FillTableError):
    """A filled monitoring table refused whole: ``errors`` names every bad cell (``sheet!C12``)."""


def _month(s: FillSheet, at: At | None, text: str | None, month: int, what: str) -> None:
    if at is None or text is None:
        return
    found = M.parse_months(text)
    if found is None:
        s.error(at, f"{what}“{text}”无法识别，应为 {M.month_span(month)}")
    elif found != month:
        s.error(at, f"{what}为 {M.month_span(found)}，与本填报表的监控时点 {M.month_span(month)} 不一致")


def _budget(s: FillSheet, month: int) -> Budget:
    def executed(at: At, key: str) -> str | None:
        if not key.endswith("执行数"):
            return None
        _month(s, at, key, month, "执行数的月份")
        return "executed"

    ends = (M.GOAL, M.GOAL_RESULT, *_HEADS)
    return read_budget(s, _AMOUNT_LABELS, executed, ends, M.SOURCE, M.TOTAL)


def _indicators(s: FillSheet) -> tuple[IndicatorActual, ...]:
    out = []
    for row in grid_rows(
        s, "当前完成情况", _HEADS, ("actual", "causes", "cause_note", "likelihood", "measures")
    ):
        causes = s.causes(row.at["causes"]) if "causes" in row.at else ()
        likelihood = row.typed.get("likelihood")
        if likelihood is not None and likelihood not in M.LIKELIHOODS:
            s.error(row.at["likelihood"], f"完成目标可能性“{likelihood}”须为 {' / '.join(M.LIKELIHOODS)}")
            likelihood = None
        actual = row.typed.get("actual")
        out.append(
            IndicatorActual(
                name=row.name,
                actual=parse_target_value(actual),
                status=_ACHIEVEMENTS.get(actual or ""),
                causes=causes,
                cause_note=row.typed.get("cause_note"),
                likelihood=Likelihood(likelihood) if likelihood else None,
                measures=row.typed.get("measures"),
            )
        )
    return tuple(out)


def _record(s: FillSheet, month: int, order: int) -> ReadRecord | None:
    found = identity(s, M.KEY_PREFIX)
    if found is None:
        return None
    kind, position, code, name, _ = found
    _month(s, s.right_of(M.MONTH), s.value_of(M.MONTH), month, "监控时点")
    budget = _budget(s, month)
    goal_result = s.value_of(M.GOAL_RESULT)
    indicators = _indicators(s)
    if budget == Budget() and goal_result is None and not indicators:
        return None
    return ReadRecord(
        kind, rank(position, order), ActualRecord(name or "", code, budget, goal_result, indicators)
    )


def _workbook_month(sheets: list[FillSheet], errors: list[CellError], name: str) -> int | None:
    for s in sheets:
        if (text := s.value_of(M.MONTH)) is not None:
            month = M.parse_months(text)
            if month is None:
                at = s.right_of(M.MONTH)
                assert at is not None
                s.error(at, f"监控时点“{text}”无法识别，应为 1–N月（如 1–6月）")
            return month
    errors.append(CellError(name, f"找不到“{M.MONTH}”：不是 jixiao 导出的执行监控表"))
    return None


def read_monitoring_table(data: bytes, name: str = "执行监控表.xlsx") -> Actuals:
    """The :class:`Actuals` a filled 执行监控表 holds; :class:`MonitoringTableError` naming every bad cell."""
    sheets, errors = open_sheets(data, name, MonitoringTableError)
    month = _workbook_month(sheets, errors, name)
    if month is None:
        raise MonitoringTableError(errors)
    read = [r for n, s in enumerate(sheets) if (r := _record(s, month, n)) is not None]
    if errors:
        raise MonitoringTableError(errors)
    return assemble(read, year_of(sheets, M.YEAR), month)


__all__ = ["MAX_COLUMNS", "MAX_ROWS", "MAX_SHEETS", "MonitoringTableError", "read_monitoring_table"]
