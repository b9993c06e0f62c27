"""Reviewed targets as plain data: what a :class:`~jixiao.web.workflow.models.RoundSnapshot` keeps per
round, what the audit log stores before and after an edit, and what :mod:`jixiao.web.targets.diff` compares.

A project is its contract JSON (read from the rows by :mod:`jixiao.web.targets.convert`) with indicator ids
and value basis; a department target is its goal and its rows as an editor's row draft names them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from jixiao.domain.serialize import project_to_json
from jixiao.web.targets.convert import project_from_row
from jixiao.web.targets.department_draft import DepartmentRowDraft


def snapshot(project: Any) -> dict[str, Any]:
    """The contract JSON of the project plus indicator ids and value basis, for versions and diffs."""
    data = project_to_json(project_from_row(project))
    for out, row in zip(data["indicators"], project.live_indicators(), strict=True):
        out["id"] = row.pk
        out["basis"] = row.basis
    return data


# The column a draft's field is stored in, where the names differ.
_COLUMNS = {"id": "pk", "value": "value_raw"}


def draft_fields(row: Any, draft: type) -> dict[str, Any]:
    """A stored row (indicator, department row) as plain data, under the field names of ``draft``."""
    return {f.name: getattr(row, _COLUMNS.get(f.name, f.name)) for f in dataclasses.fields(draft)}


def row_snapshot(row: Any) -> dict[str, Any]:
    """A stored department row as plain data, under the names of :class:`DepartmentRowDraft`."""
    return draft_fields(row, DepartmentRowDraft)


def department_snapshot(target: Any) -> dict[str, Any]:
    """The target's goal and live rows, in table order."""
    rows = target.rows.filter(archived=False).order_by("table", "position", "id")
    return {
        "strategic_goal": target.strategic_goal,
        "version": target.version,
        "rows": [row_snapshot(r) for r in rows],
    }
