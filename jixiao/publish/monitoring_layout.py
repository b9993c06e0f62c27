"""The 执行监控表 and the round summary as format-neutral layout tables, and what they are drawn from.

A monitored project (or department) is its targets (:class:`~jixiao.domain.Project` or
:class:`~jixiao.domain.Department`), what the unit reported (:class:`~jixiao.domain.ActualRecord`) and,
once judged, the bands of monitoring. The writers sit below :mod:`jixiao.evaluate` (imports point down),
so the bands come in as anything shaped like its results (:class:`RecordLike`): ``jixiao monitor`` and
the web hand over :class:`jixiao.evaluate.results.RecordResult` itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from jixiao.domain import ActualRecord, Actuals, Department, Document, IndicatorActual, Project
from jixiao.domain import monitoring_cells as M
from jixiao.publish.layout import Cell, Table
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

# Light fills, so the band's word stays readable on it (red > yellow > green > blue).
BAND_FILLS = {"red": "F4A7A7", "yellow": "FFE08A", "green": "B7DEA3", "blue": "A9CCEE"}
BAND_WORDS = {"red": "红", "yellow": "黄", "green": "绿", "blue": "蓝"}
BAND_ORDER = ("red", "yellow", "green", "blue")
NOT_JUDGED = "未判断"


class BandLike(Protocol):
    @property
    def value(self) -> str: ...


class NoteLike(Protocol):
    @property
    def message(self) -> str: ...


class IndicatorLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def progress(self) -> float | None: ...
    @property
    def band(self) -> BandLike | None: ...


class SpentLike(Protocol):
    """A budget and what was spent of it, as monitoring and self-evaluation both judge it."""

    @property
    def basis(self) -> float | None: ...
    @property
    def executed(self) -> float | None: ...
    @property
    def execution_rate(self) -> float | None: ...


class BudgetLike(SpentLike, Protocol):
    @property
    def time_progress(self) -> float: ...
    @property
    def ratio(self) -> float | None: ...
    @property
    def band(self) -> BandLike | None: ...


class CodedLike(Protocol):
    """A project's or department's result, found by its code and name."""

    @property
    def name(self) -> str: ...
    @property
    def code(self) -> str | None: ...


class RecordLike(CodedLike, Protocol):
    """What the writers read of :class:`jixiao.evaluate.results.RecordResult`."""

    @property
    def band(self) -> BandLike | None: ...
    @property
    def budget(self) -> BudgetLike: ...
    @property
    def indicators(self) -> Sequence[IndicatorLike]: ...
    @property
    def notes(self) -> Sequence[NoteLike]: ...


class ResultLike(Protocol):
    """What the writers read of :class:`jixiao.evaluate.results.MonitorResult`."""

    @property
    def year(self) -> int | None: ...
    @property
    def month(self) -> int: ...
    @property
    def time_progress(self) -> float: ...
    @property
    def projects(self) -> Sequence[RecordLike]: ...
    @property
    def departments(self) -> Sequence[RecordLike]: ...


_T = TypeVar("_T")


class Named(Protocol):
    @property
    def name(self) -> str: ...


_N = TypeVar("_N", bound=Named)


class Index(Generic[_T]):
    """Items found by code where both sides have one, else by name (spaces and full-width forms ignored)."""

    def __init__(
        self, items: Iterable[_T], name_of: Callable[[_T], str], code_of: Callable[[_T], str | None]
    ) -> None:
        self.code_of = code_of
        self.taken: set[int] = set()
        self.by_code: dict[str, _T] = {}
        self.by_name: dict[str, list[_T]] = {}
        for item in items:
            if code := code_of(item):
                self.by_code.setdefault(code, item)
            self.by_name.setdefault(M.label_key(name_of(item)), []).append(item)

    def take(self, name: str, code: str | None) -> _T | None:
        """The first item for ``name`` and ``code`` not taken before: items of the same name (a region's
        several 综合运转项目) go to the targets of that name in order, as :func:`jixiao.evaluate.monitor.monitor`
        matches them."""
        if code and code in self.by_code:
            candidates = [self.by_code[code]]
        else:
            candidates = self.by_name.get(M.label_key(name), [])
        for item in candidates:
            if id(item) not in self.taken and (not code or self.code_of(item) in (None, code)):
                self.taken.add(id(item))
                return item
        return None


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One indicator of the targets as the 执行监控表 prints it (a department's 职责 in the first columns)."""

    level1: str
    level2: str
    name: str
    target: str


@dataclass(frozen=True, slots=True)
class Monitored:
    """A project or a department in the 执行监控表: its targets, its actuals and, once judged, its bands."""

    kind: str  # 项目 | 部门 (monitoring_cells.PROJECT_KIND / DEPARTMENT_KIND)
    name: str
    code: str | None
    department: str | None
    unit: str | None
    goal: str | None
    rows: tuple[TargetRow, ...]
    planned: float | None  # 年初预算数 as the targets give it
    actual: ActualRecord | None = None
    result: RecordLike | None = None

    @property
    def is_project(self) -> bool:
        return self.kind == M.PROJECT_KIND

    def reported(self) -> list[tuple[TargetRow, IndicatorActual | None, IndicatorLike | None]]:
        """Each target row with what was reported for it and its band; reports matching no target row last."""
        return self.paired(self.result.indicators if self.result else ())

    def paired(self, judged: Sequence[_N]) -> list[tuple[TargetRow, IndicatorActual | None, _N | None]]:
        """Each target row with what was reported for it and what ``judged`` says of it (by indicator name: a
        band, a score); reports matching no target row last."""
        actuals = list(self.actual.indicators) if self.actual else []
        reports = Index(actuals, lambda a: a.name, lambda a: None)
        found = Index(judged, lambda i: i.name, lambda i: None)
        out = [(row, reports.take(row.name, None), found.take(row.name, None)) for row in self.rows]
        out += [(TargetRow("", "", a.name, ""), a, None) for a in actuals if id(a) not in reports.taken]
        return out


def _project(p: Project) -> Monitored:
    rows = tuple(TargetRow(i.level1.value, i.level2.value, i.name, i.value.raw) for i in p.indicators)
    return Monitored(M.PROJECT_KIND, p.name, p.code, p.department, p.unit, p.goal, rows, p.funds.total)


def _department(d: Department) -> Monitored:
    rows = tuple(
        TargetRow(i.duty or i.duty_area or "", i.duty_goal or "", i.name, i.value.raw)
        for i in d.annual_indicators
    )
    return Monitored(M.DEPARTMENT_KIND, d.name, d.code, d.name, None, None, rows, None)


def monitored(
    targets: Document, actuals: Actuals | None = None, result: ResultLike | None = None, *, every: bool = True
) -> list[Monitored]:
    """Every project and department of ``targets`` (departments with annual indicators), each with its actuals
    and bands; with ``every=False`` only those that were reported on (in ``actuals`` or ``result``)."""
    out = []
    for kind, items, reported, judged in (
        (
            M.PROJECT_KIND,
            [_project(p) for p in targets.projects],
            actuals.projects if actuals else (),
            result.projects if result else (),
        ),
        (
            M.DEPARTMENT_KIND,
            [_department(d) for d in targets.departments if d.annual_indicators],
            actuals.departments if actuals else (),
            result.departments if result else (),
        ),
    ):
        by_actual = Index(reported, lambda a: a.name, lambda a: a.code)
        by_result = Index(judged, lambda r: r.name, lambda r: r.code)
        for item in items:
            actual = by_actual.take(item.name, item.code)
            found = by_result.take(item.name, item.code)
            if actual is None and found is None and not every:
                continue
            out.append(
                Monitored(
                    kind,
                    item.name,
                    item.code,
                    item.department,
                    item.unit,
                    item.goal,
                    item.rows,
                    item.planned,
                    actual,
                    found,
                )
            )
    return out


# -- drawing -------------------------------------------------------------------------------------------


def band_cell(band: BandLike | None, progress: float | None = None, colspan: int = 1) -> Cell:
    """A band in words and colour: ``黄灯`` on yellow, with the progress under it when there is one."""
    if band is None:
        return Cell(NOT_JUDGED, colspan=colspan)
    text = f"{BAND_WORDS[band.value]}灯" + (f"\n{progress:.1f}" if progress is not None else "")
    return Cell(text, colspan=colspan, fill=BAND_FILLS[band.value])


GRID_WIDTHS = (10.0, 10.0, 16.0, 11.0, 11.0, 9.0, 10.0, 16.0, 9.0, 18.0)


def info_table(m: Monitored, month: int, time_progress: float) -> Table:
    """Header, 项目资金 block with the budget's band, 年度总体目标 and its 实际完成情况."""
    t = Table("monitor-info", INFO_WIDTHS)
    t.body += record_rows(m)
    t.body.append(
        [
            label(M.MONTH),
            Cell(M.month_span(month), colspan=5),
            label("时间进度"),
            Cell(percent(time_progress), colspan=3),
        ]
    )
    budget = m.actual.budget if m.actual else None
    sources = budget.sources if budget else ()
    t.body.append(
        [
            label(M.FUNDS if m.is_project else M.DEPARTMENT_FUNDS, rowspan=2 + len(sources)),
            head(M.SOURCE),
            head(M.PLANNED),
            head(M.ADJUSTED),
            head(M.executed_label(month)),
            head(M.EXECUTION_RATE),
            head(M.EXPECTED),
            head("执行进度"),
            head(M.BAND, colspan=2),
        ]
    )
    judged = m.result.budget if m.result else None
    rate = judged.execution_rate if judged else None
    t.body.append(
        [
            label(M.TOTAL),
            Cell(amount(budget.planned if budget else m.planned)),
            Cell(amount(budget.adjusted if budget else None)),
            Cell(amount(budget.executed if budget else None)),
            Cell(percent(rate)),
            Cell(amount(budget.expected if budget else None)),
            Cell(percent(judged.ratio if judged else None)),
            band_cell(judged.band if judged else None, colspan=2),
        ]
    )
    for s in sources:
        basis = s.adjusted if s.adjusted is not None else s.planned
        share = s.executed * 100 / basis if basis and s.executed is not None else None
        t.body.append(
            [
                label(s.name),
                Cell(amount(s.planned)),
                Cell(amount(s.adjusted)),
                Cell(amount(s.executed)),
                Cell(percent(share)),
                Cell(amount(s.expected)),
                Cell(""),
                Cell("", colspan=2),
            ]
        )
    t.body.append([label(M.GOAL), Cell(m.goal or "", colspan=9)])
    t.body.append([label(M.GOAL_RESULT), Cell((m.actual.goal_result if m.actual else None) or "", colspan=9)])
    return t


def indicator_table(m: Monitored) -> Table:
    """The indicator grid with each indicator's band beside its 当前完成情况."""
    t = Table("monitor-indicators", GRID_WIDTHS)
    heads = grid_heads(M.INDICATOR_COLUMNS, m.is_project)
    t.head.append([head(h) for h in heads[:5]] + [head(M.BAND)] + [head(h) for h in heads[5:]])
    for row, actual, judged in m.reported():
        t.body.append(
            target_cells(row)
            + [
                Cell(actual_text(actual)),
                band_cell(judged.band, judged.progress) if judged else Cell(NOT_JUDGED if m.result else ""),
                Cell(M.CAUSE_SEPARATOR.join(c.value for c in actual.causes) if actual else ""),
                Cell((actual.cause_note if actual else None) or ""),
                Cell(actual.likelihood.value if actual and actual.likelihood else ""),
                Cell((actual.measures if actual else None) or ""),
            ]
        )
    return t


def actual_text(actual: IndicatorActual | None) -> str:
    """当前完成情况 as the table prints it: the value as typed, else a qualitative indicator's status."""
    if actual is None:
        return ""
    return actual.actual.raw or (actual.status.value if actual.status else "")
