"""Domain objects ↔ stored rows, derived from the dataclasses' fields: one conversion for every path.

A dataclass field is stored in the model column of the same name; a nested dataclass is flattened into
columns named ``<field>_<subfield>`` (``funds.total`` → ``funds_total``, ``value.kind`` → ``value_kind``)
unless the model has a JSON column of the field's own name (``spending_plan``, ``reference``); ``line``
is ``source_line``. Enums are stored as their values, absent text as the empty string, amounts as
decimals; reading turns each back. Fields without a column (``where``, ``extra``, ``placeholders``) keep
their defaults, and what comes from other tables (the department's and unit's names, the indicator rows)
is added by the kind-specific functions below. Actions, import, snapshots, the API, publishing and the
stored review all read and write targets through this module.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from django.db import models

from jixiao.domain import (
    Department,
    DepartmentIndicator,
    Indicator,
    Project,
    TargetValue,
    parse_target_value,
)

RENAMED = {"line": "source_line"}  # domain field → column


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def _columns_of(model: type[models.Model]) -> dict[str, models.Field[Any, Any]]:
    """The model's own columns; what other tables hold (the department, the unit) is not a field's to set."""
    return {f.name: f for f in model._meta.concrete_fields if not f.is_relation}


def _plain(value: Any) -> Any:
    """A value as JSON holds it: enums by value, dataclasses as dicts without empty entries."""
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(v) for f in dataclasses.fields(value) if (v := getattr(value, f.name)) is not None
        }
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _stored(value: Any, column: models.Field[Any, Any]) -> Any:
    if isinstance(column, models.JSONField):
        return _plain(value)
    if isinstance(value, Enum):
        value = value.value
    if value is None and not column.null:
        return "" if isinstance(column, models.CharField | models.TextField) else value
    if isinstance(column, models.DecimalField) and value is not None:
        return Decimal(str(value))
    return value


def columns(obj: Any, model: type[models.Model], prefix: str = "") -> dict[str, Any]:
    """The column values of ``model`` that dataclass ``obj`` fills."""
    found = _columns_of(model)
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        name = RENAMED.get(f.name, prefix + f.name)
        value = getattr(obj, f.name)
        if name in found:
            out[name] = _stored(value, found[name])
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            out.update(columns(value, model, f"{name}_"))
    return out


def _optional(hint: Any) -> tuple[Any, bool]:
    """The type inside ``X | None``, and whether ``None`` is allowed."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return (rest[0] if len(rest) == 1 else hint), True
    return hint, False


def _read(raw: Any, hint: Any) -> Any:
    inner, optional = _optional(hint)
    if raw is None or (optional and raw == ""):
        return None
    if isinstance(inner, type) and issubclass(inner, Enum):
        return inner(raw)
    if inner is float:
        return float(raw)
    if dataclasses.is_dataclass(inner) and isinstance(raw, dict):
        known = {f.name for f in dataclasses.fields(inner)}
        return inner(**{k: _read(v, _hints(inner)[k]) for k, v in raw.items() if k in known})
    if typing.get_origin(inner) is tuple and isinstance(raw, list):
        item = typing.get_args(inner)[0]
        return tuple(_read(v, item) for v in raw)
    return raw


def values(row: Any, cls: type, prefix: str = "") -> dict[str, Any]:
    """The fields of dataclass ``cls`` that ``row``'s columns hold, as keyword arguments."""
    found = _columns_of(type(row))
    out: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        name = RENAMED.get(f.name, prefix + f.name)
        hint = _hints(cls)[f.name]
        if name in found:
            out[f.name] = _read(getattr(row, name), hint)
        elif dataclasses.is_dataclass(inner := _optional(hint)[0]):
            nested = values(row, inner, f"{name}_")
            if nested:
                out[f.name] = inner(**nested)
    return out


def row_of(obj: Any, model: type[models.Model], **place: Any) -> Any:
    """An unsaved row of ``model`` holding domain ``obj``'s fields, in ``place`` (its project, region …)."""
    return model(**columns(obj, model), **place)


# --- values ------------------------------------------------------------------------------------------


def value_columns(raw: str, model: type[models.Model]) -> dict[str, Any]:
    """The ``value_*`` columns of a typed 指标值: as written, and as the grammar understands it."""
    return columns(parse_target_value(raw.strip()), model, "value_")


def value_of(row: Any) -> TargetValue:
    """The stored 指标值 of an indicator or department row."""
    return TargetValue(**values(row, TargetValue, "value_"))


# --- projects -----------------------------------------------------------------------------------------


def indicator_from_row(row: Any) -> Indicator:
    return Indicator(**values(row, Indicator))


def project_from_row(project: Any) -> Project:
    """The stored project as a :class:`jixiao.domain.Project` (live indicators only, in order)."""
    unit = project.unit
    return Project(
        **values(project, Project),
        department=project.department.name,
        department_code=project.department.code or None,
        unit=unit.name if unit else None,
        unit_code=(unit.code or None) if unit else None,
        indicators=tuple(indicator_from_row(i) for i in project.live_indicators()),
    )


# --- department targets -------------------------------------------------------------------------------


def department_indicator_from_row(row: Any) -> DepartmentIndicator:
    return DepartmentIndicator(**values(row, DepartmentIndicator))


def department_from_row(target: Any) -> Department:
    """A stored department target as a :class:`jixiao.domain.Department` (live rows only, in order)."""
    tables: dict[str, list[DepartmentIndicator]] = {"strategic": [], "annual": []}
    for row in sorted((r for r in target.rows.all() if not r.archived), key=lambda r: (r.position, r.pk)):
        tables[row.table].append(department_indicator_from_row(row))
    return Department(
        **values(target, Department),
        name=target.department.name,
        code=target.department.code or None,
        strategic_indicators=tuple(tables["strategic"]),
        annual_indicators=tuple(tables["annual"]),
    )
