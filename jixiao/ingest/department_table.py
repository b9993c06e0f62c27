"""Department tables: the strategic table (部门整体战略目标表) and the annual table (年度整体绩效目标表).

Strategic rows are numbered (序号), so a row is found by its number and read by content after it.
Annual rows are positional: merged cells (职责序号, 部门职责, 职责目标) are printed once and blank below, so a
blank cell means "same as above" and positions matter. The layout (whether 部门职责 has two sub-columns,
whether reference-value columns exist) is taken from the table's header and its rows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from jixiao.domain.model import DepartmentIndicator, Reference
from jixiao.domain.text import is_placeholder
from jixiao.domain.values import ValueKind, parse_target_value
from jixiao.ingest.cells import join_split
from jixiao.ingest.lines import Line

_INT = re.compile(r"^\d{1,3}$")
_SOURCE_WORDS = ("《", "规划", "统计", "计划", "要求", "文件", "年鉴", "公报", "目标任务", "方案", "意见", "通知", "系统", "数据", "考核", "总结", "标准")


def _value_or_none(cell: str) -> str | None:
    return None if not cell or is_placeholder(cell) else cell


def _looks_like_value(cell: str) -> bool:
    v = parse_target_value(cell)
    return v.kind in (ValueKind.NUMERIC, ValueKind.RANGE, ValueKind.RANK) or (
        v.kind is ValueKind.QUALITATIVE and len(cell) <= 8
    )


def _looks_like_source(cell: str) -> bool:
    return any(w in cell for w in _SOURCE_WORDS) and not _looks_like_value(cell)


def is_strategic_header(line: Line) -> bool:
    text = line.text
    return "序号" in text and "指标" in text and ("年度指标" in text or "指标解释" in text) and "职责" not in text


def is_annual_header(line: Line) -> bool:
    text = line.text
    return ("职责序号" in text or text.startswith("职")) and "部门职责" in text


def _reference_from(cells: list[str]) -> tuple[Reference, str | None]:
    """Map the cells after 年度指标值 onto 规划值/标准值/来源/前三年均值/上年值/来源/备注, by content."""
    cells = [c for c in cells]
    sources = [i for i, c in enumerate(cells) if c and _looks_like_source(c)]
    if len(cells) >= 6 and len(sources) >= 1 and sources[0] == 2 and (len(sources) < 2 or sources[1] == 5):
        planned, standard, standard_source, avg3, last_year, history_source = cells[:6]
        note = "".join(cells[6:7])
    elif sources:
        first = sources[0]
        before = [c for c in cells[:first] if c]
        planned, standard = (before + [None, None])[:2] if len(before) >= 2 else (None, before[0] if before else None)
        standard_source = cells[first]
        rest = cells[first + 1:]
        second = next((i for i, c in enumerate(rest) if c and _looks_like_source(c)), None)
        middle = [c for c in (rest[:second] if second is not None else rest) if c]
        avg3, last_year = (middle + [None, None])[:2] if len(middle) >= 2 else (None, middle[0] if middle else None)
        history_source = rest[second] if second is not None else None
        tail = [c for c in (rest[second + 1:] if second is not None else []) if c]
        note = tail[0] if tail else None
    else:
        padded = cells + [""] * 7
        planned, standard, standard_source, avg3, last_year, history_source, note = padded[:7]
    ref = Reference(
        planned=_value_or_none(planned or ""),
        standard=_value_or_none(standard or ""),
        standard_source=_value_or_none(standard_source or ""),
        avg3=_value_or_none(avg3 or ""),
        last_year=_value_or_none(last_year or ""),
        history_source=_value_or_none(history_source or ""),
    )
    return ref, _value_or_none(note or "")


class StrategicTableReader:
    """Rows of a strategic table: ``序号⇥指标⇥指标解释⇥年度指标值[⇥参考值…]``."""

    def __init__(self) -> None:
        self.goal_parts: list[str] = []
        self.indicators: list[DepartmentIndicator] = []
        self.warnings: list[tuple[int, str]] = []
        self.has_reference = False
        self._in_rows = False

    def feed(self, line: Line) -> None:
        if line.blank:
            return
        first = line.first
        if first.startswith("战略目标") and not self._in_rows:
            rest = [c for c in line.filled[1:]]
            if first != "战略目标":
                rest.insert(0, first.removeprefix("战略目标").lstrip(":："))
            self.goal_parts.append(join_split(rest)[0])
            return
        if is_strategic_header(line):
            self._in_rows = True
            self.has_reference = self.has_reference or "参考值" in line.text or "备注" in line.text
            return
        if "规划值" in line.text or "标准值" in line.text or "历史值" in line.text or "前三年" in line.text:
            return  # header sub-rows, repeated on every page
        filled = [c for c in line.filled if c not in ("指标",)]
        number_at = next((i for i, c in enumerate(filled[:2]) if _INT.match(c)), None)
        if number_at is None:
            if not self._in_rows:
                self.goal_parts.append("".join(line.filled))
            else:
                self.warnings.append((line.no, f"战略目标表中无法归属的行, 已忽略: {' | '.join(line.filled)}"))
            return
        self._in_rows = True
        no = int(filled[number_at])
        cells = list(line.cells)
        start = cells.index(filled[number_at]) + 1
        rest = cells[start:]
        payload = [c for c in rest if c]
        if self.has_reference:
            name, explanation, value = (payload + ["", "", ""])[:3]
            tail_cells = rest[rest.index(value) + 1:] if value in rest else []
            reference, note = _reference_from([c for c in tail_cells if c] if len([c for c in tail_cells if c]) >= 6 else tail_cells)
        else:
            reference, note = Reference(), None
            if len(payload) >= 3:
                name, explanation, value = payload[0], "".join(payload[1:-1]), payload[-1]
            elif len(payload) == 2:
                name, last = payload
                if _looks_like_value(last):
                    explanation, value = "", last
                else:
                    explanation, value = last, ""
                    self.warnings.append((line.no, f"指标值缺失: {name}"))
            else:
                name, explanation, value = (payload + [""])[0], "", ""
                self.warnings.append((line.no, f"指标值缺失: {name}"))
        self.indicators.append(
            DepartmentIndicator(
                name=name,
                value=parse_target_value(value),
                no=no,
                explanation=explanation or None,
                reference=reference,
                note=note,
                line=line.no,
            )
        )

    @property
    def goal(self) -> str | None:
        text = "".join(p for p in self.goal_parts if p)
        return text or None


_ANNUAL_TAIL = ("planned", "standard", "standard_source", "avg3", "last_year", "history_source", "note",
                "activity", "budget_project", "office")


@dataclass
class _Duty:
    no: int | None = None
    area: str | None = None
    duty: str | None = None
    goal: str | None = None


@dataclass
class AnnualTableReader:
    """Rows of an annual table, positional, with merged duty cells filled down."""

    warnings: list[tuple[int, str]] = field(default_factory=list)
    rows: list[tuple[Line, list[str]]] = field(default_factory=list)
    header_text: str = ""
    split_duty_header: bool | None = None

    def feed(self, line: Line) -> None:
        if line.blank:
            return
        text = line.text
        if is_annual_header(line) or text.startswith("责序号") or (
            ("规划值" in text or "标准值" in text or "历史值" in text) and not _INT.match(line.cells[0] if line.cells else "")
        ):
            if is_annual_header(line):
                self.header_text = self.header_text or text
                cells = list(line.cells)
                if "部门职责" in cells:
                    i = cells.index("部门职责")
                    self.split_duty_header = i + 1 < len(cells) and (not cells[i + 1] or cells[i + 1].startswith("部门职责"))
            return
        if line.text.startswith("部门名称"):
            return
        self.rows.append((line, list(line.cells)))

    def indicators(self) -> list[DepartmentIndicator]:
        has_reference = "参考值" in self.header_text or "规划值" in self.header_text or "备注" in self.header_text
        lengths = Counter(len(c) for _, c in self.rows)
        if self.split_duty_header is not None and has_reference:
            split = self.split_duty_header
        else:
            common = lengths.most_common(1)[0][0] if lengths else 0
            split = common >= 7 if not has_reference else common >= 17
        head = ["duty_no", "duty_area", "duty", "duty_goal"] if split else ["duty_no", "duty", "duty_goal"]
        columns = head + ["name", "explanation", "value"] + (list(_ANNUAL_TAIL) if has_reference else [])
        out: list[DepartmentIndicator] = []
        duty = _Duty()
        for line, cells in self.rows:
            row = dict(zip(columns, cells + [""] * max(0, len(columns) - len(cells)), strict=False))
            extra = cells[len(columns):]
            name, value = row.get("name", ""), row.get("value", "")
            if not name and not value:
                filled = [c for c in cells if c]
                if out and len(filled) == 1:
                    self._attach_spill(out, filled[0], line)
                elif filled:
                    self.warnings.append((line.no, f"年度目标表中无法归属的行, 已忽略: {' | '.join(filled)}"))
                continue
            duty = self._duty(duty, row)
            if extra and any(extra):
                self.warnings.append((line.no, f"行的单元格多于表头, 多余内容: {' | '.join(c for c in extra if c)}"))
            if not value:
                self.warnings.append((line.no, f"指标值缺失: {name}"))
            reference = Reference(
                planned=_value_or_none(row.get("planned", "")),
                standard=_value_or_none(row.get("standard", "")),
                standard_source=_value_or_none(row.get("standard_source", "")),
                avg3=_value_or_none(row.get("avg3", "")),
                last_year=_value_or_none(row.get("last_year", "")),
                history_source=_value_or_none(row.get("history_source", "")),
            )
            out.append(
                DepartmentIndicator(
                    name=name,
                    value=parse_target_value(value),
                    duty_no=duty.no,
                    duty_area=duty.area,
                    duty=duty.duty,
                    duty_goal=duty.goal,
                    explanation=_value_or_none(row.get("explanation", "")),
                    reference=reference,
                    note=_value_or_none(row.get("note", "")),
                    activity=_value_or_none(row.get("activity", "")),
                    budget_project=_value_or_none(row.get("budget_project", "")),
                    office=_value_or_none(row.get("office", "")),
                    line=line.no,
                )
            )
        return out

    def _duty(self, previous: _Duty, row: dict[str, str]) -> _Duty:
        no_cell = row.get("duty_no", "")
        no = int(no_cell) if _INT.match(no_cell) else None
        area = _value_or_none(row.get("duty_area", ""))
        duty = _value_or_none(row.get("duty", ""))
        goal = _value_or_none(row.get("duty_goal", ""))
        if no is not None and no != previous.no:
            return _Duty(no, area, duty, goal)
        return _Duty(
            previous.no if no is None else no,
            area or previous.area,
            duty or previous.duty,
            goal or previous.goal,
        )

    def _attach_spill(self, out: list[DepartmentIndicator], text: str, line: Line) -> None:
        from dataclasses import replace

        last = out[-1]
        self.warnings.append((line.no, f"单独一行的溢出文字, 归入上一行的预算项目: {text}"))
        out[-1] = replace(last, budget_project=(last.budget_project or "") + text)
