"""Read the disclosure layout jixiao publishes, from any format that has paragraphs and table cells.

The DOCX, XLSX, HTML and PDF readers each turn their file into one stream of paragraph and row blocks
in document order (:mod:`jixiao.ingest.grid.blocks`); this module turns the stream into a Document. Table rows are
recognised by the label in their first cell and indicator columns are mapped from the header row, not by
position, so tables that split, repeat their header on a new page or move a column still read. A cell
covered by a merge is ``None`` (and filled down where the layout merges); an empty cell is ``""``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from jixiao.domain import (
    Department,
    DepartmentIndicator,
    Document,
    Funds,
    Indicator,
    Level1,
    Level2,
    Project,
    ReadWarning,
    Reference,
    Source,
    SpendingPoint,
    SummaryRow,
    canonical_level1,
    canonical_level2,
    level1_of,
    parse_target_value,
)
from jixiao.domain import labels as L
from jixiao.domain.text import clean
from jixiao.ingest.grid.blocks import Block, Para, Row


class LayoutError(ValueError):
    """The blocks hold no table of the published layout."""


_YEAR_LINE = re.compile(r"^[（(](\d{4})年度?[)）]$")
_DATE_LINE = re.compile(
    r"^(\d{4}|[〇零一二三四五六七八九○]{4})年[\d一二三四五六七八九十]{1,3}月(\d{1,2}日)?$"
)
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_STRATEGIC_MAP = dict(L.STRATEGIC_COLUMNS)
_ANNUAL_MAP = dict(L.ANNUAL_COLUMNS)
_REFERENCE_ATTRS = {attr for _, attr in L.REFERENCE_COLUMNS}
_HEADER_WORDS = {L.REFERENCE, L.DUTY} | set(_STRATEGIC_MAP) | set(_ANNUAL_MAP)


_WRAP_LATIN = re.compile(r"(?<=[A-Za-z])\s*\n\s*(?=[A-Za-z])")
_WRAP = re.compile(r"\s*\n\s*")


def norm(text: str) -> str:
    """A cell's text as written: line wraps (PDF, manual breaks) removed, spaces the writer typed kept.

    Printed cells are exact in DOCX, XLSX and HTML; a PDF wraps them, and a wrap between two Latin
    letters stood for a space, anywhere else for nothing (Chinese has no word spaces).
    """
    return _WRAP.sub("", _WRAP_LATIN.sub(" ", text)).strip()


def _text(cell: str | None) -> str | None:
    return None if cell is None else norm(cell)


def _opt(cell: str | None) -> str | None:
    return norm(cell) or None if cell is not None else None


def _label_of(cell: str | None) -> str | None:
    """A label cell compared without any whitespace (``职责\n序号``, ``编 报 说 明``)."""
    return None if cell is None else clean(cell)


@dataclass
class _ProjectDraft:
    fields: dict[str, Any] = field(default_factory=dict)
    funds: dict[str, float | None] = field(default_factory=dict)
    plan: list[SpendingPoint] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)

    def build(self) -> Project:
        return Project(
            funds=Funds(*(self.funds.get(part) for part in ("total", "fiscal", "other", "midterm"))),
            indicators=tuple(self.indicators),
            spending_plan=tuple(self.plan),
            **self.fields,
        )


@dataclass
class _DepartmentDraft:
    name: str
    code: str | None
    strategic_goal: str | None = None
    strategic: list[DepartmentIndicator] = field(default_factory=list)
    annual: list[DepartmentIndicator] = field(default_factory=list)
    has_annual: bool = False

    def build(self) -> Department:
        return Department(
            name=self.name,
            code=self.code,
            strategic_goal=self.strategic_goal,
            strategic_indicators=tuple(self.strategic),
            annual_indicators=tuple(self.annual),
        )


class _Reader:
    def __init__(self) -> None:
        self.cover: list[Para] = []
        self.preface: list[str] = []
        self.mode = "cover"
        self.projects: list[Project] = []
        self.departments: list[Department] = []
        self.summary: list[SummaryRow] = []
        self.warnings: list[ReadWarning] = []
        self.project: _ProjectDraft | None = None
        self.department: _DepartmentDraft | None = None
        self.pending_department: tuple[str, str | None] | None = None
        self.table = ""  # indicators | plan | strategic | annual
        self.columns: dict[str, int] = {}
        self.header: list[list[str | None]] = []
        self.plan_periods: list[str | None] | None = None
        self.level1: Level1 | None = None
        self.level2: Level2 | None = None
        self.seen_table = False
        self.continues: str | None = None  # the project text field a label-less row would continue

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(ReadWarning(f"{where}: {message}" if where else message))

    # Paragraphs -------------------------------------------------------------------------------
    def para(self, p: Para) -> None:
        text = clean(p.text)
        if not text:
            return
        if text == L.PREFACE_HEADING and self.mode in ("cover", "preface"):
            self.mode = "preface"
        elif text == L.TOC_HEADING or _PART.match(text):
            self.mode = "body"
        elif self.mode == "cover" and not self.seen_table:
            self.cover.append(Para(norm(p.text), p.size))
        elif self.mode == "preface":
            self.preface.append(text)

    # Rows -------------------------------------------------------------------------------------
    def row(self, row: Row) -> None:
        self.mode = "body"
        self.seen_table = True
        cells = list(row.cells)
        empty = all(c is None or not clean(c) for c in cells)
        if empty and not (self.table == "plan" and self.plan_periods is not None):
            return  # a blank row, except a plan's amounts row with no amounts yet
        c0 = _label_of(cells[0])
        continues, self.continues = self.continues, None
        if continues and not c0 and self.project is not None:
            # A text too long for one page prints as the row and label-less rows under it (PDF).
            self.project.fields[continues] = (self.project.fields.get(continues) or "") + "".join(
                norm(c) for c in cells[1:] if c
            )
            self.continues = continues
            return
        if c0 == L.PROJECT_NAME:
            self.finish()
            self.project = _ProjectDraft()
            self.table = ""
            self.level1 = self.level2 = None
        if c0 in L.PROJECT_TEXT_LABELS or c0 in L.PROJECT_FUND_LABELS or c0 in L.PROJECT_FLAG_LABELS:
            self.project_pairs(cells, row.where)
        elif c0 == L.SPENDING_PLAN:
            self.table = "plan"
            self.plan_periods = [_text(c) for c in cells[1:] if c is not None]
        elif self.table == "plan" and not c0:
            self.plan_row(cells, row.where)
        elif c0 == L.INDICATOR_HEADER[0]:
            self.table = "indicators"
            # A repeated header (a page break) keeps the categories: the merged cells run on.
            self.columns = {_label_of(c) or "": i for i, c in enumerate(cells) if c is not None}
        elif c0 == L.DEPARTMENT_NAME:
            self.finish_project()
            pairs = self.pairs(cells)
            self.pending_department = (pairs.get(L.DEPARTMENT_NAME) or "", pairs.get(L.DEPARTMENT_CODE_LABEL))
            self.table = ""
        elif c0 == L.STRATEGIC_GOAL:
            self.start_department("strategic")
            self.table = "strategic"
            assert self.department is not None
            self.department.strategic_goal = self.pairs(cells).get(L.STRATEGIC_GOAL)
        elif c0 == "序号" and L.SUMMARY_COLUMNS[2][0] in {_label_of(c) for c in cells}:
            self.finish()
            self.table = "summary"
            self.columns = {_label_of(c) or "": i for i, c in enumerate(cells) if c is not None}
        elif self.table == "summary":
            self.summary_row(cells, row.where)
        elif c0 in ("序号", "职责序号"):
            kind = "strategic" if c0 == "序号" else "annual"
            if self.table != kind:
                self.start_department(kind)
            self.table = kind
            self.header = [cells]
            self.columns = self.header_columns()
        elif self.table in ("strategic", "annual") and not c0 and self.is_header(cells):
            self.header.append(cells)
            self.columns = self.header_columns()
        elif self.table == "indicators" and self.project is not None:
            self.indicator(cells, row.where)
        elif self.table in ("strategic", "annual") and self.department is not None:
            self.department_indicator(cells, row.where)
        else:
            self.warn(row.where, f"无法识别的表格行 / unrecognised row: {' | '.join(c or '' for c in cells)}")

    def pairs(self, cells: Sequence[str | None]) -> dict[str, str | None]:
        """Label/value pairs of a header-block row: labels compared bare, values as written."""
        present = [c for c in cells if c is not None]
        return {_label_of(present[i]) or "": _opt(present[i + 1]) for i in range(0, len(present) - 1, 2)}

    def project_pairs(self, cells: Sequence[str | None], where: str) -> None:
        if self.project is None:
            self.project = _ProjectDraft()
        self.table = ""
        pairs = self.pairs(cells)
        for label, value in pairs.items():
            if label in L.PROJECT_TEXT_LABELS:
                self.project.fields[L.PROJECT_TEXT_LABELS[label]] = value
                self.continues = L.PROJECT_TEXT_LABELS[label] if len(pairs) == 1 else None
            elif label in L.PROJECT_FUND_LABELS:
                self.project.funds[L.PROJECT_FUND_LABELS[label]] = self.number(value, where, label)
            elif label in L.PROJECT_FLAG_LABELS:
                self.project.fields[L.PROJECT_FLAG_LABELS[label]] = self.flag(value, where, label)
            else:
                self.warn(where, f"未知栏目 / unknown label {label!r}")
        if self.project.fields.get("name") is None:
            self.project.fields["name"] = ""

    def number(self, text: str | None, where: str, label: str) -> float | None:
        if not text:
            return None
        try:
            return float(text.replace(",", ""))
        except ValueError:
            self.warn(where, f"{label} {text!r} 不是数值 / not a number")
            return None

    def flag(self, text: str | None, where: str, label: str) -> bool | None:
        """是 / 否 as True / False; blank is not stated."""
        if text in (L.YES, L.NO):
            return text == L.YES
        if text:
            self.warn(where, f"{label} {text!r} 应为“{L.YES}”或“{L.NO}” / not yes or no")
        return None

    def plan_row(self, cells: Sequence[str | None], where: str) -> None:
        values = [_text(c) for c in cells[1:] if c is not None]
        if self.plan_periods is None:
            self.plan_periods = values
            return
        assert self.project is not None
        for period, amount in zip(self.plan_periods, values, strict=False):
            if period:
                self.project.plan.append(SpendingPoint(period, self.number(amount, where, period)))
            elif amount:
                self.warn(where, f"资金支出计划金额 {amount!r} 没有对应时点 / amount without a period")
        self.plan_periods = None

    def cell(self, cells: Sequence[str | None], label: str) -> str | None:
        i = self.columns.get(label)
        return None if i is None or i >= len(cells) else cells[i]

    def indicator(self, cells: Sequence[str | None], where: str) -> None:
        assert self.project is not None
        h = L.INDICATOR_HEADER
        l1_text, l2_text = _text(self.cell(cells, h[0])), _text(self.cell(cells, h[1]))
        if l2_text:
            self.level2 = canonical_level2(l2_text)
            if self.level2 is None:
                self.warn(where, f"二级指标 {l2_text!r} 无法识别 / unknown level-2 category")
        if l1_text:
            self.level1 = canonical_level1(l1_text)
        elif l2_text and self.level2 is not None and self.level1 is None:
            self.level1 = level1_of(self.level2)
        if self.level2 is None:
            self.warn(where, f"指标行缺少二级指标 / indicator row without a category: {cells}")
            return
        self.project.indicators.append(
            Indicator(
                level1=self.level1 or level1_of(self.level2),
                level2=self.level2,
                name=_text(self.cell(cells, h[2])) or "",
                description=_opt(self.cell(cells, h[3])),
                value=parse_target_value(self.cell(cells, h[4])),
                scoring=_opt(self.cell(cells, L.SCORING)),
            )
        )

    def summary_row(self, cells: Sequence[str | None], where: str) -> None:
        if _label_of(cells[0]) == L.SUMMARY_TOTAL:
            return  # the 合计 row is computed from the others
        fields = {attr: _opt(self.cell(cells, label)) for label, attr in L.SUMMARY_COLUMNS}
        no = fields["no"] or ""
        if no and not no.isdigit():
            self.warn(where, f"序号 {no!r} 不是整数 / not an integer")
        self.summary.append(
            SummaryRow(
                project=fields["project"] or "",
                no=int(no) if no.isdigit() else None,
                department=fields["department"],
                budget=self.number(fields["budget"], where, L.SUMMARY_COLUMNS[3][0]),
                fund_type=fields["fund_type"],
            )
        )

    def is_header(self, cells: Sequence[str | None]) -> bool:
        words = [_label_of(c) for c in cells if c is not None and clean(c)]
        return bool(words) and all(w in _HEADER_WORDS for w in words)

    def header_columns(self) -> dict[str, int]:
        width = max(len(r) for r in self.header)
        columns: dict[str, int] = {}
        for i in range(width):
            label = None
            for r in self.header:
                if i < len(r) and r[i] is not None and clean(r[i]):
                    label = _label_of(r[i])
            if label:
                columns[label] = i
        return columns

    def start_department(self, kind: str) -> None:
        self.finish_project()
        name, code = self.pending_department or ("", None)
        d = self.department
        continues = (
            kind == "annual" and d is not None and not d.has_annual and (d.name, d.code) == (name, code)
        )
        if not continues:
            self.finish_department()
            self.department = _DepartmentDraft(name, code)
        assert self.department is not None
        if kind == "annual":
            self.department.has_annual = True

    def department_indicator(self, cells: Sequence[str | None], where: str) -> None:
        assert self.department is not None
        mapping = _STRATEGIC_MAP if self.table == "strategic" else _ANNUAL_MAP
        rows = self.department.strategic if self.table == "strategic" else self.department.annual
        keys = [self.cell(cells, label) for label in mapping if label in L.KEY_COLUMNS]
        if rows and not any(_text(k) for k in keys):
            rows[-1] = self.continued(rows[-1], cells, mapping)
            return
        values: dict[str, Any] = {}
        reference: dict[str, str | None] = {}
        for label, attr in mapping.items():
            raw = self.cell(cells, label)
            if attr in ("no", "duty_no"):
                text = _text(raw) or ""
                values[attr] = int(text) if text.isdigit() else None
                if text and not text.isdigit():
                    self.warn(where, f"{label} {text!r} 不是整数 / not an integer")
            elif attr == "value":
                values[attr] = parse_target_value(raw)
            elif attr in _REFERENCE_ATTRS:
                reference[attr] = _opt(raw)
            else:
                values[attr] = _opt(raw)
        values["name"] = values.get("name") or ""
        rows.append(DepartmentIndicator(reference=Reference(**reference), **values))

    def continued(
        self, ind: DepartmentIndicator, cells: Sequence[str | None], mapping: dict[str, str]
    ) -> DepartmentIndicator:
        """``ind`` with a continuation row's text appended (a row too tall for a PDF page is printed
        in parts under each other; the parts leave the key columns empty)."""
        values: dict[str, str | None] = {}
        reference: dict[str, str | None] = {}
        for label, attr in mapping.items():
            more = _opt(self.cell(cells, label))
            if not more or label in L.KEY_COLUMNS:
                continue
            target = ind.reference if attr in _REFERENCE_ATTRS else ind
            (reference if attr in _REFERENCE_ATTRS else values)[attr] = (getattr(target, attr) or "") + more
        return dataclasses.replace(
            ind,
            reference=dataclasses.replace(ind.reference, **reference),
            **values,  # type: ignore[arg-type]
        )

    # Assembly ---------------------------------------------------------------------------------
    def finish_project(self) -> None:
        if self.project is not None:
            self.projects.append(self.project.build())
            self.project = None

    def finish_department(self) -> None:
        if self.department is not None:
            self.departments.append(self.department.build())
            self.department = None

    def finish(self) -> None:
        self.finish_project()
        self.finish_department()

    def document(self, source: Source) -> Document:
        self.finish()
        year = None
        lines = []
        for p in self.cover:
            if m := _YEAR_LINE.match(p.text):
                year = int(m.group(1))
            elif not _DATE_LINE.match(p.text):
                lines.append(p)
        sizes = [p.size for p in lines if p.size is not None]
        if sizes and len(sizes) == len(lines):
            big = max(sizes)
            title = "".join(p.text for p in lines if p.size is not None and p.size >= big - 0.5)
            issuer = "".join(p.text for p in lines if p.size is not None and p.size < big - 0.5)
        else:
            title = lines[0].text if lines else ""
            issuer = "".join(p.text for p in lines[1:])
        return Document(
            source=source,
            title=title or None,
            issuer=issuer or None,
            year=year,
            preface="\n".join(self.preface) or None,
            projects=tuple(self.projects),
            departments=tuple(self.departments),
            summary=tuple(self.summary),
            warnings=tuple(self.warnings),
        )


def read_blocks(blocks: Iterable[Block], source: Source) -> Document:
    """A Document from a block stream in the published layout; :class:`LayoutError` if it has none."""
    reader = _Reader()
    for block in blocks:
        if isinstance(block, Row):
            reader.row(block)
        else:
            reader.para(block)
    doc = reader.document(source)
    if not doc.projects and not doc.departments and not doc.summary:
        raise LayoutError("未找到绩效目标表 / no performance target table in the published layout")
    return doc
