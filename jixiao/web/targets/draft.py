"""What an editor submits for a project: plain data that the form and the API both build.

Kept free of Django forms so that the page, the API and the CLI hand the same thing to
:func:`jixiao.web.actions.projects.do_save_project`; it is checked by the one validation of every channel,
:mod:`jixiao.domain.validation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain.validation import IndicatorEntry, Problem, ProjectEntry, check_project
from jixiao.domain.values import value_problems
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
    level1: str = ""  # 一级指标 where the channel takes one (the API); checked against level2, then derived


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
    """Why a typed 指标值 cannot be accepted, or ``None`` (the grammar's :func:`value_problems`)."""
    return "".join(value_problems(raw)) or None


def by_path(problems: list[Problem]) -> dict[str, str]:
    """Problems keyed by path (``name``, ``indicators.3.value`` …), two on one path joined."""
    keyed: dict[str, str] = {}
    for p in problems:
        keyed[p.path] = keyed[p.path] + p.message if p.path in keyed else p.message
    return keyed


def draft_entry(draft: ProjectDraft) -> ProjectEntry:
    """What :func:`jixiao.domain.validation.check_project` reads of an editor's draft."""
    return ProjectEntry(
        name=draft.name,
        indicators=tuple(IndicatorEntry(i.level2, i.name, i.value, i.level1) for i in draft.indicators),
        funds_total=draft.funds_total,
        funds_fiscal=draft.funds_fiscal,
        funds_other=draft.funds_other,
    )


def draft_problems(draft: ProjectDraft, framework: str) -> dict[str, str]:
    """Every problem that makes a save impossible, keyed by path (``name``, ``indicators.3.value``…)."""
    return by_path(check_project(draft_entry(draft), framework))
