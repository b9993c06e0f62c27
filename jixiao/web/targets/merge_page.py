"""What a compile page needs to merge a refused (stale) save and show it: the loaded base carried in the
form, one three-way merge per grid, the picks as panel rows naming the form field each one writes to,
and the POST data that binds the page's form and grids to the merge.

Every reviewable kind's edit page describes itself once as an :class:`EditLayout` (its own fields, its
grids of rows); the stale-save flow below is the same for all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core import signing
from django.http import HttpRequest

from jixiao.web.actions.errors import ActionError, Invalid, StaleEdit
from jixiao.web.targets.merge import KEPT, Merge, Pick, merge

MERGE_BASE = "merge_base"
WHOLE_ROW = {"remove": ("保留", "删除"), "added": ("（无）", "新增"), "removed": ("保留", "删除")}


@dataclass(frozen=True, slots=True)
class Grid:
    """One formset of rows on an edit page: its prefix, what the panel calls a row, the merged fields."""

    prefix: str
    row_kind: str
    row_fields: tuple[str, ...]
    row_form: type[forms.Form]


@dataclass(frozen=True, slots=True)
class EditLayout:
    """An edit page's shape: the form of its own fields (``where`` names them in the panel) and its grids.

    A state is ``{"fields": {name: str}, "tables": {grid name: [{"id": int | None, <row_fields>: str}]}}``.
    """

    where: str
    form: type[forms.Form]
    grids: dict[str, Grid]


@dataclass(slots=True)
class Merged:
    """A merge of every part of a page, and the picks to show in the merge panel."""

    fields: dict[str, str]
    tables: dict[str, list[dict[str, Any]]]
    taken: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]


def signed_base(state: dict[str, Any]) -> str:
    """The loaded version's values, carried in the form so a refused save can be merged three ways."""
    return signing.dumps(state, salt=MERGE_BASE, compress=True)


def loaded_base(request: HttpRequest) -> dict[str, Any] | None:
    try:
        base = signing.loads(request.POST.get(MERGE_BASE, ""), salt=MERGE_BASE)
    except signing.BadSignature:
        return None
    # A base signed by an older page shape reads as unknown: every difference is then a conflict.
    return base if isinstance(base, dict) and {"fields", "tables"} <= base.keys() else None


def carried_base(request: HttpRequest, current: Callable[[], dict[str, Any]]) -> str:
    """The base to carry on: what the editor loaded, kept across re-shown forms, until a merge moves it."""
    if request.method == "POST" and loaded_base(request) is not None:
        return request.POST[MERGE_BASE]
    return signed_base(current())


def merge_page(
    layout: EditLayout, base: dict[str, Any] | None, theirs: dict[str, Any], mine: dict[str, Any]
) -> Merged:
    """Merge ``mine`` onto ``theirs``: the page's own fields, then each grid, every pick located."""
    own = merge(
        {"fields": base["fields"], "rows": []} if base else None,
        {"fields": theirs["fields"], "rows": []},
        {"fields": mine["fields"], "rows": []},
        (),
    )
    result = Merged(fields=own.fields, tables={}, taken=[], conflicts=[])
    for kind in ("taken", "conflicts"):
        getattr(result, kind).extend(_panel_rows(getattr(own, kind), own, layout, None))
    for name, grid in layout.grids.items():
        merged = merge(
            {"fields": {}, "rows": base["tables"][name]} if base else None,
            {"fields": {}, "rows": theirs["tables"][name]},
            {"fields": {}, "rows": mine["tables"][name]},
            grid.row_fields,
        )
        result.tables[name] = merged.rows
        for kind in ("taken", "conflicts"):
            getattr(result, kind).extend(_panel_rows(getattr(merged, kind), merged, layout, grid))
    return result


def bound_data(layout: EditLayout, merged: Merged, version: int, **extra: str) -> dict[str, str]:
    """POST data binding the page's form and every grid to a merge, ready to save over ``version``."""
    data = {**merged.fields, "version": str(version), **extra}
    for name, grid in layout.grids.items():
        rows = merged.tables[name]
        for n, row in enumerate(rows):
            prefix = f"{grid.prefix}-{n}-"
            data.update({prefix + k: row[k] for k in grid.row_fields})
            data[prefix + "id"] = "" if row.get("id") is None else str(row["id"])
            data[prefix + "position"] = str(n + 1)
            if row["remove"]:
                data[prefix + "remove"] = "on"
        data.update({f"{grid.prefix}-TOTAL_FORMS": str(len(rows)), f"{grid.prefix}-INITIAL_FORMS": "0"})
    return data


def stale_merge(
    request: HttpRequest,
    layout: EditLayout,
    refused: Exception,
    current_version: int,
    theirs: dict[str, Any],
    mine: dict[str, Any],
    **extra: str,
) -> tuple[dict[str, str], dict[str, Any]]:
    """A refused save, merged: the POST data to bind the page to, and the page context for the panel.

    The form then holds the merge on top of the saved version, and the carried base moves to it, so saving
    again is deliberate and a third save in between is caught again.
    """
    merged = merge_page(layout, loaded_base(request), theirs, mine)
    context = {
        "stale": {
            "message": str(refused),
            "current_version": current_version,
            "taken": merged.taken,
            "conflicts": merged.conflicts,
        },
        "merge_base": signed_base(theirs),
    }
    return bound_data(layout, merged, current_version, **extra), context


def _shown(pick: Pick, value: str) -> str:
    if pick.field == "added":
        return WHOLE_ROW["added"][value == KEPT]
    if pick.field in WHOLE_ROW:
        return WHOLE_ROW[pick.field][bool(value)]
    return value


def _panel_rows(
    picks: list[Pick], merged: Merge, layout: EditLayout, grid: Grid | None
) -> list[dict[str, Any]]:
    """Each pick as (where, field label, form field name, both values as stored and as shown)."""
    out = []
    for pick in picks:
        if grid is None:
            place, label, name = layout.where, str(layout.form.base_fields[pick.field].label), pick.field
        else:
            place = f"{grid.row_kind}“{merged.row_name(pick)}”"
            label = "整行" if pick.field in WHOLE_ROW else str(grid.row_form.base_fields[pick.field].label)
            name = f"{grid.prefix}-{pick.row}-{pick.field}"
        out.append(
            {
                "where": place,
                "label": label,
                "name": name,
                "theirs": pick.theirs,
                "mine": pick.mine,
                "theirs_shown": _shown(pick, pick.theirs),
                "mine_shown": _shown(pick, pick.mine),
            }
        )
    return out


@dataclass(slots=True)
class Outcome:
    """What an edit page's POST came to: ``saved``, or the form and grids to show again (merged when the
    save was stale, with ``target`` then the saved version)."""

    saved: bool
    form: Any
    grids: Any
    target: Any


def save_or_merge(
    request: HttpRequest,
    layout: EditLayout,
    target: Any,
    form: Any,
    grids: Any,
    *,
    save: Callable[[], object],
    reload: Callable[[], Any],
    theirs: Callable[[Any], dict[str, Any]],
    mine: Callable[[Any], dict[str, Any]],
    bind: Callable[[Any, dict[str, str]], tuple[Any, Any]],
    extra: dict[str, Any],
    problems: Callable[[Invalid], None] | None = None,
    message: str = "已保存。",
    **data: str,
) -> Outcome:
    """Every edit page's save: run the kind's ``save``; a stale one comes back merged three ways (``theirs``
    and ``mine`` give the saved version's and the editor's values, each told the saved version) and bound
    to the kind's forms (``bind``), the merge panel's context put in ``extra``; an invalid or refused one
    leaves its problems on the form (``problems`` places them field by field where the page can); a saved
    one says ``message``."""
    try:
        save()
    except StaleEdit as err:
        current = reload()
        bound, merged = stale_merge(request, layout, err, err.current, theirs(current), mine(current), **data)
        extra.update(merged)
        form, grids = bind(current, bound)
        form.is_valid()
        for grid in grids.values() if isinstance(grids, dict) else (grids,):
            grid.is_valid()
        return Outcome(False, form, grids, current)
    except Invalid as err:
        if problems is not None:
            problems(err)
        else:
            form.add_error(None, str(err))
    except ActionError as err:
        form.add_error(None, str(err))
    else:
        messages.success(request, message)
        return Outcome(True, form, grids, target)
    return Outcome(False, form, grids, target)
