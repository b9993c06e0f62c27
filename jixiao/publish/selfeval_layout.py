"""The 绩效自评表 as format-neutral layout tables, and what it is drawn from.

An evaluated project (or department) is its targets and what the unit reported (a
:class:`~jixiao.publish.monitoring_layout.Monitored`, paired by the same code and name rules) and, once
scored, its :class:`RecordScoreLike`. The writers sit below :mod:`jixiao.evaluate` (imports point down), so the
scores come in as anything shaped like its results: ``jixiao evaluate`` hands over
:class:`jixiao.evaluate.selfeval_results.SelfEvalResult` itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from jixiao.domain import Actuals, Document, IndicatorActual
from jixiao.domain import fill_cells as F
from jixiao.domain import selfeval_cells as S
from jixiao.publish.layout import Cell, Table
from jixiao.publish.monitoring_layout import (
    BAND_FILLS,
    BandLike,
    CodedLike,
    Index,
    Monitored,
    NoteLike,
    SpentLike,
    TargetRow,
    monitored,
)
from jixiao.publish.reporting_layout import (
    INFO_WIDTHS,
    amount,
    grid_heads,
    head,
    label,
    percent,
    record_rows,
    target_cells,
)

# 优 green, 良 blue, 中 yellow, 差 red: the monitoring bands' light fills, so the word stays readable.
GRADE_FILLS = {
    "优": BAND_FILLS["green"],
    "良": BAND_FILLS["blue"],
    "中": BAND_FILLS["yellow"],
    "差": BAND_FILLS["red"],
}
GRADES = ("优", "良", "中", "差")
WARNING_WORDS = {"red": "红色预警", "yellow": "黄色预警"}


class FindingLike(NoteLike, Protocol):
    @property
    def code(self) -> str: ...
    @property
    def band(self) -> BandLike | None: ...
    @property
    def error(self) -> bool: ...


class IndicatorScoreLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def weight(self) -> float: ...
    @property
    def score(self) -> float: ...
    @property
    def findings(self) -> Sequence[FindingLike]: ...


class BudgetScoreLike(SpentLike, Protocol):
    @property
    def weight(self) -> float: ...
    @property
    def score(self) -> float | None: ...
    @property
    def findings(self) -> Sequence[FindingLike]: ...


class RecordScoreLike(CodedLike, Protocol):
    """What the writers read of :class:`jixiao.evaluate.selfeval_results.RecordScore`."""

    @property
    def indicators(self) -> Sequence[IndicatorScoreLike]: ...
    @property
    def budget(self) -> BudgetScoreLike: ...
    @property
    def total(self) -> float: ...
    @property
    def grade(self) -> BandLike: ...
    @property
    def consequence(self) -> str: ...
    @property
    def findings(self) -> Sequence[FindingLike]: ...
    @property
    def warnings(self) -> Sequence[FindingLike]: ...


class SelfEvalLike(Protocol):
    """What the writers read of :class:`jixiao.evaluate.selfeval_results.SelfEvalResult`."""

    @property
    def year(self) -> int | None: ...
    @property
    def grade_edges(self) -> tuple[float, float, float]: ...
    @property
    def projects(self) -> Sequence[RecordScoreLike]: ...
    @property
    def departments(self) -> Sequence[RecordScoreLike]: ...
    @property
    def notes(self) -> Sequence[FindingLike]: ...


@dataclass(frozen=True, slots=True)
class Evaluated:
    """A project or a department in the 绩效自评表: its targets and actuals (``item``) and, once scored, its score."""

    item: Monitored
    score: RecordScoreLike | None = None

    @property
    def is_project(self) -> bool:
        return self.item.is_project

    def rows(self) -> list[tuple[TargetRow, IndicatorActual | None, IndicatorScoreLike | None]]:
        return self.item.paired(self.score.indicators if self.score else ())


def evaluated(
    targets: Document,
    actuals: Actuals | None = None,
    result: SelfEvalLike | None = None,
    *,
    every: bool = True,
) -> list[Evaluated]:
    """Every project and department target of ``targets`` with its actuals and its score; with ``every=False``
    only those reported on or scored. With actuals given, a target they lack keeps no 年初预算数, so its sheet
    left blank reads back as nothing."""
    out = []
    indexes = {
        F.PROJECT_KIND: Index(result.projects if result else (), lambda r: r.name, lambda r: r.code),
        F.DEPARTMENT_KIND: Index(result.departments if result else (), lambda r: r.name, lambda r: r.code),
    }
    for m in monitored(targets, actuals):
        score = indexes[m.kind].take(m.name, m.code)
        if m.actual is None and score is None and not every:
            continue
        out.append(Evaluated(replace(m, planned=None) if actuals and m.actual is None else m, score))
    return out


def actual_text(actual: IndicatorActual | None) -> str:
    """实际完成值 as printed in a report: the value typed, with a qualitative status beside it."""
    if actual is None:
        return ""
    status = actual.status.value if actual.status else ""
    if actual.actual.raw and status and actual.actual.raw != status:
        return f"{actual.actual.raw}（{status}）"
    return actual.actual.raw or status


def points(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def grade_cell(grade: str, colspan: int = 1) -> Cell:
    return Cell(grade, colspan=colspan, fill=GRADE_FILLS.get(grade))


def causes_text(actual: IndicatorActual | None) -> str:
    return F.CAUSE_SEPARATOR.join(c.value for c in actual.causes) if actual else ""


GRID_WIDTHS = (10.0, 10.0, 16.0, 11.0, 12.0, 8.0, 8.0, 11.0, 16.0, 16.0)


def info_table(e: Evaluated) -> Table:
    """Header, the funds block with the budget's 分值 and 得分, and the 年度总体目标 with its 实际完成情况."""
    m, score = e.item, e.score
    t = Table("selfeval-info", INFO_WIDTHS)
    t.body += record_rows(m)
    if not m.is_project:
        units = m.actual.subordinate_units if m.actual else None
        t.body.append([label(S.UNITS), Cell("" if units is None else str(units), colspan=9)])
    budget = m.actual.budget if m.actual else None
    sources = budget.sources if budget else ()
    t.body.append(
        [
            label(S.FUNDS if m.is_project else S.DEPARTMENT_FUNDS, rowspan=2 + len(sources)),
            head(S.SOURCE, colspan=2),
            head(S.PLANNED),
            head(S.BUDGET),
            head(S.EXECUTED),
            head(S.WEIGHT),
            head(S.EXECUTION_RATE),
            head(S.SCORE, colspan=2),
        ]
    )
    judged = score.budget if score else None
    t.body.append(
        [
            label(S.TOTAL, colspan=2),
            Cell(amount(budget.planned if budget else m.planned)),
            Cell(amount(budget.adjusted if budget else None)),
            Cell(amount(budget.executed if budget else None)),
            Cell(points(judged.weight) if judged else "10.00"),
            Cell(percent(judged.execution_rate if judged else None)),
            Cell(
                points(judged.score if judged and judged.score is not None else 0.0) if judged else "",
                colspan=2,
            ),
        ]
    )
    for s in sources:
        t.body.append(
            [
                label(s.name, colspan=2),
                Cell(amount(s.planned)),
                Cell(amount(s.adjusted)),
                Cell(amount(s.executed)),
                Cell("—"),
                Cell(""),
                Cell("—", colspan=2),
            ]
        )
    if not m.is_project:
        note = m.actual.budget_note if m.actual else None
        t.body.append([label(S.BUDGET_NOTE), Cell(note or "", colspan=9)])
    t.body.append(
        [label(S.GOAL, rowspan=2), head(S.GOAL_EXPECTED, colspan=4), head(S.GOAL_RESULT, colspan=5)]
    )
    goal_result = m.actual.goal_result if m.actual else None
    t.body.append([Cell(m.goal or "", colspan=4), Cell(goal_result or "", colspan=5)])
    return t


def indicator_table(e: Evaluated) -> Table:
    """The indicator grid with 分值 and 得分, then 总分, 自评等级 and 结果应用, and the record's warnings."""
    t = Table("selfeval-indicators", GRID_WIDTHS)
    heads = grid_heads(S.INDICATOR_COLUMNS, e.is_project)
    t.head.append(
        [head(h) for h in heads[:5]]
        + [head(S.WEIGHT), head(S.SCORE), head("偏差原因"), head("偏差原因分析"), head("改进措施")]
    )
    for row, actual, judged in e.rows():
        weight = judged.weight if judged else actual.weight if actual else None
        score = judged.score if judged else actual.score if actual else None
        t.body.append(
            target_cells(row)
            + [
                Cell(actual_text(actual)),
                Cell(points(weight), number=weight),
                Cell(points(score), number=score),
                Cell(causes_text(actual)),
                Cell((actual.cause_note if actual else None) or ""),
                Cell((actual.measures if actual else None) or ""),
            ]
        )
    s = e.score
    if s is not None:
        weights = sum(i.weight for i in s.indicators) + s.budget.weight
        t.body.append(
            [
                label(S.TOTAL_SCORE, colspan=5),
                Cell(points(weights), number=weights),
                Cell(points(s.total), number=s.total),
                Cell("", colspan=3),
            ]
        )
        t.body.append(
            [
                label(S.GRADE, colspan=5),
                grade_cell(s.grade.value, colspan=2),
                label(S.CONSEQUENCE),
                Cell(s.consequence, colspan=2),
            ]
        )
        notes = [warning_text(f) for f in s.warnings]
        if notes:
            t.body.append([label("预警与提示", colspan=2), Cell("\n".join(notes), colspan=8)])
    return t


def warning_text(f: FindingLike) -> str:
    word = WARNING_WORDS.get(f.band.value) if f.band else None
    return f"{word or ('错误' if f.error else '提示')}：{f.message}"
