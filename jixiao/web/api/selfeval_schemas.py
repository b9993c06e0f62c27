"""The API's shapes for self-evaluation (绩效自评): rounds, 自评表 with their indicators, what a unit sends,
finance's 复核. The results are the core's own JSON (``jixiao evaluate``'s shape, ``ACTUALS.md`` "Outputs")."""

from datetime import date
from typing import Any

from ninja import Field, Schema

from jixiao.web.api.monitoring_schemas import ActualIn, RoundOut
from jixiao.web.api.reporting_schemas import IndicatorHead, ReportedSummary, ReportUpdate
from jixiao.web.monitoring.convert import live_indicators


class SelfEvalRoundIn(Schema):
    year: int = Field(..., ge=2000, le=2100)
    due_date: date = Field(..., description="报送截止日期")
    note: str = Field("", max_length=2000)
    region_id: int | None = Field(None, description="the finance admin's own region when omitted")


class SelfEvalRoundOut(RoundOut):
    """A year's round: ``month`` is 12 and ``time_progress`` 100; open | closed."""


class SelfEvalRoundDetail(SelfEvalRoundOut):
    summary: dict = Field(..., description="自评表 by grade (projects, departments), red, yellow, by stage")


class SelfEvalIndicatorOut(IndicatorHead):
    actual: str = Field(..., description="实际完成值")
    status: str = Field(..., description="完成情况（定性）: 达成 | 部分达成 | 未达成 | ''")
    own_weight: float | None = Field(..., description="分值 the unit set (else the defaults)")
    own_score: float | None = Field(..., description="a qualitative indicator's 得分 as entered")
    weight: float | None = Field(..., description="分值 as the core applied it")
    score: float | None = Field(..., description="得分 as the core computed it")
    adjusted_score: float | None = Field(..., description="finance's 复核 score, counted in the total")
    adjust_reason: str
    formula: str
    causes: list[str] = Field(..., description="偏差原因")
    cause_note: str
    measures: str = Field(..., description="改进措施")
    findings: list[dict]


class SelfEvalSummary(ReportedSummary):
    stage: str = Field(..., description="填报中 | 主管部门审核 | 财政审核 | 退回修改 | 完成 | 已公开")
    execution_rate: float | None
    indicator_score: float | None
    budget_score: float | None
    unit_total: float | None = Field(..., description="总分 as the unit's report scores")
    total: float | None = Field(..., description="总分 with finance's adjustments")
    result: str = Field(..., description="等级: 优 | 良 | 中 | 差 | '' (not scored)")
    consequence: str = Field(..., description="结果应用")
    red: bool
    yellow: bool


class SelfEvalOut(SelfEvalSummary):
    goal: str
    goal_result: str
    planned: float | None = Field(..., description="年初预算数（万元）")
    adjusted: float | None = Field(..., description="全年预算数（调整后，万元）")
    executed: float | None = Field(..., description="全年执行数（万元）")
    warnings: list[dict]
    indicators: list[SelfEvalIndicatorOut]

    @staticmethod
    def resolve_indicators(r: Any) -> list[Any]:
        return live_indicators(r)


class ScoreIn(ActualIn):
    own_weight: float | None = Field(None, ge=0, le=100, description="分值; every indicator's, summing to 90")
    own_score: float | None = Field(None, ge=0, le=100, description="a qualitative indicator's 得分")


class SelfEvalUpdate(ReportUpdate):
    """What the unit reports. Problems answer 422 at once, keyed by path (``executed``,
    ``indicators.2.own_score`` with the allowed range); indicators not sent stay as they are."""

    indicators: list[ScoreIn] = Field(default_factory=list)


class RescoreIn(Schema):
    """Finance's 复核 of one indicator: its new score (``null`` takes an adjustment back) and the reason."""

    indicator_id: int
    score: float | None = Field(..., ge=0, le=100)
    reason: str = Field(..., max_length=2000)
    version: int | None = Field(None, ge=0)
