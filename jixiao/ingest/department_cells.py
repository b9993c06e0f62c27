"""What the cells of a department table say, for both the strategic and the annual table reader.

A target value is recognised by its grammar, a sub-row of the reference-value header by its column names,
and a numbered row by its 序号 or 职责序号.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.domain.text import is_placeholder
from jixiao.domain.values import ValueKind, parse_target_value
from jixiao.ingest.lines import Line

ROW_NUMBER = re.compile(r"^\d{1,3}$")


def value_or_none(cell: str) -> str | None:
    return None if not cell or is_placeholder(cell) else cell


@lru_cache(maxsize=32768)
def looks_like_value(cell: str) -> bool:
    v = parse_target_value(cell)
    return v.kind in (ValueKind.NUMERIC, ValueKind.RANGE, ValueKind.RANK) or (
        v.kind is ValueKind.QUALITATIVE and len(cell) <= 8
    )


_REFERENCE_HEADER_CELLS = frozenset(
    {
        "规划值",
        "当年标准值",
        "标准值",
        "前三年均值",
        "前三年平均值",
        "上年值",
        "来源",
        "来源/其他",
        "历史值",
        "指标参考值",
    }
)


def is_reference_header(line: Line) -> bool:
    """A sub-row of the reference-value header: some cell is exactly one of its column names."""
    return any(c in _REFERENCE_HEADER_CELLS or c.startswith(("标准值(", "历史值(")) for c in line.filled)
