"""What a compile page needs to show a merged (stale) save: the loaded base carried in the form, and the
merge's picks as table rows with the form field each one writes to.

Shared by the project form and the department-target form; the forms say what their fields are called.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core import signing
from django.http import HttpRequest

from jixiao.web.targets.merge import KEPT, Merge, Pick

MERGE_BASE = "merge_base"
WHOLE_ROW = {"remove": ("保留", "删除"), "added": ("（无）", "新增"), "removed": ("保留", "删除")}


def signed_base(state: dict[str, Any]) -> str:
    """The loaded version's values, carried in the form so a refused save can be merged three ways."""
    return signing.dumps(state, salt=MERGE_BASE, compress=True)


def loaded_base(request: HttpRequest) -> dict[str, Any] | None:
    try:
        return signing.loads(request.POST.get(MERGE_BASE, ""), salt=MERGE_BASE)  # type: ignore[no-any-return]
    except signing.BadSignature:
        return None


def carried_base(request: HttpRequest, current: Callable[[], dict[str, Any]]) -> str:
    """The base to carry on: what the editor loaded, kept across re-shown forms, until a merge moves it."""
    if request.method == "POST" and loaded_base(request) is not None:
        return request.POST[MERGE_BASE]
    return signed_base(current())


def _shown(pick: Pick, value: str) -> str:
    if pick.field == "added":
        return WHOLE_ROW["added"][value == KEPT]
    if pick.field in WHOLE_ROW:
        return WHOLE_ROW[pick.field][bool(value)]
    return value


def page_rows(
    picks: list[Pick],
    merged: Merge,
    *,
    where: str,
    row_kind: str,
    fields: type[forms.Form],
    row_fields: type[forms.Form],
    row_prefix: str,
) -> list[dict[str, Any]]:
    """Each pick as (where, field label, form field name, both values as stored and as shown)."""
    out = []
    for pick in picks:
        if pick.row is None:
            place, label, name = where, str(fields.base_fields[pick.field].label), pick.field
        else:
            place = f"{row_kind}“{merged.row_name(pick)}”"
            label = "整行" if pick.field in WHOLE_ROW else str(row_fields.base_fields[pick.field].label)
            name = f"{row_prefix}-{pick.row}-{pick.field}"
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
