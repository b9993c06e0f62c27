"""The public portal (公开): search published targets without logging in; project and department pages.

Reads only what :func:`jixiao.web.policy.restrict` gives the anonymous public, whoever is signed
in, so a reviewer looking at the portal sees exactly what citizens see.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe

from jixiao.web import exports, list_columns, policy
from jixiao.web.errors import BadParameter
from jixiao.web.monitoring.models import MonitoringRound
from jixiao.web.monitoring.summary import band_rows, round_summary
from jixiao.web.organisations.models import Department, Region
from jixiao.web.params import ID_MAX
from jixiao.web.portal.distrust import withhold
from jixiao.web.portal.published import merged_levels, published_label
from jixiao.web.selfeval.models import SelfEvaluation
from jixiao.web.targets.forms import FUND_TYPE_CHOICES
from jixiao.web.targets.models import (
    DepartmentTarget,
    DepartmentTargetRow,
    Indicator,
    Project,
    prefetch_indicators,
)
from jixiao.web.targets.search import DEPARTMENT_ROW_SEARCHED, keyword, keyword_condition
from jixiao.web.workflow.states import State

PAGE_SIZE = 20
MATCHES_SHOWN = 3  # matched indicators listed under a search result
# The portal's lists count this many rows at most (共 10000+ 个), a keyword search fewer (its matches are
# each read again to be sure of the match).
COUNT_CAP, KEYWORD_COUNT_CAP = 10_000, 1000


class CappedPaginator(Paginator):
    """Pages of a list that counts at most ``cap`` rows.

    A page reads only its 20 rows, but an exact count reads every one: on PostgreSQL with 100,000 projects
    counting all published projects took 0.25 s and a common word (满意度, six projects in ten) 1.4 s; a term
    of one or two characters (no trigram to look up) reads the whole table. Counting stops past the cap; the
    list says 1000+ and offers its first pages, which is all anyone pages through.
    """

    def __init__(self, object_list: Any, per_page: int, cap: int, parts: Sequence[Any] = ()) -> None:
        """``parts``: querysets whose union is ``object_list``, each cheaper to count on its own."""
        super().__init__(object_list, per_page)
        self.cap, self.parts = cap, parts

    def _capped_count(self, qs: Any) -> int:
        # unordered: an ORDER BY kept in the counted subquery makes PostgreSQL walk the list's index and
        # test each row (2.4 s for 培训 at 100,000 projects) instead of reading the search index (13 ms)
        return int(qs.order_by()[: self.cap + 1].count())

    @cached_property
    def matched(self) -> int:
        # a union is past the cap when one of its parts is: a part is counted from its own index, where the
        # union of a common term was counted row by row (水 among 1 M projects' department targets: 194 ms)
        for part in self.parts:
            if (n := self._capped_count(part)) > self.cap:
                return n
        return self._capped_count(self.object_list)

    @cached_property
    def count(self) -> int:
        return min(self.matched, self.cap)

    @property
    def capped(self) -> bool:
        return self.matched > self.cap


def public_projects() -> Any:
    return Project.objects.select_related(
        "department", "unit", "region", "import_batch__document_date"
    ).visible_to(None)


def public_targets() -> Any:
    return DepartmentTarget.objects.select_related(
        "department", "region", "import_batch__document_date"
    ).visible_to(None)


def _matched(items: Any, term: str, *fields: str) -> list[Any]:
    """The items whose ``fields`` hold ``term``, the first few, as the result lists them."""
    term = term.lower()
    return [i for i in items if any(term in (getattr(i, f) or "").lower() for f in fields)][:MATCHES_SHOWN]


def _int(value: str | None) -> int | None:
    """A filter's id or year: text filters nothing; a number past the database's integers is a 400."""
    if not (value and value.isascii() and value.isdigit()):
        return None
    if int(value) > ID_MAX:
        raise BadParameter(f"筛选条件 {value[:20]} 超出范围。")
    return int(value)


def region_options(chosen: int | None) -> str:
    """The region choices of the portal's filters as ``<option>`` elements, joined in Python: a national
    database has tens of thousands of regions, and the template's loop took ~0.8 s a page for 38,617 of
    them (docs/scale.md, "At 1 M projects"), and Django's ``format_html`` ~0.8 s too, against ~30 ms of SQL."""
    rows = Region.objects.order_by("name").values_list("pk", "name")
    return mark_safe(  # noqa: S308 — every name escaped
        "".join(
            f'<option value="{pk}"{" selected" if pk == chosen else ""}>{html.escape(name)}</option>'
            for pk, name in rows
        )
    )


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
        qs = keyword(qs, q)
    if exports.wants_xlsx(request):
        rows = withhold("project", qs.select_related("region", "department", "unit").order_by("-year", "-id"))
        return exports.xlsx_response("项目支出绩效目标", list_columns.PUBLIC_PROJECTS, rows)
    cap = KEYWORD_COUNT_CAP if q else COUNT_CAP
    page = CappedPaginator(qs.order_by("-year", "-id"), PAGE_SIZE, cap).get_page(request.GET.get("page"))
    if q:
        prefetch_indicators(page.object_list, Indicator.objects.filter(archived=False))
        for p in page.object_list:
            p.matched = withhold("indicator", _matched(p.indicators.all(), q, "name"))
    years = published_years()
    departments = Department.objects.filter(region_id=region).order_by("name") if region else []
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "portal/search.html",
        {
            "page": page,
            "region_options": region_options(region),
            "years": list(years),
            "departments": departments,
            "fund_types": [c for c in FUND_TYPE_CHOICES if c[0]],
            "f": {"region": region, "year": year, "department": dept, "fund_type": fund_type, "q": q},
            "query": params.urlencode(),
        },
    )


def published_years(model: Any = Project) -> list[int]:
    """The years with published projects (or department targets), newest first, one index probe per year (a
    loose index scan).

    ``SELECT DISTINCT year`` reads every published project (0.3 s at 100,000 on PostgreSQL; the department
    targets' 0.17 s at 1 M projects); this reads the (state, year) index once per year found."""
    years: list[int] = []
    published = model.objects.filter(state=State.PUBLISHED).order_by("-year").values_list("year", flat=True)
    while (year := (published.filter(year__lt=years[-1]) if years else published).first()) is not None:
        years.append(year)
    return years


def project(request: HttpRequest, pk: int) -> HttpResponse:
    found = public_projects().filter(pk=pk).first()
    if found is None:
        raise Http404("未找到已公开的项目。")
    prefetch_indicators([found])
    targets = public_targets().filter(department=found.department, year=found.year)
    withhold("project", [found])
    return render(
        request,
        "portal/project.html",
        {
            "project": found,
            "rows": merged_levels(withhold("indicator", found.live_indicators())),
            "department_target": targets.first(),
            "selfevals": published_selfevals(found),
            "published": published_label(found),
        },
    )


def _pdf(document: Any, filename: str) -> HttpResponse:
    from jixiao.publish.formats import render as render_document
    from jixiao.publish.pdf import MissingFontError

    try:
        content = render_document(document, "pdf", None)
    except MissingFontError:
        # the server lacks what it needs, the page is not missing: 503, said in Chinese
        return HttpResponse(
            "服务器未安装中文字体，暂无法生成 PDF；请稍后再试或联系管理员。",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


def project_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The project's official table as a PDF, drawn by the publishing writer; distrusted text withheld."""
    from jixiao.web.publishing.document import assemble

    found = public_projects().filter(pk=pk).first()
    if found is None:
        raise Http404("未找到已公开的项目。")
    prefetch_indicators([found])
    withhold("project", [found])
    withhold("indicator", found.indicators.all())
    document = assemble(found.region, found.year, [found], [])
    return _pdf(document, f"{found.name}{found.year}年度项目支出绩效目标表.pdf")


def published_selfevals(project: Any) -> list[Any]:
    """The project's published self-evaluations (绩效自评结果), with their indicators' scores."""
    rows = SelfEvaluation.objects.visible_to(None).filter(project=project, archived=False)
    return list(rows.prefetch_related("indicators").order_by("-year"))


def department(request: HttpRequest, pk: int) -> HttpResponse:
    target = public_targets().filter(pk=pk).first()
    if target is None:
        raise Http404("未找到已公开的部门整体绩效目标。")
    withhold("department_target", [target])
    rows = withhold("department_row", target.rows.filter(archived=False).order_by("table", "position"))
    projects = public_projects().filter(department=target.department, year=target.year).order_by("name")
    return render(
        request,
        "portal/department.html",
        {
            "target": target,
            "strategic": [r for r in rows if r.table == "strategic"],
            "annual": [r for r in rows if r.table == "annual"],
            "projects": projects[:200],
            "published": published_label(target),
        },
    )


def department_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The department's 部门整体绩效目标表 as a PDF, by the publishing writer; distrusted text withheld."""
    from jixiao.web.publishing.document import assemble

    target = public_targets().prefetch_related("rows").filter(pk=pk).first()
    if target is None:
        raise Http404("未找到已公开的部门整体绩效目标。")
    withhold("department_target", [target])
    withhold("department_row", target.rows.all())
    document = assemble(target.region, target.year, [], [target])
    return _pdf(document, f"{target.department.name}{target.year}年度部门整体绩效目标.pdf")


NAMED_DEPARTMENTS = 1000  # departments whose name holds the term looked up by id, up to this many


def _of_departments_named(term: str) -> Q:
    """Targets of the departments whose name holds ``term``: by their ids when few (PostgreSQL combines that
    with the search index of the rows' words), else as a condition on the joined name (a common term: the
    first page is found by walking the list)."""
    named = Department.objects.filter(name__icontains=term).order_by().values_list("pk", flat=True)
    ids = list(named[: NAMED_DEPARTMENTS + 1])
    return Q(department_id__in=ids) if len(ids) <= NAMED_DEPARTMENTS else Q(department__name__icontains=term)


def departments(request: HttpRequest) -> HttpResponse:
    """部门整体绩效目标 searched by words of any row (the rows that hold them listed) or the department's
    name, by region, year and department, a page at a time."""
    region, year, dept = (
        _int(request.GET.get("region")),
        _int(request.GET.get("year")),
        _int(request.GET.get("department")),
    )
    q = request.GET.get("q", "").strip()
    qs = public_targets()
    if region:
        qs = qs.filter(region_id=region)
    if year:
        qs = qs.filter(year=year)
    if dept:
        qs = qs.filter(department_id=dept)
    parts: list[Any] = []
    if q:
        words, named = keyword_condition(q), _of_departments_named(q)
        parts = [qs.filter(words), qs.filter(named)]
        qs = qs.filter(words | named)
    ordered = qs.order_by("region__name", "-year", "department__name", "pk")
    if exports.wants_xlsx(request):
        rows = ordered.annotate(n=Count("rows", filter=Q(rows__archived=False)))
        return exports.xlsx_response("部门整体绩效目标", list_columns.PUBLIC_DEPARTMENT_TARGETS, rows)
    cap = KEYWORD_COUNT_CAP if q else COUNT_CAP
    page = CappedPaginator(ordered, PAGE_SIZE, cap, parts).get_page(request.GET.get("page"))
    # the rows of the page's targets only: counted (and matched) for the 20 shown, not joined to the list
    live = DepartmentTargetRow.objects.filter(archived=False).order_by("table", "position")
    prefetch_related_objects(page.object_list, Prefetch("rows", live))
    for t in page.object_list:
        t.n = len(t.rows.all())
        if q:
            t.matched = withhold("department_row", _matched(t.rows.all(), q, *DEPARTMENT_ROW_SEARCHED))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "portal/departments.html",
        {
            "page": page,
            "region_options": region_options(region),
            "years": published_years(DepartmentTarget),
            "departments": Department.objects.filter(region_id=region).order_by("name") if region else [],
            "f": {"region": region, "year": year, "department": dept, "q": q},
            "query": params.urlencode(),
        },
    )


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
