"""``/api/selfeval/rounds`` and ``/api/selfeval/records``: self-evaluation rounds (opened by the finance
admin) and their 自评表 (read, save what the unit reports, finance's 复核, the review endpoints every reviewed
kind has, and the results as ``jixiao evaluate`` writes them). Same policy and actions as the pages; what it
shares with monitoring's is :mod:`jixiao.web.api.reporting`."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from jixiao.web import policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.selfeval import do_open_selfeval, do_rescore, do_save_selfeval
from jixiao.web.api import reporting, review
from jixiao.web.api.auth import WRITE_AUTH, reader, writer
from jixiao.web.api.schemas import Problem
from jixiao.web.api.selfeval_schemas import (
    RescoreIn,
    SelfEvalOut,
    SelfEvalRoundDetail,
    SelfEvalRoundIn,
    SelfEvalRoundOut,
    SelfEvalSummary,
    SelfEvalUpdate,
)
from jixiao.web.selfeval.convert import score
from jixiao.web.selfeval.draft import AMOUNTS, ScoreDraft
from jixiao.web.selfeval.models import SelfEvalRound, SelfEvaluation
from jixiao.web.selfeval.summary import year_summary

rounds = Router(tags=["绩效自评"])
records = Router(tags=["绩效自评"])
ROUNDS = SelfEvalRound.objects.select_related("region")
RECORDS = SelfEvaluation.objects.select_related("selfeval_round", "department", "unit", "region")


def _with_summary(r: SelfEvalRound, user: Any) -> SelfEvalRound:
    """The round with its summary counted over the 自评表 the caller may see."""
    rows = r.records.filter(archived=False).select_related("selfeval_round").visible_to(user)
    r.summary = year_summary(list(rows))  # type: ignore[attr-defined]
    return r


@rounds.get("", response=list[SelfEvalRoundOut], summary="绩效自评批次列表（本地区人员可见）")
def list_rounds(request: HttpRequest, year: int | None = None) -> list[SelfEvalRound]:
    qs = policy.restrict(ROUNDS, reader(request)).order_by("-year", "region__name")
    return list(qs.filter(year=year) if year else qs)


@rounds.get("/{round_id}", response=SelfEvalRoundDetail, summary="绩效自评批次：等级分布、预警与阶段")
def get_round(request: HttpRequest, round_id: int) -> SelfEvalRound:
    user = reader(request)
    return _with_summary(policy.get_visible(user, ROUNDS, round_id), user)


@rounds.post(
    "",
    response={201: SelfEvalRoundDetail, 403: Problem, 400: Problem},
    auth=WRITE_AUTH,
    summary="发起绩效自评（财政管理员）：每个已批复的项目和部门整体目标各生成一张绩效自评表",
)
def open_round(request: HttpRequest, body: SelfEvalRoundIn) -> Status:
    user = writer(request)
    opened = do_open_selfeval(
        acting_user=user,
        region=reporting.round_region(user, body.region_id, "绩效自评"),
        year=body.year,
        due_date=body.due_date,
        note=body.note,
    )
    return Status(201, _with_summary(opened, user))


def _record(request: HttpRequest, pk: int, user: Any = None) -> SelfEvaluation:
    return reporting.visible(request, RECORDS, pk, user)  # type: ignore[no-any-return]


class SelfEvalFilter(reporting.RoundRecordFilter):
    grade: str | None = None


@records.get("", response=list[SelfEvalSummary], summary="绩效自评表列表（按权限可见；已公开的人人可见）")
@paginate(LimitOffsetPagination)
def list_records(request: HttpRequest, filters: Query[SelfEvalFilter]) -> Any:
    return reporting.listed(request, RECORDS, filters, "selfeval_round", {"grade": "result"})


@records.get("/{record_id}", response=SelfEvalOut, summary="绩效自评表：项目资金、指标得分、总分与等级")
def get_record(request: HttpRequest, record_id: int) -> SelfEvaluation:
    return _record(request, record_id)


@records.put(
    "/{record_id}",
    response={200: SelfEvalOut, 403: Problem, 409: Problem, 422: Problem, 400: Problem},
    auth=WRITE_AUTH,
    summary="填报绩效自评表（带版本号；得分、总分和等级随保存重新计算）",
)
def update_record(request: HttpRequest, record_id: int, body: SelfEvalUpdate) -> SelfEvaluation:
    return reporting.save_sent(  # type: ignore[no-any-return]
        request, RECORDS, record_id, body, AMOUNTS, ScoreDraft, do_save_selfeval
    )


@records.post(
    "/{record_id}/rescore",
    response={200: SelfEvalOut, 403: Problem, 409: Problem, 400: Problem},
    auth=WRITE_AUTH,
    summary="财政复核：调整一个指标的得分（须填写理由，记入审计）",
)
def rescore(request: HttpRequest, record_id: int, body: RescoreIn) -> SelfEvaluation:
    user = writer(request)
    target = _record(request, record_id, user)
    item = target.indicators.filter(pk=body.indicator_id).first()
    if item is None:
        raise ActionError("该指标不属于此绩效自评表。")
    do_rescore(
        acting_user=user,
        target=target,
        item=item,
        score=body.score,
        reason=body.reason,
        expected_version=body.version,
    )
    return _record(request, record_id, user)


@records.get(
    "/{record_id}/results",
    response=dict,
    summary="自评结果（jixiao evaluate 的 JSON：各指标分值与得分、预算执行率得分、总分、等级、预警），按单位填报计算",
)
def get_results(request: HttpRequest, record_id: int) -> dict[str, Any]:
    return score(_record(request, record_id)).to_json()  # type: ignore[no-any-return]


MOVES = "报送（submit）、主管部门通过或退回（dept_pass、dept_return）、财政退回或审核通过（return、approve），公开（publish，财政管理员），不评等级"
review.add_review_routes(records, RECORDS, "record_id", SelfEvalOut, "绩效自评表", MOVES)
