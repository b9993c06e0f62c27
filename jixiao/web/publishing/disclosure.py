"""公开文档: the finance admin ticks projects and department targets of a year and downloads the document.

The page lists what finance may see, grouped by department; the download is assembled by
:mod:`jixiao.web.publishing.document` and drawn by the same writers as ``jixiao export``. A finance
reviewer may look at the page; only the region's finance admin downloads. Each download is on record.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Q, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from jixiao.web import policy
from jixiao.web.audit import record
from jixiao.web.organisations.models import FiscalYear, Region
from jixiao.web.publishing.document import assemble, stored_projects, stored_targets
from jixiao.web.publishing.forms import CONTENT_TYPES, DisclosureForm, SelectionForm
from jixiao.web.targets.models import Project, prefetch_indicators
from jixiao.web.workflow.states import State


def _region(request: HttpRequest) -> Region:
    actor = policy.actor_of(request.user)
    region_id = actor.region_id
    if actor.superuser and not region_id:
        region_id = request.GET.get("region") or Region.objects.values_list("pk", flat=True).first()
    region = Region.objects.filter(pk=region_id).first()
    if region is None or not policy.can(request.user, "view-disclosure", region):
        raise policy.refuse(request.user, "view-disclosure", region, "只有财政部门可以查看公开文档页面。")
    return region


def _years(region: Region) -> list[int]:
    years = set(FiscalYear.objects.filter(region=region).values_list("year", flat=True))
    years |= set(Project.objects.filter(region=region).values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


def _default_year(region: Region, years: list[int]) -> int | None:
    reported = Project.objects.filter(
        region=region, state__in=(State.APPROVED, State.PUBLISHED), archived=False
    ).aggregate(latest=Max("year"))["latest"]
    return reported or (years[0] if years else None)


def _listed(request: HttpRequest, region: Region, year: int, state: str) -> tuple[list[Any], list[Any]]:
    """The projects and department targets finance may tick, in stored order."""
    projects = list(stored_projects(region, year, state).visible_to(request.user))
    live = {"rows__archived": False}
    targets = list(
        stored_targets(region, year, state)
        .exclude(state=State.DRAFT)
        .annotate(
            strategic_count=Count("rows", filter=Q(rows__table="strategic", **live)),
            annual_count=Count("rows", filter=Q(rows__table="annual", **live)),
        )
    )
    return projects, targets


def disclosure_file(
    user: Any,
    region: Region,
    data: dict[str, Any],
    projects: list[Any],
    targets: list[Any],
    progress: Callable[[int, int, str], None] | None = None,
) -> tuple[bytes, str]:
    """The disclosure document of the chosen ``projects`` and ``targets`` and its file name, on record.

    Raises the PDF writer's ``MissingFontError`` without a CJK font. ``progress`` hears of each item read and of
    the drawing (a background job's page)."""
    from jixiao.publish.formats import render as render_document

    steps = len(projects) + len(targets)
    reading = (lambda done, _, what: progress(done, steps + 1, what)) if progress else None
    document = assemble(region, data["year"], projects, targets, reading)  # the drawing is the last step
    fmt = data["fmt"]
    if progress:
        progress(steps, steps + 1, f"正在生成 {fmt.upper()} 文件")
    content = render_document(document, fmt, data["preface"])
    record(
        user,
        "disclose",
        region,
        message=f"下载{region.name}{data['year']}年度公开文档（{fmt.upper()}）："
        f"项目 {len(projects)} 个，部门 {len(targets)} 个",
        detail={
            "format": fmt,
            "projects": [p.pk for p in projects],
            "targets": [t.pk for t in targets],
            "preface": data["preface"],
        },
    )
    if progress:
        progress(steps + 1, steps + 1, f"已生成 {fmt.upper()} 文件")
    return content, f"{region.name}{data['year']}年度预算绩效目标.{fmt}"


def _download(
    request: HttpRequest, region: Region, form: DisclosureForm, projects: list[Any], targets: list[Any]
) -> HttpResponse:
    from jixiao.publish.pdf import MissingFontError

    data = form.cleaned_data
    chosen_projects = [p for p in projects if p.pk in set(data["project"])]
    chosen_targets = [t for t in targets if t.pk in set(data["target"])]
    if len(chosen_projects) + len(chosen_targets) > settings.JIXIAO_BACKGROUND_EXPORT_FROM:
        return _in_background(request, region, data, chosen_projects, chosen_targets)
    prefetch_indicators(chosen_projects)
    prefetch_related_objects(chosen_targets, "rows")
    try:
        content, filename = disclosure_file(request.user, region, data, chosen_projects, chosen_targets)
    except MissingFontError:
        messages.error(request, "服务器未安装中文字体，无法生成 PDF；请选择其他格式或联系管理员。")
        return redirect(f"{request.path}?year={data['year']}&state={data['state']}")
    response = HttpResponse(content, content_type=CONTENT_TYPES[data["fmt"]])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _in_background(
    request: HttpRequest, region: Region, data: dict[str, Any], projects: list[Any], targets: list[Any]
) -> HttpResponse:
    """Many items: the document is made by a background job, whose page shows its progress and file."""
    from jixiao.web.jobs.models import Kind
    from jixiao.web.jobs.start import start_job

    params = {
        "region": region.pk,
        "region_name": region.name,
        "year": data["year"],
        "state": data["state"],
        "fmt": data["fmt"],
        "preface": data["preface"],
        "projects": [p.pk for p in projects],
        "targets": [t.pk for t in targets],
    }
    job = start_job(acting_user=request.user, kind=Kind.DISCLOSURE, params=params)
    messages.info(request, "所选内容较多，公开文档将在后台生成；完成后可在本页下载。")
    return redirect("work-job", pk=job.pk)


@login_required
def disclosure(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    years = _years(region)
    selection = SelectionForm(request.POST or request.GET or None)
    year = selection.cleaned_data["year"] if selection.is_valid() else _default_year(region, years)
    state = (selection.cleaned_data.get("state") if selection.is_valid() else None) or "approved"
    projects, targets = _listed(request, region, year or 0, state)
    form = DisclosureForm(
        request.POST or None,
        initial={"year": year, "state": state},
        project_ids=[p.pk for p in projects],
        target_ids=[t.pk for t in targets],
    )
    may_download = policy.can(request.user, "disclose", region)
    if request.method == "POST":
        if not may_download:
            raise policy.refuse(request.user, "disclose", region, "只有本地区的财政管理员可以下载公开文档。")
        if form.is_valid():
            return _download(request, region, form, projects, targets)
    # Everything is ticked at first (what a bureau reports); a refused form keeps what was ticked.
    ticked = {
        "projects": set(form.data.getlist("project")) if form.is_bound else None,
        "targets": set(form.data.getlist("target")) if form.is_bound else None,
    }
    groups = [
        {"department": dept, "projects": list(items)}
        for dept, items in groupby(
            sorted(projects, key=lambda p: (p.department.name, p.pk)), key=lambda p: p.department
        )
    ]
    return render(
        request,
        "publishing/disclosure.html",
        {
            "region": region,
            "years": years,
            "year": year,
            "state": state,
            "form": form,
            "selection": SelectionForm(initial={"year": year, "state": state}),
            "groups": groups,
            "targets": targets,
            "ticked": ticked,
            "may_download": may_download,
            "total_funds": sum(p.funds_total or 0 for p in projects),
        },
    )
