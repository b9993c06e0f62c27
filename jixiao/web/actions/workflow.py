"""Transitions of the review cycle (报送, 审核, 退回, 批复, 公开, 调整) and review comments."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jixiao.web import policy
from jixiao.web.actions.errors import ActionError, StaleEdit
from jixiao.web.audit import record
from jixiao.web.targets.models import Indicator, Project, ProjectVersion
from jixiao.web.targets.snapshot import snapshot
from jixiao.web.workflow.models import Comment
from jixiao.web.workflow.states import APPROVABLE_GRADES, GRADE_CONSEQUENCE, Grade, State
from jixiao.web.workflow.transitions import TRANSITIONS, next_state


def _check_submittable(project: Project) -> None:
    """完整性 at the door: a submission needs a goal and at least one indicator."""
    missing = []
    if not project.goal.strip():
        missing.append("年度总体绩效目标")
    if not project.indicators.filter(archived=False).exists():
        missing.append("绩效指标")
    if missing:
        raise ActionError(f"不能报送：请先填写{'、'.join(missing)}。")


def check_review_input(verb: str, grade: str, opinion: str) -> None:
    """A finance decision needs a grade (and approving a passing one); a return needs an opinion."""
    transition = TRANSITIONS[verb]
    if transition.needs_grade:
        if grade not in Grade.values:
            raise ActionError("请选择审核等级（优、良、中、差）。")
        if verb == "approve" and grade not in APPROVABLE_GRADES:
            raise ActionError(f"审核等级为“{grade}”：{GRADE_CONSEQUENCE[grade]}，不能批复，请退回。")
    if transition.needs_opinion and not opinion.strip():
        raise ActionError("退回时请填写审核意见。")


def do_transition(
    *,
    acting_user: Any,
    project: Project,
    verb: str,
    grade: str = "",
    opinion: str = "",
    expected_version: int | None = None,
) -> Project:
    """Move ``project`` by ``verb`` (see :data:`~jixiao.web.workflow.transitions.TRANSITIONS`)."""
    policy.require(acting_user, verb, project)
    transition = TRANSITIONS[verb]
    opinion = opinion.strip()
    check_review_input(verb, grade, opinion)
    if verb == "submit":
        _check_submittable(project)
    state, awaiting = next_state(verb, project.state)
    with transaction.atomic():
        version = project.version if expected_version is None else expected_version
        changes: dict[str, Any] = {"state": state, "awaiting": awaiting, "version": F("version") + 1}
        if verb == "submit":
            changes["round"] = F("round") + 1
        if transition.needs_grade:
            changes["grade"] = grade
        if verb == "publish":
            changes["published_at"] = timezone.now()
        if not Project.objects.filter(pk=project.pk, version=version, state=project.state).update(**changes):
            raise StaleEdit(version, Project.objects.get(pk=project.pk).version)
        before_state = project.state
        project.refresh_from_db()
        if verb == "submit":
            fresh = Project.objects.select_related("department", "unit").prefetch_related("indicators")
            ProjectVersion.objects.create(
                project=project,
                round=project.round,
                state=project.state,
                snapshot=snapshot(fresh.get(pk=project.pk)),
                created_by=acting_user,
            )
        if opinion:
            Comment.objects.create(
                project=project,
                author=acting_user,
                author_role=policy.actor_of(acting_user).role or "",
                round=project.round,
                text=opinion,
            )
        message = f"{transition.label}：{State(before_state).label} → {project.get_state_display()}"
        if grade:
            message += f"（等级 {grade}：{GRADE_CONSEQUENCE[grade]}）"
        record(
            acting_user,
            verb,
            project,
            project=project,
            message=message,
            detail={
                "from": before_state,
                "to": project.state,
                "awaiting": project.awaiting,
                "round": project.round,
                "grade": grade,
                "opinion": opinion,
            },
        )
    return project


def do_comment(
    *, acting_user: Any, project: Project, text: str, indicator: Indicator | None = None
) -> Comment:
    """A review comment on the whole project or on one of its indicators."""
    policy.require(acting_user, "comment", project)
    text = text.strip()
    if not text:
        raise ActionError("意见不能为空。")
    if indicator is not None and (indicator.project_id != project.pk or indicator.archived):
        raise ActionError("该指标不属于此项目。")
    with transaction.atomic():
        comment = Comment.objects.create(
            project=project,
            indicator=indicator,
            author=acting_user,
            author_role=policy.actor_of(acting_user).role or "",
            round=project.round,
            text=text,
        )
        where = f"指标“{indicator.name}”" if indicator else "项目"
        record(
            acting_user,
            "comment",
            comment,
            project=project,
            message=f"对{where}提出意见",
            detail={"indicator": indicator.pk if indicator else None, "text": text, "round": project.round},
        )
    return comment
