"""Read a filled Excel template back (:mod:`jixiao.publish.template` writes it): every cell checked, the
whole file refused on any error.

Errors name the sheet and cell and say what is wrong in Chinese (``项目2!F24: 指标值 '9O' 不是有效数值``);
they are all collected before refusing, so a department fixes its file in one pass.
"""

from __future__ import annotations

import hashlib
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain import (
    Department,
    DepartmentIndicator,
    Document,
    Funds,
    Indicator,
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
from jixiao.domain.values import format_number
from jixiao.ingest.grid.xlsx import XlsxError, cell_text, open_workbook


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


def _indicator(s: _Sheet, r: int) -> Indicator | None:
    cells = {c: s.text(f"{c}{r}") for c in INDICATOR_LETTERS}
    if not any(cells.values()):
        return None
    level2 = canonical_level2(cells["B"] or "")
    if level2 is None:
        s.error(f"B{r}", f"二级指标 {cells['B']!r} 不是有效的二级指标" if cells["B"] else "二级指标不能为空")
    level1 = canonical_level1(cells["A"]) if cells["A"] else None
    if cells["A"] and level1 is None:
        s.error(f"A{r}", f"一级指标 {cells['A']!r} 不是有效的一级指标")
    if not cells["C"]:
        s.error(f"C{r}", "三级指标名称不能为空")
    op, value, unit = cells["E"] or "", s.ws[f"F{r}"].value, cells["G"] or ""
    if op and op not in OPERATORS:
        s.error(f"E{r}", f"运算符 {op!r} 无效 (应为 {' '.join(OPERATORS)})")
        return None
    if op and op != QUALITATIVE:
        number = s.number(f"F{r}", "指标值")
        if number is None:
            if value is None:
                s.error(f"F{r}", "指标值不能为空")
            return None
        raw = f"{op}{format_number(number)}{unit}"
    else:
        raw = (cell_text(value).strip() if value is not None else "") + unit
        if op == QUALITATIVE and not raw:
            s.error(f"F{r}", "定性指标的指标值不能为空")
    if level2 is None or not cells["C"]:
        return None
    return Indicator(
        level1=level1 or level1_of(level2), level2=level2, name=cells["C"], value=parse_target_value(raw),
        description=cells["D"], scoring=cells["H"],
    )


def _project(s: _Sheet) -> Project | None:
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
    indicators = []
    for r in range(INDICATOR_HEADER_ROW + 1, s.ws.max_row + 1):
        ind = _indicator(s, r)
        if ind is not None:
            indicators.append(ind)
    used = any(v is not None for v in (*fields.values(), *funds.values())) or indicators
    if not used:
        return None
    if not fields.get("name"):
        s.error(f"B{FIRST_FIELD_ROW}", "项目名称不能为空")
    if all(p.amount is None for p in plan):
        plan = []
    return Project(
        funds=Funds(funds.get("total"), funds.get("fiscal"), funds.get("other"), funds.get("midterm")),
        indicators=tuple(indicators), spending_plan=tuple(plan), **{**fields, "name": fields.get("name") or ""},
    )


def _department_rows(s: _Sheet, top: int, columns: tuple[tuple[str, str], ...]) -> list[DepartmentIndicator]:
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
            if not values.get("name"):
                s.error(f"{chr(ord('A') + [a for _, a in columns].index('name'))}{r}", "绩效指标名称不能为空")
            raw = values.pop("value") or ""
            out.append(DepartmentIndicator(
                value=parse_target_value(raw), reference=Reference(**reference),
                **{**values, "name": values.get("name") or ""},
            ))
        r += 1
    return out


def _department(s: _Sheet) -> Department | None:
    name, code, goal = s.text("B3"), s.text("B4"), s.text("B5")
    strategic = _department_rows(s, STRATEGIC_FIRST_ROW, L.STRATEGIC_COLUMNS)
    annual_top = next(
        (r for r in range(STRATEGIC_FIRST_ROW + 1, s.ws.max_row + 1) if s.text(f"A{r}") == "职责序号"), None
    )
    annual = _department_rows(s, annual_top, L.ANNUAL_COLUMNS) if annual_top else []
    if not (name or code or goal or strategic or annual):
        return None
    if not name:
        s.error("B3", "部门名称不能为空")
    return Department(
        name=name or "", code=code, strategic_goal=goal, strategic_indicators=tuple(strategic),
        annual_indicators=tuple(annual),
    )


def load_template(data: bytes, name: str) -> Document:
    """The Document a filled template holds; :class:`TemplateError` (every bad cell) if any cell is wrong."""
    try:
        wb = open_workbook(data)
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
            p = _project(_Sheet(ws, errors))
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
