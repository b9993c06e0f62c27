"""运行监控 pages in the work area: the list (finance: the region's rounds, opening, closing, publishing;
units and departments: the records they have to fill), a record's 执行监控表 form, its review page, and the
finance dashboard of a round.

Each button calls one action; who may do what is :mod:`jixiao.web.policy`'s answer (refusals are logged and
shown as 403 or messages). The review moves and comments are the generic views of every reviewed kind
(:mod:`jixiao.web.workflow.views`), registered there for ``monitoring``; opening a round, the record's
review page and its form are the reporting kinds' (:mod:`jixiao.web.reporting.views`), told by
:data:`PAGES`.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.web import exports, list_columns, policy
from jixiao.web.actions.monitoring import do_close_round, do_open_round, do_publish_round, do_save_record
from jixiao.web.monitoring import summary
from jixiao.web.monitoring.chart import Bar, execution_chart
from jixiao.web.monitoring.forms import RECORD_PAGE, OpenRoundForm, record_formset, to_record_draft
from jixiao.web.monitoring.models import MonitoringIndicator, MonitoringRecord, MonitoringRound
from jixiao.web.reporting import views as reporting
from jixiao.web.reporting.views import is_finance, move_round

ROUNDS = MonitoringRound.objects.select_related("region")
RECORDS = MonitoringRecord.objects.select_related(
    "monitoring_round", "monitoring_round__region", "department", "unit", "region"
)
PAGES = reporting.RecordPages(
    records=RECORDS,
    round_field="monitoring_round",
    live_rows=Prefetch(
        "indicators", queryset=MonitoringIndicator.objects.filter(archived=False).order_by("position", "id")
    ),
    page=RECORD_PAGE,
    formset=record_formset,
    to_draft=to_record_draft,
    save=do_save_record,
    templates="monitoring",
    record_page="work-monitoring-record",
    saved="已保存，各指标的亮灯情况已重新计算。",
)
# the dashboard's filters: by band, by stage, by department
FILTERS: dict[str, reporting.Filter] = {
    "band": lambda r, v: (r.band or "none") == v,
    "stage": lambda r, v: r.stage == v,
    "department": reporting.in_department,
}


@login_required
def monitoring_list(request: HttpRequest, form: OpenRoundForm | None = None) -> HttpResponse:
    """Finance: the region's rounds and the form to open one. Units and departments: their records."""
    user, today = request.user, timezone.localdate()
    rounds = list(policy.restrict(ROUNDS, user).order_by("-year", "-month", "region__name"))
    finance = is_finance(user)
    records = []
    if not finance:
        visible = RECORDS.filter(archived=False, monitoring_round__state="open").visible_to(user)
        for r in visible.order_by("monitoring_round__due_date", "name"):
            r.overdue = summary.is_overdue(r, r.monitoring_round, today)
            records.append(r)
    for r in rounds:
        r.can_close, r.can_publish = policy.can(user, "close", r), policy.can(user, "publish", r)
    can_open = reporting.may_open(user, MonitoringRound)
    if can_open and form is None:
        form = OpenRoundForm(initial={"year": today.year, "month": 6})
    # the rounds the person has records in: a workbook of them to download, and one to upload filled in
    mine = list({r.monitoring_round_id: r.monitoring_round for r in records}.values())
    if exports.wants_xlsx(request):
        return exports.xlsx_response("我的执行监控表", list_columns.MONITORING_RECORDS, records)
    return render(
        request,
        "monitoring/list.html",
        {
            "rounds": rounds,
            "records": records,
            "my_rounds": mine,
            "finance": finance,
            "form": form if can_open else None,
        },
    )


@login_required
@require_POST
def round_open(request: HttpRequest) -> HttpResponse:
    form = OpenRoundForm(request.POST)
    return reporting.open_round(
        request, MonitoringRound, form, do_open_round, monitoring_list, "work-monitoring"
    )


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    return move_round(request, ROUNDS, pk, do_close_round, "已结束填报")


@login_required
@require_POST
def round_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return move_round(request, ROUNDS, pk, do_publish_round, "已公开")


def _bars(round_: MonitoringRound, departments: list[summary.DepartmentExecution]) -> list[Bar]:
    base = reverse("work-monitoring-round", args=[round_.pk])
    return [
        Bar(
            d.name,
            d.budget.execution_rate,
            d.budget.band.value if d.budget.band else "",
            f"{base}?department={d.department_id}#records",
            f"{d.records} 张监控表",
        )
        for d in departments
    ]


@login_required
def round_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """A round at a glance: counts by band and stage, overdue units, the records behind, budget execution."""
    round_ = policy.get_visible(request.user, ROUNDS, pk)
    records = reporting.round_records(PAGES, round_, request.user)
    departments = summary.by_department(records, round_.month)
    chosen, shown = reporting.chosen(request, records, FILTERS)
    if exports.wants_xlsx(request):
        return exports.xlsx_response(str(round_), list_columns.MONITORING_RECORDS, shown)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "round": round_,
            "records": shown,
            "total": len(records),
            "chosen": chosen,
            "band_rows": summary.band_rows(summary.band_counts(records)),
            "stages": summary.stage_counts(records),
            "overdue": summary.overdue_by_filler(records, round_, timezone.localdate()),
            "behind": summary.behind(records),
            "budget": summary.budget_of(records, round_.month),
            "chart": execution_chart(_bars(round_, departments), round_.time_progress),
            "finance": is_finance(request.user),
            "report_formats": ("docx", "pdf", "xlsx"),
            "xlsx_query": exports.xlsx_query(request),
        },
    )


@login_required
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "monitoring/record.html", reporting.record_context(request, PAGES, pk))


@login_required
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return reporting.edit_record(request, PAGES, pk)
