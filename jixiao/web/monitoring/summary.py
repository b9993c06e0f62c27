"""What a round's records add up to: counts by band and by stage, overdue units, the records behind, and
budget execution overall and per department — for the finance dashboard, the portal and the API.

The budget band of a sum is the core's (:func:`jixiao.evaluate.monitor.judge_budget`), so a department's
bar is judged by the same edges as one project's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jixiao.domain.actuals import Budget
from jixiao.evaluate.monitor import judge_budget
from jixiao.evaluate.profile import load_profile
from jixiao.evaluate.results import BudgetResult
from jixiao.web.monitoring.models import Band, MonitoringRound

BANDS = [Band.RED, Band.YELLOW, Band.GREEN, Band.BLUE]
STAGES = ["填报中", "退回修改", "主管部门审核", "财政审核", "完成"]
STILL_FILLING = frozenset({"填报中", "退回修改"})
NEEDS_ATTENTION = frozenset({Band.RED, Band.YELLOW})


def band_counts(records: Iterable[Any]) -> dict[str, dict[str, int]]:
    """Records by band, projects and department targets apart; ``none`` where nothing could be judged."""
    counts = {kind: {**{b.value: 0 for b in BANDS}, "none": 0} for kind in ("projects", "departments")}
    for r in records:
        kind = "projects" if r.project_id else "departments"
        counts[kind][r.band or "none"] += 1
    return counts


def band_rows(counts: dict[str, dict[str, int]]) -> list[tuple[str, str, list[tuple[str, str, int]]]]:
    """:func:`band_counts` as rows to show: (项目 or 部门整体, kind, [(band, its word, count)])."""
    words = [*((b.value, b.label) for b in BANDS), ("none", "未评")]
    return [
        (label, kind, [(b, word, counts[kind][b]) for b, word in words])
        for label, kind in (("项目", "projects"), ("部门整体", "departments"))
    ]


def stage_counts(records: Iterable[Any]) -> dict[str, int]:
    counts = dict.fromkeys(STAGES, 0)
    for r in records:
        counts[r.stage] += 1
    return counts


def is_overdue(record: Any, round_: MonitoringRound, today: dt.date) -> bool:
    """Past the round's due date and still with the unit (or returned to it)."""
    return today > round_.due_date and record.stage in STILL_FILLING


def filler_of(record: Any) -> str:
    """Who fills the record in: its unit, or its department for what the department reports itself."""
    if record.unit_id:
        return str(record.unit.name)
    return f"{record.department.name}（部门）" if record.owner_department_id else str(record.department.name)


def overdue_by_filler(
    records: Iterable[Any], round_: MonitoringRound, today: dt.date
) -> list[dict[str, Any]]:
    """The units (or departments) with overdue records, most overdue first."""
    late: dict[str, list[Any]] = {}
    for r in records:
        if is_overdue(r, round_, today):
            late.setdefault(filler_of(r), []).append(r)
    return [
        {"who": who, "department": rs[0].department.name, "records": rs}
        for who, rs in sorted(late.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]


def budget_of(records: Iterable[Any], month: int) -> BudgetResult:
    """Budget execution of ``records`` taken together (those with a budget and a spending figure)."""
    basis = executed = 0.0
    for r in records:
        if r.budget_basis is not None and r.executed is not None:
            basis += float(r.budget_basis)
            executed += float(r.executed)
    return judge_budget(Budget(planned=basis or None, executed=executed), month, load_profile().bands)


@dataclass(frozen=True, slots=True)
class DepartmentExecution:
    department_id: int
    name: str
    records: int
    budget: BudgetResult


def by_department(records: list[Any], month: int) -> list[DepartmentExecution]:
    """Budget execution per department, lowest execution rate first (what finance looks at first)."""
    groups: dict[int, list[Any]] = {}
    for r in records:
        groups.setdefault(r.department_id, []).append(r)
    rows = [
        DepartmentExecution(pk, rs[0].department.name, len(rs), budget_of(rs, month))
        for pk, rs in groups.items()
    ]
    return sorted(rows, key=lambda d: (d.budget.execution_rate is None, d.budget.execution_rate or 0, d.name))


def behind(records: Iterable[Any]) -> list[dict[str, Any]]:
    """The red and yellow records, each with its red and yellow indicators (their causes and measures)."""
    out = []
    for r in records:
        if r.band in NEEDS_ATTENTION:
            rows = [i for i in r.indicators.all() if not i.archived and i.band in NEEDS_ATTENTION]
            out.append({"record": r, "indicators": rows})
    return sorted(out, key=lambda x: (x["record"].band != Band.RED, x["record"].department.name))


def round_summary(round_: MonitoringRound, records: list[Any]) -> dict[str, Any]:
    """The published summary of a round: counts by band and budget execution overall (portal, API)."""
    budget = budget_of(records, round_.month)
    return {
        "records": len(records),
        "bands": band_counts(records),
        "stages": stage_counts(records),
        "budget": budget.to_json(),
    }
