"""Label–value fields of a project table, wherever they stand.

A label and its value sit in neighbouring cells (``项目编码：`` | ``4403…``, the value perhaps merged over
several columns), or together in one cell (``项目名称：学前生均公用经费``), several pairs to a row. A label
that heads a block (``项目资金（万元）``) has no value of its own; its unit applies to the fields after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.domain.text import clean
from jixiao.ingest.grid.model import Cell, Slot, origin_cells
from jixiao.ingest.interpret.vocabulary import Vocabulary

_INLINE = re.compile(r"^([^:：]{2,30})[:：](.+)$", re.S)


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One field read from a row: its key, the printed value, the unit its label names, where it stands."""

    key: str
    text: str
    unit: str | None
    label: Cell
    value: Cell | None


@dataclass(frozen=True, slots=True)
class RowFields:
    """What a row holds: fields, block labels (with their unit), and cells that are neither."""

    fields: tuple[FieldValue, ...]
    groups: tuple[tuple[str, str | None], ...]
    stray: tuple[Cell, ...]


def read_fields(row: list[Slot | None], vocabulary: Vocabulary) -> RowFields:
    """Pair every label in a row with the value cells that follow it up to the next label."""
    cells = [c for c in origin_cells(row) if clean(c.text)]
    fields: list[FieldValue] = []
    groups: list[tuple[str, str | None]] = []
    stray: list[Cell] = []
    pending: tuple[str, str | None, Cell] | None = None
    values: list[Cell] = []

    def close() -> None:
        nonlocal pending, values
        if pending is not None:
            key, unit, label = pending
            text = "".join(v.text.strip() for v in values)
            fields.append(FieldValue(key, text, unit, label, values[0] if values else None))
        pending, values = None, []

    for cell in cells:
        found = vocabulary.field(cell.text)
        if found is not None:
            close()
            key, label = found
            pending = (key, label.unit, cell)
            continue
        group = vocabulary.group(cell.text)
        if group is not None:
            close()
            groups.append((group[0], group[1].unit))
            continue
        inline = _INLINE.match(cell.text.strip())
        if inline and (found := vocabulary.field(inline.group(1))) is not None:
            close()
            key, label = found
            fields.append(FieldValue(key, inline.group(2).strip(), label.unit, cell, cell))
            continue
        if pending is not None:
            values.append(cell)
        else:
            stray.append(cell)
    close()
    return RowFields(tuple(fields), tuple(groups), tuple(stray))
