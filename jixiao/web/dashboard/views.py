"""The dashboard page (统计看板): finance sees its region's year, a department reviewer its own department's;
the back office chooses a region. Who sees which scope is :mod:`jixiao.web.policy`'s ``dashboard``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString

from jixiao.web import exports, list_columns, policy
from jixiao.web.dashboard import figures
from jixiao.web.dashboard.svg import PALETTE, Bar, Series, bar_chart, line_chart
from jixiao.web.errors import BadParameter
from jixiao.web.organisations.models import Department, Region
from jixiao.web.targets.models import Project
from jixiao.web.workflow.due import due_for, region_of
from jixiao.web.workflow.states import State

STATE_COLOURS = dict(
    zip(
        State.values,
        ("#9aa5b1", "#1565c0", "#c62828", "#6a1b9a", "#2e7d32", "#00838f", "#e0a100", "#ad1457"),
        strict=True,
    )
)
BAND_COLOURS = {"红灯": "#c62828", "黄灯": "#e0a100", "绿灯": "#2e7d32", "蓝灯": "#1565c0"}
GRADE_COLOURS = {"优": "#2e7d32", "良": "#1565c0", "中": "#e0a100", "差": "#c62828"}


def _int(text: str | None) -> int | None:
    if text in (None, ""):
        return None
    if not text.isdigit():
        raise BadParameter("参数应为数字。")
    return int(text)


def scope_of(request: HttpRequest) -> figures.Scope:
    """The region (or department) and year the person may see, as asked by ``?region=&year=``."""
    user = request.user
    actor = policy.actor_of(user)
    region = region_of(user, _int(request.GET.get("region")))
    department = None
    if region is None or not policy.can(user, "dashboard", region):
        if actor.role not in policy.DEPARTMENT or actor.department_id is None:
            raise policy.refuse(user, "dashboard", region, "只有财政人员和主管部门审核人员可以查看统计看板。")
        department = Department.objects.select_related("region").get(pk=actor.department_id)
        region = department.region
    year = _int(request.GET.get("year"))
    if year is None:
        rows = Project.objects.filter(region=region, archived=False)
        rows = rows.filter(department=department) if department else rows
        year = rows.order_by("-year").values_list("year", flat=True).first() or timezone.localdate().year + 1
    if not 2000 <= year <= 2100:
        raise BadParameter("请选择有效的预算年度。")
    return figures.Scope(region=region, year=year, department=department)


def _years(scope: figures.Scope) -> list[int]:
    rows = Project.objects.filter(region=scope.region, archived=False)
    rows = rows.filter(department=scope.department) if scope.department else rows
    return sorted({scope.year, *rows.values_list("year", flat=True).distinct()}, reverse=True)


def _counted(counts: list[tuple[str, int]], colours: dict[str, str], id: str, title: str) -> SafeString:
    """A bar per (label, count), every label shown; nothing when all counts are nought."""
    if not any(n for _, n in counts):
        return SafeString("")
    return bar_chart([Bar(label, n, colours[label]) for label, n in counts], id=id, title=title, unit=" 个")


def _charts(states: list[figures.StateRow], marks: dict[str, Any], grades: dict[str, Any]) -> dict[str, Any]:
    shown = [s for s in states if s.count]
    return {
        "count_chart": bar_chart(
            [Bar(s.label, s.count, STATE_COLOURS[s.state]) for s in shown],
            id="chart-states",
            title="各状态项目数",
            unit=" 个",
        ),
        "money_chart": bar_chart(
            [Bar(s.label, float(s.money), STATE_COLOURS[s.state]) for s in shown],
            id="chart-money",
            title="各状态资金总额",
            unit=" 万元",
        ),
        "progress_chart": line_chart(
            [
                Series(figures.MILESTONES[verb], points, PALETTE[i])
                for i, (verb, points) in enumerate(marks.items())
                if points
            ],
            id="chart-progress",
            title="审核进度（累计项目数）",
        ),
        "review_chart": _counted(grades["review"], GRADE_COLOURS, "chart-review-grades", "审核等级"),
        "selfeval_chart": _counted(grades["selfeval"], GRADE_COLOURS, "chart-selfeval-grades", "自评等级"),
        "band_chart": _counted(grades["bands"], BAND_COLOURS, "chart-bands", "运行监控指标灯"),
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    projects = scope.projects()
    if exports.wants_xlsx(request):
        title = f"{scope.department or scope.region}{scope.year}年度各主管部门审核情况"
        return exports.xlsx_response(title, list_columns.DEPARTMENT_PROGRESS, figures.by_department(projects))
    states = figures.by_state(projects)
    marks = figures.progress(projects)
    grades = figures.grades(scope)
    return render(
        request,
        "dashboard/index.html",
        {
            "scope": scope,
            "years": _years(scope),
            "regions": Region.objects.order_by("name") if policy.actor_of(request.user).superuser else [],
            "states": states,
            "state_labels": State.labels,
            "total": sum(s.count for s in states),
            "money": sum(s.money for s in states),
            "departments": figures.by_department(projects),
            "department_targets": [
                s for s in figures.by_state(scope.department_targets(), money=None) if s.count
            ],
            "progress": {figures.MILESTONES[v]: (p[-1][1] if p else 0) for v, p in marks.items()},
            "grades": grades,
            "xlsx_query": exports.xlsx_query(request),
            "dues": due_for(request.user, scope.region, timezone.localdate(), scope.year),
            **_charts(states, marks, grades),
        },
    )
