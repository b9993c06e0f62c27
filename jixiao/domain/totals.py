"""Totals a table prints (合计, 总计, 小计) beside the rows they add up.

A reviewer checks these first: a 合计 that is not the sum of its rows means a row or the total was typed
wrong, and every later comparison with the budget inherits the error. Readers keep each total as printed
with the amounts of the rows it covers; whether they agree is the review's question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What a 汇总表's total adds up: the amount column of the projects it lists.
SUMMARY_AMOUNTS = "汇总表所列项目金额（万元）"

_LABEL = re.compile(r"(合计|总计|小计)")
_AFTER_LABEL = re.compile(r"(?:数|金额)?(?:[(（][^)）]*[)）])?[:：]?")
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.(\d+))?")


def total_label(text: str | None) -> str | None:
    """``合计``, ``总计`` or ``小计`` when a row label says it is a total (``其中：小计``, ``总 计``), else ``None``."""
    words = re.sub(r"\s+", "", text or "")
    m = _LABEL.search(words)
    # A label ends at the word, or with its unit (``合计（万元）``): not a name or a sentence that holds the
    # word (``总计划编制经费``, ``四项合计494.39万元``).
    return m.group(1) if m and _AFTER_LABEL.fullmatch(words[m.end() :]) else None


def decimals(text: str) -> int:
    """The decimal places an amount is printed to (``1,234.50`` → 2, ``62`` → 0)."""
    m = _NUMBER.search(text.replace("，", ","))
    return len(m.group(1)) if m and m.group(1) else 0


@dataclass(frozen=True, slots=True)
class PrintedTotal:
    """A total as printed and the printed amounts of the rows it covers.

    ``places`` is the fewest decimal places among the total and its rows: each printed amount may be off by
    half a unit in that place, so a sum of ``n`` rows may honestly differ from its total by ``n`` halves.
    """

    label: str  # as printed: 合计, 总计, 小计 (with its row's words, ``教育局小计``)
    subject: str  # what it adds up, in words (:data:`SUMMARY_AMOUNTS`)
    printed: float
    parts: tuple[float, ...]
    places: int = 2
    line: int | None = None
    where: str | None = None  # ``sheet!cell`` in a format with cells

    @property
    def computed(self) -> float:
        return round(sum(self.parts), 10)

    @property
    def tolerance(self) -> float:
        """Rounding the printed amounts can explain: half a unit in the last printed place per row."""
        return 0.5 * 10.0**-self.places * max(1, len(self.parts))

    @property
    def difference(self) -> float:
        return round(self.printed - self.computed, 10)

    @property
    def agrees(self) -> bool:
        return abs(self.difference) <= self.tolerance + 1e-9
