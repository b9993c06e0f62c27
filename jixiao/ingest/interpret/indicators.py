"""Indicator rows under a mapped header: categories, name, value, explanation, and placeholders.

一级/二级 labels come from merged cells (the grid gives a merged label at every row it covers) or, where a
template prints a label once and leaves the cells below blank, from the nearest label above. A value may be
one cell (``≥95%``) or split over operator, number and unit columns. Template rows that say nothing
(blank, 不适用, 无) are placeholders: kept, never indicators.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.domain import Indicator, Level1, Level2, Placeholder, parse_target_value
from jixiao.domain.taxonomy import PARENT, canonical_level1, canonical_level2, is_framework_label
from jixiao.domain.text import clean
from jixiao.ingest.grid.model import Slot
from jixiao.ingest.interpret.columns import ColumnMap
from jixiao.ingest.interpret.vocabulary import Vocabulary

_OPERATORS = {
    "≥": "≥", ">=": "≥", "大于等于": "≥", "不低于": "≥", "不少于": "≥", "≧": "≥",
    "≤": "≤", "<=": "≤", "小于等于": "≤", "不高于": "≤", "不超过": "≤", "≦": "≤",
    "=": "=", "＝": "=", "等于": "=", ">": ">", "大于": ">", "<": "<", "小于": "<",
    "定性": "",
}


@dataclass
class RowResult:
    indicator: Indicator | None = None
    placeholder: Placeholder | None = None
    warnings: list[tuple[str, str | None]] = field(default_factory=list)  # (message, where)


@dataclass
class IndicatorRows:
    """Reads the data rows of one indicator table, remembering the labels above for blank cells."""

    columns: ColumnMap
    vocabulary: Vocabulary
    level1_text: str = ""
    level2_text: str = ""

    def text(self, row: list[Slot | None], key: str) -> str:
        position = self.columns.keys.get(key)
        if position is None or position >= len(row) or row[position] is None:
            return ""
        return row[position].text  # type: ignore[union-attr]

    def cell_where(self, row: list[Slot | None], key: str) -> str | None:
        position = self.columns.keys.get(key)
        if position is None or position >= len(row) or row[position] is None:
            return None
        return row[position].cell.where  # type: ignore[union-attr]

    def same_cell(self, row: list[Slot | None], a: str, b: str) -> bool:
        pa, pb = self.columns.keys.get(a), self.columns.keys.get(b)
        if pa is None or pb is None or pa >= len(row) or pb >= len(row):
            return False
        sa, sb = row[pa], row[pb]
        return sa is not None and sb is not None and sa.cell is sb.cell

    def value_text(self, row: list[Slot | None]) -> str:
        if not self.columns.has_split_value():
            return "" if self.same_cell(row, "name", "value") else clean(self.text(row, "value"))
        op = clean(self.text(row, "op"))
        number = clean(self.text(row, "number"))
        unit = clean(self.text(row, "unit")) if not self.same_cell(row, "number", "unit") else ""
        if not number:
            return op if op not in _OPERATORS else ""
        return _OPERATORS.get(op, op) + number + (unit if not number.endswith(unit) else "")

    def categories(self, row: list[Slot | None]) -> tuple[Level1 | None, Level2 | None, str]:
        level1_cell = clean(self.text(row, "level1"))
        level2_cell = clean(self.text(row, "level2"))
        if level1_cell:
            if level1_cell != self.level1_text:
                self.level2_text = ""
            self.level1_text = level1_cell
        if level2_cell:
            self.level2_text = level2_cell
        level2 = canonical_level2(self.level2_text) if self.level2_text else None
        printed1 = canonical_level1(self.level1_text) if self.level1_text else None
        if level2 is None:
            return printed1, None, self.level2_text
        level1 = PARENT[level2]
        if printed1 is Level1.COST and level2 is Level2.COST:
            level1 = Level1.COST  # a 2021 table that prints 成本指标 as both levels
        return level1, level2, self.level2_text

    def read(self, row: list[Slot | None]) -> RowResult | None:
        """One data row; ``None`` for a row with nothing but category labels carried from a merge."""
        level1, level2, printed2 = self.categories(row)
        name = clean(self.text(row, "name"))
        value = self.value_text(row)
        description = clean(self.text(row, "description")) or None
        where = self.cell_where(row, "name") or _first_where(row)
        own = [s for s in row if s is not None and s.origin]
        if not own:
            return None
        if self.vocabulary.is_placeholder(name) and self.vocabulary.is_placeholder(value):
            text = name or value
            return RowResult(placeholder=Placeholder(text, level1, level2, line=_line(row), where=where))
        out = RowResult()
        if level2 is None:
            out.warnings.append((f"二级指标无法识别 ('{printed2}'), 该行未读为指标: {name} {value}", where))
            return out
        if not is_framework_label(printed2):
            out.warnings.append(
                (f"二级指标“{printed2}”不在指标体系中, 按{level2.value}读取: {name}", where)
            )
        if not name:
            out.warnings.append((f"指标名称缺失, 单元格只有指标值: {value}", where))
        extra = tuple(
            (header, clean(row[position].text))  # type: ignore[union-attr]
            for position, header in self.columns.unknown.items()
            if position < len(row) and row[position] is not None and clean(row[position].text)  # type: ignore[union-attr]
        )
        out.indicator = Indicator(
            level1=level1 or PARENT[level2],
            level2=level2,
            name=name,
            value=parse_target_value(value),
            description=description,
            line=_line(row),
            scoring=clean(self.text(row, "scoring")) or None,
            where=where,
            extra=extra,
        )
        return out


def _first_where(row: list[Slot | None]) -> str | None:
    return next((s.cell.where for s in row if s is not None and s.origin), None)


def _line(row: list[Slot | None]) -> int | None:
    return next((s.cell.line for s in row if s is not None and s.cell.line is not None), None)
