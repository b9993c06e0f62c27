"""A 汇总表: one row per selected project (序号, 主管部门, 项目名称, 金额, 资金性质), where a document has one.

Columns are found by their header labels, so their order and the presence of each does not matter. Its
合计/总计 row and any 小计 rows are kept as printed totals (:class:`SummaryTotals`), with the amounts of the
rows each covers: a 小计 the rows since the previous 小计, a 合计 every project row of the table.
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


@dataclass
class SummaryTotals:
    """The printed totals of one 汇总表, checked by nothing here: the rows they cover are kept beside them."""

    positions: dict[str, int]
    totals: list[PrintedTotal] = field(default_factory=list)
    rows: list[tuple[float, int]] = field(default_factory=list)  # each project row's amount and places
    since_subtotal: list[tuple[float, int]] = field(default_factory=list)

    def row(self, line: Line) -> None:
        at = self.positions["budget"]
        text = line.cells[at] if at < len(line.cells) else ""
        amount = parse_plain_amount(text) if text else None
        if amount is not None:
            self.rows.append((amount, decimals(text)))
            self.since_subtotal.append((amount, decimals(text)))

    def total(self, line: Line, label: str, where: str | None = None) -> str | None:
        """Record a total row; a warning when it prints no amount."""
        text = self._amount_text(line, label)
        printed = parse_plain_amount(text) if text else None
        if printed is None:
            return f"汇总表的{label}行没有可读的金额: {' | '.join(line.filled)}"
        subtotal = total_label(label) == "小计"
        covered = self.since_subtotal if subtotal else self.rows
        self.totals.append(
            PrintedTotal(
                label=label,
                subject=SUMMARY_AMOUNTS,
                printed=printed,
                parts=tuple(a for a, _ in covered),
                places=min([decimals(text), *(p for _, p in covered)]),
                line=line.no,
                where=where,
            )
        )
        if subtotal:
            self.since_subtotal = []
        return None

    def _amount_text(self, line: Line, label: str) -> str:
        cells = line.cells
        at = self.positions["budget"]
        if at < len(cells) and parse_plain_amount(cells[at]) is not None:
            return cells[at]
        # A label merged across columns may shift the amount in converted text: the first number after it.
        after = cells[cells.index(label) + 1 :]
        return next((c for c in after if parse_plain_amount(c) is not None), "")
