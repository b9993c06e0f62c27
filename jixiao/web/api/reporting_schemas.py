"""The shapes the two reporting kinds' endpoints share: a record's review and place fields in a list, and
what a unit sends before its kind's amounts and indicators. Each kind's module adds its own fields (bands,
scores; 全年预计执行数; its indicator rows) after these, in :mod:`jixiao.web.api.monitoring_schemas` and
:mod:`jixiao.web.api.selfeval_schemas`."""

from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from jixiao.web.api.schemas import _Reviewed

MONEY = {"max_digits": 16, "decimal_places": 4}


class ReportedSummary(_Reviewed):
    """A monitoring record or a 自评表 in a list: where it is, whose it is and how far its review went."""

    id: int
    round_id: int
    region_id: int
    year: int
    department_id: int
    department: str
    unit: str | None
    name: str
    code: str
    state: str
    state_label: str
    stage: str = Field(..., description="填报中 | 主管部门审核 | 财政审核 | 退回修改 | 完成")
    awaiting: str
    round: int
    version: int

    @staticmethod
    def resolve_round_id(r: Any) -> int:
        return int(getattr(r, f"{r.KIND}_round_id"))  # monitoring_round_id, selfeval_round_id

    @staticmethod
    def resolve_unit(r: Any) -> str | None:
        return r.unit.name if r.unit else None


class IndicatorHead(Schema):
    """A reported indicator's first fields: which it is and its target, as the two kinds' rows begin."""

    id: int
    position: int
    level1: str
    level2: str
    name: str
    target: str = Field(..., description="年度指标值 as approved")


class ReportUpdate(Schema):
    """What every unit's report starts with: the version it was loaded at, the goal's result, the funds."""

    version: int = Field(..., ge=0, description="the version this edit started from (stale-edit check)")
    goal_result: str = Field("", max_length=5000)
    planned: Decimal | None = Field(None, **MONEY)
    adjusted: Decimal | None = Field(None, **MONEY)
    executed: Decimal | None = Field(None, **MONEY)
