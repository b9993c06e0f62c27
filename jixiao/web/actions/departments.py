"""Compile and review department targets (部门整体绩效目标): create, copy, save, transitions, comments.

Like the project actions: policy first, then the change and its audit row in one transaction; saves
are version-checked by one conditional UPDATE; removed rows are archived, never deleted.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jixiao.web import policy
from jixiao.web.actions.errors import ActionError, Invalid, StaleEdit
from jixiao.web.actions.workflow import check_review_input
from jixiao.web.audit import record
from jixiao.web.organisations.models import Department
from jixiao.web.targets.department_draft import (
    TEXT_FIELDS,
    DepartmentDraft,
    DepartmentRowDraft,
    clean_reference,
    department_problems,
    department_snapshot,
    reference_years,
)
from jixiao.web.targets.draft import value_problem
from jixiao.web.targets.models import DepartmentComment, DepartmentTarget, DepartmentTargetRow
from jixiao.web.workflow.states import GRADE_CONSEQUENCE, State
from jixiao.web.workflow.transitions import TRANSITIONS, next_state

ROW_FIELDS = ["table", "position", "no", "duty_no", "name", "value_raw", "reference", *TEXT_FIELDS]


class StaleDepartmentEdit(StaleEdit):
    """Someone saved the department target since this editor loaded it; nothing was overwritten."""

    def __init__(self, expected: int, current: int) -> None:
        super().__init__(expected, current)
        self.args = (
            f"保存被拒绝：在您编辑期间，其他人已保存了该部门整体绩效目标"
            f"（您编辑的是第 {expected} 版，当前为第 {current} 版）。"
            "您的修改没有丢失，请对照当前版本合并后再保存。",
        )


def _row_fields(row: DepartmentTargetRow, draft: DepartmentRowDraft, position: int, year: int) -> None:
    row.table = draft.table
    row.position = position
    row.no = draft.no
    row.duty_no = draft.duty_no
    row.name = draft.name.strip()
    row.value_raw = draft.value.strip()
    row.reference = clean_reference(draft.reference, year)
    for name in TEXT_FIELDS:
        setattr(row, name, getattr(draft, name).strip())


def _save_rows(target: DepartmentTarget, draft: DepartmentDraft) -> None:
    """Update rows by id, add new ones, archive the ones the editor removed: three bulk statements."""
    existing = {r.pk: r for r in target.rows.filter(archived=False)}
    kept: set[int] = set()
    updated, created = [], []
    positions = {"strategic": 0, "annual": 0}
    for row_draft in draft.rows:
        positions[row_draft.table] += 1
        row = existing.get(row_draft.id) if row_draft.id is not None else None
        if row is None:
            row = DepartmentTargetRow(target=target)
            created.append(row)
        else:
            kept.add(row.pk)
            updated.append(row)
        _row_fields(row, row_draft, positions[row_draft.table], target.year)
    DepartmentTargetRow.objects.bulk_update(updated, ROW_FIELDS)
    DepartmentTargetRow.objects.bulk_create(created)
    target.rows.filter(pk__in=set(existing) - kept).update(archived=True)


def do_create_department_target(
    *,
    acting_user: Any,
    department: Department,
    year: int,
    draft: DepartmentDraft,
    copied_from: DepartmentTarget | None = None,
) -> DepartmentTarget:
    """A new draft of ``department``'s targets for ``year``; copied values are checked on save, not here."""
    target = DepartmentTarget.new_in(
        department,
        year=year,
        strategic_goal=draft.strategic_goal.strip(),
        state=State.DRAFT,
        copied_from=copied_from,
    )
    policy.require(acting_user, "create", target)
    if problems := department_problems(draft, check_values=copied_from is None):
        raise Invalid(problems)
    if DepartmentTarget.objects.filter(department=department, year=year, archived=False).exists():
        raise ActionError(f"{department.name} 已有 {year} 年度的部门整体绩效目标，请直接编辑。")
    with transaction.atomic():
        target.save()
        _save_rows(target, draft)
        record(
            acting_user,
            "create",
            target,
            message=f"新建 {year} 年度部门整体绩效目标",
            detail={"copied_from": copied_from.pk if copied_from else None, "rows": len(draft.rows)},
        )
    return target


def _carried_reference(reference: dict[str, Any], year: int) -> dict[str, Any]:
    """What of a row's reference values still holds a year later: the plan, sources, past years."""
    kept = {k: v for k, v in reference.items() if k in ("planned", "standard_source", "history_source")}
    return {**kept, "years": reference_years(reference, year)}


def copy_department_draft(source: DepartmentTarget) -> DepartmentDraft:
    """``source``'s goal and live rows as a new draft: the start of next year's targets."""
    rows = source.rows.filter(archived=False).order_by("table", "position", "id")
    return DepartmentDraft(
        strategic_goal=source.strategic_goal,
        rows=[
            DepartmentRowDraft(
                table=r.table,
                name=r.name,
                value=r.value_raw,
                no=r.no,
                duty_no=r.duty_no,
                reference=_carried_reference(r.reference, source.year),
                **{f: getattr(r, f) for f in TEXT_FIELDS},
            )
            for r in sorted(rows, key=lambda r: (r.table != "strategic", r.position, r.pk))
        ],
    )


def do_copy_department_target(*, acting_user: Any, source: DepartmentTarget, year: int) -> DepartmentTarget:
    """Copy a department's targets into a new draft for ``year`` (复制上年目标)."""
    policy.require(acting_user, "copy", source)
    return do_create_department_target(
        acting_user=acting_user,
        department=source.department,
        year=year,
        draft=copy_department_draft(source),
        copied_from=source,
    )


def do_save_department_target(
    *, acting_user: Any, target: DepartmentTarget, draft: DepartmentDraft, expected_version: int
) -> DepartmentTarget:
    """Save the editor's changes unless someone else saved since ``expected_version`` was loaded."""
    policy.require(acting_user, "edit", target)
    if problems := department_problems(draft):
        raise Invalid(problems)
    with transaction.atomic():
        bumped = DepartmentTarget.objects.filter(pk=target.pk, version=expected_version).update(
            version=F("version") + 1
        )
        if not bumped:
            current = DepartmentTarget.objects.filter(pk=target.pk).values_list("version", flat=True).first()
            raise StaleDepartmentEdit(expected_version, current or 0)
        target.refresh_from_db()
        before = department_snapshot(target)
        target.strategic_goal = draft.strategic_goal.strip()
        target.save()
        _save_rows(target, draft)
        after = department_snapshot(target)
        record(
            acting_user,
            "edit",
            target,
            message=f"保存部门整体绩效目标第 {target.version} 版",
            detail={"version": target.version, "before": before, "after": after},
        )
    return target


def _check_submittable(target: DepartmentTarget) -> None:
    """完整性 at the door: a goal, at least one annual indicator, and every value readable."""
    missing = []
    if not target.strategic_goal.strip():
        missing.append("战略目标")
    rows = list(target.rows.filter(archived=False))
    if not any(r.table == "annual" for r in rows):
        missing.append("年度绩效指标")
    if missing:
        raise ActionError(f"不能报送：请先填写{'、'.join(missing)}。")
    if bad := [r.name for r in rows if value_problem(r.value_raw)]:
        raise ActionError(f"不能报送：以下指标的指标值无法识别，请先修改：{'、'.join(bad[:5])}。")


def do_department_transition(
    *,
    acting_user: Any,
    target: DepartmentTarget,
    verb: str,
    grade: str = "",
    opinion: str = "",
    expected_version: int | None = None,
) -> DepartmentTarget:
    """Move ``target`` by ``verb``: submit → finance returns or approves → finance admin publishes."""
    policy.require(acting_user, verb, target)
    transition = TRANSITIONS[verb]
    opinion = opinion.strip()
    check_review_input(verb, grade, opinion)
    if verb == "submit":
        _check_submittable(target)
    state, _ = next_state(verb, target.state)  # the department submits: finance's turn at once
    with transaction.atomic():
        version = target.version if expected_version is None else expected_version
        changes: dict[str, Any] = {"state": state, "version": F("version") + 1}
        if verb == "submit":
            changes["round"] = F("round") + 1
        if transition.needs_grade:
            changes["grade"] = grade
        if verb == "publish":
            changes["published_at"] = timezone.now()
        moved = DepartmentTarget.objects.filter(pk=target.pk, version=version, state=target.state)
        if not moved.update(**changes):
            raise StaleDepartmentEdit(version, DepartmentTarget.objects.get(pk=target.pk).version)
        before_state = target.state
        target.refresh_from_db()
        if opinion:
            DepartmentComment.objects.create(
                target=target,
                author=acting_user,
                author_role=policy.actor_of(acting_user).role or "",
                round=target.round,
                text=opinion,
            )
        message = f"{transition.label}：{State(before_state).label} → {target.get_state_display()}"
        if grade:
            message += f"（等级 {grade}：{GRADE_CONSEQUENCE[grade]}）"
        record(
            acting_user,
            verb,
            target,
            message=message,
            detail={
                "from": before_state,
                "to": target.state,
                "round": target.round,
                "grade": grade,
                "opinion": opinion,
                "snapshot": department_snapshot(target) if verb == "submit" else None,
            },
        )
    return target


def do_department_comment(
    *, acting_user: Any, target: DepartmentTarget, text: str, row: DepartmentTargetRow | None = None
) -> DepartmentComment:
    """A review opinion on the department's targets as a whole or on one of its rows."""
    policy.require(acting_user, "comment", target)
    text = text.strip()
    if not text:
        raise ActionError("意见不能为空。")
    if row is not None and (row.target_id != target.pk or row.archived):
        raise ActionError("该指标不属于此部门目标。")
    with transaction.atomic():
        comment = DepartmentComment.objects.create(
            target=target,
            row=row,
            author=acting_user,
            author_role=policy.actor_of(acting_user).role or "",
            round=target.round,
            text=text,
        )
        where = f"指标“{row.name}”" if row else "部门整体目标"
        record(
            acting_user,
            "comment",
            target,
            message=f"对{where}提出意见",
            detail={"row": row.pk if row else None, "text": text, "round": target.round},
        )
    return comment
