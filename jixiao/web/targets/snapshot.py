"""A project as plain data: the contract's JSON form (with ids and value basis), and back to the domain.

Snapshots are what :class:`~jixiao.web.workflow.models.RoundSnapshot` keeps per round, what the audit log
stores before and after an edit, and what :mod:`jixiao.web.targets.diff` compares.
"""

from __future__ import annotations

from typing import Any

from jixiao.domain import Funds, Indicator, Level1, Level2, Project, SpendingPoint, TargetValue, ValueKind
from jixiao.domain.serialize import project_to_json
from jixiao.domain.values import Op
from jixiao.web.targets.draft import FUND_FIELDS, TEXT_FIELDS


def _float(x: Any) -> float | None:
    return None if x is None else float(x)


def indicator_value(row: Any) -> TargetValue:
    return TargetValue(
        raw=row.value_raw,
        kind=ValueKind(row.value_kind),
        op=Op(row.value_op) if row.value_op else None,
        number=row.value_number,
        upper=row.value_upper,
        unit=row.value_unit or None,
    )


def to_domain(project: Any) -> Project:
    """The stored project as a :class:`jixiao.domain.Project` (live indicators only, in order)."""
    return Project(
        **{name: getattr(project, name) or None for name in TEXT_FIELDS if name != "name"},
        name=project.name,
        is_new=project.is_new,
        department=project.department.name,
        department_code=project.department.code or None,
        unit=project.unit.name if project.unit else None,
        unit_code=(project.unit.code or None) if project.unit else None,
        funds=Funds(*(_float(getattr(project, name)) for name in FUND_FIELDS)),
        spending_plan=tuple(SpendingPoint(p["period"], p.get("amount")) for p in project.spending_plan),
        indicators=tuple(
            Indicator(
                level1=Level1(i.level1),
                level2=Level2(i.level2),
                name=i.name,
                value=indicator_value(i),
                description=i.description or None,
                scoring=i.scoring or None,
                line=i.source_line,
            )
            for i in project.live_indicators()
        ),
        line=project.source_line,
    )


def snapshot(project: Any) -> dict[str, Any]:
    """The contract JSON of the project plus indicator ids and value basis, for versions and diffs."""
    data = project_to_json(to_domain(project))
    for out, row in zip(data["indicators"], project.live_indicators(), strict=True):
        out["id"] = row.pk
        out["basis"] = row.basis
    return data
