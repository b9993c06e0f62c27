"""The public portal (公开): search published targets without logging in; project and department pages.

Reads only what :func:`jixiao.web.policy.restrict` gives the anonymous public, whoever is signed
in, so a reviewer looking at the portal sees exactly what citizens see.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.web import policy
from jixiao.web.monitoring.models import MonitoringRound
from jixiao.web.monitoring.summary import band_rows, round_summary
from jixiao.web.organisations.models import Department, Region
from jixiao.web.selfeval.models import SelfEvaluation
from jixiao.web.targets.forms import FUND_TYPE_CHOICES
from jixiao.web.targets.models import DepartmentTarget, Project
from jixiao.web.workflow.states import State

PAGE_SIZE = 20


def public_projects() -> Any:
    return Project.objects.select_related("department", "unit", "region").visible_to(None)


def public_targets() -> Any:
    return DepartmentTarget.objects.select_related("department", "region").visible_to(None)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def search(request: HttpRequest) -> HttpResponse:
    qs = public_projects()
    region, year, dept = (
        _int(request.GET.get("region")),
        _int(request.GET.get("year")),
        _int(request.GET.get("department")),
    )
    fund_type, q = request.GET.get("fund_type", ""), request.GET.get("q", "").strip()
    if region:
        qs = qs.filter(region_id=region)
    if year:
        qs = qs.filter(year=year)
    if dept:
        qs = qs.filter(department_id=dept)
    if fund_type:
        qs = qs.filter(fund_type=fund_type)
    if q:
        qs = qs.filter(search_text__icontains=q)
    page = Paginator(qs.order_by("-year", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    years = (
        Project.objects.filter(state=State.PUBLISHED)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    departments = Department.objects.filter(region_id=region).order_by("name") if region else []
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "portal/search.html",
        {
            "page": page,
            "regions": Region.objects.all(),
            "years": list(years),
            "departments": departments,
            "fund_types": [c for c in FUND_TYPE_CHOICES if c[0]],
            "f": {"region": region, "year": year, "department": dept, "fund_type": fund_type, "q": q},
            "query": params.urlencode(),
        },
    )


def project(request: HttpRequest, pk: int) -> HttpResponse:
    found = public_projects().prefetch_related("indicators").filter(pk=pk).first()
    if found is None:
        raise Http404("未找到已公开的项目。")
    targets = public_targets().filter(department=found.department, year=found.year)
    return render(
        request,
        "portal/project.html",
        {
            "project": found,
            "rows": [(i, [], []) for i in found.live_indicators()],
            "department_target": targets.first(),
            "selfevals": published_selfevals(found),
        },
    )


def published_selfevals(project: Any) -> list[Any]:
    """The project's published self-evaluations (绩效自评结果), with their indicators' scores."""
    rows = SelfEvaluation.objects.visible_to(None).filter(project=project, archived=False)
    return list(rows.prefetch_related("indicators").order_by("-year"))


def department(request: HttpRequest, pk: int) -> HttpResponse:
    target = public_targets().filter(pk=pk).first()
    if target is None:
        raise Http404("未找到已公开的部门整体绩效目标。")
    rows = list(target.rows.filter(archived=False).order_by("table", "position"))
    projects = public_projects().filter(department=target.department, year=target.year).order_by("name")
    return render(
        request,
        "portal/department.html",
        {
            "target": target,
            "strategic": [r for r in rows if r.table == "strategic"],
            "annual": [r for r in rows if r.table == "annual"],
            "projects": projects[:200],
        },
    )


def departments(request: HttpRequest) -> HttpResponse:
    targets = (
        public_targets()
        .annotate(n=Count("rows", filter=Q(rows__archived=False)))
        .order_by("region__name", "-year", "department__name")
    )
    return render(request, "portal/departments.html", {"targets": targets})


def monitoring(request: HttpRequest) -> HttpResponse:
    """Published monitoring rounds (运行监控结果): each one's counts by band and budget execution overall."""
    rounds = policy.restrict(MonitoringRound.objects.select_related("region"), None)
    shown = [
        (r, round_summary(r, list(r.records.filter(archived=False).select_related("monitoring_round"))))
        for r in rounds.order_by("-year", "-month", "region__name")[:50]
    ]
    return render(
        request,
        "portal/monitoring.html",
        {"rounds": [(r, s, band_rows(s["bands"])) for r, s in shown]},
    )
