"""A 汇总表: one row per selected project (序号, 主管部门, 项目名称, 金额, 资金性质), where a document has one.

Columns are found by their header labels, so their order and the presence of each does not matter.
"""

from __future__ import annotations

import re

from jixiao.domain.model import SummaryRow
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
    if not project or project.startswith(("合计", "总计")):
        return None
    no = cell("no")
    return SummaryRow(
        project=project,
        no=int(no) if no.isdigit() else None,
        department=cell("department") or None,
        budget=parse_plain_amount(cell("budget")),
        fund_type=cell("fund_type") or None,
    )
