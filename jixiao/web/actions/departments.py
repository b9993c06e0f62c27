"""Compile department targets (部门整体绩效目标): create, copy and save the goal and the two tables, on top of
the generic review actions (:mod:`jixiao.web.actions.review`). Removed rows are archived, never deleted.
"""

from __future__ import annotations

from itertools import count
from typing import Any

from django.db import transaction

from jixiao.web import policy
from jixiao.web.actions.errors import ActionError, Invalid
from jixiao.web.actions.review import checked_save, sync_items
from jixiao.web.audit import record
from jixiao.web.organisations.models import Department
from jixiao.web.selfeval.lessons import carry
from jixiao.web.targets.department_draft import (
    TEXT_FIELDS,
    DepartmentDraft,
    DepartmentRowDraft,
    clean_reference,
    department_problems,
    reference_years,
)
from jixiao.web.targets.models import DepartmentTarget, DepartmentTargetRow
from jixiao.web.targets.search import department_search_text
from jixiao.web.targets.snapshot import draft_fields
from jixiao.web.workflow.states import State

ROW_FIELDS = ["table", "position", "no", "duty_no", "name", "reference", *TEXT_FIELDS]
ROW_FIELDS += DepartmentTargetRow.VALUE_FIELDS


def _row_fields(row: DepartmentTargetRow, draft: DepartmentRowDraft, position: int, year: int) -> None:
    row.table = draft.table
    row.position = position
    row.no = draft.no
    row.duty_no = draft.duty_no
    row.name = draft.name.strip()
    row.set_value(draft.value)
    row.reference = clean_reference(draft.reference, year)
    for name in TEXT_FIELDS:
        setattr(row, name, getattr(draft, name).strip())


def _save_rows(target: DepartmentTarget, draft: DepartmentDraft) -> None:
    positions = {"strategic": count(1), "annual": count(1)}

    def fill(row: DepartmentTargetRow, row_draft: DepartmentRowDraft) -> None:
        _row_fields(row, row_draft, next(positions[row_draft.table]), target.year)

    sync_items(target, draft.rows, fill, ROW_FIELDS)


def do_create_department_target(
    *,
    acting_user: Any,
    department: Department,
    year: int,
    draft: DepartmentDraft,
    copied_from: DepartmentTarget | None = None,
) -> DepartmentTarget:
    """A new draft of ``department``'s targets for ``year``; copied values are checked on save, not here. A
    copy carries the lessons of its source's department-wide self-evaluation (结果应用,
    :mod:`jixiao.web.selfeval.lessons`) and its audit row says what was carried."""
    target = DepartmentTarget.new_in(
        department,
        year=year,
        strategic_goal=draft.strategic_goal.strip(),
        search_text=department_search_text(draft.rows),
        state=State.DRAFT,
        copied_from=copied_from,
    )
    policy.require(acting_user, "create", target)
    if problems := department_problems(draft, check_values=copied_from is None):
        raise Invalid(problems)
    if DepartmentTarget.objects.filter(department=department, year=year, archived=False).exists():
        raise ActionError(f"{department.name} 已有 {year} 年度的部门整体绩效目标，请直接编辑。")
    with transaction.atomic():
        lessons = carry(target, copied_from)
        target.save()
        _save_rows(target, draft)
        message = f"新建 {year} 年度部门整体绩效目标"
        detail: dict[str, Any] = {
            "copied_from": copied_from.pk if copied_from else None,
            "rows": len(draft.rows),
        }
        if lessons:
            message += lessons.keep(target, detail)
        record(acting_user, "create", target, message=message, detail=detail)
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
                **{
                    **draft_fields(r, DepartmentRowDraft),
                    "id": None,
                    "reference": _carried_reference(r.reference, source.year),
                }
            )
            for r in sorted(rows, key=lambda r: (r.table != "strategic", r.position, r.pk))
        ],
    )


def do_copy_department_target(*, acting_user: Any, source: DepartmentTarget, year: int) -> DepartmentTarget:
    """Copy a department's targets into a new draft for ``year`` (复制上年目标), with the lessons of its
    approved or published department-wide self-evaluation."""
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
    with checked_save(
        acting_user=acting_user,
        target=target,
        expected_version=expected_version,
        problems=lambda: department_problems(draft),
    ) as stored:
        stored.strategic_goal = draft.strategic_goal.strip()
        stored.search_text = department_search_text(draft.rows)
        stored.save()
        _save_rows(stored, draft)
    return target
