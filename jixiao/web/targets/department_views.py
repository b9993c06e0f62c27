"""Compile and review pages of department targets (部门整体绩效目标) in the work area.

The list by year, creating (empty or copied from last year), the edit page with the strategic and
annual grids, the review page (its buttons, opinions, rounds and history are every kind's
:func:`~jixiao.web.workflow.views.review_context`). Each view calls one action;
who may do what is :mod:`jixiao.web.policy`'s answer, refusals come back as messages and are logged.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.web import exports, list_columns, policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.batch import batch_actions_for
from jixiao.web.actions.departments import (
    do_copy_department_target,
    do_create_department_target,
    do_save_department_target,
)
from jixiao.web.organisations.models import Department, Role
from jixiao.web.params import MAX_ROWS, choice_param, int_param, year_param
from jixiao.web.targets.department_draft import DepartmentDraft, history_years
from jixiao.web.targets.department_forms import (
    DEPARTMENT_PAGE,
    DUTY_FIELDS,
    PREFIXES,
    DepartmentRowFormSet,
    DepartmentTargetForm,
    department_state,
    posted_state,
    row_formsets,
    to_department_draft,
)
from jixiao.web.targets.merge_page import carried_base, save_or_merge
from jixiao.web.targets.models import DepartmentTarget
from jixiao.web.workflow.findings import review_department
from jixiao.web.workflow.views import review_context

TARGETS = DepartmentTarget.objects.select_related("department", "region")

# The grid's layout: which fields each line of a row card shows, per table.
REFERENCE_LINE = ["planned", "standard", "standard_source", "ref_y1", "ref_y2", "avg3", "history_source"]
LAYOUT = {
    "strategic": [["position", "no", "name", "value"], ["explanation", "note"], REFERENCE_LINE],
    "annual": [
        ["position", "duty_no", "duty_area", "duty", "duty_goal"],
        ["name", "value", "explanation"],
        REFERENCE_LINE,
        ["note", "activity", "budget_project", "office"],
    ],
}


def _grid_rows(formset: Any, table: str, comments: dict[int, list[Any]]) -> list[dict[str, Any]]:
    """Each form with its field lines, its comments, and whether it continues the duty above."""
    out, previous = [], None
    for form in formset.forms:
        duty = tuple(str(form[f].value() or "").strip() for f in ("duty_area", "duty"))
        row_id = form["id"].value()
        out.append(
            {
                "form": form,
                "lines": [[(form[name], name in DUTY_FIELDS) for name in line] for line in LAYOUT[table]],
                "comments": comments.get(int(row_id), []) if str(row_id or "").isdigit() else [],
                "continues": table == "annual" and any(duty) and duty == previous,
            }
        )
        previous = duty
    return out


def _render_form(
    request: HttpRequest, target: DepartmentTarget, form: Any, formsets: dict[str, Any], extra: dict[str, Any]
) -> HttpResponse:
    whole, by_row = target.comments_by_item()
    grids = [
        {
            "table": table,
            "prefix": PREFIXES[table],
            "title": "中长期战略目标指标" if table == "strategic" else "年度绩效目标（按部门职责）",
            "formset": formsets[table],
            "rows": _grid_rows(formsets[table], table, by_row),
        }
        for table in ("strategic", "annual")
    ]
    context = {
        "target": target,
        "form": form,
        "grids": grids,
        "comments": whole,
        "history_years": history_years(target.year),
        "merge_base": carried_base(request, lambda: department_state(target)),
        **extra,
    }
    return render(request, "targets/department_form.html", context)


@login_required
def department_list(request: HttpRequest) -> HttpResponse:
    actor = policy.actor_of(request.user)
    qs = TARGETS.filter(archived=False).visible_to(request.user)
    # Other departments' and places' published targets belong to the portal, not to this person's work.
    if actor.role == Role.DEPARTMENT_REVIEWER:
        qs = qs.filter(department_id=actor.department_id)
    elif actor.role in policy.FINANCE:
        qs = qs.filter(region_id=actor.region_id)
    elif not actor.superuser:
        qs = qs.none()
    department = (
        Department.objects.filter(pk=actor.department_id).first()
        if actor.role == Role.DEPARTMENT_REVIEWER
        else None
    )
    can_create = department is not None and policy.can(
        request.user, "create", DepartmentTarget.new_in(department)
    )
    if exports.wants_xlsx(request):
        return exports.xlsx_response(
            "部门整体绩效目标", list_columns.DEPARTMENT_TARGETS, qs.order_by("-year", "department__name")
        )
    targets = list(qs.order_by("-year", "department__name")[:300])
    latest = max((t.year for t in targets if t.department_id == actor.department_id), default=None)
    return render(
        request,
        "targets/department_list.html",
        {
            "targets": targets,
            "department": department,
            "can_create": can_create,
            "next_year": (latest + 1) if latest else _this_year() + 1,
            "batch_actions": batch_actions_for(actor, DepartmentTarget.KIND),
        },
    )


def _this_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year


@login_required
@require_POST
def department_new(request: HttpRequest) -> HttpResponse:
    """Create this year's draft, empty or copied from the department's target of the year before."""
    actor = policy.actor_of(request.user)
    department = Department.objects.filter(pk=actor.department_id).first()
    year = int(raw) if (raw := request.POST.get("year") or "").isascii() and raw.isdigit() else 0
    try:
        if department is None:
            raise policy.refuse(
                request.user, "create", None, "只有主管部门审核人员可以编制部门整体绩效目标。"
            )
        if not 2000 <= year <= 2100:
            raise ActionError("请填写有效的预算年度。")
        source = (
            DepartmentTarget.objects.filter(department=department, year=year - 1, archived=False).first()
            if request.POST.get("copy")
            else None
        )
        if source is not None:
            target = do_copy_department_target(acting_user=request.user, source=source, year=year)
            carried = "，已带入上年度绩效自评的经验教训" if target.lessons else ""
            messages.success(
                request, f"已复制 {source.year} 年度目标为 {year} 年度草稿{carried}，请修改后保存。"
            )
        else:
            target = do_create_department_target(
                acting_user=request.user, department=department, year=year, draft=DepartmentDraft()
            )
            messages.success(request, f"已新建 {year} 年度部门整体绩效目标草稿。")
    except (ActionError, policy.Refused) as err:
        messages.error(request, str(err.args[0]) if err.args else "操作未完成。")
        return redirect("work-departments")
    return redirect("work-department-edit", pk=target.pk)


@login_required
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = policy.get_visible(request.user, TARGETS, pk)
    policy.require(request.user, "edit", target)
    extra: dict[str, Any] = {}
    if request.method == "POST":
        form = DepartmentTargetForm(request.POST)
        formsets = row_formsets(target, request.POST)
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            draft = to_department_draft(form, formsets, target.year)
            outcome = save_or_merge(
                request, DEPARTMENT_PAGE, target, form, formsets, extra=extra,
                save=lambda: do_save_department_target(
                    acting_user=request.user, target=target, draft=draft,
                    expected_version=form.cleaned_data.get("version") or 0,
                ),
                reload=lambda: TARGETS.get(pk=pk), theirs=department_state,
                mine=lambda current: posted_state(form, formsets),
                bind=lambda current, data: (DepartmentTargetForm(data), row_formsets(current, data)),
            )  # fmt: skip
            if outcome.saved:
                return redirect("work-department", pk=target.pk)
            form, formsets, target = outcome.form, outcome.grids, outcome.target
    else:
        form = DepartmentTargetForm(
            initial={"strategic_goal": target.strategic_goal, "version": target.version}
        )
        formsets = row_formsets(target)
    return _render_form(request, target, form, formsets, extra)


@login_required
@require_GET
def department_row(request: HttpRequest) -> HttpResponse:
    """htmx: one empty row card for a grid, continuing the duty of the row above (年度表)."""
    table = choice_param(request.GET, "table", PREFIXES, "annual")
    prefix = PREFIXES[table]
    total = int_param(request.GET, f"{prefix}-TOTAL_FORMS", 0, high=MAX_ROWS)  # a suggestion posts it
    n = int_param(request.GET, "n", total, high=MAX_ROWS) or 0
    year = year_param(request.GET) or _this_year()
    formset = DepartmentRowFormSet(prefix=prefix, year=year)
    form = formset.empty_form
    form.prefix = f"{prefix}-{n}"
    initial: dict[str, Any] = {"position": n + 1}
    for key, value in request.GET.items():
        field = key.rsplit("-", 1)[-1]
        if field in (*DUTY_FIELDS, "name", "value") and key.startswith(
            f"{prefix}-"
        ):  # name, value: suggested
            initial[field] = value
    form.initial = initial
    row = _grid_rows(_Single(form), table, {})[0]
    return render(
        request,
        "targets/_department_row.html",
        {"row": row, "table": table, "prefix": prefix, "n": n, "year": year, "oob": True},
    )


class _Single:
    """One form posing as a formset for :func:`_grid_rows`."""

    def __init__(self, form: Any) -> None:
        self.forms = [form]


@login_required
def department_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = policy.get_visible(request.user, TARGETS.prefetch_related("rows"), pk)
    context = review_context(request, target)
    review = review_department(target)
    rows = sorted((r for r in target.rows.all() if not r.archived), key=lambda r: (r.position, r.pk))
    tables = {
        table: [
            (r, context["item_comments"].get(r.pk, []), review.by_row.get(r.pk, []))
            for r in rows
            if r.table == table
        ]
        for table in ("strategic", "annual")
    }
    choices = [
        (r.pk, f"{'战略' if table == 'strategic' else '年度'} / {r.name}")
        for table, triples in tables.items()
        for r, _, _ in triples
    ]
    return render(
        request,
        "targets/department_detail.html",
        {**context, **tables, "review": review, "item_choices": choices},
    )
