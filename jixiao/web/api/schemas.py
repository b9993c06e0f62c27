"""The API's shapes. Project and indicator fields follow the contract (``jixiao/disclosure@1``).

The output schemas read the stored rows themselves: an endpoint returns the model instance and the schema
takes each field from the attribute of the same name, or from its ``resolve_<field>`` where the JSON says
it differently (a related name, a float for a decimal, the parsed target value, the live rows).
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from jixiao.domain.serialize import value_to_json
from jixiao.web import policy
from jixiao.web.api.auth import reader
from jixiao.web.targets.convert import value_of


def _float(amount: Decimal | None) -> float | None:
    return float(amount) if amount is not None else None


class RegionOut(Schema):
    id: int
    name: str
    code: str


class DepartmentOut(Schema):
    id: int
    region_id: int
    name: str
    code: str
    aliases: list[str]  # other names the body is printed under; imports place them here


class ValueOut(Schema):  # 指标值 as the grammar reads it (jixiao.domain.parse_target_value)
    raw: str
    kind: str
    op: str | None
    number: float | None
    upper: float | None
    unit: str | None


class _Valued(Schema):
    """A stored row with a target value: ``value`` read from its value columns."""

    @staticmethod
    def resolve_value(row: Any) -> dict[str, Any]:
        return value_to_json(value_of(row))


class IndicatorOut(_Valued):
    id: int
    position: int
    level1: str
    level2: str
    name: str
    description: str
    scoring: str = Field(..., description="评（扣）分标准")
    value: ValueOut
    basis: str


class _Reviewed(Schema):
    """What every reviewed kind lists, read from the row: its department's name and its state's label."""

    @staticmethod
    def resolve_department(thing: Any) -> str:
        return str(thing.department.name)

    @staticmethod
    def resolve_state_label(thing: Any) -> str:
        return str(thing.get_state_display())


class ProjectSummary(_Reviewed):
    id: int
    region_id: int
    year: int
    department_id: int
    department: str
    unit: str | None
    code: str
    name: str
    fund_type: str
    funds_total: float | None
    state: str
    state_label: str
    awaiting: str
    round: int
    grade: str
    version: int

    @staticmethod
    def resolve_unit(project: Any) -> str | None:
        return project.unit.name if project.unit else None

    @staticmethod
    def resolve_funds_total(project: Any) -> float | None:
        return _float(project.funds_total)


class RectificationOut(Schema):
    """A 整改事项 of last year's self-evaluation, as it stands now (its state follows the source's row)."""

    id: int
    selfeval_id: int = Field(..., description="the 自评表 it was set on (/api/selfeval/records/{id})")
    selfeval: str
    text: str
    owner: str = Field(..., description="责任单位, or the department for its own")
    due_date: date
    state: str
    state_label: str
    done_note: str

    @staticmethod
    def resolve_selfeval_id(item: Any) -> int:
        return int(item.record_id)

    @staticmethod
    def resolve_selfeval(item: Any) -> str:
        return str(item.record.name)

    @staticmethod
    def resolve_state_label(item: Any) -> str:
        return str(item.get_state_display())


class _Carried(Schema):
    """结果应用 carried by 复制上年目标: the source's self-evaluation lessons (read-only text) and its 整改事项
    open at the copy, linked. For the people working on the targets: the public (no reader) gets neither, and
    a reader only the 整改事项 the policy lets them see."""

    lessons: str = Field(..., description="上年度绩效自评的经验教训, carried by 复制上年目标; read-only")
    carried_rectifications: list[RectificationOut] = Field(..., description="带入的整改事项 (linked)")

    @staticmethod
    def resolve_lessons(thing: Any, context: Any) -> str:
        return str(thing.lessons) if _reader_of(context) is not None else ""

    @staticmethod
    def resolve_carried_rectifications(thing: Any, context: Any) -> list[Any]:
        user = _reader_of(context)
        if user is None:
            return []
        items = thing.carried_rectifications.select_related("record", "unit", "department")
        return list(policy.restrict(items, user).order_by("due_date", "id"))


def _reader_of(context: Any) -> Any:
    request = (context or {}).get("request")
    return reader(request) if request is not None else None


class SpendingPointIO(Schema):
    period: str = Field(..., pattern="^(3|6|10|12)月底$")
    amount: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=4)


class ProjectOut(ProjectSummary, _Carried):
    category: str
    funds_fiscal: float | None
    funds_other: float | None
    purpose: str
    goal: str
    long_term_goal: str = Field(..., description="长期目标")
    period: str = Field(..., description="实施期限, as written")
    project_type: str = Field(..., description="项目类型 (the region's own list)")
    is_new: bool | None = Field(..., description="是否新增项目; null when not stated")
    allocation: str = Field(..., description="分配方式")
    policy_basis: str = Field(..., description="政策依据")
    calculation_basis: str = Field(..., description="测算依据")
    funds_midterm: float | None = Field(..., description="项目总金额（中期规划，万元）")
    spending_plan: list[dict]
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_funds_fiscal(project: Any) -> float | None:
        return _float(project.funds_fiscal)

    @staticmethod
    def resolve_funds_other(project: Any) -> float | None:
        return _float(project.funds_other)

    @staticmethod
    def resolve_funds_midterm(project: Any) -> float | None:
        return _float(project.funds_midterm)

    @staticmethod
    def resolve_indicators(project: Any) -> list[Any]:
        return list(project.live_indicators())


class IndicatorIn(Schema):
    id: int | None = Field(None, description="existing indicator id to keep; omit for a new row")
    level2: str = Field(..., max_length=20, description="二级指标, from the year's framework")
    level1: str = Field(
        "",
        max_length=20,
        description="一级指标 (optional): when given, it must be the 二级's parent in the framework",
    )
    name: str = Field(..., max_length=300)
    value: str = Field(..., max_length=200, description="指标值 as typed, e.g. ≥95%")
    description: str = Field("", max_length=2000)
    scoring: str = Field("", max_length=2000, description="评（扣）分标准")
    basis: str = Field("", pattern="^(|计划标准|行业标准|历史标准|其他标准)$")


class ProjectIn(Schema):
    """A project to save. Types and lengths are checked here; what a project must be (a name, readable values,
    总额 = 财政 + 其他, 二级 in the year's framework) by the one validation of every channel, which answers 422
    with every problem at once, keyed by path (``name``, ``funds_total``, ``indicators.2.value``)."""

    name: str = Field(..., max_length=300)
    code: str = Field("", max_length=60)
    category: str = Field("", max_length=60)
    fund_type: str = Field("", max_length=60)
    funds_total: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=4)
    funds_fiscal: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=4)
    funds_other: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=4)
    purpose: str = Field("", max_length=5000)
    goal: str = Field("", max_length=5000)
    long_term_goal: str = Field("", max_length=5000, description="长期目标")
    period: str = Field("", max_length=200, description="实施期限, as written (2024年-2026年)")
    project_type: str = Field("", max_length=200, description="项目类型 (the region's own list)")
    is_new: bool | None = Field(None, description="是否新增项目; null when not stated")
    allocation: str = Field("", max_length=200, description="分配方式")
    policy_basis: str = Field("", max_length=5000, description="政策依据")
    calculation_basis: str = Field("", max_length=5000, description="测算依据")
    funds_midterm: Decimal | None = Field(
        None, ge=0, max_digits=16, decimal_places=4, description="项目总金额（中期规划，万元）"
    )
    spending_plan: list[SpendingPointIO] = Field(default_factory=list, max_length=4)
    indicators: list[IndicatorIn] = Field(default_factory=list, max_length=200)


class ProjectCreate(ProjectIn):
    year: int = Field(..., ge=2000, le=2100)


class ProjectUpdate(ProjectIn):
    version: int = Field(..., ge=0, description="the version this edit started from (stale-edit check)")


class TransitionIn(Schema):
    verb: str = Field(
        ..., description="submit | dept_pass | dept_return | return | approve | publish | adjust"
    )
    grade: str = Field("", pattern="^(|优|良|中|差)$")
    opinion: str = Field("", max_length=5000)
    version: int | None = Field(None, ge=0)


class CommentIn(Schema):
    text: str = Field(..., min_length=1, max_length=5000)
    item_id: int | None = Field(None, description="the indicator or row commented on; none for the whole")
    indicator_id: int | None = Field(None, description="the same as item_id (its earlier name)")


class CommentOut(Schema):
    id: int
    item_id: int | None = Field(..., description="the indicator or row commented on; null for the whole")
    indicator_id: int | None = Field(..., description="the same as item_id (its earlier name)")
    author: str
    round: int
    text: str
    created_at: datetime

    @staticmethod
    def resolve_indicator_id(comment: Any) -> int | None:
        return comment.item_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_author(comment: Any) -> str:
        return str(comment.author.get_username())


class ImportOut(Schema):
    id: int
    region_id: int
    year: int
    source_name: str
    project_count: int
    department_count: int
    warnings: list[dict]


class TokenOut(Schema):
    token: str
    name: str


class Problem(Schema):
    detail: str
    problems: dict[str, str] | None = None


class ReferenceIO(Schema):
    """指标参考值: the contract's fields plus past years' values as ``{"2022": "53场"}``."""

    planned: str | None = Field(None, max_length=200, description="规划值")
    standard: str | None = Field(None, max_length=200, description="当年标准值")
    standard_source: str | None = Field(None, max_length=500)
    avg3: str | None = Field(None, max_length=200, description="前三年均值")
    last_year: str | None = Field(None, max_length=200, description="上年值 (kept equal to years[year-1])")
    history_source: str | None = Field(None, max_length=500)
    years: dict[str, str] = Field(default_factory=dict, description="past years' values by year")


class DepartmentRowIn(Schema):
    id: int | None = Field(None, description="existing row id to keep; omit for a new row")
    table: str = Field(..., pattern="^(strategic|annual)$", description="strategic (中长期) or annual (年度)")
    name: str = Field(..., max_length=300, description="绩效指标")
    value: str = Field(..., max_length=200, description="指标值 as typed, e.g. ≥95%")
    no: int | None = Field(None, ge=0, le=100000)
    duty_no: int | None = Field(None, ge=0, le=100000)
    duty_area: str = Field("", max_length=300)
    duty: str = Field("", max_length=5000)
    duty_goal: str = Field("", max_length=5000)
    explanation: str = Field("", max_length=5000)
    reference: ReferenceIO = Field(default_factory=ReferenceIO)
    note: str = Field("", max_length=5000)
    activity: str = Field("", max_length=5000)
    budget_project: str = Field("", max_length=5000)
    office: str = Field("", max_length=200)


class DepartmentRowOut(_Valued):
    id: int
    table: str
    position: int
    no: int | None
    duty_no: int | None
    duty_area: str
    duty: str
    duty_goal: str
    name: str
    value: ValueOut
    explanation: str
    reference: dict
    note: str
    activity: str
    budget_project: str
    office: str


class DepartmentTargetSummary(_Reviewed):
    id: int
    region_id: int
    year: int
    department_id: int
    department: str
    state: str
    state_label: str
    round: int
    grade: str
    version: int


class DepartmentTargetOut(DepartmentTargetSummary, _Carried):
    strategic_goal: str
    strategic: list[DepartmentRowOut]
    annual: list[DepartmentRowOut]

    @staticmethod
    def resolve_strategic(target: Any) -> list[Any]:
        return _live_rows(target, "strategic")

    @staticmethod
    def resolve_annual(target: Any) -> list[Any]:
        return _live_rows(target, "annual")


def _live_rows(target: Any, table: str) -> list[Any]:
    """The target's live rows of one table, in their order."""
    return list(target.rows.filter(archived=False, table=table).order_by("position", "id"))


class DepartmentTargetIn(Schema):
    strategic_goal: str = Field("", max_length=20000)
    rows: list[DepartmentRowIn] = Field(default_factory=list, max_length=500)


class DepartmentTargetCreate(DepartmentTargetIn):
    year: int = Field(..., ge=2000, le=2100)


class DepartmentTargetUpdate(DepartmentTargetIn):
    version: int = Field(..., ge=0, description="the version this edit started from (stale-edit check)")
