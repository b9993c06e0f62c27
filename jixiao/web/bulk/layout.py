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


def _leaf(cls: type, path: tuple[str, ...]) -> tuple[Any, bool]:
    """The type of the field at ``path`` in ``cls``, and whether it may be ``None``."""
    found: Any = cls
    for name in path:
        found, optional = _optional(_hints(found)[name])
    return found, optional


def _expression(n: int, field: models.Field[Any, Any], leaf: Any, optional: bool, value: str) -> str:
    """Python for column ``n``'s stored value from the domain value ``value`` (an attribute access), by the
    rule of :func:`convert._stored`, specialised once by the column's and the field's types."""
    if isinstance(field, models.JSONField):
        return f"CONVERT[{n}]({value})"
    blank_text = isinstance(field, models.CharField | models.TextField) and not field.null
    if isinstance(leaf, type) and issubclass(leaf, Enum):
        empty = '""' if blank_text else "None"
        return f"({empty} if {value} is None else {value}.value)" if optional else f"{value}.value"
    if isinstance(field, models.DecimalField):
        return f"(None if {value} is None else Decimal(str({value})))"
    if leaf is str and blank_text:
        return f"({value} or '')"
    if leaf in (str, int, float, bool):
        return value
    return f"CONVERT[{n}]({value})"


def _compiled(
    source: type, fields: Mapping[str, models.Field[Any, Any]], derived: Mapping[str, tuple[str, ...]]
) -> Callable[[Any, tuple[Any, ...], tuple[Any, ...]], tuple[Any, ...]]:
    """``row(obj, given, fixed)``: one tuple expression over ``obj``'s attributes, compiled once per table —
    a bulk load builds millions of rows, and a call per column would cost more than the database's write."""
    parts, converters, defaults = [], [], []
    for n, (name, path) in enumerate(derived.items()):
        field = fields[name]
        converters.append(_converter(field))
        defaults.append(prepared(field, field.get_default()) if len(path) > 1 else None)
        leaf, optional = _leaf(source, path)
        value = "obj." + ".".join(path)
        expression = _expression(n, field, leaf, optional, value)
        if len(path) > 1:  # a nested dataclass left out (None): the column's default
            parent = "obj." + ".".join(path[:-1])
            expression = f"(DEFAULTS[{n}] if {parent} is None else {expression})"
        parts.append(expression)
    code = f"def row(obj, given, fixed):\n    return ({''.join(p + ', ' for p in parts)}*given, *fixed)\n"
    namespace = {"CONVERT": converters, "DEFAULTS": defaults, "Decimal": Decimal}
    exec(compile(code, f"<bulk layout of {source.__name__}>", "exec"), namespace)  # noqa: S102
    return namespace["row"]  # type: ignore[no-any-return]


def json_text(field: models.JSONField[Any, Any], value: Any) -> str:
    """A JSON column's value as the database takes it (Django's own encoding of the column)."""
    return json.dumps(value, cls=field.encoder)


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    """What :func:`convert._stored` and the column's preparation make of a domain value, for one column."""
    if isinstance(field, models.JSONField):
        json_field = field
        return lambda v: json_text(json_field, _plain(v))
    blank_text = isinstance(field, models.CharField | models.TextField) and not field.null
    decimal = isinstance(field, models.DecimalField)

    def convert(v: Any) -> Any:
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
        self._row = _compiled(source, fields, derived) if source is not None else None
        self._fixed = tuple(
            prepared(fields[n], fields[n].get_default() if v is DEFAULT else v) for n, v in fixed.items()
        )
        self.columns = (*derived, *given, *fixed)
        self.fields = [fields[n] for n in self.columns]

    def row(self, obj: Any, given: tuple[Any, ...]) -> tuple[Any, ...]:
        """The tuple of one row: ``obj``'s columns, then ``given`` (in :attr:`given`'s order), then constants."""
        if self._row is None:
            return (*given, *self._fixed)
        return self._row(obj, given, self._fixed)
