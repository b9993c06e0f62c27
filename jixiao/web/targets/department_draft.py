"""What an editor submits for a department's targets (部门整体绩效目标): plain data the page and the API build.

A department target has a mid-term strategic goal and two tables: the strategic (中长期) indicators and
the annual (年度) indicators by duty. Reference values (指标参考值) are kept as the contract names them
(规划值, 当年标准值 and its source, 前三年均值, 上年值, source of the history) plus the past years' values
as year → value pairs (``{"2022": "53场", "2023": "56场"}``); the value of the year before the target
year is also 上年值, so published tables and exports keep reading it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jixiao.domain.validation import DepartmentEntry, RowEntry, check_department

TABLES = ("strategic", "annual")
REFERENCE_KEYS = ("planned", "standard", "standard_source", "avg3", "last_year", "history_source")
TEXT_FIELDS = (
    "duty_area",
    "duty",
    "duty_goal",
    "explanation",
    "note",
    "activity",
    "budget_project",
    "office",
)
HISTORY_YEARS = 2  # the past years shown as reference columns


def history_years(year: int) -> list[int]:
    """The past years whose values a target for ``year`` shows: ``[year - 2, year - 1]``."""
    return [year - n for n in range(HISTORY_YEARS, 0, -1)]


@dataclass(slots=True)
class DepartmentRowDraft:
    table: str  # strategic | annual
    name: str
    value: str = ""
    no: int | None = None
    duty_no: int | None = None
    duty_area: str = ""
    duty: str = ""
    duty_goal: str = ""
    explanation: str = ""
    reference: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    activity: str = ""
    budget_project: str = ""
    office: str = ""
    id: int | None = None  # an existing row being edited; None for a new row


@dataclass(slots=True)
class DepartmentDraft:
    strategic_goal: str = ""
    rows: list[DepartmentRowDraft] = field(default_factory=list)

    def table(self, name: str) -> list[DepartmentRowDraft]:
        return [r for r in self.rows if r.table == name]


def clean_reference(reference: dict[str, Any], year: int) -> dict[str, Any]:
    """Blank values dropped, past years as ``{"YYYY": value}``, 上年值 kept equal to the previous year's."""
    out: dict[str, Any] = {
        k: str(reference[k]).strip() for k in REFERENCE_KEYS if str(reference.get(k) or "").strip()
    }
    years = {
        str(y).strip(): str(v).strip()
        for y, v in (reference.get("years") or {}).items()
        if str(y).strip().isdigit() and len(str(y).strip()) == 4 and str(v or "").strip()
    }
    if years:
        out["years"] = dict(sorted(years.items()))
    previous = str(year - 1)
    if previous in years:
        out["last_year"] = years[previous]
    return out


def reference_years(reference: dict[str, Any], year: int) -> dict[str, str]:
    """The year → value pairs to show for ``year``; an imported 上年值 fills the previous year's column."""
    years = {str(y): str(v) for y, v in (reference.get("years") or {}).items()}
    if reference.get("last_year") and str(year - 1) not in years:
        years[str(year - 1)] = str(reference["last_year"])
    return years


def _fields_of(row: DepartmentRowDraft) -> list[Any]:
    return [getattr(row, f) for f in row.__slots__]


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def department_problems(draft: DepartmentDraft, *, check_values: bool = True) -> dict[str, str]:
    """Every problem that makes a save impossible, keyed by path (``rows.3.value``…), from the one validation
    of every channel (:func:`jixiao.domain.validation.check_department`)."""
    problems: dict[str, str] = {}
    if _has_nul([draft.strategic_goal, *(_fields_of(r) for r in draft.rows)]):
        # PostgreSQL text cannot hold NUL: say so rather than fail on save.
        problems["text"] = "内容含有无效的控制字符（NUL），请删除后再保存。"
    for i, row in enumerate(draft.rows):
        if row.table not in TABLES:
            problems[f"rows.{i}.table"] = "表格只能是 strategic（中长期）或 annual（年度）。"
    entry = DepartmentEntry(rows=tuple(RowEntry(r.name, r.value) for r in draft.rows))
    for p in check_department(entry, values=check_values):
        n = int(p.path.split(".")[1])
        label = (
            f"第 {n + 1} 行“{draft.rows[n].name.strip() or '未命名'}”：" if p.path.endswith(".value") else ""
        )
        problems[p.path] = problems.get(p.path, "") + label + p.message
    return problems
