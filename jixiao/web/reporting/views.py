"""The pages of a reporting kind that are one for monitoring and self-evaluation: opening a round, a round's
records and their filters, a record's review page and its form (saved version-checked, a stale save merged).

A :class:`RecordPages` says what a kind's pages differ in — its rows, its form and grid, its save action,
its templates and words; :mod:`jixiao.web.monitoring.views` and :mod:`jixiao.web.selfeval.views` keep the
rest (the list, the dashboard or results page, finance's 复核 and 整改事项) on top.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jixiao.web import policy
from jixiao.web.actions import ActionError
from jixiao.web.monitoring.convert import live_indicators
from jixiao.web.monitoring.forms import attach_problems, draft_state, is_qualitative, record_state
from jixiao.web.organisations.models import Region
from jixiao.web.targets.merge_page import EditLayout, carried_base, save_or_merge
from jixiao.web.workflow.views import review_context


@dataclass(frozen=True, slots=True)
class RecordPages:
    """What one reporting kind's record pages differ in."""

    records: Any  # the kind's records, with their round, department, unit and region
    round_field: str  # the record's foreign key to its round
    live_rows: Prefetch  # the live indicators, in order
    page: EditLayout  # the form's layout: its form class, and its grid for merging a stale save
    formset: Callable[..., Any]  # the grid: from rows, or bound to posted data
    to_draft: Callable[[Any, Any], Any]  # the valid form and grid as the save action's draft
    save: Callable[..., Any]  # the save action (acting_user, target, draft, expected_version)
    templates: str  # the folder of its record.html and record_form.html
    record_page: str  # the review page's URL name
    saved: str  # the message after a save


def fail(request: HttpRequest, err: Exception) -> None:
    messages.error(request, str(err.args[0]) if err.args else "操作未完成。")


def is_finance(user: Any) -> bool:
    """Finance of the region (or the back office): sees rounds, not records to fill in."""
    actor = policy.actor_of(user)
    return actor.role in policy.FINANCE or actor.superuser


def may_open(user: Any, round_model: type[Any]) -> bool:
    """Whether this person may open a round of ``round_model`` in their region."""
    region_id = policy.actor_of(user).region_id
    return region_id is not None and policy.can(user, "create", round_model(region_id=region_id))


def open_round(
    request: HttpRequest,
    round_model: type[Any],
    form: Any,
    action: Callable[..., Any],
    listing: Callable[[HttpRequest, Any], HttpResponse],
    home: str,
) -> HttpResponse:
    """Open a round from the posted ``form`` (its fields are ``action``'s), or the list with its errors.
    Refused (403) unless the person may open one in their region."""
    region_id = policy.actor_of(request.user).region_id
    if not may_open(request.user, round_model):
        policy.require(request.user, "create", round_model(region_id=region_id))
    if not form.is_valid():
        return listing(request, form)
    try:
        round_ = action(
            acting_user=request.user, region=Region.objects.get(pk=region_id), **form.cleaned_data
        )
    except (ActionError, policy.Refused) as err:
        fail(request, err)
        return redirect(home)
    label = round_model.records.field.model.LABEL
    messages.success(request, f"已发起{round_}：{round_.records.count()} 张{label}。")
    return redirect(f"{home}-round", pk=round_.pk)


def move_round(
    request: HttpRequest, rounds: Any, pk: int, action: Any, done: str, back: str = "work-monitoring"
) -> HttpResponse:
    """A round moved by ``action`` (close, publish: a monitoring or a self-evaluation round), back to ``back``."""
    round_ = policy.get_visible(request.user, rounds, pk)
    try:
        action(acting_user=request.user, round_=round_)
    except (ActionError, policy.Refused) as err:
        fail(request, err)
    else:
        messages.success(request, f"{round_}：{done}。")
    return redirect(back)


def round_records(kind: RecordPages, round_: Any, user: Any) -> list[Any]:
    """The round's live records this person may see, with their indicators, by department and name."""
    return list(
        kind.records.filter(**{kind.round_field: round_}, archived=False)
        .visible_to(user)
        .prefetch_related(kind.live_rows)
        .order_by("department__name", "name")
    )


Filter = Callable[[Any, str], bool]


def in_department(record: Any, value: str) -> bool:
    """The ``department`` filter: a department's records (anything but a number filters nothing)."""
    return not value.isdigit() or record.department_id == int(value)


def chosen(
    request: HttpRequest, records: list[Any], filters: dict[str, Filter]
) -> tuple[dict[str, str], list[Any]]:
    """The filters chosen in the query (``?grade=优&department=3``) and the records that pass them all."""
    picked = {name: request.GET.get(name, "") for name in filters}
    shown = [
        r for r in records if all(test(r, picked[name]) for name, test in filters.items() if picked[name])
    ]
    return picked, shown


def record_context(request: HttpRequest, kind: RecordPages, pk: int) -> dict[str, Any]:
    """A record's review page: the review core's context, its rows with their comments, the comment choices."""
    record = policy.get_visible(request.user, kind.records, pk)
    context = review_context(request, record)
    rows = [(i, context["item_comments"].get(i.pk, [])) for i in live_indicators(record)]
    choices = [(i.pk, f"{i.level2} / {i.name}" if i.level2 else i.name) for i, _ in rows]
    return {**context, "record": record, "rows": rows, "item_choices": choices}


def grid(record: Any, formset: Any, rows: list[Any]) -> list[dict[str, Any]]:
    """The form's grid: each row's form beside the indicator it reports on, and the comments on it."""
    by_id = {r.pk: r for r in rows}
    _, by_row = record.comments_by_item()
    out = []
    for f in formset.forms:
        raw = f["id"].value()
        row = by_id.get(int(raw)) if str(raw or "").isdigit() else None
        if row is not None:
            qualitative = is_qualitative(row.target)
            out.append(
                {"form": f, "row": row, "qualitative": qualitative, "comments": by_row.get(row.pk, [])}
            )
    return out


def form_context(
    request: HttpRequest, kind: RecordPages, record: Any, form: Any, formset: Any, rows: list[Any]
) -> dict[str, Any]:
    """What a record's form page shows: the form, its grid, the comments, the version it was loaded at."""
    return {
        "record": record,
        "form": form,
        "formset": formset,
        "grid": grid(record, formset, rows),
        "comments": record.comments_by_item()[0],
        "merge_base": carried_base(request, lambda: record_state(record, rows, kind.page)),
    }


def bound(kind: RecordPages, request: HttpRequest) -> tuple[Any, Any, bool]:
    """The posted form and grid, both checked so that every problem shows at once."""
    form, formset = kind.page.form(request.POST), kind.formset([], request.POST)
    return form, formset, form.is_valid() & formset.is_valid()


Render = Callable[[HttpRequest, Any, Any, Any, dict[str, Any]], HttpResponse]


def edit_record(
    request: HttpRequest, kind: RecordPages, pk: int, render_form: Render | None = None
) -> HttpResponse:
    """A record's form: shown, or saved (version-checked); a stale save comes back merged three ways with
    what the other editor saved, problems beside their fields. Drawn by ``render_form`` (the kind's own),
    else by :func:`show_form`."""
    if render_form is None:
        render_form = lambda *args: show_form(kind, *args)  # noqa: E731
    record = policy.get_visible(request.user, kind.records, pk)
    policy.require(request.user, "edit", record)
    extra: dict[str, Any] = {}
    if request.method != "POST":
        form = kind.page.form(initial=kind.page.form.initial_for(record))  # type: ignore[attr-defined]
        return render_form(request, record, form, kind.formset(live_indicators(record)), extra)
    form, formset, valid = bound(kind, request)
    if valid:
        draft = kind.to_draft(form, formset)

        def rebind(current: Any, data: dict[str, str]) -> tuple[Any, Any]:
            return kind.page.form(data), kind.formset([], data)

        outcome = save_or_merge(
            request, kind.page, record, form, formset, extra=extra,
            save=lambda: kind.save(
                acting_user=request.user, target=record, draft=draft,
                expected_version=form.cleaned_data.get("version") or 0,
            ),
            reload=lambda: kind.records.get(pk=pk),
            theirs=lambda current: record_state(current, live_indicators(current), kind.page),
            mine=lambda current: draft_state(draft, live_indicators(current), kind.page),
            bind=rebind,
            problems=lambda err: attach_problems(form, formset, err.problems),
            message=kind.saved,
        )  # fmt: skip
        if outcome.saved:
            return redirect(kind.record_page, pk=pk)
        form, formset, record = outcome.form, outcome.grids, outcome.target
    return render_form(request, record, form, formset, extra)


def show_form(
    kind: RecordPages, request: HttpRequest, record: Any, form: Any, formset: Any, extra: dict[str, Any]
) -> HttpResponse:
    """The kind's form page (``record_form.html``)."""
    rows = live_indicators(record)
    context = form_context(request, kind, record, form, formset, rows)
    return render(request, f"{kind.templates}/record_form.html", {**context, **extra})
