"""Indicator rows of a project table, read by what the cells say rather than where they stand.

Column positions are unreliable in converted tables: merged 一级/二级 cells are printed on an arbitrary row
of their span, rows shift left or right, side labels and OCR garbage occupy the first columns. So each row
is read as: leading category labels (at most two, 一级 then 二级), then a payload of name, description
(where the template has one) and value. 一级 is derived from 二级; a row without 二级 belongs to the group
above it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jixiao.domain.model import Indicator
from jixiao.domain.taxonomy import (
    COST_CATEGORIES,
    Level1,
    Level2,
    canonical_level1,
    canonical_level2,
    level1_of,
)
from jixiao.domain.values import ValueKind, parse_target_value
from jixiao.ingest.labels import SIDE_LABELS
from jixiao.ingest.lines import Line

_CJK = re.compile(r"[\u4e00-\u9fff]")
_EFFECT_STEMS = frozenset({"经济效益", "社会效益", "生态效益", "可持续影响", "可持续影响力", "环境效益"})
_MONEY_UNIT = re.compile(r"元|万$|亿")
_HEADER_WORDS = ("一级指标", "二级指标", "三级指标", "指标值")


def is_indicator_header(line: Line) -> bool:
    """A header of the indicator block (also when repeated after a page break)."""
    text = line.text
    return any(c.startswith("一级指标") for c in line.filled) or sum(w in text for w in _HEADER_WORDS) >= 2


def header_has_description(line: Line) -> bool:
    return "描述" in line.text or "解释" in line.text


def header_columns(line: Line) -> tuple[int | None, int | None]:
    """Where an indicator header puts the 三级指标 and the description (描述/解释) columns."""
    name = next((i for i, c in enumerate(line.cells) if c.startswith("三级指标")), None)
    description = next((i for i, c in enumerate(line.cells) if "描述" in c or "解释" in c), None)
    return name, description


def is_garbage(cell: str) -> bool:
    """OCR debris in label columns: mostly not Chinese and not a value (``호미·14:1-``, ``W W 114 1-``)."""
    if not cell:
        return True
    cjk = len(_CJK.findall(cell))
    if cjk >= max(2, len(cell) // 2):
        return False
    value = parse_target_value(cell)
    return not (value.kind is ValueKind.NUMERIC and value.op is not None)


def _has_cjk(cell: str) -> bool:
    return bool(_CJK.search(cell))


def _label(cell: str) -> tuple[Level1 | None, Level2 | None]:
    """Category meanings of a cell; a label needs its 指标 suffix (or a truncated 指) unless it is an effect stem."""
    stem_ok = cell.endswith(("指标", "指", "标")) or cell in _EFFECT_STEMS
    if not stem_ok or len(cell) > 12:
        return None, None
    return canonical_level1(cell), canonical_level2(cell)


@dataclass
class RowReading:
    level1: Level1 | None
    level2: Level2 | None
    payload: list[str]


def _is_label(cell: str) -> bool:
    l1, l2 = _label(cell)
    return l1 is not None or l2 is not None


def read_row(cells: Sequence[str]) -> RowReading:
    """Split a row into its category labels and its payload cells.

    Labels are the label cells before the payload; junk in the label columns (garbled 一级 cells, side
    labels) is dropped. The payload is everything after the last label.
    """
    filled = [c for c in cells if c and c not in SIDE_LABELS]
    label_at = [i for i, c in enumerate(filled) if _is_label(c)]
    # A label is only a label if something follows it; and labels come before the payload.
    label_at = [i for i in label_at if i < len(filled) - 1 or all(_is_label(c) for c in filled[i:])]
    # A 二级 label is followed by the 三级 name, even a name that reads like a category (满意度指标 under
    # 服务对象满意度指标): the labels end at the first cell that can only be a 二级 (and its repeats, a
    # converter printing one label twice).
    only_level2 = next((i for i in label_at if _label(filled[i])[0] is None), None)
    if only_level2 is not None:
        end = only_level2
        while end + 1 < len(filled) - 1 and filled[end + 1] == filled[only_level2]:
            end += 1
        label_at = [i for i in label_at if i <= end]
    if label_at:
        last = label_at[-1]
        contiguous = [i for i in label_at if i <= last]
        labels = [_label(filled[i]) for i in contiguous[-2:]]
        payload = filled[last + 1:]
    else:
        labels = []
        payload = list(filled)
        while payload and is_garbage(payload[0]) and (len(payload) > 1 or not _has_cjk(payload[0])):
            payload.pop(0)
    level1: Level1 | None = None
    level2: Level2 | None = None
    if len(labels) == 2:
        first, second = labels
        level2 = second[1] or first[1]
        level1 = first[0] if second[1] else second[0]
    elif labels:
        l1, l2 = labels[0]
        if l2 is not None:
            level2 = l2
        else:
            level1 = l1
    return RowReading(level1, level2, payload)


def _looks_like_description(cell: str, name: str) -> bool:
    value = parse_target_value(cell)
    if value.kind in (ValueKind.NUMERIC, ValueKind.RANGE, ValueKind.RANK):
        return False
    if name and (cell.startswith(name[:4]) or name.startswith(cell[:4])) and len(cell) > 6:
        return True
    return cell.endswith(("情况", "程度", "比例", "比率")) or len(cell) > 20


_REPEATED_HEADER_BLOCK = re.compile(r"金额[:：]")
_OPERATOR_NUMBER = re.compile(r"[≥≤=><≧≦]\s*\d")


def _holds_values(cell: str) -> bool:
    """A cell that is a value, or several name=value pairs merged into one cell."""
    return parse_target_value(cell).is_quantitative or bool(_OPERATOR_NUMBER.search(cell))


@dataclass
class _Pending:
    level2: Level2
    name: str
    description: str | None
    value: str
    line: int
    labelled: bool


class IndicatorBlock:
    """Accumulates the indicator rows of one project table."""

    def __init__(
        self, has_description: bool, name_at: int | None = None, description_at: int | None = None
    ) -> None:
        self.has_description = has_description
        # Header positions, trusted only as far as the rows keep to them (see _merged_name).
        self.name_at, self.description_at = name_at, description_at
        self._shift: int | None = None  # how far the last row's name stood from the 三级指标 column
        self.rows: list[_Pending] = []
        self.warnings: list[tuple[int, str]] = []
        self._level2: Level2 | None = None
        self._orphans: list[_Pending] = []
        self.unlabelled_tail: list[Line] = []

    def add(self, line: Line) -> None:
        if _REPEATED_HEADER_BLOCK.search(line.text):
            self.warnings.append((line.no, f"指标区中出现表头内容 (转换残留), 已忽略: {line.text[:60]}"))
            self.unlabelled_tail.append(line)
            return
        reading = read_row(line.cells)
        self.unlabelled_tail = [] if reading.level2 is not None or reading.level1 is not None else self.unlabelled_tail
        if reading.level2 is None and reading.level1 is None:
            self.unlabelled_tail.append(line)
        if not reading.payload:
            if reading.level2 is not None:
                self._level2 = reading.level2
            elif reading.level1 is None and line.filled:
                self.warnings.append((line.no, f"无法识别的行, 已忽略: {' | '.join(line.filled)}"))
            return
        merged = self._merged_name(line, reading)
        if merged is not None:
            name, description, value = merged, reading.payload[0], reading.payload[1]
        else:
            name, description, value = self._assign(reading.payload, line)
        if merged is None:
            at = line.cells.index(name) if name and name in line.cells else None
            self._shift = at - self.name_at if at is not None and self.name_at is not None else None
        if reading.level2 is not None:
            self._adopt_orphans(reading.level2)
            self._level2 = reading.level2
        elif reading.level1 is not None and (self._level2 is None or level1_of(self._level2) != reading.level1):
            self.warnings.append((line.no, f"只有一级指标 {reading.level1.value}, 无二级指标: {name}"))
        row = _Pending(self._level2 or Level2.QUANTITY, name, description, value, line.no, reading.level2 is not None)
        if self._level2 is None:
            self.warnings.append((line.no, f"指标缺少二级指标, 暂归入数量指标: {name}"))
        self.rows.append(row)
        if reading.level2 is None and self._contradicts_group(value):
            # A merged 二级 label printed on a later row of its block (D10): a row whose unit contradicts the
            # group it would inherit (a head count under a cost, money under 时效) belongs to the next
            # labelled group, if that group fits it.
            self._orphans.append(row)
        elif reading.level2 is None:
            self._orphans.clear()

    @staticmethod
    def _cell(line: Line, at: int) -> str:
        return line.cells[at] if 0 <= at < len(line.cells) else ""

    def _merged_name(self, line: Line, reading: RowReading) -> str | None:
        """The name above, when this row's 三级指标 cell is blank under a name merged over several rows.

        A converter prints a merged cell once, on its first row: the rows below it have an empty name
        cell and their own description and value. Where the row above had its name in the 三级指标 column
        (or the same number of cells off it: a converter may shift every row) and this row leaves that
        column empty but fills the description column, its text is a description, not a name.
        """
        shift = self._shift
        if (
            shift is None
            or self.name_at is None
            or self.description_at is None
            or not self.has_description
            or not self.rows
            or reading.level1 is not None
            or reading.level2 is not None
            or len(reading.payload) != 2
            or self._cell(line, self.name_at + shift)
            or self._cell(line, self.description_at + shift) != reading.payload[0]
        ):
            return None
        return self.rows[-1].name

    def _contradicts_group(self, value: str) -> bool:
        unit = parse_target_value(value).unit
        if not unit or self._level2 is None:
            return False
        return (self._level2 in COST_CATEGORIES) != bool(_MONEY_UNIT.search(unit))

    def _adopt_orphans(self, level2: Level2) -> None:
        for row in self._orphans:
            money = bool(_MONEY_UNIT.search(parse_target_value(row.value).unit or ""))
            if row.level2 != level2 and (level2 in COST_CATEGORIES) == money:
                self.warnings.append(
                    (row.line, f"指标 {row.name} 的二级指标标签印在下一行, 归入 {level2.value}")
                )
                row.level2 = level2
        self._orphans.clear()

    def _assign(self, payload: list[str], line: Line) -> tuple[str, str | None, str]:
        expected = 3 if self.has_description else 2
        if len(payload) == 1:
            only = payload[0]
            if _holds_values(only):
                self.warnings.append((line.no, f"指标名称缺失, 单元格只有指标值 (可能是多个指标合在一格): {only}"))
                return "", None, only
            self.warnings.append((line.no, f"指标值缺失: {only}"))
            return only, None, ""
        if self.has_description:
            if len(payload) == 2:
                name, last = payload
                if _looks_like_description(last, name):
                    self.warnings.append((line.no, f"指标值缺失: {name}"))
                    return name, last, ""
                return name, None, last
            if len(payload) > expected:
                self.warnings.append((line.no, f"指标行单元格多于预期, 已合并描述: {' | '.join(payload)}"))
            return payload[0], "".join(payload[1:-1]) or None, payload[-1]
        if len(payload) > expected:
            self.warnings.append((line.no, f"指标行单元格多于预期, 已忽略左侧: {' | '.join(payload[:-2])}"))
        return payload[-2], None, payload[-1]

    def take_back(self, lines: list[Line]) -> None:
        """Remove rows that turned out to be the header block of the next table."""
        numbers = {line.no for line in lines}
        self.rows = [r for r in self.rows if r.line not in numbers]
        self.warnings = [w for w in self.warnings if w[0] not in numbers]
        self.unlabelled_tail = []

    def indicators(self) -> list[Indicator]:
        if self._orphans:
            self._orphans.clear()
        return [
            Indicator(
                level1=level1_of(r.level2),
                level2=r.level2,
                name=r.name,
                value=parse_target_value(r.value),
                description=r.description,
                line=r.line,
            )
            for r in self.rows
        ]
