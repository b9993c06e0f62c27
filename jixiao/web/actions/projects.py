"""Create, edit and copy projects (编制): a project's fields and indicators on top of the generic review
actions (:mod:`jixiao.web.actions.review`: the version-checked save, withdrawing, the review moves)."""

from __future__ import annotations

from decimal import Decimal
from itertools import count
from typing import Any

from django.db import transaction

from jixiao.domain import Level2
from jixiao.domain.taxonomy import level1_of
from jixiao.web import policy
from jixiao.web.actions.errors import Invalid
from jixiao.web.actions.review import checked_save, sync_items
from jixiao.web.audit import record
from jixiao.web.organisations.models import FiscalYear, Unit
from jixiao.web.selfeval.lessons import carry
from jixiao.web.targets.draft import FUND_FIELDS, SPENDING_PERIODS, TEXT_FIELDS, ProjectDraft, draft_problems
from jixiao.web.targets.models import Indicator, Project
from jixiao.web.targets.search import project_search_text
from jixiao.web.targets.snapshot import draft_fields
from jixiao.web.workflow.states import State


def framework_for(region_id: int, year: int) -> str:
    """The indicator framework of a region's year; 2021 unless the year was set up otherwise."""
    fy = FiscalYear.objects.filter(region_id=region_id, year=year).first()
    return fy.framework if fy else "2021"


def _apply_fields(project: Project, draft: ProjectDraft) -> None:
    for name in TEXT_FIELDS:
        setattr(project, name, getattr(draft, name).strip())
    for name in FUND_FIELDS:
        setattr(project, name, getattr(draft, name))
    project.is_new = draft.is_new
    project.spending_plan = [
        {
            "period": p,
            "amount": float(draft.spending_plan[p]) if draft.spending_plan.get(p) is not None else None,
        }
        for p in SPENDING_PERIODS
        if p in draft.spending_plan
    ]


def _indicator_fields(row: Indicator, ind: Any, position: int) -> None:
    row.position = position
    row.level2 = ind.level2
    row.level1 = level1_of(Level2(ind.level2)).value
    row.name = ind.name.strip()
    row.description = ind.description.strip()
    row.scoring = ind.scoring.strip()
    row.basis = ind.basis
    row.set_value(ind.value)


INDICATOR_FIELDS = [
    "position",
    "level1",
    "level2",
    "name",
    "description",
    "scoring",
    "basis",
    *Indicator.VALUE_FIELDS,
]


def _save_indicators(project: Project, draft: ProjectDraft) -> None:
    positions = count(1)
    sync_items(
        project,
        draft.indicators,
        lambda row, ind: _indicator_fields(row, ind, next(positions)),
        INDICATOR_FIELDS,
    )


def do_create_project(
    *, acting_user: Any, unit: Unit, year: int, draft: ProjectDraft, copied_from: Project | None = None
) -> Project:
    """A new draft project of ``unit`` for ``year``; a copy carries the lessons of its source's self-evaluation
    (结果应用, :mod:`jixiao.web.selfeval.lessons`) and its audit row says what was carried."""
    project = Project.new_in(unit, year=year, state=State.DRAFT, copied_from=copied_from)
    policy.require(acting_user, "create", project)
    if problems := draft_problems(draft, framework_for(project.region_id, year)):
        raise Invalid(problems)
    with transaction.atomic():
        _apply_fields(project, draft)
        project.search_text = project_search_text(
            project.name, project.code, (i.name for i in draft.indicators)
        )
        lessons = carry(project, copied_from)
        project.save()
        _save_indicators(project, draft)
        message = f"新建项目“{project.name}”"
        detail: dict[str, Any] = {"copied_from": copied_from.pk if copied_from else None}
        if lessons:
            message += lessons.keep(project, detail)
        record(acting_user, "create", project, project=project, message=message, detail=detail)
    return project


def do_save_project(
    *, acting_user: Any, project: Project, draft: ProjectDraft, expected_version: int
) -> Project:
    """Save an editor's changes unless someone else saved since ``expected_version`` was loaded."""
    framework = framework_for(project.region_id, project.year)
    with checked_save(
        acting_user=acting_user,
        target=project,
        expected_version=expected_version,
        problems=lambda: draft_problems(draft, framework),
    ) as stored:
        _apply_fields(stored, draft)
        stored.search_text = project_search_text(stored.name, stored.code, (i.name for i in draft.indicators))
        stored.save()
        _save_indicators(stored, draft)
    return project


NOT_COPIED = ("id", "level1")


def copy_draft(source: Project) -> ProjectDraft:
    """A draft holding ``source``'s fields and indicators: the start of next year's targets."""
    from jixiao.web.targets.draft import IndicatorDraft

    plan = {
        p["period"]: (Decimal(str(p["amount"])) if p.get("amount") is not None else None)
        for p in source.spending_plan
    }
    return ProjectDraft(
        **{name: getattr(source, name) for name in (*TEXT_FIELDS, *FUND_FIELDS, "is_new")},
        spending_plan=plan,
        # new rows, whose 一级 follows their 二级 (which a copy to another framework's year refiles)
        indicators=[
            IndicatorDraft(
                **{k: v for k, v in draft_fields(i, IndicatorDraft).items() if k not in NOT_COPIED}
            )
            for i in source.live_indicators()
        ],
    )


_COSTS_2021 = {Level2.ECONOMIC_COST.value, Level2.SOCIAL_COST.value, Level2.ECOLOGICAL_COST.value}


def refile_level2(level2: str, framework: str) -> str:
    """The 二级 a cost indicator takes in ``framework``: 成本指标 (2020) or 经济成本指标 (2021)."""
    if framework == "2021" and level2 == Level2.COST.value:
        return Level2.ECONOMIC_COST.value
    if framework == "2020" and level2 in _COSTS_2021:
        return Level2.COST.value
    return level2


def do_copy_project(*, acting_user: Any, source: Project, year: int) -> Project:
    """Copy a project of the editor's own unit into a new draft for ``year`` (复制上年目标), with the lessons of
    its approved or published self-evaluation."""
    policy.require(acting_user, "copy", source)
    draft = copy_draft(source)
    framework = framework_for(source.region_id, year)
    for ind in draft.indicators:
        ind.level2 = refile_level2(ind.level2, framework)
    assert source.unit is not None
    return do_create_project(
        acting_user=acting_user, unit=source.unit, year=year, draft=draft, copied_from=source
    )
