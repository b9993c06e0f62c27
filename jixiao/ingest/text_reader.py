"""A whole disclosure from converted text: find the tables, read each, and account for every line.

The segmenter goes by what a line says (a field label, a table title, a header), never by markdown level or
line number. Every non-blank line inside the body either belongs to a table or becomes a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from jixiao.domain.model import Department, Document, Project, ReadWarning, Source, SummaryRow
from jixiao.domain.totals import PrintedTotal
from jixiao.ingest.annual_table import AnnualTableReader, is_annual_header
from jixiao.ingest.front_matter import is_toc_line, read_front_matter
from jixiao.ingest.indicator_rows import is_indicator_header
from jixiao.ingest.labels import (
    STARTS_PROJECT,
    Field,
    coded_name,
    currency_line,
    is_project_title,
    project_label,
    unit_line,
    year_line,
)
from jixiao.ingest.lines import Line, split_lines
from jixiao.ingest.names import NameEvidence, harmonise_department_names
from jixiao.ingest.project_table import ProjectTableReader
from jixiao.ingest.strategic_table import StrategicTableReader, is_strategic_header
from jixiao.ingest.summary_table import SummaryTotals, summary_header, summary_row, total_row

_PART_HEADING = re.compile(r"^(?:第[一二三四五六七八九十\d]+部分)?(.*类)(?:项目)?(?:绩效目标)?(?:表)?$")
_DEPT_NAME = re.compile(r"^部门(?:\(单位\))?名称[:：]?(.*)$")
_DEPT_TITLE = re.compile(
    r"^(?:20\d{2}年度?)?(?P<name>.*?)(?:部门)?(?:整体)?(?P<kind>战略目标表|绩效目标表|目标表)$"
)
_NOT_AN_INDICATOR_ROW = re.compile(r"部门名称|目标表|战略目标|职责序号|序号|金额|^\d{6}")
_GENERIC_DEPT_WORDS = ("区级", "市级", "县级", "省级", "部门", "年度", "整体")


@dataclass
class _DepartmentDraft:
    name: str
    code: str | None
    line: int
    strategic: StrategicTableReader | None = None
    annual: AnnualTableReader | None = None
    expect: str | None = None  # "strategic" | "annual" from a title

    def build(self) -> tuple[Department, list[tuple[int, str]]]:
        warnings: list[tuple[int, str]] = []
        strategic = self.strategic.indicators if self.strategic else []
        annual = self.annual.indicators() if self.annual else []
        if self.strategic:
            warnings += self.strategic.warnings
        if self.annual:
            warnings += self.annual.warnings
        dept = Department(
            name=self.name,
            code=self.code,
            strategic_goal=self.strategic.goal if self.strategic else None,
            strategic_indicators=tuple(strategic),
            annual_indicators=tuple(annual),
            line=self.line,
        )
        return dept, warnings


def _title_department(text: str) -> tuple[str | None, str] | None:
    m = _DEPT_TITLE.match(text)
    if not m or ("整体" not in text and "战略" not in text) or re.match(r"^\d+[.．、]", text):
        return None
    kind = "strategic" if "战略" in m["kind"] else "annual"
    name = m["name"].removesuffix("年度").strip()
    name = re.sub(r"^20\d{2}年度?", "", name)
    if not name or name.endswith(_GENERIC_DEPT_WORDS) or len(name) < 3:
        return None, kind
    return name, kind


def _part_category(line: Line) -> str | None:
    if len(line.filled) != 1 or is_toc_line(line):
        return None
    m = _PART_HEADING.match(line.text)
    if not m or len(line.text) > 30:
        return None
    stem = m.group(1)
    return stem + "项目"


@dataclass
class _Segmenter:
    projects: list[Project] = field(default_factory=list)
    evidence: list[NameEvidence] = field(default_factory=list)
    departments: list[_DepartmentDraft] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    front: list[Line] = field(default_factory=list)
    category: str | None = None
    project: ProjectTableReader | None = None
    department: _DepartmentDraft | None = None
    table: StrategicTableReader | AnnualTableReader | None = None
    pending: list[Line] = field(default_factory=list)
    previous: Line | None = None
    started: bool = False
    year: int | None = None  # from a ``(2022年度)`` line, where the title has none
    summary: list[SummaryRow] = field(default_factory=list)
    summary_columns: dict[str, int] | None = None
    summary_totals: SummaryTotals = field(default_factory=lambda: SummaryTotals({}))
    totals: list[PrintedTotal] = field(default_factory=list)  # of every 汇总表, in order

    def run(self, lines: Iterable[Line]) -> None:
        for line in lines:
            if self.year is None and (y := year_line(line.text)) is not None:
                self.year = y
            if not line.blank:
                self.step(line)
                self.previous = line
        self.end_summary()
        self.close_project()

    # -- projects ---------------------------------------------------------------------------------------
    def close_project(self) -> None:
        if self.project is None:
            return
        project, warnings = self.project.finish()
        self.warnings += warnings
        if project is not None:
            self.projects.append(project)
            draft = self.project.draft
            self.evidence.append(NameEvidence(draft.department_cuts, draft.department_damaged))
        self.project = None

    def open_project(self, extra: list[Line] | None = None) -> None:
        self.close_project()
        self.table = None
        self.department = None
        self.started = True
        self.project = ProjectTableReader(self.category)
        for line in self.pending + (extra or []):
            self.project.feed(line)
        self.pending = []

    # -- departments ------------------------------------------------------------------------------------
    def open_department(self, name: str, line: Line) -> _DepartmentDraft:
        self.close_project()
        coded = coded_name(name)
        code, name = coded if coded else (None, name)
        for draft in reversed(self.departments[-1:]):
            if draft.name == name:
                self.department = draft
                return draft
        draft = _DepartmentDraft(name=name, code=code, line=line.no)
        self.departments.append(draft)
        self.department = draft
        self.table = None
        self.started = True
        return draft

    def current_department(self, line: Line) -> _DepartmentDraft:
        if self.department is None:
            self.warnings.append((line.no, "部门表缺少部门名称"))
            return self.open_department("", line)
        return self.department

    def start_strategic(self, line: Line) -> StrategicTableReader:
        dept = self.current_department(line)
        if dept.strategic is not None and dept.strategic.indicators and dept.annual is None:
            return dept.strategic
        if dept.strategic is None:
            dept.strategic = StrategicTableReader()
        self.table = dept.strategic
        return dept.strategic

    def start_annual(self, line: Line) -> AnnualTableReader:
        dept = self.current_department(line)
        if dept.annual is None:
            dept.annual = AnnualTableReader()
        self.table = dept.annual
        return dept.annual

    # -- the step ---------------------------------------------------------------------------------------
    def step(self, line: Line) -> None:
        text = line.text
        if self.summary_columns is not None:
            if len(line.filled) >= 2 and project_label(line.first) is None:
                self.summary_line(line, self.summary_columns)
                return
            self.end_summary()
        if self.project is None and (columns := summary_header(line)) is not None:
            self.end_summary()
            self.summary_columns = columns
            self.summary_totals = SummaryTotals(columns, self.totals)
            return
        if (
            self.project is not None
            and self.project.in_indicators
            and len(line.filled) >= 2
            and not _NOT_AN_INDICATOR_ROW.search(text)
            and project_label(line.first) is None
            and not is_indicator_header(line)
        ):
            self.project.feed(line)  # the common case: one more indicator row
            return
        if self.project is not None and self.project.in_indicators and "\t" not in line.raw:
            # Indicator rows are table rows; a line without cells after them ends the table.
            self.close_project()
        if is_toc_line(line):
            if not self.started:
                self.front.append(line)
            return
        category = _part_category(line)
        if category is not None and not self.project_preamble(line):
            self.close_project()
            self.category = category
            return
        label = project_label(line.first)
        if label in STARTS_PROJECT:
            self.open_project()
            self.project.feed(line)  # type: ignore[union-attr]
            return
        if self.project is not None and self.project.in_indicators and is_indicator_header(line):
            stolen = self.project.header_block_before(line)
            if stolen:
                self.warnings.append((stolen[0].no, "表头标签全部缺失, 按内容识别为新项目表"))
                self.open_project(stolen)
            self.project.feed(line)  # type: ignore[union-attr]
            return
        if self.project_preamble(line):
            if self.project is not None and not self.project.in_indicators:
                self.project.feed(line)
            else:
                if self.project is not None and self.project.in_indicators:
                    self.close_project()
                self.pending.append(line)
            return
        if (
            label in (Field.DEPARTMENT, Field.UNIT, Field.TOTAL)
            and len(line.filled) >= 2
            and (self.project is None or self.project.in_indicators)
        ):
            # A project whose name row lost its label: the unclaimed line just before is its name.
            extra = [self.previous] if self.previous is not None and self._unclaimed(self.previous) else []
            self.open_project(extra)
            self.project.feed(line)  # type: ignore[union-attr]
            return
        if (m := _DEPT_NAME.match(text)) and len(line.filled) <= 2:
            name = m.group(1).strip() or (line.filled[1] if len(line.filled) > 1 else "")
            self.open_department(name, line)
            return
        if (titled := _title_department(text)) is not None and len(line.filled) == 1:
            name, kind = titled
            self.close_project()
            if name:
                dept = self.open_department(name, line)
            else:
                dept = self.department or self.open_department("", line)
                if (kind == "strategic" and dept.strategic is not None) or (
                    kind == "annual" and dept.annual is not None
                ):
                    dept = self.open_department("", line)
            dept.expect = kind
            self.table = None
            return
        if line.first.startswith("战略目标") and self.project is None:
            self.start_strategic(line).feed(line)
            return
        if is_strategic_header(line) and self.project is None:
            self.start_strategic(line).feed(line)
            return
        if is_annual_header(line) and self.project is None:
            self.start_annual(line).feed(line)
            return
        if self.project is not None:
            self.project.feed(line)
            return
        if self.table is not None:
            self.table.feed(line)
            return
        if self.department is not None and self.department.expect == "annual" and len(line.filled) > 2:
            self.start_annual(line).feed(line)
            return
        if not self.started:
            self.front.append(line)
            return
        if len(line.filled) > 1 or len(text) > 40:
            self.warnings.append((line.no, f"未能归入任何表格的行, 已忽略: {' | '.join(line.filled)[:120]}"))

    def end_summary(self) -> None:
        self.summary_totals.close()
        self.summary_columns = None

    def summary_line(self, line: Line, columns: dict[str, int]) -> None:
        """A project row of the 汇总表, or one of its totals (kept with the rows it covers)."""
        if (label := total_row(line, columns)) is not None:
            problem = self.summary_totals.total(line, label)
            if problem:
                self.warnings.append((line.no, problem))
            return
        row = summary_row(line, columns)
        if row is None:
            self.warnings.append((line.no, f"汇总表中无法读取的行: {' | '.join(line.filled)}"))
            return
        self.summary.append(row)
        self.summary_totals.row(line)

    def project_preamble(self, line: Line) -> bool:
        if len(line.filled) != 1:
            return False
        text = line.text
        return bool(
            is_project_title(text)
            or year_line(text) is not None
            or currency_line(text)
            or unit_line(text)
            or (coded_name(text) and self.department is None)
        )

    def _unclaimed(self, line: Line) -> bool:
        return (
            1 <= len(line.filled) <= 3
            and project_label(line.first) is None
            and not self.project_preamble(line)
        )


def read_text(text: str, source: Source) -> Document:
    """Read a converted disclosure into a :class:`Document`, with a warning for what could not be placed."""
    seg = _Segmenter()
    seg.run(split_lines(text))
    departments: list[Department] = []
    warnings = list(seg.warnings)
    for draft in seg.departments:
        dept, dept_warnings = draft.build()
        warnings += dept_warnings
        if dept.strategic_indicators or dept.annual_indicators or dept.name:
            departments.append(dept)
    projects, name_warnings = harmonise_department_names(
        seg.projects, seg.evidence, [d.name for d in departments if d.name]
    )
    warnings += name_warnings
    front = read_front_matter(seg.front)
    year = front.year if front.year is not None else seg.year
    return Document(
        source=source,
        title=front.title,
        issuer=front.issuer,
        year=year,
        preface=front.preface,
        summary=tuple(seg.summary),
        totals=tuple(seg.totals),
        projects=tuple(projects),
        departments=tuple(departments),
        warnings=tuple(
            ReadWarning(message, line or None) for line, message in sorted(warnings, key=lambda w: w[0] or 0)
        ),
    )


__all__ = ["read_text"]
