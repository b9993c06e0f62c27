"""One project table (项目支出绩效目标表) from its source lines.

The header block is read as label/value pairs wherever the labels stand in a row, so templates that put
two fields on a row (``项目编码⇥…⇥项目名称⇥…``) or a field's value over several cells read alike. Unlabelled
rows are placed by what surrounds them: the use of funds after 预算规模及资金用途, amounts after
资金支出计划, a goal whose label the OCR lost, a name row whose label is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.domain.model import Funds, Project, SpendingPoint
from jixiao.ingest.amounts import Amount, parse_amount, parse_plain_amount
from jixiao.ingest.cells import join_split
from jixiao.ingest.indicator_rows import (
    IndicatorBlock,
    header_columns,
    header_has_description,
    is_garbage,
    is_indicator_header,
)
from jixiao.ingest.labels import (
    Field,
    coded_name,
    currency_line,
    is_project_title,
    project_label,
    unit_line,
    year_line,
)
from jixiao.ingest.lines import Line

_AMOUNT_CELL = re.compile(r"^金额[:：]")
_ORGANISATION = re.compile(r"(局|委员会|委|办公室|办|中心|院|会|社|部|所|站|队|馆|处|厅|集团|公司)$")
_PERIOD = re.compile(r"^(\d{1,2})月(?:底|末)?$|^第?[一二三四1-4]季度(?:末)?$|^全年$")


@dataclass
class ProjectDraft:
    """What a project table has said so far, before it becomes an immutable :class:`Project`."""

    line: int | None = None
    name: str | None = None
    code: str | None = None
    category: str | None = None
    department: str | None = None
    department_code: str | None = None
    unit: str | None = None
    unit_code: str | None = None
    total: Amount | None = None
    fiscal: float | None = None
    other: float | None = None
    fund_type: str | None = None
    purpose: str | None = None
    plan_periods: list[str] = field(default_factory=list)
    plan_amounts: list[float | None] | None = None
    goal: str | None = None
    department_cuts: tuple[int, ...] = ()
    department_damaged: bool = False
    warnings: list[tuple[int, str]] = field(default_factory=list)


def _pairs(cells: tuple[str, ...]) -> list[tuple[Field | None, list[str]]]:
    pairs: list[tuple[Field | None, list[str]]] = []
    for cell in cells:
        label = project_label(cell)
        if label is not None:
            pairs.append((label, []))
        elif not pairs:
            pairs.append((None, [cell] if cell else []))
        elif cell:
            pairs[-1][1].append(cell)
    return pairs


class ProjectTableReader:
    """Feed the lines of one project table, then call :meth:`finish`."""

    def __init__(self, category: str | None) -> None:
        self.draft = ProjectDraft(category=category)
        self.block: IndicatorBlock | None = None
        self._expect: Field | None = None
        self._after_funds = False
        self._plan_columns: list[tuple[int, str]] = []

    @property
    def in_indicators(self) -> bool:
        return self.block is not None

    def feed(self, line: Line) -> None:
        if line.blank:
            return
        if self.block is not None:
            if is_indicator_header(line):
                return
            self.block.add(line)
            return
        if is_indicator_header(line):
            self.block = IndicatorBlock(header_has_description(line), *header_columns(line))
            return
        if self._preamble(line):
            return
        self._header_row(line)

    def _preamble(self, line: Line) -> bool:
        text = line.text if len(line.filled) == 1 else ""
        if not text:
            return False
        d = self.draft
        if is_project_title(text) or year_line(text) is not None or currency_line(text):
            return True
        if (coded := coded_name(text)) and (d.name is None or d.department is None):
            d.department_code, d.department = coded
            return True
        if (unit := unit_line(text)) and d.name is None:
            d.unit_code, d.unit = unit
            d.department_code = unit[0][:3]
            return True
        return False

    def _header_row(self, line: Line) -> None:
        d = self.draft
        pairs = _pairs(line.cells)
        if all(label is None for label, _ in pairs):
            self._unlabelled(line, [c for c in line.filled])
            return
        for label, values in pairs:
            if label is None:
                if values and not is_garbage(values[0]) and len(values[0]) > 20 and d.goal is None:
                    self._take_goal(line, values)
                continue
            self._take(line, label, values)

    def _take(self, line: Line, label: Field, values: list[str]) -> None:
        d = self.draft
        text, split = join_split(values)
        if label is Field.NAME:
            if d.line is None or d.name is None:
                d.line = line.no
            d.name = text or d.name
        elif label is Field.CODE:
            d.code = text or None
            d.line = d.line or line.no
        elif label in (Field.DEPARTMENT, Field.UNIT):
            coded = coded_name(text)
            code, name = coded if coded else (None, text)
            if label is Field.DEPARTMENT:
                d.department, d.department_code = name or d.department, code or d.department_code
                d.department_cuts = () if coded else split
                d.department_damaged = "<" in line.raw
            else:
                d.unit, d.unit_code = name or d.unit, code or d.unit_code
        elif label in (Field.TOTAL, Field.BUDGET_AND_PURPOSE):
            amount = parse_amount(values)
            if amount is not None:
                d.total = amount
                if amount.split:
                    d.warnings.append(
                        (line.no, f"金额跨单元格拆分, 已修复为 {amount.value:g} 万元: {' | '.join(values)}")
                    )
            self._after_funds = True
            if label is Field.BUDGET_AND_PURPOSE:
                self._expect = Field.PURPOSE
        elif label is Field.FISCAL:
            d.fiscal = parse_plain_amount(text)
        elif label is Field.OTHER:
            d.other = parse_plain_amount(text)
        elif label is Field.FUND_GROUP:
            self._after_funds = True
        elif label is Field.FUND_TYPE:
            d.fund_type = text or None
        elif label is Field.PURPOSE:
            d.purpose = text or None
        elif label is Field.PLAN:
            self._plan_columns = [(i, c) for i, c in enumerate(line.cells) if _PERIOD.match(c)]
            d.plan_periods = [c for _, c in self._plan_columns]
            self._expect = Field.PLAN
        elif label is Field.GOAL:
            self._take_goal(line, values)

    def _take_goal(self, line: Line, values: list[str]) -> None:
        text, _ = join_split(values)
        if text:
            self.draft.goal = text if self.draft.goal is None else self.draft.goal + text

    def _unlabelled(self, line: Line, filled: list[str]) -> None:
        d = self.draft
        if self._expect is Field.PURPOSE:
            d.purpose = join_split(filled)[0] or None
            self._expect = None
            return
        if self._expect is Field.PLAN:
            d.plan_amounts = self._plan_amounts(line)
            self._expect = None
            return
        if len(filled) == 1 and (coded := coded_name(filled[0])) and d.department is None:
            d.department_code, d.department = coded
            return
        if _AMOUNT_CELL.search("".join(filled)) and d.total is None:
            self._take(line, Field.TOTAL, filled)
            d.warnings.append((line.no, "资金情况标签缺失, 按内容读作金额"))
            return
        if d.name is not None and d.department is None and not self._after_funds and len(filled) <= 3:
            name, split = join_split(filled)
            if _ORGANISATION.search(name):
                d.department, d.department_cuts = name, split
                d.department_damaged = "<" in line.raw
                d.warnings.append((line.no, f"主管部门标签缺失, 按内容读作主管部门: {name}"))
                return
        if d.name is None and not self._after_funds and len(filled) <= 3:
            d.name = join_split(filled)[0]
            d.line = line.no
            d.warnings.append((line.no, f"项目名称标签缺失, 按位置读作项目名称: {d.name}"))
            return
        if self._after_funds:
            cells = filled
            if len(cells) > 1 and len(cells[0]) <= 8 and line.cells and line.cells[0]:
                cells = cells[1:]  # the label column, its label garbled or replaced by a fragment
            d.warnings.append((line.no, "总体目标标签缺失或无法识别, 按位置读作总体目标"))
            self._take_goal(line, cells)
            return
        d.warnings.append((line.no, f"无法归属的表头行, 已忽略: {' | '.join(filled)}"))

    def _plan_amounts(self, line: Line) -> list[float | None]:
        """Amounts under the period header, by column: a blank cell means nothing planned by that date.

        A value standing in a column without a period goes to the nearest period column to its left.
        """
        positions = [i for i, _ in self._plan_columns]
        amounts: list[float | None] = [None] * len(positions)
        for j, cell in enumerate(line.cells):
            value = parse_plain_amount(cell) if cell else None
            if value is None or not positions:
                continue
            left = [k for k, p in enumerate(positions) if p <= j]
            slot = left[-1] if left else 0
            if amounts[slot] is not None and slot + 1 < len(positions):
                slot += 1
            amounts[slot] = value
        return amounts

    def header_block_before(self, header: Line) -> list[Line]:
        """Unlabelled rows just before a repeated indicator header that are really the next table's header
        block (a table whose labels the converter lost): they carry an amount."""
        if self.block is None:
            return []
        tail = self.block.unlabelled_tail
        if any(_AMOUNT_CELL.search(c) for line in tail for c in line.filled):
            self.block.take_back(tail)
            return tail
        return []

    def finish(self) -> tuple[Project | None, list[tuple[int, str]]]:
        d = self.draft
        warnings = list(d.warnings)
        if self.block is None:
            indicators = []
            if d.name:
                warnings.append((d.line or 0, f"项目 {d.name} 没有指标表"))
        else:
            indicators = self.block.indicators()
            warnings.extend(self.block.warnings)
        if not d.name:
            if d.code or indicators:
                warnings.append((d.line or 0, "项目名称缺失"))
            else:
                return None, warnings
        total = self._choose_total(indicators, warnings)
        plan = tuple(
            SpendingPoint(
                period, (d.plan_amounts or [None] * len(d.plan_periods))[i] if d.plan_amounts else None
            )
            for i, period in enumerate(d.plan_periods)
        )
        project = Project(
            name=d.name or "",
            code=d.code,
            category=d.category,
            department=d.department,
            department_code=d.department_code,
            unit=d.unit,
            unit_code=d.unit_code,
            funds=Funds(total, d.fiscal, d.other),
            fund_type=d.fund_type,
            purpose=d.purpose,
            spending_plan=plan,
            goal=d.goal,
            indicators=tuple(indicators),
            line=d.line,
        )
        return project, warnings

    def _choose_total(self, indicators: list, warnings: list[tuple[int, str]]) -> float | None:
        """Pick the reading of a split amount that the table's own cost indicators confirm."""
        amount = self.draft.total
        if amount is None:
            return None
        if not amount.alternatives:
            return amount.value
        costs = {
            i.value.number
            for i in indicators
            if i.value.number is not None and i.value.unit in ("万元", "万")
        }
        for candidate in (amount.value, *amount.alternatives):
            if candidate in costs:
                return candidate
        warnings.append(
            (
                self.draft.line or 0,
                f"金额 {amount.value:g} 万元有歧义 (也可能是 {amount.alternatives[0]:g} 万元)",
            )
        )
        return amount.value
