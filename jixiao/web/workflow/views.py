"""The work area: the to-do list, a project's review page (comments, round diffs, history) and its buttons.

Every button posts to a view that calls one action; refusals and action errors come back as messages,
so nothing here decides who may do what (that is :mod:`jixiao.web.policy`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.web import policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.projects import do_archive_project, do_copy_project
from jixiao.web.actions.workflow import do_comment, do_transition
from jixiao.web.organisations.models import Role
from jixiao.web.targets.diff import diff_snapshots
from jixiao.web.targets.models import Project
from jixiao.web.workflow.findings import review_project
from jixiao.web.workflow.states import GRADE_CONSEQUENCE, Awaiting, Grade, State
from jixiao.web.workflow.transitions import TRANSITIONS

PROJECTS = Project.objects.select_related("department", "unit", "region")


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
        qs = qs.filter(search_text__icontains=q)
    page = Paginator(qs.order_by("-updated_at", "-id"), 30).get_page(request.GET.get("page"))
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
        },
    )


def _rounds(project: Project, request: HttpRequest) -> dict[str, Any]:
    versions = list(project.versions.order_by("round"))
    if len(versions) < 2:
        return {"versions": versions}
    by_round = {v.round: v for v in versions}
    b = by_round.get(int(request.GET.get("b") or 0)) or versions[-1]
    a = (
        by_round.get(int(request.GET.get("a") or 0))
        or versions[versions.index(b) - 1 if versions.index(b) else 0]
    )
    return {"versions": versions, "diff": diff_snapshots(a.snapshot, b.snapshot), "diff_a": a, "diff_b": b}


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = policy.get_visible(request.user, PROJECTS.prefetch_related("indicators"), pk)
    comments = list(project.comments.filter(archived=False).select_related("author", "indicator"))
    indicators = project.live_indicators()
    by_indicator: dict[int, list[Any]] = {}
    for c in comments:
        if c.indicator_id:
            by_indicator.setdefault(c.indicator_id, []).append(c)
    review = review_project(project)
    history = project.audit_events.filter(ok=True).select_related("actor").order_by("-at", "-id")[:50]
    return render(
        request,
        "work/project.html",
        {
            "project": project,
            "rows": [(i, by_indicator.get(i.pk, []), review.by_indicator.get(i.pk, [])) for i in indicators],
            "review": review,
            "project_comments": [c for c in comments if c.indicator_id is None],
            "transitions": policy.allowed_transitions(request.user, project),
            "grades": [(g, GRADE_CONSEQUENCE[g]) for g in Grade.values],
            "can_edit": policy.can(request.user, "edit", project),
            "can_archive": policy.can(request.user, "archive", project),
            "can_copy": policy.can(request.user, "copy", project),
            "can_comment": policy.can(request.user, "comment", project),
            "history": history,
            **_rounds(project, request),
        },
    )


def _fail(request: HttpRequest, err: Exception) -> None:
    messages.error(request, str(err.args[0]) if err.args else "操作未完成。")


@login_required
@require_POST
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    project = policy.get_visible(request.user, PROJECTS, pk)
    verb = request.POST.get("verb", "")
    if verb not in TRANSITIONS:
        messages.error(request, "未知操作。")
        return redirect("work-project", pk=pk)
    try:
        do_transition(
            acting_user=request.user,
            project=project,
            verb=verb,
            grade=request.POST.get("grade", ""),
            opinion=request.POST.get("opinion", ""),
            expected_version=int(request.POST.get("version") or project.version),
        )
    except (ActionError, policy.Refused) as err:
        _fail(request, err)
    else:
        messages.success(request, f"{TRANSITIONS[verb].label}：已完成。")
    return redirect("work-project", pk=pk)


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    project = policy.get_visible(request.user, PROJECTS, pk)
    indicator = None
    if ind_id := request.POST.get("indicator"):
        indicator = project.indicators.filter(pk=int(ind_id) if ind_id.isdigit() else 0).first()
        if indicator is None:
            messages.error(request, "该指标不属于此项目。")
            return redirect("work-project", pk=pk)
    try:
        do_comment(
            acting_user=request.user, project=project, text=request.POST.get("text", ""), indicator=indicator
        )
    except (ActionError, policy.Refused) as err:
        _fail(request, err)
    else:
        messages.success(request, "意见已保存。")
    return redirect("work-project", pk=pk)


@login_required
@require_POST
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    project = policy.get_visible(request.user, PROJECTS, pk)
    try:
        do_archive_project(
            acting_user=request.user, project=project, expected_version=int(request.POST.get("version") or 0)
        )
    except (ActionError, policy.Refused) as err:
        _fail(request, err)
        return redirect("work-project", pk=pk)
    messages.success(request, f"“{project.name}”已撤回并归档。")
    return redirect("work-dashboard")


@login_required
@require_POST
def copy(request: HttpRequest, pk: int) -> HttpResponse:
    project = policy.get_visible(request.user, PROJECTS.prefetch_related("indicators"), pk)
    try:
        year = int(request.POST.get("year") or 0)
        if not 2000 <= year <= 2100:
            raise ActionError("请填写有效的预算年度。")
        copied = do_copy_project(acting_user=request.user, source=project, year=year)
    except (ActionError, policy.Refused) as err:
        _fail(request, err)
        return redirect("work-project", pk=pk)
    messages.success(request, f"已复制为 {copied.year} 年度草稿，请修改后保存。")
    return redirect("work-project-edit", pk=copied.pk)
