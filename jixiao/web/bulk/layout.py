"""The columns a bulk load writes, from each model's ``_meta.concrete_fields``, and domain objects turned
straight into row tuples (no model instance per row).

A :class:`Layout` names, for every concrete column of its model, where the value comes from: the domain
object (the rule of :func:`jixiao.web.targets.convert.columns`: a field stored in the column of its name, a
nested dataclass flattened into ``<field>_<subfield>``, ``line`` as ``source_line``), a value the writer
gives per row (ids, links, the year, positions), or a constant the writer states. A column with no source —
one added to the model after this writer was written — stops the load before anything is written
(:class:`MissingColumn`), so a new column is never silently left to its default.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models

from jixiao.web.targets.convert import RENAMED, _hints, _optional, _plain

DEFAULT: Any = object()  # a constant column deliberately left at the model's default
_ABSENT: Any = object()  # a nested dataclass field whose parent is None: the column's default


class MissingColumn(ImproperlyConfigured):
    """A model column the bulk load has no value for (or a value for a column the model lacks)."""


def _domain_paths(cls: type, found: Mapping[str, Any], prefix: str = "") -> dict[str, tuple[str, ...]]:
    """Column attname → attribute path in ``cls``, as :func:`convert.columns` maps them."""
    out: dict[str, tuple[str, ...]] = {}
    for f in dataclasses.fields(cls):
        name = RENAMED.get(f.name, prefix + f.name)
        if name in found:
            out[name] = (f.name,)
            continue
        inner = _optional(_hints(cls)[f.name])[0]
        if dataclasses.is_dataclass(inner) and isinstance(inner, type):
            for column, path in _domain_paths(inner, found, f"{name}_").items():
                out[column] = (f.name, *path)
    return out


def _getter(path: tuple[str, ...]) -> Callable[[Any], Any]:
    if len(path) == 1:
        name = path[0]
        return lambda obj: getattr(obj, name)

    def get(obj: Any) -> Any:
        for name in path[:-1]:
            obj = getattr(obj, name)
            if obj is None:
                return _ABSENT
        return getattr(obj, path[-1])

    return get


def json_text(field: models.JSONField[Any, Any], value: Any) -> str:
    """A JSON column's value as the database takes it (Django's own encoding of the column)."""
    return json.dumps(value, cls=field.encoder)


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    """What :func:`convert._stored` and the column's preparation make of a domain value, for one column."""
    default = field.get_default()
    if isinstance(field, models.JSONField):
        json_field = field
        return lambda v: json_text(json_field, _plain(default if v is _ABSENT else v))
    blank_text = isinstance(field, models.CharField | models.TextField) and not field.null
    decimal = isinstance(field, models.DecimalField)

    def convert(v: Any) -> Any:
        if v is _ABSENT:
            return default
        if isinstance(v, Enum):
            v = v.value
        if v is None:
            return "" if blank_text else None
        if decimal:
            return Decimal(str(v))
        return v

    return convert


def prepared(field: models.Field[Any, Any], value: Any) -> Any:
    """A constant or per-row value as the database takes it (datetimes, JSON)."""
    if isinstance(field, models.JSONField):
        return json_text(field, value)
    return field.get_db_prep_save(value, connection)


class Layout:
    """How rows of ``model`` are made: ``source`` fills the columns its fields map to (none if ``None``),
    ``given`` are passed per row in that order, ``fixed`` are constants (:data:`DEFAULT`: the model's
    default, chosen on purpose). With ``own_id`` the writer gives the primary key (first in ``given``);
    without, the database numbers the rows."""

    def __init__(
        self,
        model: type[models.Model],
        source: type | None,
        given: Sequence[str],
        fixed: Mapping[str, Any],
        *,
        own_id: bool = True,
    ) -> None:
        fields = {f.attname: f for f in model._meta.concrete_fields}
        pk = model._meta.pk.attname  # type: ignore[union-attr]
        own = {n: f for n, f in fields.items() if not f.is_relation}  # as convert.columns reads them
        derived = _domain_paths(source, own) if source is not None else {}
        stated = [*derived, *given, *fixed]
        if not own_id:
            stated.append(pk)
        unknown = [n for n in stated if n not in fields]
        twice = sorted({n for n in stated if stated.count(n) > 1})
        missing = [n for n in fields if n not in stated]
        if unknown or twice or missing:
            raise MissingColumn(
                f"bulk load of {model.__name__}: "
                + "; ".join(
                    part
                    for part in (
                        missing and f"no value for column(s) {', '.join(missing)}",
                        unknown and f"value(s) for unknown column(s) {', '.join(unknown)}",
                        twice and f"column(s) given twice: {', '.join(twice)}",
                    )
                    if part
                )
                + " (jixiao/web/bulk/rows.py says where each column's value comes from)"
            )
        self.model = model
        self.given = tuple(given)
        self._derived = [(_getter(path), _converter(fields[name])) for name, path in derived.items()]
        self._fixed = tuple(
            prepared(fields[n], fields[n].get_default() if v is DEFAULT else v) for n, v in fixed.items()
        )
        self.columns = (*derived, *given, *fixed)
        self.fields = [fields[n] for n in self.columns]

    def row(self, obj: Any, given: tuple[Any, ...]) -> tuple[Any, ...]:
        """The tuple of one row: ``obj``'s columns, then ``given`` (in :attr:`given`'s order), then constants."""
        return (*[convert(get(obj)) for get, convert in self._derived], *given, *self._fixed)
