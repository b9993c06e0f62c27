"""What an editor submits for a project: plain data that the form and the API both build.

Kept free of Django forms so that the page, the API and the CLI hand the same thing to
:func:`jixiao.web.actions.projects.do_save_project`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain import Level2, ValueKind, parse_target_value
from jixiao.domain.taxonomy import FRAMEWORKS, Framework
from jixiao.publish.layout import NO, YES

SPENDING_PERIODS = ("3月底", "6月底", "10月底", "12月底")
# The project's text fields, stored as typed (blank for none): the same names on the draft, the stored
# project, the form and the API.
TEXT_FIELDS = (
    "name",
    "code",
    "category",
    "fund_type",
    "purpose",
    "goal",
    "long_term_goal",
    "period",
    "project_type",
    "allocation",
    "policy_basis",
    "calculation_basis",
)
FUND_FIELDS = ("funds_total", "funds_fiscal", "funds_other", "funds_midterm")


def from_yes_no(text: str | None) -> bool | None:
    """是否新增项目 as picked (是, 否 or blank, as :func:`jixiao.publish.layout.yes_no` prints it)."""
    return {YES: True, NO: False}.get((text or "").strip())


@dataclass(slots=True)
class IndicatorDraft:
    level2: str
    name: str
    value: str
    description: str = ""
    basis: str = ""
    id: int | None = None  # an existing row being edited; None for a new row
    scoring: str = ""  # 评（扣）分标准


@dataclass(slots=True)
class ProjectDraft:
    name: str
    code: str = ""
    category: str = ""
    fund_type: str = ""
    funds_total: Decimal | None = None
    funds_fiscal: Decimal | None = None
    funds_other: Decimal | None = None
    purpose: str = ""
    goal: str = ""
    spending_plan: dict[str, Decimal | None] = field(default_factory=dict)
    indicators: list[IndicatorDraft] = field(default_factory=list)
    long_term_goal: str = ""  # 长期目标
    period: str = ""  # 实施期限, as written
    project_type: str = ""  # 项目类型 (the region's own list)
    is_new: bool | None = None  # 是否新增项目
    allocation: str = ""  # 分配方式
    policy_basis: str = ""  # 政策依据
    calculation_basis: str = ""  # 测算依据
    funds_midterm: Decimal | None = None  # 项目总金额（中期规划，万元）


def value_problem(raw: str) -> str | None:
    """Why a typed 指标值 cannot be accepted, or ``None``; qualitative text (no digits) is accepted."""
    if not raw.strip():
        return "请填写指标值。"
    if parse_target_value(raw).kind is ValueKind.TEXT:
        return "无法识别的指标值：请写成 ≥95%、=13人、≤85万元、1-2年 或定性描述（如“显著提升”）。"
    return None


def level2_problem(level2: str, framework: str) -> str | None:
    """Whether ``level2`` belongs to the year's indicator framework."""
    allowed = {l2.value for l2s in FRAMEWORKS[Framework(framework)].values() for l2 in l2s}
    if level2 not in allowed:
        return f"“{level2}”不属于 {framework} 版指标体系。"
    return None


def draft_problems(draft: ProjectDraft, framework: str) -> dict[str, str]:
    """Field-keyed problems (``name``, ``indicators.3.value``…) that make a save impossible."""
    problems: dict[str, str] = {}
    if not draft.name.strip():
        problems["name"] = "请填写项目名称。"
    for i, ind in enumerate(draft.indicators):
        if not ind.name.strip():
            problems[f"indicators.{i}.name"] = "请填写三级指标名称。"
        if p := value_problem(ind.value):
            problems[f"indicators.{i}.value"] = p
        if ind.level2 not in {x.value for x in Level2}:
            problems[f"indicators.{i}.level2"] = "请选择二级指标。"
        elif p := level2_problem(ind.level2, framework):
            problems[f"indicators.{i}.level2"] = p
    if None not in (draft.funds_total, draft.funds_fiscal, draft.funds_other):
        assert (
            draft.funds_total is not None and draft.funds_fiscal is not None and draft.funds_other is not None
        )
        if abs(draft.funds_total - draft.funds_fiscal - draft.funds_other) > Decimal("0.01"):
            problems["funds_total"] = "资金总额应等于财政资金与其他资金之和。"
    return problems
