"""What is due and overdue (到期、逾期) for one person: each deadline of their region with the things waiting
at its stage that the person may clear, and for finance how many are still outstanding across the region."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from jixiao.web import policy
from jixiao.web.organisations.models import Region
from jixiao.web.targets.models import DepartmentTarget, Project
from jixiao.web.workflow.deadlines import Deadline, DeadlineKind

MODELS: dict[str, Any] = {DeadlineKind.PROJECT: Project, DeadlineKind.DEPARTMENT_TARGET: DepartmentTarget}
PAGES = {DeadlineKind.PROJECT: "work-project", DeadlineKind.DEPARTMENT_TARGET: "work-department"}
SHOWN = 20  # the waiting things named per deadline; the count says how many there are
RECENT = dt.timedelta(days=365)  # without a year asked for, deadlines older than this are history


@dataclass
class Due:
    deadline: Deadline
    days_left: int  # negative once overdue
    count: int  # waiting for this person
    items: list[Any] = field(default_factory=list)
    outstanding: int | None = None  # waiting for anyone in the region, for those who oversee it
    page: str = ""

    @property
    def days_over(self) -> int:
        return -self.days_left

    @property
    def overdue(self) -> bool:
        return self.days_left < 0 and bool(self.count or self.outstanding)


def at_stage(deadline: Deadline) -> QuerySet[Any]:
    """The region's things of the deadline's kind and year still at its stage."""
    model = MODELS[deadline.kind]
    rows = model.objects.filter(region_id=deadline.region_id, year=deadline.year, archived=False)
    return rows.filter(deadline.stage.waiting).select_related("department")  # type: ignore[no-any-return]


def region_of(user: Any, asked: int | None = None) -> Region | None:
    """The region a person's deadlines and dashboard are about: their own; the back office chooses one."""
    actor = policy.actor_of(user)
    if actor.region_id is not None:
        return Region.objects.filter(pk=actor.region_id).first()
    if actor.superuser:
        rows = Region.objects.order_by("name")
        return (rows.filter(pk=asked).first() if asked else None) or rows.first()
    return None


def due_for(user: Any, region: Region | None, today: dt.date, year: int | None = None) -> list[Due]:
    """Every deadline of ``region`` of ``year`` — or, without one, those due in the last year or later —
    soonest first, with what ``user`` has due."""
    if region is None:
        return []
    deadlines = Deadline.objects.filter(region=region).select_related("region")
    when = {"year": year} if year else {"due_date__gte": today - RECENT}
    deadlines = deadlines.filter(**when)
    oversees = policy.can(user, "dashboard", region)
    found = []
    for d in deadlines.order_by("due_date", "kind", "round"):
        waiting = at_stage(d)
        mine = policy.restrict(waiting, user, d.stage.verb).order_by("department__name", "id")
        count = mine.count()
        found.append(
            Due(
                deadline=d,
                days_left=(d.due_date - today).days,
                count=count,
                items=list(mine[:SHOWN]) if count else [],
                outstanding=waiting.count() if oversees else None,
                page=PAGES[d.kind],
            )
        )
    return found
