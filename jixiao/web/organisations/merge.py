"""Keeping the registry right: two departments that are one body merged (every reference moves to the one
kept), another name of a department recorded as its alias; both on record."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from jixiao.web import policy
from jixiao.web.actions.errors import ActionError
from jixiao.web.audit import record
from jixiao.web.organisations.models import Department, Unit


def _move(old: models.Model, new: models.Model) -> dict[str, int]:
    """Point every foreign key at ``old`` to ``new``; how many rows per referring model."""
    moved = {}
    for rel in type(old)._meta.related_objects:
        if rel.one_to_many or rel.one_to_one:
            n = rel.related_model._base_manager.filter(**{rel.field.name: old}).update(
                **{rel.field.name: new}
            )
            if n:
                moved[f"{rel.related_model.__name__}.{rel.field.name}"] = n
    return moved


def do_merge_departments(*, acting_user: Any, keep: Department, duplicate: Department) -> dict[str, int]:
    """Fold ``duplicate`` into ``keep``: its units (a unit of the same name becomes that unit), projects,
    targets, people and every other reference move; its name and aliases become ``keep``'s aliases."""
    policy.require(acting_user, "import", keep.region)
    if keep.pk == duplicate.pk or keep.region_id != duplicate.region_id:
        raise ActionError("只能合并同一行政区划中的两个不同部门。")
    with transaction.atomic():
        moved: dict[str, int] = {}
        kept_units = {u.name: u for u in Unit.objects.filter(department=keep)}
        for unit in Unit.objects.filter(department=duplicate):
            same = kept_units.get(unit.name)
            if same is None:
                unit.department = keep
                unit.save(update_fields=["department"])
                moved["Unit.department"] = moved.get("Unit.department", 0) + 1
                continue
            for name, n in _move(unit, same).items():
                moved[name] = moved.get(name, 0) + n
            same.aliases = sorted({*same.aliases, *unit.aliases} - {same.name})
            same.save(update_fields=["aliases"])
            unit.delete()
        for name, n in _move(duplicate, keep).items():
            moved[name] = moved.get(name, 0) + n
        keep.aliases = [
            a for a in dict.fromkeys([*keep.aliases, duplicate.name, *duplicate.aliases]) if a != keep.name
        ]
        keep.code = keep.code or duplicate.code
        keep.save(update_fields=["aliases", "code"])
        gone = {"id": duplicate.pk, "name": duplicate.name, "code": duplicate.code}
        duplicate.delete()
        record(
            acting_user,
            "merge-department",
            keep,
            message=f"合并主管部门：“{gone['name']}”并入“{keep.name}”",
            detail={"merged": gone, "moved": moved},
        )
    return moved


def do_add_alias(*, acting_user: Any, department: Department, name: str) -> Department:
    """Record ``name`` as another name of ``department``, so imports place it there; on record."""
    policy.require(acting_user, "import", department.region)
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise ActionError("请填写别名（不超过 200 字）。")
    taken = [
        d
        for d in Department.objects.filter(region=department.region).exclude(pk=department.pk)
        if name == d.name or name in (d.aliases or [])
    ]
    if taken:
        raise ActionError(f"“{name}”已是“{taken[0].name}”的名称或别名；如为同一部门，请合并。")
    if name == department.name or name in department.aliases:
        raise ActionError(f"“{name}”已登记为“{department.name}”的名称或别名。")
    with transaction.atomic():
        department.aliases = [*department.aliases, name]
        department.save(update_fields=["aliases"])
        record(
            acting_user,
            "alias-department",
            department,
            message=f"“{department.name}”添加别名“{name}”",
            detail={"alias": name},
        )
    return department
