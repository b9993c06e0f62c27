"""Project tables read from grid parts by what their labels and headers say.

A project table is a block of label–value fields (项目名称, 项目编码, 申请单位 …) followed by an indicator
table whose header names its columns. One sheet may hold one project or many; a table may continue on
the next page or sheet, its header repeated. A new project starts at a title (项目支出绩效目标表 …) or
when a field the current project already has (项目名称) appears again. Every row is accounted for: a
field, a header, an indicator, a placeholder, or a warning with its location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from jixiao.domain import Department, Funds, Indicator, Placeholder, Project, ReadWarning
from jixiao.domain.text import clean
from jixiao.ingest.grid.model import Cell, Para, Part, Slot, Table, origin_cells, row_line, row_where
from jixiao.ingest.interpret.amounts import parse_amount, yuan_evidence
from jixiao.ingest.interpret.centred import fill_centred
from jixiao.ingest.interpret.columns import ColumnMap, is_header, is_subheader, map_columns
from jixiao.ingest.interpret.departments import DepartmentReader, is_department_header
from jixiao.ingest.interpret.fields import FieldValue, read_fields
from jixiao.ingest.interpret.indicators import IndicatorRows
from jixiao.ingest.interpret.vocabulary import Vocabulary
from jixiao.ingest.labels import coded_name

_TEXT_FIELDS = (
    "name",
    "code",
    "category",
    "project_type",
    "period",
    "allocation",
    "fund_type",
    "purpose",
    "policy_basis",
    "calculation_basis",
    "goal",
    "long_term_goal",
)
_AMOUNTS = ("total", "fiscal", "other", "midterm")
_YES = frozenset({"是", "Y", "y", "yes", "新增", "√"})
_NO = frozenset({"否", "N", "n", "no", "延续", "×"})


@dataclass
class _Draft:
    where: str | None
    line: int | None
    values: dict[str, Any] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    cells: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)  # field → (where, line)
    title_owner: str | None = None  # the body the table's title names

    @property
    def started(self) -> bool:
        return bool(self.values or self.indicators or self.placeholders)

    def build(self, vocabulary: Vocabulary) -> tuple[Project, list[ReadWarning]]:
        v = self.values
        funds = Funds(*(v.get(k) for k in _AMOUNTS))
        project = Project(
            name=v.get("name") or "",
            funds=funds,
            indicators=tuple(self.indicators),
            department=v.get("department") or self.title_owner,
            department_code=v.get("department_code"),
            unit=v.get("unit") or self.title_owner,
            unit_code=v.get("unit_code"),
            is_new=v.get("is_new"),
            placeholders=tuple(self.placeholders),
            line=self.line,
            where=self.where,
            **{k: v.get(k) for k in _TEXT_FIELDS if k != "name"},
        )
        warnings = list(self.warnings)
        if not project.name:
            warnings.append(ReadWarning("项目表没有项目名称", self.line, self.where))
        if v.get("amount_unit", "万元") == "万元" and (
            found := yuan_evidence(project, vocabulary.yuan_factor)
        ):
            evidence, key = found
            where = self.cells.get(key, (self.where, self.line))
            warnings.append(
                ReadWarning(
                    f"金额单位疑为元而非万元 (按原样保留, 未换算): {project.name}: {evidence}",
                    where[1],
                    where[0],
                )
            )
        return project, warnings


@dataclass
class ProjectReader:
    """Feed it parts in document order; :meth:`finish` gives the projects and warnings."""

    vocabulary: Vocabulary
    projects: list[Project] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    paragraphs: list[Para] = field(default_factory=list)
    draft: _Draft | None = None
    rows_reader: IndicatorRows | None = None
    header_rows: list[list[Slot | None]] = field(default_factory=list)
    group_unit: str | None = None
    departments: DepartmentReader = field(init=False)

    def __post_init__(self) -> None:
        self.departments = DepartmentReader(self.vocabulary)

    def part(self, part: Part) -> None:
        if isinstance(part, Para):
            self.paragraph(part)
        else:
            self.table(part)

    def paragraph(self, para: Para) -> None:
        head = re.split(r"[:：]", clean(para.text), maxsplit=1)
        if (
            len(head) == 2
            and head[1]
            and (self.vocabulary.field(head[0]) or self.vocabulary.department_field(head[0]))
        ):
            # ``部门名称：某局`` on a line of its own: a field, read as a one-cell row.
            self.row([Slot(Cell(para.text, 0, 0, where=para.where, line=para.line), True)], [], 0)
            return
        if self.vocabulary.is_title(para.text):
            self.title(para.text, para.where, para.line)
        elif self.departments.title(para.text, para.where, para.line):
            self.close()
        self.paragraphs.append(para)

    def title(self, text: str, where: str | None, line: int | None) -> None:
        """A table title starts a project; the body it names owns the project unless a field says otherwise."""
        self.start(where, line)
        owner = self.vocabulary.title_owner(text)
        if owner and self.draft is not None:
            self.draft.title_owner = owner

    def table(self, table: Table) -> None:
        rows = table.rows()
        if table.cells and all(c.line is not None for c in table.cells):
            rows = self.centre_labels(rows)
        for index, row in enumerate(rows):
            self.row(row, rows, index)
        self.flush_header()

    def centre_labels(self, rows: list[list[Slot | None]]) -> list[list[Slot | None]]:
        """Text lines: category labels a converter printed mid-run written into their whole run."""
        out = list(rows)
        # A table that opens with a repeated header continues the project above after a page break: its
        # first rows carry that project's last labels, so they are not centred runs.
        continuing = self.draft is not None and bool(self.draft.indicators)
        i = 0
        while i < len(rows):
            if not is_header(rows[i], self.vocabulary):
                if read_fields(rows[i], self.vocabulary).fields or self.vocabulary.is_title(
                    rows[i][0].text if rows[i] and rows[i][0] else ""
                ):
                    continuing = False  # a new project's fields or title
                i += 1
                continue
            start = i + 1
            while (
                start < len(rows)
                and is_subheader(rows[start], self.vocabulary)
                and not is_header(rows[start], self.vocabulary)
            ):
                start += 1
            columns = map_columns(rows[i:start], self.vocabulary)
            end = start
            while end < len(rows) and not self.ends_section(rows[end]):
                end += 1
            if not continuing:
                out[start:end] = fill_centred(
                    rows[start:end], columns.keys.get("level1"), columns.keys.get("level2")
                )
            continuing = True  # a header repeated before any new project's fields continues this table
            i = end
        return out

    def ends_section(self, row: list[Slot | None]) -> bool:
        cells = [c for c in origin_cells(row) if clean(c.text)]
        if is_header(row, self.vocabulary) or is_department_header(row, self.vocabulary):
            return True
        if len(cells) == 1 and (self.vocabulary.is_title(cells[0].text) or cells[0].col == 0):
            return True
        return bool(read_fields(row, self.vocabulary).fields)

    # -- rows ---------------------------------------------------------------------------------------------
    def row(self, row: list[Slot | None], rows: list[list[Slot | None]], index: int) -> None:
        if self.department_row(row):
            return
        cells = [c for c in origin_cells(row) if clean(c.text)]
        if self.header_rows:
            if is_subheader(row, self.vocabulary) and not is_header(row, self.vocabulary):
                self.header_rows.append(row)
                return
            self.flush_header()
        if not cells:
            if self.rows_reader is not None and any(s is not None and s.origin for s in row):
                self.indicator_row(row)
            return
        if len({id(c) for c in cells}) == 1 and self.single(cells[0].text, row):
            return
        if is_header(row, self.vocabulary):
            if self.draft is None:
                self.start(cells[0].where, cells[0].line)
            self.header_rows = [row]
            return
        found = read_fields(row, self.vocabulary)
        if found.fields or found.groups:
            self.fields(found.fields, found.groups, row)
            for cell in found.stray:
                self.warn(f"无法归属的单元格: {clean(cell.text)[:60]}", cell.where, cell.line)
            return
        if self.rows_reader is not None:
            self.indicator_row(row)
            return
        text = " | ".join(clean(c.text)[:40] for c in cells)
        self.warn(f"无法归属的表格行: {text}", cells[0].where, cells[0].line)

    def department_row(self, row: list[Slot | None]) -> bool:
        """Offer a row to the department reader when a department table is open or the row starts one
        (a department title, header or 部门名称/战略目标 field); rows with project fields stay here."""
        departments, vocabulary = self.departments, self.vocabulary
        cells = [c for c in origin_cells(row) if clean(c.text)]
        if (
            len(cells) == 1
            and not vocabulary.is_title(cells[0].text)
            and departments.title(cells[0].text, cells[0].where, cells[0].line)
        ):
            self.close()
            return True
        header = is_department_header(row, vocabulary)
        starts = header or any(
            vocabulary.department_field(c.text.split("：")[0].split(":")[0]) for c in cells
        )
        if not departments.active and not starts:
            return False
        if not departments.active and not header and self.draft is not None and self.draft.values:
            return False  # 部门名称 among a project's fields names its 主管部门
        found = read_fields(row, vocabulary)
        if any(f.key != "department" for f in found.fields) or (not header and is_header(row, vocabulary)):
            departments.stop()
            return False
        was_active = departments.active
        taken = departments.row(row)
        if taken and not was_active:
            self.close()
            self.rows_reader, self.header_rows = None, []
        return taken

    def single(self, text: str, row: list[Slot | None]) -> bool:
        """A row with one cell: a title starts a project, other text is a paragraph (a note, a heading)."""
        if self.vocabulary.is_title(text):
            self.title(text, row_where(row), row_line(row))
            self.paragraphs.append(Para(clean(text), row_where(row), row_line(row)))
            return True
        if self.rows_reader is not None and self.vocabulary.field(text) is None:
            # One cell across an indicator table: a merged 三级 row or the table's closing note.
            words = clean(text)
            if words.startswith(("备注", "注:", "注：", "说明", "填表说明")):
                self.paragraphs.append(Para(words, row_where(row), row_line(row)))
                self.rows_reader = None
                return True
            return False
        if self.vocabulary.field(text) is None and ":" not in text and "：" not in text:
            self.paragraphs.append(Para(clean(text), row_where(row), row_line(row)))
            return True
        return False

    def flush_header(self) -> None:
        if not self.header_rows:
            return
        columns: ColumnMap = map_columns(self.header_rows, self.vocabulary)
        where = row_where(self.header_rows[0])
        for header in columns.unknown.values():
            self.warn(
                f"未识别的列 '{header}': 内容保留在指标的 extra 中", where, row_line(self.header_rows[0])
            )
        previous = self.rows_reader
        self.rows_reader = IndicatorRows(columns, self.vocabulary)
        if previous is not None:
            # A header repeated after a page or sheet break: the merged labels above the break carry on.
            self.rows_reader.level1_text, self.rows_reader.level2_text = (
                previous.level1_text,
                previous.level2_text,
            )
        self.header_rows = []

    def indicator_row(self, row: list[Slot | None]) -> None:
        reader = self.rows_reader
        assert reader is not None
        if self.draft is None:
            # Indicator rows whose project was closed (a table continued after a department): keep them.
            self.start(row_where(row), row_line(row))
            self.rows_reader = reader
        assert self.draft is not None
        result = reader.read(row)
        if result is None:
            return
        for message, where in result.warnings:
            self.warn(message, where, row_line(row))
        if result.indicator is not None:
            self.draft.indicators.append(result.indicator)
        if result.placeholder is not None:
            self.draft.placeholders.append(result.placeholder)

    # -- fields -------------------------------------------------------------------------------------------
    def fields(
        self,
        found: tuple[FieldValue, ...],
        groups: tuple[tuple[str, str | None], ...],
        row: list[Slot | None],
    ) -> None:
        for _group, unit in groups:
            self.group_unit = unit or self.group_unit
        for item in found:
            draft = self.draft
            repeats = draft is not None and item.key in draft.values and item.key in ("name", "code")
            if draft is None or repeats or (draft.indicators and item.key in ("name", "code")):
                self.start(item.label.where, item.label.line)
            self.rows_reader = None
            self.set_field(item)

    def set_field(self, item: FieldValue) -> None:
        draft = self.draft
        assert draft is not None
        text = item.text.strip()
        where = item.value.where if item.value else item.label.where
        if item.key in _AMOUNTS:
            unit = item.unit or self.group_unit
            number, problem = parse_amount(text, unit)
            if problem:
                self.warn(f"{clean(item.label.text)}: {problem}", where, item.label.line)
            draft.values[item.key] = number
            draft.cells[item.key] = (where, item.label.line)
            if unit:
                draft.values["amount_unit"] = unit
            return
        if item.key == "is_new":
            words = clean(text)
            draft.values["is_new"] = True if words in _YES else False if words in _NO else None
            if words and draft.values["is_new"] is None:
                self.warn(f"是否新增项目: 无法理解 '{words}'", where, item.label.line)
            return
        if item.key in ("department", "unit"):
            name, code = _name_and_code(text)
            draft.values[item.key] = name
            if code:
                draft.values[f"{item.key}_code"] = code
            return
        value = clean(text) if item.key not in ("period", "project_type") else " ".join(text.split())
        if item.key in draft.values and draft.values[item.key] and value and draft.values[item.key] != value:
            self.warn(
                f"字段 {clean(item.label.text)} 出现两次, 保留第一次: '{value[:40]}'", where, item.label.line
            )
            return
        draft.values[item.key] = value or None

    # -- projects -----------------------------------------------------------------------------------------
    def start(self, where: str | None, line: int | None) -> None:
        self.close()
        owner = self.departments.take_unused_name()
        self.departments.stop()
        self.draft = _Draft(where, line)
        if owner:
            self.draft.values["department"] = owner
        self.rows_reader = None
        self.group_unit = None

    def close(self) -> None:
        draft = self.draft
        self.draft = None
        if draft is None or not draft.started:
            return
        if not draft.values.get("name") and not draft.indicators:
            # Field labels without a project (a criteria sheet that mentions 项目名称): not a project.
            named = ", ".join(k for k in draft.values if k in _TEXT_FIELDS or k in _AMOUNTS)
            self.warnings.extend(draft.warnings)
            self.warnings.append(
                ReadWarning(f"有项目字段 ({named}) 但没有项目名称和指标, 未读为项目", draft.line, draft.where)
            )
            return
        project, warnings = draft.build(self.vocabulary)
        self.projects.append(project)
        self.warnings.extend(warnings)

    def warn(self, message: str, where: str | None, line: int | None = None) -> None:
        target = self.draft.warnings if self.draft is not None else self.warnings
        target.append(ReadWarning(message, line, where))

    def finish(self) -> tuple[list[Project], list[Department], list[ReadWarning]]:
        self.flush_header()
        self.close()
        departments, warnings = self.departments.finish()
        return self.projects, departments, self.warnings + warnings


def _name_and_code(text: str) -> tuple[str | None, str | None]:
    words = clean(text)
    coded = coded_name(words)
    if coded:
        return coded[1], coded[0]
    return words or None, None
