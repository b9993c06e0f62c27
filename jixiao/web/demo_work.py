"""The demo's waiting work: in the year being compiled, something for every role to do, made through the
same actions as real work (new projects, 报送, 审核, 意见, 退回, 批复, 复制上年), so each item has its
real history, snapshots and audit rows.

- the department reviewer (主管部门) finds a project at 一上 waiting for the department;
- the finance reviewer (财政) finds one the department passed, and the department's own targets;
- the unit editor (单位) finds one returned by finance with comments on its indicators;
- the finance admin finds one approved (二下), ready to publish (公开).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django.db.models import Case, IntegerField, When

from jixiao.web import policy
from jixiao.web.actions import ActionError, Invalid
from jixiao.web.actions.departments import (
    copy_department_draft,
    do_copy_department_target,
    do_save_department_target,
)
from jixiao.web.actions.projects import copy_draft, do_create_project, framework_for, refile_level2
from jixiao.web.actions.review import do_comment, do_transition
from jixiao.web.organisations.models import Role, Unit
from jixiao.web.targets.draft import value_problem
from jixiao.web.targets.models import DepartmentTarget, Project
from jixiao.web.workflow.states import EDITABLE, Awaiting, State

# The steps each waiting project is taken through, by (who, verb, grade, opinion).
PATHS: dict[str, list[tuple[str, str, str, str]]] = {
    "department": [("editor", "submit", "", "")],
    "finance": [("editor", "submit", "", ""), ("reviewer", "dept_pass", "", "")],
    "returned": [
        ("editor", "submit", "", ""),
        ("reviewer", "dept_pass", "", ""),
        ("comment", "", "", "指标值偏低，请对照上年完成情况重新测算。"),
        ("finance", "return", "中", "部分绩效指标未细化量化，请按意见修改后重新报送。"),
    ],
    "approved": [
        ("editor", "submit", "", ""),
        ("reviewer", "dept_pass", "", ""),
        ("finance", "approve", "良", "目标明确，指标细化量化，同意批复。"),
    ],
}


def _drafts(unit: Unit, year: int) -> Iterator[Any]:
    """Drafts for ``unit`` from its region's published projects, its own department's first: the same start
    as 复制上年, filed in the year's framework."""
    framework = framework_for(unit.department.region_id, year)
    sources = (
        Project.objects.filter(region_id=unit.department.region_id, state=State.PUBLISHED, archived=False)
        .annotate(own=Case(When(department=unit.department, then=0), default=1, output_field=IntegerField()))
        .order_by("own", "pk")
    )
    for source in sources:
        draft = copy_draft(source)
        for ind in draft.indicators:
            ind.level2 = refile_level2(ind.level2, framework)
        yield draft


def _take(project: Project, steps: list[tuple[str, str, str, str]], people: dict[str, Any]) -> None:
    for who, verb, grade, opinion in steps:
        project = Project.objects.get(pk=project.pk)
        if who == "comment":
            do_comment(
                acting_user=people["finance"], target=project, text=opinion, item=project.live_items()[0]
            )
        else:
            do_transition(acting_user=people[who], target=project, verb=verb, grade=grade, opinion=opinion)


def make_waiting_work(unit: Unit, year: int, *, editor: Any, reviewer: Any, finance: Any) -> None:
    """Projects of ``unit`` for ``year`` left where each role must act, and the department's targets copied
    from its published ones and sent to finance."""
    people = {"editor": editor, "reviewer": reviewer, "finance": finance}
    paths = iter(PATHS.values())
    steps = next(paths, None)
    for draft in _drafts(unit, year):
        if steps is None:
            break
        try:
            project = do_create_project(acting_user=editor, unit=unit, year=year, draft=draft)
            if project.submit_problem():
                continue
            _take(project, steps, people)
        except (Invalid, ActionError):
            continue  # a published project the checks of today refuse: try the next one
        steps = next(paths, None)
    source = (
        DepartmentTarget.objects.filter(department=unit.department, state=State.PUBLISHED, archived=False)
        .order_by("-year")
        .first()
    )
    if (
        source is not None
        and not DepartmentTarget.objects.filter(department=unit.department, year=year).exists()
    ):
        target = do_copy_department_target(acting_user=reviewer, source=source, year=year)
        # else left as a draft the department must complete: waiting for the reviewer instead
        with contextlib.suppress(ActionError, Invalid):
            _send_department_target(target, reviewer)


def _send_department_target(target: DepartmentTarget, reviewer: Any) -> None:
    """报送 the copied targets, the rows whose value the checks cannot read (a published table's prose)
    first left out by a save, as the department would before sending."""
    draft = copy_department_draft(target)
    kept = [r for r in draft.rows if not value_problem(r.value)]
    if len(kept) < len(draft.rows):
        draft.rows = kept
        do_save_department_target(
            acting_user=reviewer, target=target, draft=draft, expected_version=target.version
        )
    do_transition(acting_user=reviewer, target=DepartmentTarget.objects.get(pk=target.pk), verb="submit")


def _names(rows: Any, label: str) -> str:
    names = [f"“{r}”" for r in rows[:3]]
    more = f"等 {len(rows)} 项" if len(rows) > 3 else ""
    return f"{label}：{'、'.join(names)}{more}" if names else ""


def waiting_for(user: Any, year: int, *, reporting: bool = True) -> str:
    """What ``user`` finds waiting in ``year``'s targets, in words for the demo banner; ``reporting``: and
    the generated monitoring and self-evaluation rounds."""
    actor = policy.actor_of(user)
    projects = Project.objects.filter(year=year, archived=False).visible_to(user)
    targets = DepartmentTarget.objects.filter(year=year, archived=False).visible_to(user)
    found: list[str] = []
    if actor.role == Role.UNIT_EDITOR:
        found.append(_names(list(projects.filter(state=State.RETURNED)), "退回修改（附指标意见）"))
        found.append(_names(list(projects.filter(state=State.DRAFT)), "草稿"))
    elif actor.role == Role.DEPARTMENT_REVIEWER:
        found.append(_names(list(projects.filter(awaiting=Awaiting.DEPARTMENT)), "待主管部门审核"))
        found.append(_names(list(targets.filter(state__in=EDITABLE)), "部门整体绩效目标待编制"))
    elif actor.role in (Role.FINANCE_REVIEWER, Role.FINANCE_ADMIN):
        found.append(_names(list(projects.filter(awaiting=Awaiting.FINANCE)), "待财政审核项目"))
        found.append(_names(list(targets.filter(awaiting=Awaiting.FINANCE)), "待财政审核部门整体绩效目标"))
        if actor.role == Role.FINANCE_ADMIN:
            found.append(_names(list(projects.filter(state=State.APPROVED)), "已批复待公开"))
    found = [f for f in found if f]
    if reporting and actor.role in (
        Role.UNIT_EDITOR,
        Role.DEPARTMENT_REVIEWER,
        Role.FINANCE_REVIEWER,
        Role.FINANCE_ADMIN,
    ):
        found.append("运行监控与绩效自评的待办")
    return "；".join(found)
