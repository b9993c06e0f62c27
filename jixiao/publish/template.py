"""The Excel template departments fill in.

Every value sits at a fixed cell (:mod:`jixiao.domain.template_cells`), so the reader can name the cell of
each error (``项目2!F24: 指标值 '9O' 不是有效数值``). The structure is protected: sheets cannot be added,
removed or renamed and only the input cells are unlocked; lists of 一级/二级 categories, operators, project
kinds and fund types are data validations. A file with any error is refused whole:
:func:`jixiao.ingest.template.load_template` returns a Document or raises ``TemplateError`` listing every
bad cell, never a half-read document.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain import (
    Department,
    DepartmentIndicator,
    Document,
    Level1,
    Level2,
    Project,
    TargetValue,
    ValueKind,
)
from jixiao.domain.template_cells import (
    DEPARTMENT_SHEET,
    FIRST_FIELD_ROW,
    FORM_FIELDS,
    FORM_LABEL_COLUMN,
    FORM_VALUE_COLUMN,
    FUND_TYPES,
    INDICATOR_COLUMNS,
    INDICATOR_HEADER_ROW,
    INDICATOR_LETTERS,
    INSTRUCTIONS,
    OPERATORS,
    PLAN_PERIODS,
    PLAN_ROW,
    PROJECT_FIELDS,
    PROJECT_KINDS,
    QUALITATIVE,
    STRATEGIC_FIRST_ROW,
    YEAR_CELL,
)
from jixiao.domain.values import OP_SYMBOLS, format_target_value, is_deadline
from jixiao.publish import layout as L
from jixiao.publish.safe_cells import as_text

BLANK_INDICATOR_ROWS = 30
BLANK_DEPARTMENT_ROWS = 20

_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_INPUT = PatternFill("solid", fgColor="FFF9E0")
_HEAD = PatternFill("solid", fgColor="E8E8E8")
_UNLOCKED = Protection(locked=False)


# Writing ----------------------------------------------------------------------------------------------

def _label(ws: Worksheet, ref: str, text: str) -> None:
    cell = ws[ref]
    cell.value = text
    as_text(cell)
    cell.font = Font(name="宋体", bold=True)
    cell.fill = _HEAD
    cell.border = _BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _input(ws: Worksheet, ref: str, value: str | float | None) -> None:
    cell = ws[ref]
    cell.value = value
    as_text(cell)
    cell.protection = _UNLOCKED
    cell.fill = _INPUT
    cell.border = _BORDER
    cell.alignment = Alignment(vertical="center", wrap_text=True)


def _list(ws: Worksheet, values: tuple[str, ...], cells: str) -> None:
    dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
    dv.error, dv.errorTitle = "请从下拉列表中选择", "输入无效"
    ws.add_data_validation(dv)
    dv.add(cells)


def _decimal(ws: Worksheet, cells: str) -> None:
    dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    dv.error, dv.errorTitle = "请输入数值 (万元)", "输入无效"
    ws.add_data_validation(dv)
    dv.add(cells)


def split_value(value: TargetValue) -> tuple[str, str | float, str]:
    """(运算符, 指标值, 计量单位) for the template; values that do not split stay whole in 指标值."""
    if value.kind is ValueKind.QUALITATIVE:
        return QUALITATIVE, value.raw, ""
    if (
        value.kind is ValueKind.NUMERIC and value.op is not None and value.number is not None
        and value.unit != ":1" and not is_deadline(value) and format_target_value(value) == value.raw
    ):
        return OP_SYMBOLS[value.op], value.number, value.unit or ""
    return "", value.raw, ""


def field_value(p: Project, attr: str) -> str | float | None:
    """What the template shows for a header field: amounts as numbers, 是否新增 as 是/否."""
    if attr.startswith("funds."):
        return getattr(p.funds, attr[6:])  # type: ignore[no-any-return]
    if attr == "is_new":
        return L.yes_no(p.is_new) or None
    return getattr(p, attr)  # type: ignore[no-any-return]


def _fields(ws: Worksheet, p: Project | None, fields: tuple[tuple[str, str], ...], label: str,
            value: str, last: str) -> dict[str, str]:
    """A label column and merged value cells, one field a row; the value cell of each field."""
    cells = {}
    for i, (text, attr) in enumerate(fields):
        row = FIRST_FIELD_ROW + i
        _label(ws, f"{label}{row}", text)
        _input(ws, f"{value}{row}", field_value(p, attr) if p is not None else None)
        ws.merge_cells(f"{value}{row}:{last}{row}")
        cells[attr] = f"{value}{row}"
    return cells


def _project_sheet(wb: Workbook, n: int, p: Project | None) -> None:
    ws = wb.create_sheet(f"项目{n}")
    ws["A1"] = L.PROJECT_TABLE_TITLE
    ws["A1"].font = Font(name="宋体", bold=True, size=14)
    cells = _fields(ws, p, PROJECT_FIELDS, "A", "B", "G")
    cells.update(_fields(ws, p, FORM_FIELDS, FORM_LABEL_COLUMN, FORM_VALUE_COLUMN, "L"))
    _list(ws, PROJECT_KINDS, cells["category"])
    _list(ws, FUND_TYPES, cells["fund_type"])
    _list(ws, (L.YES, L.NO), cells["is_new"])
    _decimal(ws, f"{cells['funds.total']}:{cells['funds.other']}")
    _decimal(ws, cells["funds.midterm"])
    _label(ws, f"A{PLAN_ROW}", L.SPENDING_PLAN)
    ws.merge_cells(f"A{PLAN_ROW}:A{PLAN_ROW + 1}")
    plan = {s.period: s.amount for s in p.spending_plan} if p else {}
    periods = list(PLAN_PERIODS) + [k for k in plan if k not in PLAN_PERIODS]
    for i, period in enumerate(periods[:6]):
        col = get_column_letter(2 + i)
        _label(ws, f"{col}{PLAN_ROW}", period)
        _input(ws, f"{col}{PLAN_ROW + 1}", plan.get(period))
    _decimal(ws, f"B{PLAN_ROW + 1}:G{PLAN_ROW + 1}")
    for i, head in enumerate(INDICATOR_COLUMNS):
        _label(ws, f"{get_column_letter(1 + i)}{INDICATOR_HEADER_ROW}", head)
    indicators = p.indicators if p else ()
    last = INDICATOR_HEADER_ROW + max(BLANK_INDICATOR_ROWS, len(indicators) + 10)
    for r in range(INDICATOR_HEADER_ROW + 1, last + 1):
        ind = indicators[r - INDICATOR_HEADER_ROW - 1] if r - INDICATOR_HEADER_ROW - 1 < len(indicators) else None
        op, number, unit = split_value(ind.value) if ind else ("", "", "")
        values = (
            (ind.level1.value, ind.level2.value, ind.name, ind.description, op, number, unit, ind.scoring)
            if ind else (None,) * len(INDICATOR_COLUMNS)
        )
        for i, v in enumerate(values):
            _input(ws, f"{get_column_letter(1 + i)}{r}", v if v != "" else None)
    first = INDICATOR_HEADER_ROW + 1
    _list(ws, tuple(x.value for x in Level1), f"A{first}:A{last}")
    _list(ws, tuple(x.value for x in Level2), f"B{first}:B{last}")
    _list(ws, OPERATORS, f"E{first}:E{last}")
    widths = (16, 18, 30, 30, 8, 14, 10, 30, 12, 12, 12, 12)
    for col, width in zip(INDICATOR_LETTERS + "IJKL", widths, strict=True):
        ws.column_dimensions[col].width = width
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # let people widen columns to read long text


def _department_rows(ws: Worksheet, top: int, columns: tuple[tuple[str, str], ...],
                     items: tuple[DepartmentIndicator, ...]) -> int:
    for i, (label, _) in enumerate(columns):
        _label(ws, f"{get_column_letter(1 + i)}{top}", label)
    last = top + max(BLANK_DEPARTMENT_ROWS, len(items) + 5)
    for r in range(top + 1, last + 1):
        ind = items[r - top - 1] if r - top - 1 < len(items) else None
        for i, (_, attr) in enumerate(columns):
            value: object = None
            if ind is not None:
                if attr == "value":
                    value = ind.value.raw or None
                elif hasattr(ind.reference, attr) and attr != "note":
                    value = getattr(ind.reference, attr)
                else:
                    value = getattr(ind, attr)
            _input(ws, f"{get_column_letter(1 + i)}{r}", value)  # type: ignore[arg-type]
    return last


def _department_sheet(wb: Workbook, d: Department | None) -> None:
    ws = wb.create_sheet(DEPARTMENT_SHEET)
    ws["A1"] = "部门整体绩效目标表 (战略目标与年度目标)"
    ws["A1"].font = Font(name="宋体", bold=True, size=14)
    for row, (label, value) in enumerate(
        ((L.DEPARTMENT_NAME, d.name if d else None), (L.DEPARTMENT_CODE_LABEL, d.code if d else None),
         (L.STRATEGIC_GOAL, d.strategic_goal if d else None)), 3):
        _label(ws, f"A{row}", label)
        _input(ws, f"B{row}", value)
        ws.merge_cells(f"B{row}:K{row}")
    ws[f"A{STRATEGIC_FIRST_ROW - 1}"] = L.STRATEGIC_TABLE_TITLE
    last = _department_rows(ws, STRATEGIC_FIRST_ROW, L.STRATEGIC_COLUMNS, d.strategic_indicators if d else ())
    ws[f"A{last + 2}"] = L.ANNUAL_TABLE_TITLE
    _department_rows(ws, last + 3, L.ANNUAL_COLUMNS, d.annual_indicators if d else ())
    for i in range(1, 18):
        ws.column_dimensions[get_column_letter(i)].width = 14
    ws.protection.sheet = True
    ws.protection.formatColumns = False


_INSTRUCTION_LINES = (
    "1. 每个项目填写一张“项目N”工作表；不需要的项目表留空即可（未填写项目名称且无指标的表不导入）。",
    "2. 黄色单元格为填报区，其余单元格已锁定；工作表不能增删或改名。",
    "3. 资金单位为万元，只填数值；资金支出计划填写截至各时点的累计金额。",
    "4. 一级、二级指标从下拉列表选择（2021年起成本指标为一级指标，下设经济成本、社会成本、生态环境成本指标）。",
    "5. 定量指标：运算符选 ≥ ≤ = > <，指标值只填数字，计量单位另填（如 %、人、万元）；"
    "定性指标：运算符选“定性”，指标值填文字（如 显著、提高）。运算符留空时，指标值按原文导入。",
    "6. 部门整体目标：填写战略目标及其指标、年度目标（按部门职责）及其指标和参考值。",
    "7. 导入时逐格校验，任何一格有误则整个文件不导入，并列出出错的工作表和单元格。",
    "8. 项目表右侧的项目类型、是否新增项目（下拉选择“是”或“否”）、实施期限、分配方式、项目总金额（中期规划，万元）、"
    "政策依据、测算依据、长期目标，以及指标表最后一列的评（扣）分标准，按项目申报表填写，没有的留空。",
)


def write_template(doc: Document | None = None, *, department: str | None = None,
                   year: int | None = None, blank_projects: int = 5) -> bytes:
    """The template for ``department`` (its projects and tables from ``doc`` pre-filled), or a blank one."""
    projects: tuple[Project, ...] = ()
    dept: Department | None = None
    if doc is not None:
        projects = tuple(p for p in doc.projects if department is None or p.department == department)
        depts = [d for d in doc.departments if department is None or d.name == department]
        dept = depts[0] if depts else None
        year = year or doc.year
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = INSTRUCTIONS
    ws["A1"] = f"{department or ''}预算绩效目标填报模板"
    ws["A1"].font = Font(name="宋体", bold=True, size=16)
    _label(ws, "A3", "预算年度")
    _input(ws, YEAR_CELL, year)
    dv = DataValidation(type="whole", operator="between", formula1="2000", formula2="2100", allow_blank=True)
    ws.add_data_validation(dv)
    dv.add(YEAR_CELL)
    for i, line in enumerate(_INSTRUCTION_LINES, 5):
        ws[f"A{i}"] = line
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 100
    ws.protection.sheet = True
    for n, p in enumerate(projects or (None,) * blank_projects, 1):
        _project_sheet(wb, n, p)
    _department_sheet(wb, dept)
    wb.security = WorkbookProtection(lockStructure=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
