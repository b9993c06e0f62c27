"""The API's shapes. Project and indicator fields follow the contract (``jixiao/disclosure@1``)."""

from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema


class RegionOut(Schema):
    id: int
    name: str
    code: str


class DepartmentOut(Schema):
    id: int
    region_id: int
    name: str
    code: str


class ValueOut(Schema):
    raw: str
    kind: str
    op: str | None
    number: float | None
    upper: float | None
    unit: str | None


class IndicatorOut(Schema):
    id: int
    position: int
    level1: str
    level2: str
    name: str
    description: str
    value: ValueOut
    basis: str


class ProjectSummary(Schema):
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


class SpendingPointIO(Schema):
    period: str = Field(..., pattern="^(3|6|10|12)月底$")
    amount: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=4)


class ProjectOut(ProjectSummary):
    category: str
    funds_fiscal: float | None
    funds_other: float | None
    purpose: str
    goal: str
    spending_plan: list[dict]
    indicators: list[IndicatorOut]


class IndicatorIn(Schema):
    id: int | None = Field(None, description="existing indicator id to keep; omit for a new row")
    level2: str = Field(..., max_length=20, description="二级指标, from the year's framework")
    name: str = Field(..., max_length=300)
    value: str = Field(..., max_length=200, description="指标值 as typed, e.g. ≥95%")
    description: str = Field("", max_length=2000)
    basis: str = Field("", pattern="^(|计划标准|行业标准|历史标准|其他标准)$")


class ProjectIn(Schema):
    name: str = Field(..., min_length=1, max_length=300)
    code: str = Field("", max_length=60)
    category: str = Field("", max_length=60)
    fund_type: str = Field("", max_length=60)
    funds_total: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=4)
    funds_fiscal: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=4)
    funds_other: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=4)
    purpose: str = Field("", max_length=5000)
    goal: str = Field("", max_length=5000)
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
    indicator_id: int | None = None


class CommentOut(Schema):
    id: int
    indicator_id: int | None
    author: str
    round: int
    text: str
    created_at: datetime


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
