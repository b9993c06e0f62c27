"""结果应用 at compile time: last year's self-evaluation of a project — its score, grade, consequence and
the 整改事项 still open — shown beside the project when next year's targets are compiled."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from jixiao.web.selfeval.models import Rectification, RectificationState, SelfEvaluation
from jixiao.web.workflow.states import State


@dataclass(frozen=True, slots=True)
class LastYear:
    sheet: SelfEvaluation
    open_items: list[Rectification]


def last_year(unit: Any, year: int, project: Any = None) -> list[LastYear]:
    """The unit's approved or published self-evaluations of ``year`` − 1: of ``project`` (matched by code,
    else by name) when given, else all of them (a new project may continue any)."""
    if unit is None:
        return []
    rows = SelfEvaluation.objects.filter(
        unit=unit,
        year=year - 1,
        archived=False,
        project__isnull=False,
        state__in=[State.APPROVED, State.PUBLISHED],
    )
    if project is not None:
        same = Q(name=project.name) | (Q(code=project.code) if project.code else Q(pk__in=[]))
        rows = rows.filter(same)
    return [
        LastYear(s, list(s.rectifications.filter(state=RectificationState.OPEN).order_by("due_date", "id")))
        for s in rows.order_by("name", "id")
    ]
