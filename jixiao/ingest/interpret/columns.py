"""Indicator table headers: which column holds what, decided by what the header cells say.

A header may stand on one row (一级指标 | 二级指标 | 三级指标 | 目标值 | 指标解释) or two, where a group
heading spans the columns beneath it (指标值 over 运算符 | 数值 | 计量单位; 绩效指标 over 一级 | 二级 | 三级).
Columns may come in any order; a column the vocabulary does not know is kept under its header text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.domain.text import clean
from jixiao.ingest.grid.model import Slot, row_texts
from jixiao.ingest.interpret.vocabulary import Vocabulary

# Columns that only number rows, or head a side label: recognised, carried nowhere.
_SILENT = frozenset({"no"})
# Columns an Indicator has a field for; any other known column is kept in ``extra``.
READ_KEYS = frozenset({"level1", "level2", "name", "value", "op", "number", "unit", "description", "scoring"})


@dataclass
class ColumnMap:
    """Column positions by key (``name``, ``value``, ``op``, ``number``, ``unit``, ``level1`` …) and the
    positions of columns nobody knows, with their header text."""

    keys: dict[str, int] = field(default_factory=dict)
    unknown: dict[int, str] = field(default_factory=dict)
    width: int = 0
    headers: dict[int, str] = field(default_factory=dict)  # position → header text as printed
    serial: int | None = None  # position of a 序号 column, which numbers rows and is read nowhere

    def kept_aside(self) -> dict[int, str]:
        """Columns read into ``Indicator.extra``: unknown ones, and known ones the domain has no field for
        (指标值设定依据)."""
        aside = {p: self.headers.get(p, k) for k, p in self.keys.items() if k not in READ_KEYS}
        return dict(sorted({**aside, **self.unknown}.items()))

    def has_split_value(self) -> bool:
        return "value" not in self.keys and "number" in self.keys


def header_keys(row: list[Slot | None], vocabulary: Vocabulary) -> dict[int, str]:
    """The known column keys a row names, by position (a merged header names every column it covers)."""
    return {
        position: key
        for position, text in enumerate(row_texts(row))
        if (key := vocabulary.column(text)) is not None
    }


def is_header(row: list[Slot | None], vocabulary: Vocabulary) -> bool:
    """A row that names a 三级 column and a value column is an indicator table header."""
    keys = set(header_keys(row, vocabulary).values())
    return all(keys & wanted for wanted in vocabulary.required.values())


def is_subheader(row: list[Slot | None], vocabulary: Vocabulary) -> bool:
    """The second row of a two-row header: it names columns and holds nothing else."""
    known = header_keys(row, vocabulary)
    texts = row_texts(row)
    filled = [i for i, t in enumerate(texts) if clean(t)]
    return bool(known) and all(i in known or _covered_from_above(row[i]) for i in filled)


def _covered_from_above(slot: Slot | None) -> bool:
    return slot is not None and not slot.origin and slot.cell.rowspan > 1


def map_columns(rows: list[list[Slot | None]], vocabulary: Vocabulary) -> ColumnMap:
    """Merge one or two header rows into a column map: a lower, more specific name wins a position, and
    a merged header names only its first column (指标值 over 运算符 | 数值 | 单位 gives way to them)."""
    named: dict[int, str] = {}
    texts: dict[int, str] = {}
    for row in rows:
        for position, slot in enumerate(row):
            if slot is None or slot.cell.col != position or not clean(slot.text):
                continue
            texts[position] = clean(slot.text)
            key = vocabulary.column(slot.text)
            if key is not None:
                named[position] = key
    out = ColumnMap(width=max(len(r) for r in rows), headers=texts)
    for position in sorted(named):
        out.keys.setdefault(named[position], position)
    out.serial = out.keys.get("no")
    for key in _SILENT:
        out.keys.pop(key, None)
    for position, text in texts.items():
        if position not in named and vocabulary.group(text) is None:
            out.unknown[position] = text
    return out

