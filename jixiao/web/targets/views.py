"""Compile pages (编制): a project's form with its indicator grid, and the htmx helpers of the grid.

The grid adds rows with htmx (a row fragment plus the formset's new total, swapped out of band) and
checks each value as it is typed with the target-value grammar; without JavaScript the form still works.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from jixiao.domain import Framework, ValueKind, parse_target_value
from jixiao.domain.values import OP_SYMBOLS, format_number, format_target_value, is_deadline
from jixiao.web import policy
from jixiao.web.actions import Invalid
from jixiao.web.actions.projects import do_create_project, do_save_project, framework_for
from jixiao.web.library import store
from jixiao.web.organisations.models import FiscalYear, Unit
from jixiao.web.params import MAX_ROWS, choice_param, int_param, year_param
from jixiao.web.selfeval.last_year import last_year
from jixiao.web.targets.draft import value_problem
from jixiao.web.targets.forms import (
    INDICATOR_PREFIX,
    PROJECT_PAGE,
    WIDE_FIELDS,
    IndicatorFormSet,
    ProjectForm,
    draft_state,
    indicator_initial,
    project_state,
    to_draft,
)
from jixiao.web.targets.merge_page import carried_base, save_or_merge
from jixiao.web.targets.models import Project, prefetch_indicators
from jixiao.web.years import compile_year

KIND_LABELS = {
    ValueKind.NUMERIC: "定量",
    ValueKind.RANGE: "区间",
    ValueKind.RANK: "排名",
    ValueKind.QUALITATIVE: "定性",
}


def understood(raw: str, *, actual: bool = False) -> dict[str, Any]:
    """How a typed value was understood, for the line under the value cell; an ``actual`` (当前完成情况) is
    a value reached, so it has no comparison direction to miss."""
    if not raw.strip():
        return {"state": "", "text": ""}
    if problem := value_problem(raw):
        return {"state": "bad", "text": problem}
    v = parse_target_value(raw)
    if v.kind is ValueKind.QUALITATIVE:
        return {"state": "ok", "text": "定性指标"}
    if v.kind is ValueKind.TEXT:
        return {"state": "ok", "text": "日期区间（按原文保存）"}
    if is_deadline(v):
        return {"state": "ok", "text": f"完成时限：{format_target_value(v)}"}
    parts = [KIND_LABELS[v.kind]]
    if v.op:
        parts.append(f"方向 {OP_SYMBOLS[v.op]}")
    number = format_number(v.number) if v.number is not None else ""
    if v.upper is not None:
        number += f"–{format_number(v.upper)}"
    parts.append(f"数值 {number}")
    parts.append(f"单位 {v.unit}" if v.unit else "无单位")
    if v.kind is ValueKind.NUMERIC and v.op is None and not actual:
        return {"state": "warn", "text": "，".join(parts) + "（未写比较方向：≥、≤ 或 =）"}
    return {"state": "ok", "text": "，".join(parts)}


@require_GET
def check_value(request: HttpRequest) -> HttpResponse:
    """htmx: the understanding of the value typed in one grid cell (any ``…value`` parameter, or a monitoring
    record's ``…actual``)."""
    key, raw = next(((k, v) for k, v in request.GET.items() if k.endswith(("value", "actual"))), ("", ""))
    check = understood(raw, actual=key.endswith("actual"))
    name = next((v for k, v in request.GET.items() if k.endswith("-name")), "")
    if name.strip() and check["state"] in ("ok", "warn"):  # the grid row's name came too: compare (指标库)
        level2 = next((v for k, v in request.GET.items() if k.endswith("-level2")), "")
        check["standing"] = store.standings(request.user, [(0, name, raw, level2)]).get(0, "")
    return render(request, "targets/_value_check.html", {"check": check})


@login_required
@require_GET
def indicator_row(request: HttpRequest) -> HttpResponse:
    """htmx: one grid row with index ``n`` (else the posted formset total), empty or holding the ``level2``,
    ``name`` and ``value`` given (a suggestion of the library), and the formset total raised to ``n + 1``."""
    total = int_param(request.GET, f"{INDICATOR_PREFIX}-TOTAL_FORMS", 0, high=MAX_ROWS)
    n = int_param(request.GET, "n", total, high=MAX_ROWS) or 0
    framework = choice_param(request.GET, "framework", [f.value for f in Framework], Framework.F2021)
    formset = IndicatorFormSet(prefix=INDICATOR_PREFIX, framework=framework)
    form = formset.empty_form
    form.prefix = f"{INDICATOR_PREFIX}-{n}"
    form.initial = {"position": n + 1}
    form.initial.update({k: request.GET[k][:300] for k in ("level2", "name", "value") if request.GET.get(k)})
    return render(request, "targets/_indicator_row.html", {"form": form, "n": n, "oob": True})


def _render_form(
    request: HttpRequest,
    project: Project | None,
    form: ProjectForm,
    formset: Any,
    framework: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    comments, by_indicator = project.comments_by_item() if project is not None else (None, {})
    rows = []
    for f in formset.forms:
        ind_id = f.initial.get("id") or (f.data.get(f.add_prefix("id")) if f.is_bound else None)
        rows.append((f, by_indicator.get(int(ind_id)) if str(ind_id or "").isdigit() else None))
    context = {
        "project": project,
        "form": form,
        "formset": formset,
        "rows": rows,
        "framework": framework,
        "wide_fields": WIDE_FIELDS,
        "comments": comments,
        "merge_base": carried_base(request, lambda: project_state(project)) if project else "",
        **(extra or {}),
    }
    context["last_year"] = last_year(context.get("unit"), int(context.get("year") or 0), project)
    return render(request, "targets/project_form.html", context)


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    actor = policy.actor_of(request.user)
    unit = Unit.objects.select_related("department").filter(pk=actor.unit_id).first()
    if unit is None or not policy.can(request.user, "create", Project.new_in(unit)):
        raise policy.refuse(request.user, "create", None, "只有本单位的单位填报人员可以新建项目。")
    year = year_param(request.GET) or year_param(request.POST) or _default_year(unit)
    framework = framework_for(unit.department.region_id, year)
    if request.method == "POST":
        form = ProjectForm(request.POST)
        formset = IndicatorFormSet(request.POST, prefix=INDICATOR_PREFIX, framework=framework)
        if form.is_valid() and formset.is_valid():
            try:
                project = do_create_project(
                    acting_user=request.user, unit=unit, year=year, draft=to_draft(form, formset)
                )
            except Invalid as err:
                form.add_error(None, str(err))
            else:
                messages.success(request, "项目已保存为草稿。")
                return redirect("work-project", pk=project.pk)
    else:
        form = ProjectForm()
        formset = IndicatorFormSet(prefix=INDICATOR_PREFIX, framework=framework, initial=[{"position": 1}])
    years = FiscalYear.objects.filter(region_id=unit.department.region_id).values_list("year", flat=True)
    choices = sorted({*years, compile_year(), year}, reverse=True)
    return _render_form(
        request, None, form, formset, framework, {"year": year, "unit": unit, "years": choices}
    )


def _default_year(unit: Unit) -> int:
    return compile_year()


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    qs = Project.objects.select_related("department", "unit", "region")
    project = policy.get_visible(request.user, qs, pk)
    prefetch_indicators([project])
    policy.require(request.user, "edit", project)
    framework = framework_for(project.region_id, project.year)
    extra: dict[str, Any] = {"year": project.year, "unit": project.unit}
    if request.method == "POST":
        form = ProjectForm(request.POST)
        formset = IndicatorFormSet(request.POST, prefix=INDICATOR_PREFIX, framework=framework)
        if form.is_valid() and formset.is_valid():
            draft = to_draft(form, formset)
            outcome = save_or_merge(
                request, PROJECT_PAGE, project, form, formset, extra=extra,
                save=lambda: do_save_project(
                    acting_user=request.user, project=project, draft=draft,
                    expected_version=form.cleaned_data.get("version") or 0,
                ),
                reload=lambda: qs.get(pk=pk), theirs=project_state, mine=lambda current: draft_state(draft),
                bind=lambda current, data: (
                    ProjectForm(data), IndicatorFormSet(data, prefix=INDICATOR_PREFIX, framework=framework)
                ),
                year=str(project.year),
            )  # fmt: skip
            if outcome.saved:
                return redirect("work-project", pk=project.pk)
            form, formset, project = outcome.form, outcome.grids, outcome.target
    else:
        form = ProjectForm(initial=ProjectForm.initial_for(project))
        formset = IndicatorFormSet(
            prefix=INDICATOR_PREFIX, framework=framework, initial=indicator_initial(project)
        )
    return _render_form(request, project, form, formset, framework, extra)
