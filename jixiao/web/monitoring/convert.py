"""Monitoring rows ↔ the pure core: a record as ``jixiao/actuals@1`` objects, its bands from
:mod:`jixiao.evaluate.monitor`, its snapshot for rounds and audit, and what stops a submission.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.domain.actuals import (
    Achievement,
    ActualRecord,
    Budget,
    BudgetSource,
    Cause,
    IndicatorActual,
    Likelihood,
)
from jixiao.domain.values import TargetValue, parse_target_value
from jixiao.evaluate.matching import CAUSE_MISSING
from jixiao.evaluate.monitor import monitor_record
from jixiao.evaluate.profile import MonitorProfile, load_profile
from jixiao.evaluate.results import RecordResult

AMOUNTS = ("planned", "adjusted", "executed", "expected")
ROW_MONITORING = ("likelihood", "measures", "band")


@dataclass(frozen=True, slots=True)
class Targets:
    """What the core compares a record with: its name, code and the approved indicators' values."""

    name: str
    code: str | None
    indicators: tuple[tuple[str, TargetValue], ...]


def _float(x: Decimal | float | None) -> float | None:
    return None if x is None else float(x)


def live_indicators(record: Any) -> list[Any]:
    return list(record.indicators.filter(archived=False).order_by("position", "id"))


def indicator_actual(row: Any) -> IndicatorActual:
    return IndicatorActual(
        name=row.name,
        actual=parse_target_value(row.actual or None),
        status=Achievement(row.status) if row.status else None,
        causes=tuple(Cause(c) for c in row.causes or ()),
        cause_note=row.cause_note or None,
        likelihood=Likelihood(row.likelihood) if getattr(row, "likelihood", "") else None,
        measures=row.measures or None,
    )


def record_actuals(record: Any, rows: list[Any] | None = None) -> ActualRecord:
    """The record as the exchange form's :class:`ActualRecord` (what ``jixiao/actuals@1`` carries); a
    self-evaluation has no 全年预计执行数 and no 完成目标可能性, which stay empty."""
    rows = live_indicators(record) if rows is None else rows
    sources = tuple(
        BudgetSource(s.get("name", ""), *(_float(s.get(k)) for k in AMOUNTS)) for s in record.sources or ()
    )
    budget = Budget(*(_float(getattr(record, k, None)) for k in AMOUNTS), sources=sources)
    return ActualRecord(
        name=record.name,
        code=record.code or None,
        budget=budget,
        goal_result=record.goal_result or None,
        indicators=tuple(indicator_actual(r) for r in rows),
    )


def judge(record: Any, rows: list[Any] | None = None, profile: MonitorProfile | None = None) -> RecordResult:
    """The record's bands as the core computes them at its round's cut-off month."""
    rows = live_indicators(record) if rows is None else rows
    round_ = record.monitoring_round
    profile = profile or load_profile()
    targets = Targets(
        record.name, record.code or None, tuple((r.name, parse_target_value(r.target)) for r in rows)
    )
    rule = profile.rule_for(round_.region.name if round_.region_id else None)
    return monitor_record(targets, record_actuals(record, rows), round_.month, round_.year, profile, rule)  # type: ignore[arg-type]


def apply_bands(record: Any, rows: list[Any] | None = None) -> list[Any]:
    """Store what the core computes on the record and its rows (not saved here); the rows are returned."""
    rows = live_indicators(record) if rows is None else rows
    result = judge(record, rows)
    record.band = result.band.value if result.band else ""
    record.budget_band = result.budget.band.value if result.budget.band else ""
    record.budget_ratio = result.budget.ratio
    record.execution_rate = result.budget.execution_rate
    notes = [*result.budget.notes, *result.notes]
    record.warnings = [n.to_json() for n in notes]
    for row, judged in zip(rows, result.indicators, strict=True):
        row.band = judged.band.value if judged.band else ""
        row.progress = judged.progress
        row.rule = judged.rule.value if judged.rule else ""
    return rows


ROW_SNAPSHOT = ("level1", "level2", "name", "target", "actual", "status", "cause_note")


def record_snapshot(
    record: Any,
    fields: tuple[str, ...] = ("band", "budget_band"),
    row_fields: tuple[str, ...] = ROW_MONITORING,
) -> dict[str, Any]:
    """The record as plain data: what a round keeps and the audit log's before and after hold; ``fields``
    and ``row_fields`` are the kind's own (a monitoring record's bands, a self-evaluation's scores)."""
    return {
        "name": record.name,
        "goal_result": record.goal_result,
        **{k: _float(getattr(record, k, None)) for k in AMOUNTS},
        "sources": record.sources or [],
        **{k: getattr(record, k) for k in fields},
        "indicators": [
            {
                "id": r.pk,
                **{k: getattr(r, k) for k in (*ROW_SNAPSHOT, *row_fields)},
                "causes": list(r.causes or []),
            }
            for r in live_indicators(record)
        ],
    }


def submit_problem(record: Any) -> str | None:
    """Why a record cannot be submitted: no spending figure, an indicator not reported, or a red or yellow
    indicator without its 偏差原因 and 完成目标可能性 (the core's ``cause-missing`` warning)."""
    rows = live_indicators(record)
    if problem := record.unfilled({"执行数": record.executed is not None}):
        return problem
    if empty := [r.name for r in rows if not r.actual.strip() and not r.status]:
        return f"不能报送：以下指标未填报当前完成情况：{'、'.join(empty[:5])}。"
    judged = judge(record, rows).indicators
    if behind := [i.name for i in judged if any(n.code == CAUSE_MISSING for n in i.notes)]:
        return f"不能报送：以下指标为红灯或黄灯，请填写偏差原因和完成目标可能性：{'、'.join(behind[:5])}。"
    return None
