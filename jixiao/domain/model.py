"""The objects of a performance target disclosure (预算绩效目标公开文档).

Immutable dataclasses with no I/O: readers build them, the review engine, publishers and the web system
consume them. Sequences are tuples so that a document, once read, cannot be changed behind a reader's back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.domain.taxonomy import COST_CATEGORIES, Framework, Level1, Level2, framework_of
from jixiao.domain.totals import PrintedTotal
from jixiao.domain.values import TargetValue


@dataclass(frozen=True, slots=True)
class Indicator:
    """A 三级指标 of a project, with its 一级/二级 categories."""

    level1: Level1
    level2: Level2
    name: str
    value: TargetValue
    description: str | None = None  # 绩效指标描述 / 指标解释
    line: int | None = None
    scoring: str | None = None  # 评（扣）分标准, where a form has one
    extra: tuple[tuple[str, str], ...] = ()  # columns the reader did not know: (header, text)
    where: str | None = None  # source cell in a format with cells (``项目1!C12``)


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A template row left blank or filled 不适用/无: kept so nothing is lost, never counted as an indicator."""

    text: str  # what the row prints (``不适用``; empty for a blank row)
    level1: Level1 | None = None
    level2: Level2 | None = None
    line: int | None = None
    where: str | None = None
    # The row's 三级指标, 指标值 and (where the table has the column) 指标解释 cells as printed, where the reader
    # can tell them apart: a review criterion may ask that no cell of a template row be left blank.
    cells: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Funds:
    """资金 in 万元: total = fiscal (财政资金) + other (其他资金); midterm = 项目总金额（中期规划）.

    Amounts are kept as printed: a reader that finds 元 under a 万元 label warns instead of rescaling.
    """

    total: float | None = None
    fiscal: float | None = None
    other: float | None = None
    midterm: float | None = None


@dataclass(frozen=True, slots=True)
class SpendingPoint:
    """Cumulative planned spending by a date (资金支出计划), e.g. ``6月底``."""

    period: str
    amount: float | None = None


@dataclass(frozen=True, slots=True)
class Project:
    """项目支出绩效目标表."""

    name: str
    funds: Funds = field(default_factory=Funds)
    indicators: tuple[Indicator, ...] = ()
    code: str | None = None
    category: str | None = None  # 其他运转类项目 / 特定目标类项目
    department: str | None = None  # 主管部门
    department_code: str | None = None
    unit: str | None = None  # 实施单位 / 预算单位
    unit_code: str | None = None
    fund_type: str | None = None  # 资金性质
    purpose: str | None = None  # 资金用途
    spending_plan: tuple[SpendingPoint, ...] = ()
    goal: str | None = None  # 年度总体绩效目标 / 年度目标
    long_term_goal: str | None = None  # 长期目标
    period: str | None = None  # 实施期限, as printed
    project_type: str | None = None  # 项目类型 (a region's own list, e.g. ``15 其他经费``)
    is_new: bool | None = None  # 是否新增项目
    allocation: str | None = None  # 分配方式
    policy_basis: str | None = None  # 政策依据
    calculation_basis: str | None = None  # 测算依据
    placeholders: tuple[Placeholder, ...] = ()
    line: int | None = None
    where: str | None = None  # source sheet or cell in a format with cells

    @property
    def framework(self) -> Framework:
        return framework_of(
            frozenset(i.level2 for i in self.indicators), frozenset(i.level1 for i in self.indicators)
        )

    @property
    def cost_indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.level2 in COST_CATEGORIES)


@dataclass(frozen=True, slots=True)
class Reference:
    """指标参考值 of a department indicator: plan, standard and history."""

    planned: str | None = None  # 规划值
    standard: str | None = None  # 当年标准值
    standard_source: str | None = None
    avg3: str | None = None  # 前三年均值
    last_year: str | None = None  # 上年值
    history_source: str | None = None


@dataclass(frozen=True, slots=True)
class DepartmentIndicator:
    """A row of a department's strategic (战略) or annual (年度) target table."""

    name: str  # 绩效指标
    value: TargetValue  # 年度指标值
    no: int | None = None  # 序号
    duty_no: int | None = None  # 职责序号
    duty_area: str | None = None  # 部门职责 (area, first sub-column)
    duty: str | None = None  # 部门职责 (the specific duty)
    duty_goal: str | None = None  # 职责目标
    explanation: str | None = None  # 指标解释
    reference: Reference = field(default_factory=Reference)
    note: str | None = None  # 备注
    activity: str | None = None  # 工作活动
    budget_project: str | None = None  # 预算项目
    office: str | None = None  # 对应科室 / 填报科室
    line: int | None = None
    where: str | None = None  # source cell in a format with cells (``部门!C12``)


@dataclass(frozen=True, slots=True)
class Department:
    """部门整体绩效目标: a mid-term strategic table and an annual table."""

    name: str
    code: str | None = None
    strategic_goal: str | None = None  # 战略目标
    strategic_indicators: tuple[DepartmentIndicator, ...] = ()
    annual_indicators: tuple[DepartmentIndicator, ...] = ()
    line: int | None = None


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """A row of a 汇总表 that lists the selected projects."""

    project: str
    no: int | None = None
    department: str | None = None
    budget: float | None = None  # 万元
    fund_type: str | None = None


@dataclass(frozen=True, slots=True)
class ReadWarning:
    """Something a reader could not read with confidence, with the source line it concerns."""

    message: str
    line: int | None = None
    where: str | None = None  # ``sheet!cell`` or ``第3页`` where the source has no lines


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Document:
    """A whole disclosure: preface, tables and the reader's warnings."""

    source: Source
    title: str | None = None
    issuer: str | None = None  # 发布机关
    year: int | None = None  # 预算年度
    preface: str | None = None  # 编报说明
    summary: tuple[SummaryRow, ...] = ()
    totals: tuple[PrintedTotal, ...] = ()  # the 合计/总计/小计 rows the document's tables print
    projects: tuple[Project, ...] = ()
    departments: tuple[Department, ...] = ()
    warnings: tuple[ReadWarning, ...] = ()

    @property
    def framework(self) -> Framework:
        level2s = frozenset(i.level2 for p in self.projects for i in p.indicators)
        level1s = frozenset(i.level1 for p in self.projects for i in p.indicators)
        return framework_of(level2s, level1s)

    @property
    def total_funds(self) -> float:
        """Sum of the project budgets in 万元 (projects without a total count as 0)."""
        return sum(p.funds.total or 0.0 for p in self.projects)
