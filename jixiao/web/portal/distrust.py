"""Text the reader garbled: flagged on import, marked for reviewers, withheld on the portal, corrected by
the finance admin (on record)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, TypeVar

from django.db import models, transaction
from django.utils import timezone

from jixiao.domain import Document
from jixiao.domain.garbled import Distrust, distrust, vocabulary
from jixiao.web import policy
from jixiao.web.actions.errors import ActionError
from jixiao.web.audit import record
from jixiao.web.portal.models import DistrustedText
from jixiao.web.targets.models import DepartmentTarget, DepartmentTargetRow, ImportBatch, Indicator, Project

# The free-text fields a reader can garble, per stored kind.
FIELDS: dict[str, tuple[type[models.Model], tuple[str, ...]]] = {
    "project": (Project, ("name", "purpose", "policy_basis", "calculation_basis", "long_term_goal", "goal")),
    "indicator": (Indicator, ("name", "description", "scoring")),
    "department_target": (DepartmentTarget, ("strategic_goal",)),
    "department_row": (
        DepartmentTargetRow,
        (
            "duty_area",
            "duty",
            "duty_goal",
            "name",
            "explanation",
            "note",
            "activity",
            "budget_project",
            "office",
        ),
    ),
}
WITHHELD = "〔原文读取存疑，待核对后公开〕"
T = TypeVar("T")  # a cell, in whichever shape its caller holds it


def _rows(batch: ImportBatch) -> dict[str, list[Any]]:
    return {
        "project": list(Project.objects.filter(import_batch=batch).select_related("department")),
        "indicator": list(
            Indicator.objects.filter(year=batch.year, project__import_batch=batch).select_related("project")
        ),
        "department_target": list(
            DepartmentTarget.objects.filter(import_batch=batch).select_related("department")
        ),
        "department_row": list(
            DepartmentTargetRow.objects.filter(target__import_batch=batch).select_related(
                "target__department"
            )
        ),
    }


def _owner(kind: str, row: Any) -> str:
    if kind == "project":
        return row.name
    if kind == "indicator":
        return f"{row.project.name} · {row.name}"
    if kind == "department_target":
        return row.department.name
    return f"{row.target.department.name} · {row.get_table_display()}第{row.position}行"


def _judged(cells: list[T], text: Callable[[T], str]) -> list[tuple[T, Distrust]]:
    """The cells the detector distrusts, each with why, judged against the text of all of them."""
    words = vocabulary(text(cell) for cell in cells)
    judged = [(cell, distrust(text(cell), words) if text(cell) else None) for cell in cells]
    return [(cell, found) for cell, found in judged if found is not None]


def in_document(document: Document) -> list[tuple[str, str, str, Distrust]]:
    """What :func:`flag_batch` will flag once ``document`` is loaded: (owner, field label, text, why)."""
    labels = field_labels()
    owners: list[tuple[str, Any, str]] = [
        *(("project", p, p.name) for p in document.projects),
        *(("indicator", i, f"{p.name} · {i.name}") for p in document.projects for i in p.indicators),
        *(("department_target", d, d.name) for d in document.departments),
        *(
            ("department_row", r, f"{d.name} · {table}第{n}行")
            for d in document.departments
            for table, rows in (
                ("中长期战略目标", d.strategic_indicators),
                ("年度绩效目标", d.annual_indicators),
            )
            for n, r in enumerate(rows, start=1)
        ),
    ]
    named = {id(obj): owner for _, obj, owner in owners}
    cells = [
        (kind, obj, name, getattr(obj, name, None) or "")
        for kind, obj, _ in owners
        for name in FIELDS[kind][1]
    ]
    return [
        (named[id(obj)], labels[kind][name], text, found)
        for (kind, obj, name, text), found in _judged(cells, lambda cell: cell[3])
    ]


def flag_batch(batch: ImportBatch) -> int:
    """Flag the garbled cells of an imported batch; how many."""
    cells = [
        Cell(kind, row.pk, name, getattr(row, name) or "", _owner(kind, row))
        for kind, found in _rows(batch).items()
        for row in found
        for name in FIELDS[kind][1]
    ]
    flagged = [
        DistrustedText(region=batch.region, batch=batch, **columns) for columns in flagged_cells(cells)
    ]
    DistrustedText.objects.bulk_create(flagged)
    return len(flagged)


class Cell(NamedTuple):
    """A stored text cell as the detector sees it: which row and field, the text, and whose it is."""

    kind: str
    object_id: int
    field: str
    text: str
    owner: str


def field_labels() -> dict[str, dict[str, str]]:
    """The column's verbose name of each (kind, field) the detector reads."""
    return {
        kind: {n: str(model._meta.get_field(n).verbose_name) for n in names}
        for kind, (model, names) in FIELDS.items()
    }


def flagged_cells(cells: list[Cell]) -> list[dict[str, Any]]:
    """The :class:`DistrustedText` columns (less region and batch) of the ``cells`` of one import the
    detector distrusts, judged against all of them: the same whether the cells were read back from the
    stored rows or taken from the domain objects before writing (the bulk load)."""
    labels = field_labels()
    return [
        {
            "kind": cell.kind,
            "object_id": cell.object_id,
            "field": cell.field,
            "field_label": labels[cell.kind][cell.field],
            "owner": cell.owner[:300],
            "reason": found.reason,
            "evidence": found.evidence[:200],
            "original": cell.text,
        }
        for cell, found in _judged(cells, lambda cell: cell.text)
    ]


def open_cells(kind: str, ids: Iterable[int]) -> dict[tuple[int, str], str]:
    """The still open distrusted cells among ``ids`` of ``kind``: (row id, field) → the text flagged."""
    found = DistrustedText.objects.filter(kind=kind, object_id__in=list(ids), state=DistrustedText.OPEN)
    return {(pk, name): text for pk, name, text in found.values_list("object_id", "field", "original")}


def withhold(kind: str, rows: Iterable[Any]) -> list[Any]:
    """``rows`` (not saved) with each open distrusted field replaced by the withheld note, for the public —
    while the field still holds the text flagged (an edit through the targets' pages replaced it)."""
    rows = list(rows)
    by_pk = {row.pk: row for row in rows}
    for (pk, name), text in open_cells(kind, by_pk).items():
        if getattr(by_pk[pk], name) == text:
            setattr(by_pk[pk], name, WITHHELD)
    return rows


def do_resolve(*, acting_user: Any, item: DistrustedText, corrected: str | None) -> DistrustedText:
    """Correct the cell to ``corrected``, or (``None``) confirm the text as read; on record either way."""
    policy.require(acting_user, "import", item.region)
    if item.state != DistrustedText.OPEN:
        raise ActionError("该条已处理过。")
    model, names = FIELDS[item.kind]
    if item.field not in names:
        raise ActionError("该字段不能在此更正。")
    with transaction.atomic():
        row = model.objects.select_for_update().get(pk=item.object_id)
        before = getattr(row, item.field)
        if corrected is not None:
            corrected = corrected.strip()
            if not corrected:
                raise ActionError("更正后的文字不能为空；如原文无误，请选择“确认原文无误”。")
            setattr(row, item.field, corrected)
            row.save(update_fields=[item.field])
        item.state = DistrustedText.CORRECTED if corrected is not None else DistrustedText.CONFIRMED
        item.resolved_by = acting_user
        item.resolved_at = timezone.now()
        item.save(update_fields=["state", "resolved_by", "resolved_at"])
        record(
            acting_user,
            "correct-text" if corrected is not None else "confirm-text",
            row,
            message=f"{'更正' if corrected is not None else '确认'}存疑文字：{item.owner} · {item.field_label}",
            detail={"field": item.field, "before": before, "after": getattr(row, item.field)},
            project=row if isinstance(row, Project) else getattr(row, "project", None),
        )
    return item
