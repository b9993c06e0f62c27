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
from jixiao.ingest.grid.model import Slot, row_line, row_where
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
    last: tuple[Level2, str] | None = None  # the 二级 and name of the last indicator read

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
            carried = canonical_level2(self.level2_text) if self.level2_text else None
            if level1_cell != self.level1_text and not (
                carried is not None and PARENT[carried] is canonical_level1(level1_cell)
            ):
                self.level2_text = ""  # a new 一级 group; a 二级 carried from above stays if it belongs to it
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

    def aligned(self, row: list[Slot | None]) -> tuple[list[Slot | None], bool]:
        """A row as a PDF converter may have shifted it, put back under its header.

        Converters print a merged cell once and sometimes drop or add the empty cells around it, so a
        row's cells slide left or right. When the cells do not read where the header says (no name, no
        value, a category label in the name column), the row's category labels are taken from its front
        and the rest laid under the header's other columns in order. Only for rows without merged cells.
        """
        if any(s is not None and not s.origin for s in row) or self.plausible(row) or self.continues(row):
            return row, False
        keys = self.columns.keys
        payload = sorted(p for k, p in keys.items() if k not in ("level1", "level2"))
        payload = sorted({*payload, *self.columns.unknown})
        filled = [s for s in row if s is not None and clean(s.text)]
        serial = None
        if self.columns.serial is not None and filled and clean(filled[0].text).isdigit():
            serial = filled.pop(0)
        labels: dict[str, Slot] = {}
        while filled:
            kind = _category(filled[0].text)
            if kind is None or kind not in keys or kind in labels:
                break
            labels[kind] = filled.pop(0)
        if len(filled) == len(payload) - 1 and "description" in keys:
            payload.remove(keys["description"])
        if len(filled) != len(payload) or not filled:
            return row, False
        out: list[Slot | None] = [None] * max(len(row), max(payload) + 1)
        for key, slot in labels.items():
            out[keys[key]] = slot
        if serial is not None and self.columns.serial is not None:
            out[self.columns.serial] = serial
        for position, slot in zip(payload, filled, strict=True):
            out[position] = slot
        if not self.plausible(out) or _category(self.value_text(out)) is not None:
            return row, False
        return out, True

    def plausible(self, row: list[Slot | None]) -> bool:
        """The row reads where its header says: a name that is no category label, and a value."""
        name = clean(self.text(row, "name"))
        value = self.value_text(row)
        if self.vocabulary.is_placeholder(name) and self.vocabulary.is_placeholder(value):
            # A template row (不适用, blank) or a row of category labels only.
            others = [s for s in row if s is not None and clean(s.text) and not self.vocabulary.is_placeholder(s.text)]
            return all(_category(s.text) or clean(s.text).isdigit() for s in others)
        if not name or _is_measure(name) or not value:
            return False  # no name, or a target value where the name belongs, or no value
        if _category(name) is not None and not (_is_measure(value) or self.vocabulary.is_placeholder(value)):
            return False  # a category label where the name belongs (a name may say 服务对象满意度 itself)
        return self.vocabulary.is_placeholder(value) or _is_measure(value) or not any(
            _is_measure(s.text) for s in row if s is not None
        )

    def read(self, row: list[Slot | None]) -> RowResult | None:
        """One data row; ``None`` for a row with nothing but category labels carried from a merge."""
        row, moved = self.aligned(row)
        result = self.read_aligned(row)
        if moved and result is not None:
            result.warnings.append(("行错位, 已按表头的列序对齐", row_where(row, origin_only=True)))
        return result

    def read_aligned(self, row: list[Slot | None]) -> RowResult | None:
        level1, level2, printed2 = self.categories(row)
        name = clean(self.text(row, "name"))
        value = self.value_text(row)
        description = clean(self.text(row, "description")) or None
        where = self.cell_where(row, "name") or row_where(row, origin_only=True)
        own = [s for s in row if s is not None and s.origin]
        if not own:
            return None
        if self.vocabulary.is_placeholder(name) and self.vocabulary.is_placeholder(value):
            text = name or value
            cells = (name, value, *([description or ""] if "description" in self.columns.keys else []))
            placeholder = Placeholder(text, level1, level2, line=row_line(row), where=where, cells=cells)
            return RowResult(placeholder=placeholder)
        out = RowResult()
        if level2 is None:
            out.warnings.append((f"二级指标无法识别 ('{printed2}'), 该行未读为指标: {name} {value}", where))
            return out
        if not is_framework_label(printed2):
            out.warnings.append((f"二级指标“{printed2}”不在指标体系中, 按{level2.value}读取: {name}", where))
        if not name and (above := self.merged_name(row, level2)):
            name = above
        elif not name:
            out.warnings.append((f"指标名称缺失, 单元格只有指标值: {value}", where))
        extra = tuple(
            (header, clean(row[position].text))  # type: ignore[union-attr]
            for position, header in self.columns.kept_aside().items()
            if position < len(row) and row[position] is not None and clean(row[position].text)  # type: ignore[union-attr]
        )
        self.last = (level2, name) if name else None
        out.indicator = Indicator(
            level1=level1 or PARENT[level2],
            level2=level2,
            name=name,
            value=parse_target_value(value),
            description=description,
            line=row_line(row),
            scoring=clean(self.text(row, "scoring")) or None,
            where=where,
            extra=extra,
        )
        return out

    def merged_name(self, row: list[Slot | None], level2: Level2) -> str:
        """The name of the row above when this row continues a name merged over several rows, else "".

        Text from a converter prints a merged cell once, on its first row; the rows below have an empty
        name cell but their own description and value. Cell formats give a merged name at every row it
        covers, so there an empty name cell is a name left blank.
        """
        if not (self.continues(row) and self.last and self.last[0] is level2):
            return ""
        return self.last[1]

    def continues(self, row: list[Slot | None]) -> bool:
        """A text row under its header with an empty name cell, its own description and value, below a
        named row: the rest of a merged name (not a row shifted out of its columns)."""
        from_text = all(s.cell.line is not None for s in row if s is not None)
        return (
            from_text
            and self.last is not None
            and not clean(self.text(row, "name"))
            and bool(clean(self.text(row, "description")))
            and bool(self.value_text(row))
        )


def _is_measure(text: str) -> bool:
    """A quantitative target value (≥98%, =13人, 1-2年): never a name, always a value."""
    value = parse_target_value(clean(text))
    return value.kind.value in ("numeric", "range", "rank") and (value.op is not None or bool(value.unit))


def _category(text: str) -> str | None:
    """``level2`` or ``level1`` when a cell is a category label (数量指标, 产出指标), else ``None``."""
    words = clean(text)
    if len(words) > 12:
        return None
    if canonical_level2(words) is not None:
        return "level2"
    return "level1" if canonical_level1(words) is not None else None
