"""Department tables read from the grid by their headers: the strategic table (部门整体战略目标表) and the
annual table (年度整体绩效目标表).

A department starts at a title that names it (``2022年度某局整体战略目标表``) or a 部门名称 field; its
战略目标 is a label–value field. A table header names its columns (序号, 职责序号, 部门职责 over one or two
columns, 职责目标, 绩效指标, 指标解释, 年度指标值, the reference values under one to four header rows, 备注,
工作活动, 预算项目, 对应科室) in any order. Duty cells merged down (or printed once and left blank) carry to
the rows below. The strategic table is the one without duties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from jixiao.domain import Department, DepartmentIndicator, ReadWarning, Reference, parse_target_value
from jixiao.domain.text import clean, is_placeholder
from jixiao.ingest.grid.model import Slot, origin_cells, row_line, row_where
from jixiao.ingest.interpret.vocabulary import Vocabulary
from jixiao.ingest.labels import coded_name

_INT = re.compile(r"^\d{1,4}$")
_REFERENCE = ("planned", "standard", "avg3", "last_year")
_DUTY = ("duty_no", "duty_area", "duty", "duty_goal")
_TEXT = ("explanation", "note", "activity", "budget_project", "office")


@dataclass
class DepartmentColumns:
    """Column position → key; the duty column split in two (area, specific duty) when it spans two."""

    keys: dict[int, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return "annual" if {"duty", "duty_no", "duty_goal", "duty_area"} & set(self.keys.values()) else "strategic"


def department_header_keys(row: list[Slot | None], vocabulary: Vocabulary) -> dict[int, str]:
    return {
        position: key
        for position, slot in enumerate(row)
        if slot is not None and slot.cell.col == position and (key := vocabulary.department_column(slot.text))
    }


def is_department_header(row: list[Slot | None], vocabulary: Vocabulary) -> bool:
    """A row naming an indicator and its value, and a duty, a duty goal or a 序号 — and no 二级指标."""
    keys = set(department_header_keys(row, vocabulary).values())
    if not all(keys & wanted for wanted in vocabulary.department_required.values()):
        return False
    texts = {vocabulary.column(s.text) for s in row if s is not None}
    if {"level2", "level1"} & texts:
        return False  # a project's indicator table
    if keys & {"duty", "duty_no", "duty_goal"}:
        return True  # an annual table: duties
    # A strategic table: numbered rows with explanations, and no project header words beyond name and value.
    return bool(keys & {"no", "explanation"}) and not (texts - {None, "name", "value", "no", "description"})


def map_department_columns(rows: list[list[Slot | None]], vocabulary: Vocabulary) -> DepartmentColumns:
    """Header rows → columns. Each position takes the lowest header naming it; 来源 is resolved by what
    stands before it; a 部门职责 header over two columns names the area and then the specific duty."""
    named: dict[int, str] = {}
    for row in rows:
        for position, key in department_header_keys(row, vocabulary).items():
            named[position] = key
    # A merged header names only its first position; a duty header over two columns names both.
    for row in rows:
        for position, slot in enumerate(row):
            if (slot is not None and slot.cell.col == position and slot.cell.colspan == 2
                    and named.get(position) == "duty" and position + 1 not in named):
                named[position], named[position + 1] = "duty_area", "duty"
    out = DepartmentColumns()
    last_reference = None
    for position in sorted(named):
        key = named[position]
        if key == "source":
            key = "history_source" if last_reference in ("avg3", "last_year") else "standard_source"
        if key in _REFERENCE:
            last_reference = key
        if key not in out.keys.values():
            out.keys[position] = key
    duties = [p for p, k in out.keys.items() if k == "duty"]
    if len(duties) == 1 and duties[0] + 1 < _width(rows) and duties[0] + 1 not in out.keys:
        # 部门职责 printed over two columns with a blank beside it (text converters): area, then duty.
        beside = [row[duties[0] + 1] for row in rows if duties[0] + 1 < len(row)]
        if all(s is None or not clean(s.text) or (s.cell.col < duties[0] + 1) for s in beside):
            out.keys[duties[0]], out.keys[duties[0] + 1] = "duty_area", "duty"
    return out


def _width(rows: list[list[Slot | None]]) -> int:
    return max(len(r) for r in rows)


@dataclass
class _DepartmentDraft:
    name: str | None
    code: str | None
    where: str | None
    line: int | None
    strategic_goal: str | None = None
    strategic: list[DepartmentIndicator] = field(default_factory=list)
    annual: list[DepartmentIndicator] = field(default_factory=list)


@dataclass
class DepartmentReader:
    """Department tables in document order; :meth:`finish` merges a department's strategic and annual
    tables into one Department."""

    vocabulary: Vocabulary
    departments: list[_DepartmentDraft] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    current: _DepartmentDraft | None = None
    kind: str | None = None  # the table kind a title announced
    columns: DepartmentColumns | None = None
    header_rows: list[list[Slot | None]] = field(default_factory=list)
    above: dict[str, str | None] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return self.current is not None

    # -- what starts a department -----------------------------------------------------------------------
    def title(self, text: str, where: str | None, line: int | None) -> bool:
        found = self.vocabulary.department_title(text)
        if found is None:
            return False
        kind, owner = found
        self.start(owner, where, line)
        self.kind = kind
        return True

    def start(self, name: str | None, where: str | None, line: int | None) -> None:
        self.flush_header()
        code = None
        if name and (coded := coded_name(name)):
            code, name = coded
        same = self.current is not None and name and self.current.name == name
        if not same:
            self.current = _DepartmentDraft(name, code, where, line)
            self.departments.append(self.current)
        self.columns, self.above, self.kind = None, {}, None

    def stop(self) -> None:
        self.flush_header()
        self.current, self.columns = None, None

    def take_unused_name(self) -> str | None:
        """A department started by a 部门名称 field that no table followed: a project form's field, which
        the project reader takes back."""
        draft = self.current
        if draft is None or draft.strategic or draft.annual or draft.strategic_goal or self.columns is not None:
            return None
        self.departments.remove(draft)
        self.current = None
        return draft.name

    # -- rows ---------------------------------------------------------------------------------------------
    def row(self, row: list[Slot | None]) -> bool:
        """Take a row if it belongs to a department table; ``False`` leaves it to the project reader."""
        cells = [c for c in origin_cells(row) if clean(c.text)]
        if self.header_rows:
            if _is_subheader(row, self.vocabulary) or not cells:
                self.header_rows.append(row)
                return True
            self.flush_header()
        if is_department_header(row, self.vocabulary):
            if self.current is None:
                self.start(None, row_where(row), row_line(row))
            self.header_rows = [row]
            return True
        if cells and self.fields(cells):
            return True
        if self.columns is None or self.current is None:
            return False
        if not cells:
            return True
        if len(cells) == 1 and cells[0].colspan > 1 and self.title(cells[0].text, cells[0].where, cells[0].line):
            return True
        self.indicator(row)
        return True

    def fields(self, cells: list) -> bool:  # type: ignore[type-arg]
        """部门名称 / 战略目标 fields; ``True`` when the row held one."""
        taken = False
        for i, cell in enumerate(cells):
            text = clean(cell.text)
            key = self.vocabulary.department_field(text)
            inline = None
            if key is None and ("：" in text or ":" in text):
                head, _, tail = re.split(r"([:：])", text, maxsplit=1)
                key = self.vocabulary.department_field(head)
                inline = tail.strip()
            if key is None:
                continue
            value = inline if inline is not None else (clean(cells[i + 1].text) if i + 1 < len(cells) else "")
            if key == "name":
                if not value:
                    continue
                self.start(value, cell.where, cell.line)
            elif self.current is not None:
                self.current.strategic_goal = value or None
            else:
                continue
            taken = True
        return taken

    def flush_header(self) -> None:
        if self.header_rows:
            self.columns = map_department_columns(self.header_rows, self.vocabulary)
            self.above = {}
            self.header_rows = []

    def indicator(self, row: list[Slot | None]) -> None:
        assert self.columns is not None and self.current is not None
        values: dict[str, str] = {}
        for position, key in self.columns.keys.items():
            slot = row[position] if position < len(row) else None
            values[key] = clean(slot.text) if slot is not None else ""
        name, value = values.get("name", ""), values.get("value", "")
        if not name and not value:
            if any(values.values()):
                self.warnings.append(ReadWarning(f"部门表中无法归属的行: {' | '.join(v for v in values.values() if v)[:80]}",
                                                 row_line(row), row_where(row)))
            return
        annual = self.columns.kind == "annual" and self.kind != "strategic"
        if annual:
            fresh = values.get("duty_no") and values.get("duty_no") != self.above.get("duty_no")
            for key in _DUTY:
                if not values.get(key) and not fresh:
                    values[key] = self.above.get(key) or ""
            self.above = {key: values.get(key) for key in _DUTY}
        indicator = DepartmentIndicator(
            name=name,
            value=parse_target_value(value),
            no=_int(values.get("no")),
            duty_no=_int(values.get("duty_no")) if annual else None,
            duty_area=_text(values.get("duty_area")) if annual else None,
            duty=_text(values.get("duty")) if annual else None,
            duty_goal=_text(values.get("duty_goal")) if annual else None,
            reference=Reference(
                planned=_text(values.get("planned")), standard=_text(values.get("standard")),
                standard_source=_text(values.get("standard_source")), avg3=_text(values.get("avg3")),
                last_year=_text(values.get("last_year")), history_source=_text(values.get("history_source")),
            ),
            line=row_line(row),
            where=row_where(row),
            **{key: _text(values.get(key)) for key in _TEXT},
        )
        (self.current.annual if annual else self.current.strategic).append(indicator)

    def finish(self) -> tuple[list[Department], list[ReadWarning]]:
        self.flush_header()
        merged: dict[str, _DepartmentDraft] = {}
        order: list[_DepartmentDraft] = []
        for draft in self.departments:
            if not (draft.strategic or draft.annual or draft.strategic_goal):
                continue
            key = draft.name or f"#{len(order)}"
            if key in merged:
                target = merged[key]
                target.strategic += draft.strategic
                target.annual += draft.annual
                target.strategic_goal = target.strategic_goal or draft.strategic_goal
            else:
                merged[key] = replace(draft, strategic=list(draft.strategic), annual=list(draft.annual))
                order.append(merged[key])
        out = []
        for draft in order:
            if not draft.name:
                self.warnings.append(ReadWarning("部门表没有部门名称", draft.line, draft.where))
            out.append(Department(
                name=draft.name or "", code=draft.code, strategic_goal=draft.strategic_goal,
                strategic_indicators=tuple(draft.strategic), annual_indicators=tuple(draft.annual),
                line=draft.line,
            ))
        return out, self.warnings


def _is_subheader(row: list[Slot | None], vocabulary: Vocabulary) -> bool:
    """A lower header row: every cell it starts names a department column (规划值, 来源 …) or a group."""
    started = [s for s in row if s is not None and s.origin and clean(s.text)]
    return bool(started) and all(
        vocabulary.department_column(s.text) or _is_group_heading(s.text) for s in started
    )


def _is_group_heading(text: str) -> bool:
    words = clean(text)
    return words.startswith(("指标参考值", "参考值", "标准值", "历史值"))


def _text(value: str | None) -> str | None:
    return None if not value or is_placeholder(value) else value


def _int(value: str | None) -> int | None:
    return int(value) if value and _INT.match(value) else None
