"""运行监控 pages in the work area: the list (finance: the region's rounds, opening, closing, publishing;
units and departments: the records they have to fill), a record's 执行监控表 form, its review page, and the
finance dashboard of a round.

Each button calls one action; who may do what is :mod:`jixiao.web.policy`'s answer (refusals are logged and
shown as 403 or messages). The review moves and comments are the generic views of every reviewed kind
(:mod:`jixiao.web.workflow.views`), registered there for ``monitoring``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.web import policy
from jixiao.web.actions import ActionError, Invalid, StaleEdit
from jixiao.web.actions.monitoring import do_close_round, do_open_round, do_publish_round, do_save_record
from jixiao.web.monitoring import summary
from jixiao.web.monitoring.chart import Bar, execution_chart
from jixiao.web.monitoring.convert import live_indicators
from jixiao.web.monitoring.forms import (
    RECORD_PAGE,
    OpenRoundForm,
    RecordForm,
    attach_problems,
    draft_state,
    is_qualitative,
    record_formset,
    record_state,
    to_record_draft,
)
from jixiao.web.monitoring.models import MonitoringIndicator, MonitoringRecord, MonitoringRound
from jixiao.web.organisations.models import Region
from jixiao.web.targets.merge_page import carried_base, stale_merge
from jixiao.web.workflow.views import review_context

ROUNDS = MonitoringRound.objects.select_related("region")
RECORDS = MonitoringRecord.objects.select_related(
    "monitoring_round", "monitoring_round__region", "department", "unit", "region"
)
LIVE_ROWS = Prefetch(
    "indicators", queryset=MonitoringIndicator.objects.filter(archived=False).order_by("position", "id")
)


def _fail(request: HttpRequest, err: Exception) -> None:
    messages.error(request, str(err.args[0]) if err.args else "操作未完成。")


def is_finance(user: Any) -> bool:
    """Finance of the region (or the back office): sees rounds, not records to fill in."""
    actor = policy.actor_of(user)
    return actor.role in policy.FINANCE or actor.superuser


def _new_round(user: Any) -> MonitoringRound | None:
    """The round this person would open (in their region), if they may open one at all."""
    actor = policy.actor_of(user)
    if actor.region_id is None:
        return None
    candidate = MonitoringRound(region_id=actor.region_id)
    return candidate if policy.can(user, "create", candidate) else None


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
    can_open = _new_round(user) is not None
    if can_open and form is None:
        form = OpenRoundForm(initial={"year": today.year, "month": 6})
    # the rounds the person has records in: a workbook of them to download, and one to upload filled in
    mine = list({r.monitoring_round_id: r.monitoring_round for r in records}.values())
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
    if _new_round(request.user) is None:
        policy.require(
            request.user, "create", MonitoringRound(region_id=policy.actor_of(request.user).region_id)
        )
    if not form.is_valid():
        return monitoring_list(request, form)
    d = form.cleaned_data
    region = Region.objects.get(pk=policy.actor_of(request.user).region_id)
    try:
        round_ = do_open_round(
            acting_user=request.user,
            region=region,
            year=d["year"],
            month=d["month"],
            due_date=d["due_date"],
            note=d["note"],
        )
    except (ActionError, policy.Refused) as err:
        _fail(request, err)
        return redirect("work-monitoring")
    messages.success(request, f"已发起{round_}：{round_.records.count()} 张监控表。")
    return redirect("work-monitoring-round", pk=round_.pk)


def move_round(
    request: HttpRequest, rounds: Any, pk: int, action: Any, done: str, back: str = "work-monitoring"
) -> HttpResponse:
    """A round moved by ``action`` (close, publish: a monitoring or a self-evaluation round), back to ``back``."""
    round_ = policy.get_visible(request.user, rounds, pk)
    try:
        action(acting_user=request.user, round_=round_)
    except (ActionError, policy.Refused) as err:
        _fail(request, err)
    else:
        messages.success(request, f"{round_}：{done}。")
    return redirect(back)


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
    records = list(
        RECORDS.filter(monitoring_round=round_, archived=False)
        .visible_to(request.user)
        .prefetch_related(LIVE_ROWS)
        .order_by("department__name", "name")
    )
    departments = summary.by_department(records, round_.month)
    shown = records
    chosen = {k: request.GET.get(k, "") for k in ("band", "stage", "department")}
    if chosen["band"]:
        shown = [r for r in shown if (r.band or "none") == chosen["band"]]
    if chosen["stage"]:
        shown = [r for r in shown if r.stage == chosen["stage"]]
    if chosen["department"].isdigit():
        shown = [r for r in shown if r.department_id == int(chosen["department"])]
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
        },
    )


@login_required
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = policy.get_visible(request.user, RECORDS, pk)
    context = review_context(request, record)
    rows = [(i, context["item_comments"].get(i.pk, [])) for i in live_indicators(record)]
    choices = [(i.pk, f"{i.level2} / {i.name}" if i.level2 else i.name) for i, _ in rows]
    return render(
        request,
        "monitoring/record.html",
        {**context, "record": record, "rows": rows, "item_choices": choices},
    )


def _render_form(
    request: HttpRequest, record: MonitoringRecord, form: RecordForm, formset: Any, extra: dict[str, Any]
) -> HttpResponse:
    rows = {r.pk: r for r in live_indicators(record)}
    whole, by_row = record.comments_by_item()
    grid = []
    for f in formset.forms:
        raw = f["id"].value()
        row = rows.get(int(raw)) if str(raw or "").isdigit() else None
        if row is not None:
            grid.append(
                {
                    "form": f,
                    "row": row,
                    "qualitative": is_qualitative(row.target),
                    "comments": by_row.get(row.pk, []),
                }
            )
    context = {
        "record": record,
        "form": form,
        "formset": formset,
        "grid": grid,
        "comments": whole,
        "merge_base": carried_base(request, lambda: record_state(record, list(rows.values()))),
        **extra,
    }
    return render(request, "monitoring/record_form.html", context)


@login_required
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = policy.get_visible(request.user, RECORDS, pk)
    policy.require(request.user, "edit", record)
    extra: dict[str, Any] = {}
    if request.method != "POST":
        form = RecordForm(initial=RecordForm.initial_for(record))
        return _render_form(request, record, form, record_formset(live_indicators(record)), extra)
    form, formset = RecordForm(request.POST), record_formset([], request.POST)
    if form.is_valid() & formset.is_valid():  # both checked: every problem shows at once
        draft = to_record_draft(form, formset)
        try:
            do_save_record(
                acting_user=request.user,
                target=record,
                draft=draft,
                expected_version=form.cleaned_data.get("version") or 0,
            )
        except StaleEdit as err:
            current = RECORDS.get(pk=pk)
            rows = live_indicators(current)
            data, merged = stale_merge(
                request, RECORD_PAGE, err, err.current, record_state(current, rows), draft_state(draft, rows)
            )
            extra.update(merged)
            form, formset = RecordForm(data), record_formset([], data)
            form.is_valid()
            formset.is_valid()
            record = current
        except Invalid as err:
            attach_problems(form, formset, err.problems)
        except ActionError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, "已保存，各指标的亮灯情况已重新计算。")
            return redirect("work-monitoring-record", pk=pk)
    return _render_form(request, record, form, formset, extra)
