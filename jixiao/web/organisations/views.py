"""The registry pages of the work area: departments with their aliases and likely duplicates (merged by
the finance admin), and the text the reader distrusts (marked for reviewers, corrected by the admin)."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.domain.organisations import name_key
from jixiao.web import policy
from jixiao.web.actions.errors import ActionError
from jixiao.web.organisations.merge import do_add_alias, do_merge_departments
from jixiao.web.organisations.models import Department, Region
from jixiao.web.portal.distrust import do_resolve
from jixiao.web.portal.models import DistrustedText


def _region(request: HttpRequest) -> Region:
    actor = policy.actor_of(request.user)
    region = Region.objects.filter(pk=actor.region_id or request.GET.get("region")).first()
    if region is None or not policy.can(request.user, "view-disclosure", region):
        raise policy.refuse(request.user, "view-disclosure", region, "只有财政部门可以查看组织机构登记。")
    return region


@login_required
def registry(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    departments = list(Department.objects.filter(region=region).prefetch_related("units").order_by("name"))
    groups = defaultdict(list)
    for d in departments:
        groups[name_key(d.name, region.name)].append(d)
    return render(
        request,
        "organisations/registry.html",
        {
            "region": region,
            "departments": departments,
            "duplicates": [g for g in groups.values() if len(g) > 1],
            "may_merge": policy.can(request.user, "import", region),
        },
    )


@login_required
@require_POST
def merge(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    try:
        keep = get_object_or_404(Department, pk=request.POST.get("keep") or 0, region=region)
        duplicate = get_object_or_404(Department, pk=request.POST.get("duplicate") or 0, region=region)
        moved = do_merge_departments(acting_user=request.user, keep=keep, duplicate=duplicate)
    except (ActionError, policy.Refused) as err:
        messages.error(request, str(err))
    else:
        messages.success(
            request, f"已将“{duplicate.name}”并入“{keep.name}”（移动 {sum(moved.values())} 条记录）。"
        )
    return redirect("work-organisations")


@login_required
@require_POST
def add_alias(request: HttpRequest, pk: int) -> HttpResponse:
    region = _region(request)
    department = get_object_or_404(Department, pk=pk, region=region)
    try:
        do_add_alias(acting_user=request.user, department=department, name=request.POST.get("alias", ""))
    except (ActionError, policy.Refused) as err:
        messages.error(request, str(err))
    else:
        messages.success(request, f"已为“{department.name}”添加别名，导入时按此对应。")
    return redirect("work-organisations")


@login_required
def distrusted(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    items = DistrustedText.objects.filter(region=region).select_related("resolved_by")
    return render(
        request,
        "organisations/distrusted.html",
        {"region": region, "items": items, "may_correct": policy.can(request.user, "import", region)},
    )


@login_required
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    region = _region(request)
    item = get_object_or_404(DistrustedText, pk=pk, region=region)
    confirm = request.POST.get("confirm") == "1"
    try:
        do_resolve(
            acting_user=request.user, item=item, corrected=None if confirm else request.POST.get("text", "")
        )
    except (ActionError, policy.Refused) as err:
        messages.error(request, str(err))
    else:
        messages.success(request, "已确认原文无误。" if confirm else "已更正，门户将公开更正后的文字。")
    return redirect("work-distrusted")
