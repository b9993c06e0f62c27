"""The cells of the Excel template departments fill in: where every value sits and how errors are named.

Shared by the writer (:mod:`jixiao.publish.template`) and the reader (:mod:`jixiao.ingest.template`), so a
moved cell moves for both. Every value sits at a fixed cell, so the reader can name the cell of each error
(``项目2!F24: 指标值 '9O' 不是有效数值``).
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.domain import labels as L

INSTRUCTIONS = "填报说明"
DEPARTMENT_SHEET = "部门整体目标"
YEAR_CELL = "B3"
QUALITATIVE = "定性"
OPERATORS = ("≥", "≤", "=", ">", "<", QUALITATIVE)
PROJECT_KINDS = ("其他运转类项目", "特定目标类项目")
FUND_TYPES = ("一般公共预算", "政府性基金预算", "国有资本经营预算", "社会保险基金预算")
PLAN_PERIODS = ("3月底", "6月底", "10月底", "12月底")
# Project header block: label, Project field (or funds.<part>), row; values go in column B.
PROJECT_FIELDS: tuple[tuple[str, str], ...] = (
    (L.PROJECT_NAME, "name"), (L.PROJECT_CODE, "code"), (L.DEPARTMENT, "department"),
    (L.DEPARTMENT_CODE, "department_code"), (L.UNIT, "unit"), (L.UNIT_CODE, "unit_code"),
    (L.CATEGORY, "category"), (L.FUND_TYPE, "fund_type"), (L.FUNDS_TOTAL, "funds.total"),
    (L.FUNDS_FISCAL, "funds.fiscal"), (L.FUNDS_OTHER, "funds.other"), (L.PURPOSE, "purpose"),
    (L.GOAL, "goal"),
)
# Fields of real project forms, beside the header block (label in column H, value in I:L, from the first
# field row down), so every cell of a template handed out before them keeps its place.
FORM_FIELDS: tuple[tuple[str, str], ...] = (
    (L.PROJECT_TYPE, "project_type"), (L.IS_NEW, "is_new"), (L.PERIOD, "period"),
    (L.ALLOCATION, "allocation"), (L.FUNDS_MIDTERM, "funds.midterm"), (L.POLICY_BASIS, "policy_basis"),
    (L.CALCULATION_BASIS, "calculation_basis"), (L.LONG_TERM_GOAL, "long_term_goal"),
)
FORM_LABEL_COLUMN, FORM_VALUE_COLUMN = "H", "I"
FIRST_FIELD_ROW = 3
PLAN_ROW = FIRST_FIELD_ROW + len(PROJECT_FIELDS)  # periods; amounts on the row below
INDICATOR_HEADER_ROW = PLAN_ROW + 3
INDICATOR_COLUMNS = (
    "一级指标", "二级指标", "三级指标", "绩效指标描述", "运算符", "指标值", "计量单位", L.SCORING,
)
INDICATOR_LETTERS = "ABCDEFGH"  # the columns of INDICATOR_COLUMNS
STRATEGIC_FIRST_ROW = 8


@dataclass(frozen=True, slots=True)
class CellError:
    """One bad cell of a filled template: where it is and what is wrong with it."""

    where: str  # 项目2!F24
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class TemplateError(ValueError):
    """A filled template with errors; nothing of it was loaded."""

    def __init__(self, errors: list[CellError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
