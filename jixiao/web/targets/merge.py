"""Three-way merge of a refused (stale) save: the version the editor loaded, the saved one, the editor's.

When two people edit one project, the second save is refused (:class:`~jixiao.web.actions.StaleEdit`).
Rather than make the second editor retype, the form comes back holding a merge: every field that only
the other person changed takes their value, every field only this editor changed keeps theirs, and a
field both changed differently is a *conflict* — the editor's value stays in the form and the page offers
the saved one beside it, field by field. Indicators are matched by row id.

Pure functions over plain data (form values as strings), so the rules are tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

REMOVED, KEPT = "on", ""


@dataclass(frozen=True, slots=True)
class Pick:
    """One field where the merge chose, or where the editor must choose: ``row`` is the merged row index.

    ``field`` is a form field, or for whole rows ``remove`` (a conflict: kept by one side, removed by the
    other), ``added`` or ``removed`` (the other save added or removed the row; merged in).
    """

    field: str
    theirs: str
    mine: str
    row: int | None = None


@dataclass(slots=True)
class Merge:
    fields: dict[str, str]
    rows: list[dict[str, Any]]  # in merged order; ``remove`` is "on" for a row the editor removed
    taken: list[Pick] = field(default_factory=list)  # the other save's changes, merged in
    conflicts: list[Pick] = field(default_factory=list)  # both changed: the editor's value kept for now

    def row_name(self, pick: Pick) -> str:
        return str(self.rows[pick.row]["name"]) if pick.row is not None else ""


def _three_way(base: str | None, theirs: str, mine: str) -> tuple[str, str | None]:
    """The merged value and what happened: ``None`` (nothing to report), ``taken`` or ``conflicts``."""
    if mine == theirs or (base is not None and theirs == base):
        return mine, None
    if base is not None and mine == base:
        return theirs, "taken"
    return mine, "conflicts"


def _same_row(a: dict[str, Any], b: dict[str, Any], row_fields: tuple[str, ...]) -> bool:
    return all(a.get(k, "") == b.get(k, "") for k in row_fields)


def merge(
    base: dict[str, Any] | None,
    theirs: dict[str, Any],
    mine: dict[str, Any],
    row_fields: tuple[str, ...],
) -> Merge:
    """Merge ``mine`` onto ``theirs``; ``base`` is what the editor loaded (``None`` when unknown).

    Each state is ``{"fields": {name: str}, "rows": [{"id": int | None, <row_fields>: str}]}``; rows are
    merged on ``row_fields``.
    Without a base every difference is a conflict, which is the safe reading.
    """
    result = Merge(fields={}, rows=[])
    base_fields = base["fields"] if base else None
    for name in dict.fromkeys([*theirs["fields"], *mine["fields"]]):
        before = base_fields.get(name, "") if base_fields is not None else None
        t, m = theirs["fields"].get(name, ""), mine["fields"].get(name, "")
        value, what = _three_way(before, t, m)
        result.fields[name] = value
        if what:
            getattr(result, what).append(Pick(name, t, m))

    base_rows = {r["id"]: r for r in base["rows"] if r.get("id") is not None} if base else None
    their_rows = {r["id"]: r for r in theirs["rows"] if r.get("id") is not None}
    mine_ids = {r["id"] for r in mine["rows"] if r.get("id") is not None}

    for row in mine["rows"]:
        rid = row.get("id")
        if rid is None:  # a row this editor added
            result.rows.append({**row, "remove": KEPT})
            continue
        before_row = base_rows.get(rid) if base_rows is not None else None
        their_row = their_rows.get(rid)
        if their_row is None:  # the other save removed it
            index = len(result.rows)
            if before_row is not None and _same_row(before_row, row, row_fields):
                result.taken.append(Pick("removed", REMOVED, KEPT, index))
                result.rows.append({**row, "remove": REMOVED})
            else:
                result.conflicts.append(Pick("remove", REMOVED, KEPT, index))
                result.rows.append({**row, "remove": KEPT})
            continue
        index = len(result.rows)
        merged = {"id": rid, "remove": KEPT}
        for name in row_fields:
            before = before_row.get(name, "") if before_row is not None else None
            t, m = their_row.get(name, ""), row.get(name, "")
            merged[name], what = _three_way(before, t, m)
            if what:
                getattr(result, what).append(Pick(name, t, m, index))
        result.rows.append(merged)

    for rid, their_row in their_rows.items():
        if rid in mine_ids:
            continue
        index = len(result.rows)
        if base_rows is not None and rid not in base_rows:  # the other save added it
            result.taken.append(Pick("added", KEPT, REMOVED, index))
            result.rows.append({**their_row, "remove": KEPT})
        elif base_rows is not None and _same_row(base_rows[rid], their_row, row_fields):
            continue  # this editor removed a row nobody else touched
        else:  # this editor removed a row the other save changed (or the base is unknown)
            result.conflicts.append(Pick("remove", KEPT, REMOVED, index))
            result.rows.append({**their_row, "remove": REMOVED})
    return result
