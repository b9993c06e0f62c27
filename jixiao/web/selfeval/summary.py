"""What a year's 自评表 add up to: the grade distribution, the red and yellow warnings, and per department
its budget execution against its mean score — for finance's results page, the scatter and the API."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jixiao.web.workflow.states import Grade

GRADES = [g.value for g in Grade]


def grade_counts(records: Iterable[Any]) -> dict[str, dict[str, int]]:
    """自评表 by grade, projects and department targets apart; ``none`` where nothing is scored yet."""
    counts = {kind: {**dict.fromkeys(GRADES, 0), "none": 0} for kind in ("projects", "departments")}
    for r in records:
        counts["projects" if r.project_id else "departments"][r.result or "none"] += 1
    return counts


def warned(records: Iterable[Any]) -> list[Any]:
    """The 自评表 with a red or a yellow warning, red first."""
    return sorted((r for r in records if r.red or r.yellow), key=lambda r: (not r.red, r.department.name))


@dataclass(frozen=True, slots=True)
class DepartmentResult:
    department_id: int
    name: str
    records: int
    execution_rate: float | None  # Σ 执行数 ÷ Σ 全年预算数, %
    mean_total: float | None  # the mean 总分 of its scored 自评表
    grades: dict[str, int]


def by_department(records: list[Any]) -> list[DepartmentResult]:
    """Per department: execution, mean score and grades, lowest mean score first."""
    groups: dict[int, list[Any]] = {}
    for r in records:
        groups.setdefault(r.department_id, []).append(r)
    out = []
    for pk, rs in groups.items():
        funded = [r for r in rs if r.budget_basis and r.executed is not None]
        basis = sum(float(r.budget_basis) for r in funded)
        rate = sum(float(r.executed) for r in funded) * 100 / basis if basis else None
        totals = [r.total for r in rs if r.total is not None]
        mean = round(sum(totals) / len(totals), 2) if totals else None
        grades = {g: sum(r.result == g for r in rs) for g in GRADES}
        out.append(DepartmentResult(pk, rs[0].department.name, len(rs), rate, mean, grades))
    return sorted(out, key=lambda d: (d.mean_total is None, d.mean_total or 0, d.name))


def year_summary(records: list[Any]) -> dict[str, Any]:
    """The year's results in numbers (the API's round detail)."""
    return {
        "records": len(records),
        "grades": grade_counts(records),
        "red": sum(r.red for r in records),
        "yellow": sum(r.yellow for r in records),
        "stages": {s: sum(r.stage == s for r in records) for s in sorted({r.stage for r in records})},
    }
