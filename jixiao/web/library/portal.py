"""The researchers' page of the portal (指标库, public): search the published targets' library, see a cluster's
values across regions and years as a chart, download them as CSV. Reads the published part only, whoever
is signed in, as the rest of the portal does."""

from __future__ import annotations

import csv
import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.domain.values import format_number
from jixiao.publish.safe_cells import csv_field
from jixiao.web.library import store
from jixiao.web.library.views import SEARCH_LIMIT, cluster_context

CSV_COLUMNS = (
    "地区",
    "年度",
    "主管部门",
    "项目或部门",
    "类型",
    "指标名称",
    "一级指标",
    "二级指标",
    "指标值",
    "数值",
    "单位",
)


@require_GET
def library_search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    with store.opened(public=True) as library:
        found = library.search(q, limit=SEARCH_LIMIT)
        total = (len(library), len(library.cluster_keys()))
    return render(request, "portal/library.html", {"q": q, "found": found, "total": total})


@require_GET
def library_cluster(request: HttpRequest) -> HttpResponse:
    with store.opened(public=True) as library:
        context = cluster_context(library, request.GET.get("key", ""))
    return render(request, "portal/library_cluster.html", {**context, "key": request.GET.get("key", "")})


@require_GET
def library_csv(request: HttpRequest) -> HttpResponse:
    """The cluster's targets, one line each (UTF-8 with BOM so spreadsheet programs read the Chinese)."""
    with store.opened(public=True) as library:
        context = cluster_context(library, request.GET.get("key", ""))
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for t in context["targets"]:
        number = format_number(t.number) if t.number is not None else ""
        writer.writerow(
            csv_field(v)
            for v in (
                t.region,
                t.year or "",
                t.department,
                t.filed_under,
                t.kind,
                t.name,
                t.level1,
                t.level2,
                t.value,
                number,
                t.unit,
            )
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"library-{context['cluster'].name}.csv"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
