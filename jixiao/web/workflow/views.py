"""The work area: the to-do list, the review page of a project, and the review buttons of every reviewed kind.

What a review page shows beside the thing itself — buttons, comments, round differences, history — is
:func:`review_context` for any kind; the moves and comments post to one view each, whatever the kind.
Every button calls one action; refusals and action errors come back as messages, so nothing here decides
who may do what (that is :mod:`jixiao.web.policy`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.web import exports, list_columns, policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.batch import batch_actions_for
from jixiao.web.actions.projects import do_copy_project
from jixiao.web.actions.review import do_archive, do_comment, do_transition
from jixiao.web.library import store as library_store
from jixiao.web.monitoring.models import MonitoringRecord
from jixiao.web.organisations.models import Role
from jixiao.web.params import ID_MAX
from jixiao.web.selfeval.models import SelfEvaluation
from jixiao.web.targets.models import DepartmentTarget, Project, prefetch_indicators
from jixiao.web.targets.search import keyword
from jixiao.web.workflow.due import due_for, region_of
from jixiao.web.workflow.findings import review_project
from jixiao.web.workflow.states import GRADE_CONSEQUENCE, Awaiting, Grade, State

PROJECTS = Project.objects.select_related("department", "unit", "region")
# Each reviewed kind: where its rows are read from, and the name of its review page.
REVIEWED = {
    Project.KIND: (PROJECTS, "work-project"),
    DepartmentTarget.KIND: (
        DepartmentTarget.objects.select_related("department", "region"),
        "work-department",
    ),
    MonitoringRecord.KIND: (
        MonitoringRecord.objects.select_related("monitoring_round", "department", "unit", "region"),
        "work-monitoring-record",
    ),
    SelfEvaluation.KIND: (
        SelfEvaluation.objects.select_related("selfeval_round", "department", "unit", "region"),
        "work-selfeval-record",
    ),
}
LISTS = {Project.KIND: "work-dashboard", DepartmentTarget.KIND: "work-departments"}


def _todo(actor: policy.Actor) -> Q:
    """The projects waiting for this person's action."""
    if actor.role == Role.UNIT_EDITOR:
        return Q(state__in=[State.DRAFT, State.RETURNED, State.ADJUSTING])
    if actor.role == Role.DEPARTMENT_REVIEWER:
        return Q(awaiting=Awaiting.DEPARTMENT, department_id=actor.department_id)
    if actor.role == Role.FINANCE_REVIEWER:
        return Q(awaiting=Awaiting.FINANCE)
    if actor.role == Role.FINANCE_ADMIN:
        return Q(awaiting=Awaiting.FINANCE) | Q(state=State.APPROVED)
    return Q(pk__in=[])


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    actor = policy.actor_of(request.user)
    qs = PROJECTS.filter(archived=False).visible_to(request.user)
    if actor.role != Role.UNIT_EDITOR and not actor.superuser:
        # Published projects of other places are the portal's business, not this person's work.
        qs = qs.filter(region_id=actor.region_id) if actor.region_id else qs
    view = request.GET.get("view", "todo")
    if view == "todo":
        qs = qs.filter(_todo(actor))
    state = request.GET.get("state", "")
    if state in State.values:
        qs = qs.filter(state=state)
    q = request.GET.get("q", "").strip()
    if q:
        qs = keyword(qs, q)
    rows = qs.order_by("-updated_at", "-id")
    if exports.wants_xlsx(request):
        return exports.xlsx_response(
            "审核队列" if view == "todo" else "项目列表", list_columns.PROJECTS, rows
        )
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "work/dashboard.html",
        {
            "page": page,
            "view": view,
            "state": state,
            "q": q,
            "states": State.choices,
            "can_create": actor.role == Role.UNIT_EDITOR,
            "can_import": actor.role == Role.FINANCE_ADMIN,
            "batch_actions": batch_actions_for(actor, Project.KIND),
            "xlsx_query": exports.xlsx_query(request),
            # the rounds with something waiting for this person, or overdue in the region
            "dues": [
                d
                for d in due_for(request.user, region_of(request.user), timezone.localdate())
                if d.count or d.overdue
            ],
        },
    )


def _number(text: str | None) -> int | None:
    """A posted or queried round, version, row id or year; what is no number the database holds is none."""
    return int(text) if text and text.isascii() and text.isdigit() and int(text) <= ID_MAX else None


def rounds(target: Any, request: HttpRequest) -> dict[str, Any]:
    """The submitted rounds, and what changed between two of them (``?a=1&b=2``; the last two at first)."""
    versions = list(target.snapshots)
    if len(versions) < 2:
        return {"versions": versions}
    by_round = {v.round: v for v in versions}
    b = by_round.get(_number(request.GET.get("b")) or 0) or versions[-1]
    a = by_round.get(_number(request.GET.get("a")) or 0) or versions[max(versions.index(b) - 1, 0)]
    return {"versions": versions, "diff": target.diff(a.snapshot, b.snapshot), "diff_a": a, "diff_b": b}


def review_context(request: HttpRequest, target: Any) -> dict[str, Any]:
    """What every review page shows beside the thing: buttons, comments, rounds, history."""
    whole, by_item = target.comments_by_item()
    user = request.user
    return {
        "target": target,
        "whole_comments": whole,
        "item_comments": by_item,
        # in the kind's own words (a monitoring record's 报送 where a project's is 报送审核)
        "transitions": [
            replace(t, label=target.transition_label(t.verb))
            for t in policy.allowed_transitions(user, target)
        ],
        "grades": [(g, GRADE_CONSEQUENCE[g]) for g in Grade.values],
        **{f"can_{verb}": policy.can(user, verb, target) for verb in ("edit", "archive", "copy", "comment")},
        "history": target.history()[:50],
        **rounds(target, request),
    }


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = policy.get_visible(request.user, PROJECTS, pk)
    prefetch_indicators([project])
    context = review_context(request, project)
    with library_store.opened(library_store.public_only(request.user)) as library:
        review = review_project(project, library)
    standings = library_store.standings(
        request.user, [(i.pk, i.name, i.value_raw, i.level2) for i in project.live_indicators()]
    )
    rows = [
        (i, context["item_comments"].get(i.pk, []), review.by_indicator.get(i.pk, []))
        for i in project.live_indicators()
    ]
    choices = [(i.pk, f"{i.level2} / {i.name}") for i, _, _ in rows]
    return render(
        request,
        "work/project.html",
        {**context, "project": project, "rows": rows, "review": review, "item_choices": choices}
        | {"standings": [(i, standings[i.pk]) for i, _, _ in rows if i.pk in standings]},
    )


def _fail(request: HttpRequest, err: Exception) -> None:
    messages.error(request, str(err.args[0]) if err.args else "操作未完成。")


@login_required
@require_POST
def transition(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    rows, page = REVIEWED[kind]
    target = policy.get_visible(request.user, rows, pk)
    verb = request.POST.get("verb", "")
    if verb not in policy.transitions_of(kind):
        messages.error(request, "未知操作。")
        return redirect(page, pk=pk)
    try:
        do_transition(
            acting_user=request.user,
            target=target,
            verb=verb,
            grade=request.POST.get("grade", ""),
            opinion=request.POST.get("opinion", ""),
            expected_version=_number(request.POST.get("version")) or target.version,
        )
    except (ActionError, policy.Refused) as err:
        _fail(request, err)
    else:
        messages.success(request, f"{target.transition_label(verb)}：已完成。")
    return redirect(page, pk=pk)


@login_required
@require_POST
def comment(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    rows, page = REVIEWED[kind]
    target = policy.get_visible(request.user, rows, pk)
    item = None
    if raw := request.POST.get("item"):
        item = getattr(target, target.ITEMS).filter(pk=_number(raw) or 0).first()
        if item is None:
            messages.error(request, f"该指标不属于此{target.LABEL}。")
            return redirect(page, pk=pk)
    try:
        do_comment(acting_user=request.user, target=target, text=request.POST.get("text", ""), item=item)
    except (ActionError, policy.Refused) as err:
        _fail(request, err)
    else:
        messages.success(request, "意见已保存。")
    return redirect(page, pk=pk)


@login_required
@require_POST
def archive(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Withdraw (撤回) any reviewed kind: archived, never deleted; the list of that kind comes next."""
    rows, page = REVIEWED[kind]
    target = policy.get_visible(request.user, rows, pk)
    try:
        do_archive(
            acting_user=request.user,
            target=target,
            expected_version=_number(request.POST.get("version")) or 0,
        )
    except (ActionError, policy.Refused) as err:
        _fail(request, err)
        return redirect(page, pk=pk)
    messages.success(request, f"“{target}”已撤回并归档。")
    return redirect(LISTS[kind])


@login_required
@require_POST
def copy(request: HttpRequest, pk: int) -> HttpResponse:
    project = policy.get_visible(request.user, PROJECTS, pk)
    prefetch_indicators([project])
    try:
        year = _number(request.POST.get("year")) or 0
        if not 2000 <= year <= 2100:
            raise ActionError("请填写有效的预算年度。")
        copied = do_copy_project(acting_user=request.user, source=project, year=year)
    except (ActionError, policy.Refused) as err:
        _fail(request, err)
        return redirect("work-project", pk=pk)
    carried = "，已带入上年度绩效自评的经验教训" if copied.lessons else ""
    messages.success(request, f"已复制为 {copied.year} 年度草稿{carried}，请修改后保存。")
    return redirect("work-project-edit", pk=copied.pk)
