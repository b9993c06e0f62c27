"""``/api/monitoring/rounds`` and ``/api/monitoring/records``: monitoring rounds (open, close, publish — the
finance admin) and their records (read, save what the unit reports, the review endpoints every reviewed
kind has, and the results as ``jixiao monitor`` writes them). Same policy and actions as the pages; what it
shares with the self-evaluation's is :mod:`jixiao.web.api.reporting`."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from jixiao.web import policy
from jixiao.web.actions.monitoring import do_close_round, do_open_round, do_publish_round, do_save_record
from jixiao.web.api import reporting, review
from jixiao.web.api.auth import WRITE_AUTH, reader, writer
from jixiao.web.api.monitoring_schemas import (
    RecordOut,
    RecordResultOut,
    RecordSummary,
    RecordUpdate,
    RoundDetail,
    RoundIn,
    RoundOut,
)
from jixiao.web.api.schemas import Problem
from jixiao.web.monitoring.convert import judge
from jixiao.web.monitoring.draft import MONEY_FIELDS, ActualDraft
from jixiao.web.monitoring.models import MonitoringRecord, MonitoringRound
from jixiao.web.monitoring.summary import round_summary

rounds = Router(tags=["运行监控"])
records = Router(tags=["运行监控"])
ROUNDS = MonitoringRound.objects.select_related("region")
RECORDS = MonitoringRecord.objects.select_related("monitoring_round", "department", "unit")


def _with_summary(r: MonitoringRound, user: Any) -> MonitoringRound:
    """The round with its summary counted over the records the caller may see (all, once published)."""
    rows = r.records.filter(archived=False).select_related("monitoring_round")
    if r.state != "published":
        rows = rows.visible_to(user)
    r.summary = round_summary(r, list(rows))  # type: ignore[attr-defined]
    return r


def _visible_round(request: HttpRequest, pk: int, user: Any = None) -> MonitoringRound:
    return reporting.visible(request, ROUNDS, pk, user)  # type: ignore[no-any-return]


@rounds.get("", response=list[RoundOut], summary="运行监控批次列表（按权限可见；已公开的人人可见）")
def list_rounds(request: HttpRequest, year: int | None = None) -> list[MonitoringRound]:
    qs = policy.restrict(ROUNDS, reader(request)).order_by("-year", "-month", "region__name")
    return list(qs.filter(year=year) if year else qs)


@rounds.get("/{round_id}", response=RoundDetail, summary="运行监控批次：亮灯、阶段与预算执行汇总")
def get_round(request: HttpRequest, round_id: int) -> MonitoringRound:
    user = reader(request)
    return _with_summary(_visible_round(request, round_id, user), user)


@rounds.post(
    "",
    response={201: RoundDetail, 403: Problem, 400: Problem},
    auth=WRITE_AUTH,
    summary="发起运行监控（财政管理员）：每个已批复的项目和部门整体目标各生成一张监控表",
)
def open_round(request: HttpRequest, body: RoundIn) -> Status:
    user = writer(request)
    opened = do_open_round(
        acting_user=user,
        region=reporting.round_region(user, body.region_id, "运行监控"),
        year=body.year,
        month=body.month,
        due_date=body.due_date,
        note=body.note,
    )
    return Status(201, _with_summary(opened, user))


def _add_round_move(verb: str, action: Any, summary: str) -> None:
    """``POST /{round_id}/<verb>``: close or publish a round (the finance admin)."""

    @rounds.post(
        f"/{{round_id}}/{verb}",
        response={200: RoundDetail, 403: Problem, 400: Problem},
        auth=WRITE_AUTH,
        summary=summary,
        operation_id=f"monitoring_round_{verb}",
    )
    def move(request: HttpRequest, round_id: int) -> MonitoringRound:
        user = writer(request)
        return _with_summary(action(acting_user=user, round_=_visible_round(request, round_id, user)), user)


_add_round_move("close", do_close_round, "结束填报（财政管理员）")
_add_round_move("publish", do_publish_round, "公开已结束批次的汇总（财政管理员）")


def _record(request: HttpRequest, pk: int, user: Any = None) -> MonitoringRecord:
    return reporting.visible(request, RECORDS, pk, user)  # type: ignore[no-any-return]


class RecordFilter(reporting.RoundRecordFilter):
    band: str | None = None


@records.get("", response=list[RecordSummary], summary="执行监控表列表（按权限可见）")
@paginate(LimitOffsetPagination)
def list_records(request: HttpRequest, filters: Query[RecordFilter]) -> Any:
    return reporting.listed(request, RECORDS, filters, "monitoring_round", {"band": "band"})


@records.get("/{record_id}", response=RecordOut, summary="执行监控表：项目资金、指标完成情况与亮灯")
def get_record(request: HttpRequest, record_id: int) -> MonitoringRecord:
    return _record(request, record_id)


@records.put(
    "/{record_id}",
    response={200: RecordOut, 403: Problem, 409: Problem, 422: Problem, 400: Problem},
    auth=WRITE_AUTH,
    summary="填报执行监控表（带版本号；亮灯随保存重新计算）",
)
def update_record(request: HttpRequest, record_id: int, body: RecordUpdate) -> MonitoringRecord:
    return reporting.save_sent(  # type: ignore[no-any-return]
        request, RECORDS, record_id, body, MONEY_FIELDS, ActualDraft, do_save_record
    )


@records.get(
    "/{record_id}/results",
    response=RecordResultOut,
    summary="执行监控结果（jixiao/actuals@1 输出格式：亮灯、预算执行、各指标进度）",
)
def get_results(request: HttpRequest, record_id: int) -> dict[str, Any]:
    return judge(_record(request, record_id)).to_json()  # type: ignore[no-any-return]


MOVES = "报送（submit）、主管部门通过或退回（dept_pass、dept_return）、财政退回或审核通过（return、approve），不评等级"
review.add_review_routes(records, RECORDS, "record_id", RecordOut, "执行监控表", MOVES)
