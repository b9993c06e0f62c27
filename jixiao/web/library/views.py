"""The library's work pages: search clusters, a cluster with finance's curation, and the compile pages'
suggestion panels (htmx). Everyone signed in reads the whole library; finance admins curate."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from jixiao.library import COMMON, SPECIFIC, Library, normalise_name
from jixiao.web import policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.library import do_curate
from jixiao.web.audit.models import AuditEvent
from jixiao.web.library import store
from jixiao.web.library.chart import values_chart
from jixiao.web.library.models import WHOLE, CurationFact
from jixiao.web.library.store import public_only
from jixiao.web.library.suggest import for_duty, for_project, grouped
from jixiao.web.library.values import by_region_and_year, commonest_unit, targets_of

SEARCH_LIMIT = 50


def cluster_url(name: str, page: str = "work-library-cluster") -> str:
    return f"{reverse(page)}?{urlencode({'key': name})}"


@login_required
@require_GET
def library_search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    with store.opened(public_only(request.user)) as library:
        found = library.search(q, limit=SEARCH_LIMIT)
        total = (len(library), len(library.cluster_keys()))
    return render(
        request,
        "library/search.html",
        {"q": q, "found": found, "total": total, "can_curate": policy.can(request.user, "curate", WHOLE)},
    )


def cluster_context(library: Library, key: str) -> dict[str, Any]:
    """What a cluster's pages show: the summary, its targets, the chart and the table per region and year."""
    found = library.cluster_key(key)
    if found is None:
        raise Http404("指标库中没有该指标。")
    targets = targets_of(library, found)
    unit = commonest_unit(targets)
    cells = by_region_and_year(targets, unit)
    return {
        "cluster": library.cluster(found),
        "targets": targets,
        "unit": unit,
        "cells": cells,
        "chart": values_chart(targets, cells, unit),
    }


@login_required
@require_GET
def library_cluster(request: HttpRequest) -> HttpResponse:
    key = request.GET.get("key", "")
    with store.opened(public_only(request.user)) as library:
        context = cluster_context(library, key)
        members = set(library.members(context["cluster"].key))
    facts = [
        f
        for f in CurationFact.objects.select_related("created_by").order_by("-id")
        if normalise_name(f.name) in members or (f.other and normalise_name(f.other) in members)
    ]
    history = AuditEvent.objects.filter(
        verb="curate", target_type="CurationFact", target_id__in=[f.pk for f in facts]
    )
    return render(
        request,
        "library/cluster.html",
        {
            **context,
            "facts": facts,
            "history": history.order_by("-at", "-id")[:30],
            "can_curate": policy.can(request.user, "curate", WHOLE),
            "marks": (COMMON, SPECIFIC),
            "portal_url": cluster_url(key, "portal-library-cluster"),
        },
    )


@login_required
@require_POST
def library_curate(request: HttpRequest) -> HttpResponse:
    p = request.POST
    name = p.get("name", "")
    try:
        do_curate(
            acting_user=request.user,
            action=p.get("action", ""),
            name=name,
            other=p.get("other", ""),
            text=p.get("text", ""),
        )
    except ActionError as err:
        messages.error(request, str(err))
        back = p.get("back", "")
        return redirect(cluster_url(back) if back else reverse("work-library"))
    messages.success(request, "已整理，推荐即时生效。")
    return redirect(cluster_url(name))


def _add_query(s: Any, framework: str) -> str:
    return urlencode({"framework": framework, "level2": s.choice, "name": s.name, "value": s.typical_value})


@login_required
@require_GET
def suggest_panel(request: HttpRequest) -> HttpResponse:
    """htmx: indicators suggested for the project being compiled, per 二级, each added to the grid in a click."""
    g = request.GET
    framework = g.get("framework", "2021")
    goal = "。".join(t for t in (g.get("goal", ""), g.get("purpose", "")) if t.strip())
    with store.opened(public_only(request.user)) as library:
        found = for_project(
            library,
            g.get("name", "")[:300],
            goal=goal[:2000],
            department=g.get("department") or None,
            category=g.get("category") or None,
            framework=framework,
        )
    groups = [(level2, [(s, _add_query(s, framework)) for s in items]) for level2, items in grouped(found)]
    return render(request, "library/_suggestions.html", {"groups": groups, "asked": bool(g.get("name"))})


@login_required
@require_GET
def duty_suggest_panel(request: HttpRequest) -> HttpResponse:
    """htmx: annual indicators suggested for the duty of the department target's last annual row."""
    g = request.GET
    duty = "。".join(
        v for k, v in g.items() if k.rsplit("-", 1)[-1] in ("duty_area", "duty", "duty_goal") and v
    )
    with store.opened(public_only(request.user)) as library:
        found = for_duty(library, duty[:2000], department=g.get("department") or None)
    year = g.get("year", "")
    rows = [
        (
            s,
            urlencode(
                {"table": "annual", "year": year, "ann-s-name": s.name, "ann-s-value": s.typical_value}
            ),
        )
        for s in found
    ]
    return render(request, "library/_duty_suggestions.html", {"rows": rows, "asked": bool(duty)})
