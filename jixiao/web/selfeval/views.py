"""绩效自评 pages in the work area: the list (finance: the region's rounds and opening one; units and
departments: their 自评表), a 自评表's form with its score shown live as values are typed, its review page
(review_context, finance's 复核), and finance's results page of a year.

Each button calls one action; who may do what is :mod:`jixiao.web.policy`'s answer. The review moves and
comments are the generic views of every reviewed kind (:mod:`jixiao.web.workflow.views`); opening a round, the
record's review page and its form are the reporting kinds' (:mod:`jixiao.web.reporting.views`), told by
:data:`PAGES`, with the live score, 复核 and 整改事项 on top.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.web import exports, list_columns, policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.monitoring import do_close_round
from jixiao.web.actions.review import do_transition
from jixiao.web.actions.selfeval import (
    do_add_rectifications,
    do_finish_rectification,
    do_open_selfeval,
    do_rescore,
    do_save_selfeval,
    rectification_findings,
)
from jixiao.web.monitoring.chart import GRADE_COLOURS, Point, scatter_chart
from jixiao.web.monitoring.convert import live_indicators
from jixiao.web.monitoring.file_views import REPORT_FORMATS
from jixiao.web.reporting import views as reporting
from jixiao.web.reporting.views import fail, is_finance, move_round
from jixiao.web.selfeval import summary
from jixiao.web.selfeval.draft import draft_problems, preview
from jixiao.web.selfeval.files import SELFEVAL_FILES
from jixiao.web.selfeval.forms import SELFEVAL_PAGE, OpenSelfEvalForm, SelfEvalForm, score_formset, to_draft
from jixiao.web.selfeval.models import (
    Rectification,
    RectificationState,
    SelfEvalRound,
    SelfEvaluation,
    SelfEvaluationIndicator,
)
from jixiao.web.workflow.states import State

ROUNDS = SelfEvalRound.objects.select_related("region")
RECORDS = SelfEvaluation.objects.select_related(
    "selfeval_round", "selfeval_round__region", "department", "unit", "region"
)
PAGES = reporting.RecordPages(
    records=RECORDS,
    round_field="selfeval_round",
    live_rows=Prefetch(
        "indicators",
        queryset=SelfEvaluationIndicator.objects.filter(archived=False).order_by("position", "id"),
    ),
    page=SELFEVAL_PAGE,
    formset=score_formset,
    to_draft=to_draft,
    save=do_save_selfeval,
    templates="selfeval",
    record_page="work-selfeval-record",
    saved="已保存，得分、总分和等级已按规则重新计算。",
)
# the results page's filters: by grade, by department, by warning
FILTERS: dict[str, reporting.Filter] = {
    "grade": lambda r, v: (r.result or "none") == v,
    "department": reporting.in_department,
    "warning": lambda r, v: v not in ("red", "yellow") or getattr(r, v),
}


@login_required
def selfeval_list(request: HttpRequest, form: OpenSelfEvalForm | None = None) -> HttpResponse:
    """Finance: the region's rounds and the form to open one. Units and departments: their 自评表."""
    user = request.user
    finance = is_finance(user)
    may_open = reporting.may_open(user, SelfEvalRound)
    rounds = list(policy.restrict(ROUNDS, user).order_by("-year", "region__name"))
    records = (
        [] if finance else list(RECORDS.filter(archived=False).visible_to(user).order_by("-year", "name"))
    )
    items = (
        [] if finance else list(policy.restrict(Rectification.objects.select_related("record", "unit"), user))
    )
    if exports.wants_xlsx(request):
        return exports.xlsx_response("我的绩效自评表", list_columns.SELFEVALUATIONS, records)
    if may_open and form is None:
        form = OpenSelfEvalForm(initial={"year": 2025})
    return render(
        request,
        "selfeval/list.html",
        {
            "rounds": rounds,
            "records": records,
            "finance": finance,
            "form": form if may_open else None,
            "rectifications": items,
            "can_finish": {i.pk for i in items if policy.can(user, "done", i)},
            # the rounds the person has 自评表 in: a workbook of them to download, and one to upload filled in
            "my_rounds": list({r.selfeval_round_id: r.selfeval_round for r in records}.values()),
            "files": SELFEVAL_FILES,
        },
    )


@login_required
@require_POST
def round_open(request: HttpRequest) -> HttpResponse:
    form = OpenSelfEvalForm(request.POST)
    return reporting.open_round(
        request, SelfEvalRound, form, do_open_selfeval, selfeval_list, "work-selfeval"
    )


def _points(round_: SelfEvalRound, departments: list[summary.DepartmentResult]) -> list[Point]:
    base = reverse("work-selfeval-round", args=[round_.pk])
    grade = {d.department_id: max(d.grades, key=lambda g: d.grades[g]) for d in departments}
    return [
        Point(
            d.name,
            d.execution_rate,
            d.mean_total,
            GRADE_COLOURS.get(grade[d.department_id], ""),
            f"{base}?department={d.department_id}#records",
            f"{d.records} 张自评表",
        )
        for d in departments
    ]


@login_required
def round_results(request: HttpRequest, pk: int) -> HttpResponse:
    """A year's results: grades, warnings, execution against score per department, drill-down."""
    round_ = policy.get_visible(request.user, ROUNDS, pk)
    records = reporting.round_records(PAGES, round_, request.user)
    departments = summary.by_department(records)
    chosen, shown = reporting.chosen(request, records, FILTERS)
    if exports.wants_xlsx(request):
        return exports.xlsx_response(str(round_), list_columns.SELFEVALUATIONS, shown)
    approved = [r for r in records if r.state == State.APPROVED and policy.can(request.user, "publish", r)]
    return render(
        request,
        "selfeval/results.html",
        {
            "round": round_,
            "records": shown,
            "total": len(records),
            "chosen": chosen,
            "grades": summary.grade_counts(records),
            "grade_words": summary.GRADES,
            "warned": summary.warned(records),
            "departments": departments,
            "chart": scatter_chart(_points(round_, departments)),
            "publishable": approved,
            "can_close": policy.can(request.user, "close", round_),
            "finance": is_finance(request.user),
            "report_formats": REPORT_FORMATS,
            "xlsx_query": exports.xlsx_query(request),
            "rectifications": list(
                Rectification.objects.filter(record__selfeval_round=round_).select_related(
                    "record", "unit", "department"
                )
            ),
        },
    )


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    """The finance admin ends the round: no 自评表 is saved or uploaded any more (review goes on)."""
    back = reverse("work-selfeval-round", args=[pk])
    return move_round(request, ROUNDS, pk, do_close_round, "已结束填报", back)


@login_required
@require_POST
def round_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish every approved 自评表 of the round the finance admin may publish (each its own move)."""
    round_ = policy.get_visible(request.user, ROUNDS, pk)
    done = 0
    for r in RECORDS.filter(selfeval_round=round_, state=State.APPROVED, archived=False):
        if policy.can(request.user, "publish", r):
            do_transition(acting_user=request.user, target=r, verb="publish")
            done += 1
    messages.success(request, f"已公开 {done} 张绩效自评表。")
    return redirect("work-selfeval-round", pk=pk)


@login_required
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = reporting.record_context(request, PAGES, pk)
    record = context["record"]
    return render(
        request,
        "selfeval/record.html",
        {
            **context,
            "can_rescore": policy.can(request.user, "rescore", record),
            "rectifications": list(record.rectifications.select_related("unit", "department")),
            "files": SELFEVAL_FILES,
            **_rectify_form(request.user, record),
        },
    )


def _rectify_form(user: Any, record: SelfEvaluation) -> dict[str, Any]:
    """Finance's 整改事项 form on an approved or published 自评表: the suggestions (low scores, warnings)."""
    place = Rectification(
        record=record,
        region_id=record.region_id,
        state=RectificationState.OPEN,
        department_id=record.department_id,
    )
    if record.state not in (State.APPROVED, State.PUBLISHED) or not policy.can(user, "create", place):
        return {}
    taken = set(record.rectifications.values_list("text", flat=True))
    return {
        "suggestions": [t for t, _ in rectification_findings(record) if t not in taken],
        "can_rectify": True,
    }


@login_required
@require_POST
def record_rectify(request: HttpRequest, pk: int) -> HttpResponse:
    """Finance sets 整改事项 on a 自评表: the ticked suggestions and any written one, with a due date."""
    record = policy.get_visible(request.user, RECORDS, pk)
    found = dict(rectification_findings(record))
    chosen = [(t, found.get(t)) for t in request.POST.getlist("suggestion") if t in found]
    if text := request.POST.get("text", "").strip():
        chosen.append((text, None))
    try:
        due = dt.date.fromisoformat(request.POST.get("due_date", ""))
    except ValueError:
        fail(request, ActionError("请填写整改期限。"))
        return redirect("work-selfeval-record", pk=pk)
    try:
        made = do_add_rectifications(acting_user=request.user, target=record, due_date=due, items=chosen)
    except (ActionError, policy.Refused) as err:
        fail(request, err)
    else:
        messages.success(request, f"已提出 {len(made)} 项整改事项。")
    return redirect("work-selfeval-record", pk=pk)


@login_required
@require_POST
def rectification_done(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner reports a 整改事项 done."""
    item = policy.get_visible(request.user, Rectification.objects.select_related("record"), pk)
    try:
        do_finish_rectification(acting_user=request.user, item=item, note=request.POST.get("note", ""))
    except (ActionError, policy.Refused) as err:
        fail(request, err)
    else:
        messages.success(request, "已报告整改完成。")
    return redirect(request.POST.get("next") or "work-selfeval")


@login_required
@require_POST
def record_rescore(request: HttpRequest, pk: int) -> HttpResponse:
    """Finance's 复核 of one indicator's score, with its reason."""
    record = policy.get_visible(request.user, RECORDS, pk)
    item = record.indicators.filter(pk=int(request.POST.get("item") or 0)).first()
    raw = (request.POST.get("score") or "").strip()
    try:
        if item is None:
            raise ActionError("请选择要调整得分的指标。")
        try:
            score = float(raw) if raw else None
        except ValueError:
            raise ActionError("复核得分须为数字。") from None
        do_rescore(
            acting_user=request.user,
            target=record,
            item=item,
            score=score,
            reason=request.POST.get("reason", ""),
            expected_version=int(request.POST.get("version") or record.version),
        )
    except (ActionError, policy.Refused) as err:
        fail(request, err)
    else:
        messages.success(request, f"已调整“{item.name}”的得分，总分与等级已重新计算。")
    return redirect("work-selfeval-record", pk=pk)


def _render_form(
    request: HttpRequest, record: SelfEvaluation, form: SelfEvalForm, formset: Any, extra: dict[str, Any]
) -> HttpResponse:
    """The reporting kinds' form page with the live score panel (``live``: the record and its rows)."""
    rows = live_indicators(record)
    context = reporting.form_context(request, PAGES, record, form, formset, rows)
    return render(request, "selfeval/record_form.html", {**context, "live": (record, rows), **extra})


@login_required
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return reporting.edit_record(request, PAGES, pk, _render_form)


@login_required
@require_POST
def record_score(request: HttpRequest, pk: int) -> HttpResponse:
    """The score of the posted form as the core computes it, nothing saved (htmx: the live score panel)."""
    record = policy.get_visible(request.user, RECORDS, pk)
    policy.require(request.user, "edit", record)
    form, formset, valid = reporting.bound(PAGES, request)
    if not valid:
        return render(request, "selfeval/_score.html", {"invalid": True})
    draft = to_draft(form, formset)
    problems = draft_problems(record, draft)
    if any(path.endswith(".id") for path in problems):
        return render(request, "selfeval/_score.html", {"invalid": True})
    shown, rows, result = preview(record, draft)
    errors = [f.message for f in result.errors]
    errors += [m for m in problems.values() if m not in errors]
    return render(request, "selfeval/_score.html", {"live": (shown, rows), "errors": errors})
