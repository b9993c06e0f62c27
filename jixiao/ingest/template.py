"""Read a filled Excel template back (:mod:`jixiao.publish.template` writes it): every cell checked, the
whole file refused on any error.

Errors name the sheet and cell and say what is wrong in Chinese (``项目2!F24: 指标值“≥9O%”的数字中有字母 O``):
a cell that is not what its place asks for (a number, 是/否, an operator), and every problem the one
validation of every channel finds (:mod:`jixiao.domain.validation`), so the template by web upload, by
``jixiao load`` and by ``jixiao load-template`` refuses what the compile form and the API refuse, with the
same words. They are all collected before refusing, so a department fixes its file in one pass.
"""

from __future__ import annotations

import hashlib
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain import (
    Department,
    DepartmentIndicator,
    Document,
    Framework,
    Funds,
    Indicator,
    Level2,
    Project,
    Reference,
    Source,
    SpendingPoint,
    canonical_level1,
    canonical_level2,
    level1_of,
    parse_target_value,
)
from jixiao.domain import labels as L
from jixiao.domain.template_cells import (
    DEPARTMENT_SHEET,
    FIRST_FIELD_ROW,
    FORM_FIELDS,
    FORM_VALUE_COLUMN,
    INDICATOR_HEADER_ROW,
    INDICATOR_LETTERS,
    INSTRUCTIONS,
    OPERATORS,
    PLAN_ROW,
    PROJECT_FIELDS,
    QUALITATIVE,
    STRATEGIC_FIRST_ROW,
    YEAR_CELL,
    CellError,
    TemplateError,
)
from jixiao.domain.validation import (
    IndicatorEntry,
    ProjectEntry,
    check_department,
    check_project,
    department_entry,
)
from jixiao.domain.values import format_number
from jixiao.ingest.grid.xlsx import XlsxError, cell_text, open_workbook

# A filled template is a few hundred rows of a dozen columns; reading it cell by cell, a larger sheet
# would only cost time and memory (a lone cell at XFD1048576), so it is refused before it is opened.
TEMPLATE_ROWS = 5_000
TEMPLATE_COLUMNS = 60


class _Sheet:
    """Cell access that records errors with the sheet and cell they concern."""

    def __init__(self, ws: Worksheet, errors: list[CellError]) -> None:
        self.ws, self.errors = ws, errors

    def error(self, ref: str, message: str) -> None:
        self.errors.append(CellError(f"{self.ws.title}!{ref}", message))

    def text(self, ref: str) -> str | None:
        return cell_text(self.ws[ref].value).strip() or None

    def number(self, ref: str, label: str) -> float | None:
        value = self.ws[ref].value
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        try:
            return float(str(value).strip().replace(",", ""))
        except ValueError:
            self.error(ref, f"{label} {str(value)!r} 不是有效数值")
            return None

    def flag(self, ref: str, label: str) -> bool | None:
        """是 / 否 as True / False; blank is not stated."""
        text = self.text(ref)
        if text is None or text in (L.YES, L.NO):
            return None if text is None else text == L.YES
        self.error(ref, f"{label} {text!r} 应为“{L.YES}”或“{L.NO}”")
        return None


_OPERATOR_SIGNS = frozenset("≥≤=<>≧≦")


def _indicator_cells(s: _Sheet, r: int) -> tuple[IndicatorEntry, dict[str, str | None]] | None:
    """A filled indicator row as submitted (its value composed from 运算符, 指标值 and 计量单位), or ``None``."""
    cells = {c: s.text(f"{c}{r}") for c in INDICATOR_LETTERS}
    if not any(cells.values()):
        return None
    op, unit = cells["E"] or "", cells["G"] or ""
    if op and op not in OPERATORS:
        s.error(f"E{r}", f"运算符 {op!r} 无效 (应为 {' '.join(OPERATORS)})")
    value = s.ws[f"F{r}"].value
    if isinstance(value, int | float) and not isinstance(value, bool):
        typed = format_number(float(value))
    else:
        typed = cell_text(value).strip() if value is not None else ""
    # 定性 and a blank operator leave the value as written; a comparison goes in front of it.
    compared = op in OPERATORS and op != QUALITATIVE
    raw = (op if compared else "") + typed + unit if typed else ""
    if compared and typed and not any(ch.isdigit() for ch in typed):
        s.error(f"F{r}", f"指标值 {typed!r} 不是有效数值")  # a comparison asks for a number
    elif compared and typed[:1] in _OPERATOR_SIGNS:
        s.error(f"E{r}", f"运算符 {op!r} 与指标值 {typed!r} 中的运算符重复：运算符只填一处")
        raw = typed + unit
    typed_level2 = cells["B"] or ""
    level2 = canonical_level2(typed_level2) if typed_level2 else None  # 数量 and 数量指标 alike
    entry = IndicatorEntry(
        level2=level2.value if level2 else typed_level2, name=cells["C"] or "", value=raw, level1=cells["A"] or ""
    )
    return entry, cells


def _indicator(entry: IndicatorEntry, cells: dict[str, str | None]) -> Indicator:
    level2 = Level2(entry.level2.strip())
    level1 = canonical_level1(entry.level1) if entry.level1 else None
    return Indicator(
        level1=level1 or level1_of(level2), level2=level2, name=entry.name, value=parse_target_value(entry.value),
        description=cells["D"], scoring=cells["H"],
    )


# Where each path of :func:`jixiao.domain.validation.check_project` sits on a project sheet.
_FIELD_CELLS = {attr.replace(".", "_"): f"B{FIRST_FIELD_ROW + i}" for i, (_, attr) in enumerate(PROJECT_FIELDS)}
_INDICATOR_COLUMNS = {"level1": "A", "level2": "B", "name": "C", "value": "F"}


def problem_cell(path: str, rows: list[int]) -> str:
    """The cell of a project sheet a problem's path names (``name`` → B3, ``indicators.2.value`` → F22)."""
    parts = path.split(".")
    if parts[0] == "indicators":
        return f"{_INDICATOR_COLUMNS.get(parts[2], 'A')}{rows[int(parts[1])]}"
    return _FIELD_CELLS.get(parts[0], _FIELD_CELLS["name"])


def _project(s: _Sheet, framework: Framework | None) -> Project | None:
    fields: dict[str, Any] = {}
    funds: dict[str, float | None] = {}
    placed = [(f"B{FIRST_FIELD_ROW + i}", label, attr) for i, (label, attr) in enumerate(PROJECT_FIELDS)]
    placed += [
        (f"{FORM_VALUE_COLUMN}{FIRST_FIELD_ROW + i}", label, attr) for i, (label, attr) in enumerate(FORM_FIELDS)
    ]
    for ref, label, attr in placed:
        if attr.startswith("funds."):
            funds[attr[6:]] = s.number(ref, label)
        elif attr == "is_new":
            fields[attr] = s.flag(ref, label)
        else:
            fields[attr] = s.text(ref)
    plan = []
    for col in "BCDEFG":
        period = s.text(f"{col}{PLAN_ROW}")
        amount = s.number(f"{col}{PLAN_ROW + 1}", f"资金支出计划({period})")
        if period and (amount is not None or s.ws[f"{col}{PLAN_ROW}"].value):
            plan.append(SpendingPoint(period, amount))
    rows = []
    for r in range(INDICATOR_HEADER_ROW + 1, s.ws.max_row + 1):
        if (row := _indicator_cells(s, r)) is not None:
            rows.append((r, *row))
    used = any(v is not None for v in (*fields.values(), *funds.values())) or rows
    if not used:
        return None
    entry = ProjectEntry(
        name=fields.get("name") or "", indicators=tuple(e for _, e, _ in rows),
        funds_total=funds.get("total"), funds_fiscal=funds.get("fiscal"), funds_other=funds.get("other"),
    )
    problems = check_project(entry, framework)
    for problem in problems:
        s.error(problem_cell(problem.path, [r for r, _, _ in rows]), problem.message)
    if problems or s.errors:
        return None
    if all(p.amount is None for p in plan):
        plan = []
    return Project(
        funds=Funds(funds.get("total"), funds.get("fiscal"), funds.get("other"), funds.get("midterm")),
        indicators=tuple(_indicator(e, cells) for _, e, cells in rows), spending_plan=tuple(plan),
        **{**fields, "name": fields.get("name") or ""},
    )


def _department_rows(
    s: _Sheet, top: int, columns: tuple[tuple[str, str], ...]
) -> list[tuple[int, DepartmentIndicator]]:
    out = []
    r = top + 1
    while r <= s.ws.max_row and s.text(f"A{r}") not in (L.ANNUAL_TABLE_TITLE, "职责序号"):
        values: dict[str, Any] = {}
        reference: dict[str, str | None] = {}
        refattrs = {a for _, a in L.REFERENCE_COLUMNS}
        for i, (label, attr) in enumerate(columns):
            ref = f"{chr(ord('A') + i)}{r}"
            text = s.text(ref)
            if attr in ("no", "duty_no"):
                if text is not None and not text.isdigit():
                    s.error(ref, f"{label} {text!r} 应为整数")
                values[attr] = int(text) if text and text.isdigit() else None
            elif attr in refattrs:
                reference[attr] = text
            else:
                values[attr] = text
        if any(values.values()) or any(reference.values()):
            raw = values.pop("value") or ""
            out.append((r, DepartmentIndicator(
                value=parse_target_value(raw), reference=Reference(**reference),
                **{**values, "name": values.get("name") or ""},
            )))
        r += 1
    return out


def _column(columns: tuple[tuple[str, str], ...], attr: str) -> str:
    return chr(ord("A") + [a for _, a in columns].index(attr))


def _department(s: _Sheet) -> Department | None:
    name, code, goal = s.text("B3"), s.text("B4"), s.text("B5")
    strategic = _department_rows(s, STRATEGIC_FIRST_ROW, L.STRATEGIC_COLUMNS)
    annual_top = next(
        (r for r in range(STRATEGIC_FIRST_ROW + 1, s.ws.max_row + 1) if s.text(f"A{r}") == "职责序号"), None
    )
    annual = _department_rows(s, annual_top, L.ANNUAL_COLUMNS) if annual_top else []
    if not (name or code or goal or strategic or annual):
        return None
    department = Department(
        name=name or "", code=code, strategic_goal=goal, strategic_indicators=tuple(i for _, i in strategic),
        annual_indicators=tuple(i for _, i in annual),
    )
    cells = [(r, L.STRATEGIC_COLUMNS) for r, _ in strategic] + [(r, L.ANNUAL_COLUMNS) for r, _ in annual]
    for problem in check_department(department_entry(department)):
        parts = problem.path.split(".")
        if parts[0] == "rows":
            r, columns = cells[int(parts[1])]
            s.error(f"{_column(columns, parts[2])}{r}", problem.message)
        else:
            s.error("B3", problem.message)
    return department


def load_template(data: bytes, name: str, framework: Framework | str | None = None) -> Document:
    """The Document a filled template holds; :class:`TemplateError` (every bad cell) if any cell is wrong.

    Every cell is read, then each project and the department go through the one validation of every channel
    (:mod:`jixiao.domain.validation`); its problems are named by cell like the reading errors. 一级/二级 are
    checked against ``framework`` (the region's for the year) or, without one, each project's own categories.
    """
    framework = Framework(framework) if framework else None
    try:
        wb = open_workbook(data, rows=TEMPLATE_ROWS, columns=TEMPLATE_COLUMNS)
    except XlsxError as exc:
        raise TemplateError([CellError(name, str(exc))]) from exc
    errors: list[CellError] = []
    if INSTRUCTIONS not in wb.sheetnames or DEPARTMENT_SHEET not in wb.sheetnames:
        raise TemplateError([CellError(name, "不是 jixiao 填报模板 (缺少“填报说明”或“部门整体目标”工作表)")])
    year_sheet = _Sheet(wb[INSTRUCTIONS], errors)
    year = year_sheet.number(YEAR_CELL, "预算年度")
    if year is not None and not (2000 <= year <= 2100 and year == int(year)):
        year_sheet.error(YEAR_CELL, f"预算年度 {format_number(year)!r} 无效")
    projects = []
    for ws in wb.worksheets:
        if ws.title.startswith("项目"):
            p = _project(_Sheet(ws, errors), framework)
            if p is not None:
                projects.append(p)
    dept = _department(_Sheet(wb[DEPARTMENT_SHEET], errors))
    if errors:
        raise TemplateError(errors)
    return Document(
        source=Source(name, hashlib.sha256(data).hexdigest()),
        year=int(year) if year is not None else None,
        projects=tuple(projects),
        departments=(dept,) if dept else (),
    )
