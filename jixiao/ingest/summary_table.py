"""A 汇总表: one row per selected project (序号, 主管部门, 项目名称, 金额, 资金性质), where a document has one.

Columns are found by their header labels, so their order and the presence of each does not matter. Its
合计/总计 row and any 小计 rows are kept as printed totals, with the amounts of the rows each covers
(:class:`SummaryTotals`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.domain.model import SummaryRow
from jixiao.domain.totals import SUMMARY_AMOUNTS, PrintedTotal, decimals, total_label
from jixiao.ingest.amounts import parse_plain_amount
from jixiao.ingest.lines import Line

_COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("no", re.compile(r"^序号$")),
    ("department", re.compile(r"^(主管部门|部门|预算部门|单位|部门名称)")),
    ("project", re.compile(r"^项目名称$|^项目$")),
    ("budget", re.compile(r"(金额|预算|资金|合计).*")),
    ("fund_type", re.compile(r"^(资金性质|资金类型|资金来源)")),
)


def summary_header(line: Line) -> dict[str, int] | None:
    """Column positions when ``line`` is the header of a summary table, else ``None``."""
    positions: dict[str, int] = {}
    for i, cell in enumerate(line.cells):
        for name, pattern in _COLUMNS:
            if name not in positions and cell and pattern.search(cell):
                positions[name] = i
                break
    if {"no", "project", "budget"} <= positions.keys() and "指标" not in line.text:
        return positions
    return None


def summary_row(line: Line, positions: dict[str, int]) -> SummaryRow | None:
    """One project row; ``None`` for a row that is not one (a 合计 row, a title)."""
    cells = list(line.cells) + [""] * 8

    def cell(name: str) -> str:
        return cells[positions[name]] if name in positions else ""

    project = cell("project")
    if not project or total_row(line, positions):
        return None
    no = cell("no")
    return SummaryRow(
        project=project,
        no=int(no) if no.isdigit() else None,
        department=cell("department") or None,
        budget=parse_plain_amount(cell("budget")),
        fund_type=cell("fund_type") or None,
    )


def total_row(line: Line, positions: dict[str, int]) -> str | None:
    """The label of a 合计/总计/小计 row (the words of the cell that says it), else ``None``. A project row
    has a number in 序号; a total's label stands somewhere before the amount column."""
    no = line.cells[positions["no"]] if positions["no"] < len(line.cells) else ""
    if no.isdigit():
        return None
    return next((c for c in line.cells[: positions["budget"]] if total_label(c)), None)


@dataclass(frozen=True)
class _Printed:
    """A total row as printed, before the table's end tells which rows it covers."""

    label: str
    amount: float
    places: int
    line: int
    where: str | None

    @property
    def subtotal(self) -> bool:
        return total_label(self.label) == "小计"


@dataclass
class SummaryTotals:
    """The printed totals of one 汇总表, kept with the amounts of the rows each covers; checking them is the
    review's job. Call :meth:`close` at the table's end.

    A 合计/总计 covers every project row of the table, printed above or below them. A 小计 covers its group:
    the rows since the previous 小计 where the table prints subtotals below their groups, the rows up to the
    next 小计 or total where it prints them above (its first 小计 comes before any project row).
    """

    positions: dict[str, int]
    totals: list[PrintedTotal] = field(default_factory=list)
    events: list[tuple[float, int] | _Printed] = field(default_factory=list)  # rows' (amount, places), totals

    def row(self, line: Line) -> None:
        at = self.positions["budget"]
        text = line.cells[at] if at < len(line.cells) else ""
        amount = parse_plain_amount(text) if text else None
        if amount is not None:
            self.events.append((amount, decimals(text)))

    def total(self, line: Line, label: str, where: str | None = None) -> str | None:
        """Note a total row; a warning when it prints no amount."""
        text = self._amount_text(line, label)
        printed = parse_plain_amount(text) if text else None
        if printed is None:
            return f"汇总表的{label}行没有可读的金额: {' | '.join(line.filled)}"
        self.events.append(_Printed(label, printed, decimals(text), line.no, where))
        return None

    def close(self) -> None:
        """The table has ended: record each of its totals with the rows it covers."""
        events, self.events = self.events, []
        rows = [e for e in events if not isinstance(e, _Printed)]
        first_row = next((i for i, e in enumerate(events) if not isinstance(e, _Printed)), len(events))
        leading = any(isinstance(e, _Printed) and e.subtotal for e in events[:first_row])
        for i, event in enumerate(events):
            if not isinstance(event, _Printed):
                continue
            if not event.subtotal:
                covered = rows
            elif leading:
                end = next(
                    (k for k in range(i + 1, len(events)) if isinstance(events[k], _Printed)), len(events)
                )
                covered = [e for e in events[i + 1 : end] if not isinstance(e, _Printed)]
            else:
                start = max((k + 1 for k in range(i) if isinstance(events[k], _Printed)), default=0)
                covered = [e for e in events[start:i] if not isinstance(e, _Printed)]
            self.totals.append(
                PrintedTotal(
                    label=event.label,
                    subject=SUMMARY_AMOUNTS,
                    printed=event.amount,
                    parts=tuple(a for a, _ in covered),
                    places=min([event.places, *(p for _, p in covered)]),
                    line=event.line,
                    where=event.where,
                )
            )

    def _amount_text(self, line: Line, label: str) -> str:
        cells = line.cells
        at = self.positions["budget"]
        if at < len(cells) and parse_plain_amount(cells[at]) is not None:
            return cells[at]
        # A label merged across columns may shift the amount in converted text: the first number after it.
        after = cells[cells.index(label) + 1 :]
        return next((c for c in after if parse_plain_amount(c) is not None), "")
