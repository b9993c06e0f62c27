"""What the portal shows of a target: its 公开时间 and its 一级/二级 cells merged as the official table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

NOT_STATED = "未注明"


def published_label(target: Any) -> str:
    """公开时间: an imported target's document date (stated, or entered on import), never the import
    moment; a target published through the system, the day it was published."""
    if target.import_batch_id:
        dated = getattr(target.import_batch, "document_date", None)
        return dated.label if dated is not None else NOT_STATED
    return target.published_at.strftime("%Y-%m-%d") if target.published_at else NOT_STATED


def merged_levels(indicators: Sequence[Any]) -> list[tuple[Any, int, int]]:
    """Each indicator with the rowspan of its 一级 and 二级 cells (0: the cell above covers it)."""
    spans: list[list[Any]] = [[i, 0, 0] for i in indicators]
    for level, col in (("level1", 1), ("level2", 2)):
        start = 0
        for n in range(1, len(spans) + 1):
            same = n < len(spans) and getattr(spans[n][0], level) == getattr(spans[start][0], level)
            if col == 2 and same:
                same = spans[n][0].level1 == spans[start][0].level1
            if not same:
                spans[start][col] = n - start
                start = n
    return [(i, a, b) for i, a, b in spans]
