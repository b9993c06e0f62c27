"""The dashboard's figures for one scope (a region's year, or one department's): counts and money by state,
counts per department, review progress over time from the audit log, and grades.

Everything is counted in SQL (one grouped query per figure), so a province's year costs a handful of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Min, QuerySet, Sum
from django.utils import timezone

from jixiao.web.audit.models import AuditEvent
from jixiao.web.monitoring.models import Band, MonitoringRecord, MonitoringRound
from jixiao.web.organisations.models import Department, Region
from jixiao.web.selfeval.models import SelfEvaluation
from jixiao.web.targets.models import DepartmentTarget, Project
from jixiao.web.workflow.states import Grade, State

# The moves that mark review progress, in the order a project meets them, with the line's name.
MILESTONES = {"submit": "已报送", "dept_pass": "主管部门已审核", "approve": "已批复", "publish": "已公开"}


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose targets the dashboard counts: a region's budget year, or one department's of it."""

    region: Region
    year: int
    department: Department | None = None

    def _of(self, model: Any) -> QuerySet[Any]:
        rows = model.objects.filter(region=self.region, year=self.year, archived=False)
        return rows.filter(department=self.department) if self.department else rows  # type: ignore[no-any-return]

    def projects(self) -> QuerySet[Project]:
        return self._of(Project)

    def department_targets(self) -> QuerySet[DepartmentTarget]:
        return self._of(DepartmentTarget)

    def selfevaluations(self) -> QuerySet[SelfEvaluation]:
        return self._of(SelfEvaluation)

    def monitoring_records(self) -> QuerySet[MonitoringRecord]:
        return self._of(MonitoringRecord)


@dataclass(frozen=True, slots=True)
class StateRow:
    state: str
    label: str
    count: int
    money: Decimal  # 资金总额, 万元


@dataclass(frozen=True, slots=True)
class DepartmentRow:
    name: str
    counts: list[int]  # per state, in State order
    total: int
    money: Decimal


def by_state(rows: QuerySet[Any], money: str | None = "funds_total") -> list[StateRow]:
    """How many of ``rows`` are in each state, and the sum of their ``money`` field (资金总额), every state listed."""
    sums = {"money": Sum(money)} if money else {}
    found = {r["state"]: r for r in rows.values("state").annotate(n=Count("id"), **sums)}
    return [
        StateRow(
            s.value, str(s.label), found.get(s, {}).get("n", 0), found.get(s, {}).get("money") or Decimal(0)
        )
        for s in State
    ]


def by_department(projects: QuerySet[Project]) -> list[DepartmentRow]:
    """Per department, how many projects are in each state (the review's progress by department)."""
    rows: dict[str, dict[str, Any]] = {}
    for r in projects.values("department__name", "state").annotate(n=Count("id"), money=Sum("funds_total")):
        row = rows.setdefault(r["department__name"], {"counts": {}, "money": Decimal(0)})
        row["counts"][r["state"]] = r["n"]
        row["money"] += r["money"] or Decimal(0)
    return [
        DepartmentRow(
            name,
            [row["counts"].get(s, 0) for s in State],
            sum(row["counts"].values()),
            row["money"],
        )
        for name, row in sorted(rows.items())
    ]


def progress(projects: QuerySet[Project]) -> dict[str, list[tuple[dt.date, int]]]:
    """For each milestone, how many projects had reached it by each day it moved (from the audit log)."""
    firsts = (
        AuditEvent.objects.filter(
            target_type=Project.__name__,
            target_id__in=projects.values("pk"),
            ok=True,
            verb__in=list(MILESTONES),
        )
        .values("verb", "target_id")
        .annotate(first=Min("at"))
    )
    per_day: dict[str, dict[dt.date, int]] = {verb: {} for verb in MILESTONES}
    for r in firsts:
        day = timezone.localdate(r["first"])
        per_day[r["verb"]][day] = per_day[r["verb"]].get(day, 0) + 1
    series = {}
    for verb, days in per_day.items():
        total, points = 0, []
        for day in sorted(days):
            total += days[day]
            points.append((day, total))
        series[verb] = points
    return series


def counts(rows: QuerySet[Any], field: str, choices: Any) -> list[tuple[str, int]]:
    """How many rows hold each of ``choices`` in ``field`` (label, count), every choice listed."""
    found = dict(rows.exclude(**{field: ""}).values_list(field).annotate(n=Count("id")))
    return [(str(c.label), found.get(c.value, 0)) for c in choices]


def latest_monitoring(scope: Scope) -> MonitoringRound | None:
    """The region's monitoring round of the year with the latest cut-off month, if any."""
    rounds = MonitoringRound.objects.filter(region=scope.region, year=scope.year)
    return rounds.order_by("-month", "-id").first()


def grades(scope: Scope) -> dict[str, Any]:
    """审核等级 of the projects, 自评等级 of the self-evaluations, and the latest monitoring round's lights."""
    monitoring = latest_monitoring(scope)
    records = scope.monitoring_records().filter(monitoring_round=monitoring) if monitoring else None
    return {
        "review": counts(scope.projects(), "grade", Grade),
        "selfeval": counts(scope.selfevaluations(), "result", Grade),
        "monitoring_round": monitoring,
        "bands": counts(records, "band", Band) if records is not None else [],
        "budget_bands": counts(records, "budget_band", Band) if records is not None else [],
    }
