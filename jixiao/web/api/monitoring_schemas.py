"""The API's shapes for monitoring (运行监控): rounds, records with their indicators, what a unit sends, and the
results in the ``jixiao/actuals@1`` output shape (``ACTUALS.md`` "Outputs")."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from jixiao.web.api.reporting_schemas import MONEY, IndicatorHead, ReportedSummary, ReportUpdate
from jixiao.web.monitoring.convert import live_indicators


class RoundIn(Schema):
    year: int = Field(..., ge=2000, le=2100)
    month: int = Field(
        ..., ge=1, le=11, description="监控时点: the cut-off month (1—11; 12 is the self-evaluation)"
    )
    due_date: date = Field(..., description="报送截止日期")
    note: str = Field("", max_length=2000)
    region_id: int | None = Field(None, description="the finance admin's own region when omitted")


class RoundOut(Schema):
    id: int
    region_id: int
    region: str
    year: int
    month: int
    due_date: date
    state: str = Field(..., description="open | closed | published")
    state_label: str
    note: str
    time_progress: float = Field(..., description="时间进度, month ÷ 12 × 100")
    records: int
    created_at: datetime
    closed_at: datetime | None
    published_at: datetime | None

    @staticmethod
    def resolve_region(r: Any) -> str:
        return str(r.region.name)

    @staticmethod
    def resolve_state_label(r: Any) -> str:
        return str(r.get_state_display())

    @staticmethod
    def resolve_records(r: Any) -> int:
        return int(r.records.filter(archived=False).count())


class RoundDetail(RoundOut):
    """A round with ``summary`` (set on it by the endpoint: what the caller may count)."""

    summary: dict = Field(
        ..., description="records by band (projects, departments), by stage, and budget execution overall"
    )


class MonitoringIndicatorOut(IndicatorHead):
    actual: str = Field(..., description="当前完成情况")
    status: str = Field(..., description="完成情况（定性）: 达成 | 部分达成 | 未达成 | ''")
    causes: list[str] = Field(..., description="偏差原因")
    cause_note: str
    likelihood: str = Field(..., description="完成目标可能性")
    measures: str = Field(..., description="备注及改进措施")
    progress: float | None
    band: str = Field(..., description="red | yellow | green | blue | '' (not judged)")
    rule: str


class RecordSummary(ReportedSummary):
    band: str
    budget_band: str
    budget_ratio: float | None
    execution_rate: float | None


class RecordOut(RecordSummary):  # the amounts are stored as decimals and read as floats
    goal: str
    goal_result: str
    planned: float | None = Field(..., description="年初预算数（万元）")
    adjusted: float | None = Field(..., description="调整后预算数（万元）")
    executed: float | None = Field(..., description="执行数（万元）")
    expected: float | None = Field(..., description="全年预计执行数（万元）")
    warnings: list[dict]
    indicators: list[MonitoringIndicatorOut]

    @staticmethod
    def resolve_indicators(r: Any) -> list[Any]:
        return live_indicators(r)


class ActualIn(Schema):
    id: int = Field(..., description="the record's indicator id")
    actual: str = Field("", max_length=300)
    status: str = Field("", max_length=8)
    causes: list[str] = Field(default_factory=list)
    cause_note: str = Field("", max_length=5000)
    likelihood: str = Field("", max_length=8)
    measures: str = Field("", max_length=5000)


class RecordUpdate(ReportUpdate):
    """What the unit reports. Words outside the official lists and negative amounts answer 422 with every
    problem at once, keyed by path (``executed``, ``indicators.1.likelihood``); indicators not sent stay."""

    expected: Decimal | None = Field(None, **MONEY)
    indicators: list[ActualIn] = Field(default_factory=list)


class BudgetResultOut(Schema):
    basis: float | None
    executed: float | None
    execution_rate: float | None
    time_progress: float
    ratio: float | None
    band: str | None
    warnings: list[dict]


class IndicatorResultOut(Schema):
    name: str
    target: str
    actual: str | None
    status: str | None
    rule: str | None
    progress: float | None
    band: str | None
    causes: list[str]
    cause_note: str | None
    likelihood: str | None
    measures: str | None
    warnings: list[dict]


class RecordResultOut(Schema):
    """One record's results as ``jixiao monitor`` writes them (``jixiao/actuals@1`` outputs)."""

    name: str
    code: str | None
    band: str | None
    budget: BudgetResultOut
    indicators: list[IndicatorResultOut]
    warnings: list[dict]
