"""A chunk of documents, placed in their regions, turned into the rows the import action stores for each
(:func:`jixiao.web.actions.imports.do_import_document`): projects, indicators, department targets and their
rows, the library's records, the distrusted cells (judged from the domain values before writing, not read
back) and the audit rows — written by one ``COPY`` (or ``executemany``) per table and chunk.

Each table's :class:`~jixiao.web.bulk.layout.Layout` below is where every column's value comes from;
tests/web/test_bulk_load.py compares what it stores with importing the same documents one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from jixiao.domain import Department as DomainDepartment
from jixiao.domain import DepartmentIndicator, Document
from jixiao.domain import Indicator as DomainIndicator
from jixiao.domain import Project as DomainProject
from jixiao.domain.stated_date import StatedDate
from jixiao.web.actions.imports import record_import, search_text, target_search_text
from jixiao.web.audit.context import Origin, new_request_id, origin
from jixiao.web.audit.models import AuditEvent
from jixiao.web.bulk.layout import DEFAULT, Layout, json_text, prepared
from jixiao.web.bulk.write import write_instances, write_layout
from jixiao.web.ids import Ids
from jixiao.web.library.models import LibrarySource
from jixiao.web.library.sources import imported_entries
from jixiao.web.organisations.models import Region
from jixiao.web.organisations.registry import Placed
from jixiao.web.portal.distrust import FIELDS, Cell, flagged_cells
from jixiao.web.portal.models import DistrustedText, DocumentDate
from jixiao.web.targets.models import DepartmentTarget, DepartmentTargetRow, ImportBatch, Indicator, Project
from jixiao.web.workflow.states import State

# What the import action leaves at the model's default on a published, imported target.
_IMPORTED = {
    "state": State.PUBLISHED.value,
    "awaiting": DEFAULT,
    "round": DEFAULT,
    "grade": DEFAULT,
    "version": DEFAULT,
    "archived": DEFAULT,
    "copied_from_id": None,
    "lessons": DEFAULT,
}
TABLE_LABELS = dict(DepartmentTargetRow.TABLES)


@dataclass
class Placing:
    """One document ready to write: its batch (unsaved), region and the registry rows it goes under."""

    document: Document
    path: str
    year: int
    published: StatedDate | None
    region: Region
    batch: ImportBatch
    placed: Placed


class Layouts:
    """The layout of every table the bulk load writes row by row (built once per load, which checks that
    each concrete column of each model has a value)."""

    def __init__(self) -> None:
        self.project = Layout(
            Project,
            DomainProject,
            given=(
                "id",
                "region_id",
                "year",
                "department_id",
                "unit_id",
                "import_batch_id",
                "search_text",
                "published_at",
                "updated_at",
                "created_at",
            ),
            fixed=_IMPORTED,
        )
        self.indicator = Layout(
            Indicator,
            DomainIndicator,
            given=("id", "project_id", "year", "position"),
            fixed={"basis": DEFAULT, "archived": DEFAULT},
        )
        self.target = Layout(
            DepartmentTarget,
            DomainDepartment,
            given=(
                "id",
                "region_id",
                "year",
                "department_id",
                "import_batch_id",
                "search_text",
                "published_at",
                "updated_at",
            ),
            fixed=_IMPORTED,
        )
        self.target_row = Layout(
            DepartmentTargetRow,
            DepartmentIndicator,
            given=("id", "target_id", "table", "position"),
            fixed={"archived": DEFAULT},
        )
        self.library = Layout(
            LibrarySource,
            None,
            given=(
                "target_kind",
                "object_id",
                "region_id",
                "year",
                "entries",
                "rows",
                "generation",
                "updated_at",
            ),
            fixed={"published": True},
            own_id=False,
        )
        self.distrusted = Layout(
            DistrustedText,
            None,
            given=(
                "region_id",
                "batch_id",
                "kind",
                "object_id",
                "field",
                "field_label",
                "owner",
                "reason",
                "evidence",
                "original",
            ),
            fixed={"state": DEFAULT, "resolved_by_id": None, "resolved_at": None},
            own_id=False,
        )


def _cells(kind: str, pk: int, obj: Any, owner: str) -> list[Cell]:
    """The non-empty text cells of one stored row, as :func:`flag_batch` would read them back."""
    return [
        Cell(kind, pk, name, text, owner) for name in FIELDS[kind][1] if (text := getattr(obj, name, None))
    ]


@dataclass
class Written:
    projects: int = 0
    indicators: int = 0
    departments: int = 0
    department_rows: int = 0
    distrusted: int = 0
    library: int = 0


def write_chunk(
    layouts: Layouts, ids: Ids, chunk: list[Placing], acting_user: Any, generation: int, audit: list[Any]
) -> Written:
    """Store every document of ``chunk``: ids reserved per table, rows built from the domain objects, one
    write per table; the audit rows (kept by ``audit.deferred`` in ``audit``) written with them."""
    docs = [p.document for p in chunk]
    batch_ids = iter(ids.take(ImportBatch, len(chunk)))
    project_ids = iter(ids.take(Project, sum(len(d.projects) for d in docs)))
    indicator_ids = iter(ids.take(Indicator, sum(len(p.indicators) for d in docs for p in d.projects)))
    target_ids = iter(ids.take(DepartmentTarget, sum(len(d.departments) for d in docs)))
    row_ids = iter(
        ids.take(
            DepartmentTargetRow,
            sum(len(t.strategic_indicators) + len(t.annual_indicators) for d in docs for t in d.departments),
        )
    )
    now = timezone.now()
    stamp = prepared(Project._meta.get_field("published_at"), now)
    projects: list[tuple[Any, ...]] = []
    indicators: list[tuple[Any, ...]] = []
    targets: list[tuple[Any, ...]] = []
    target_rows: list[tuple[Any, ...]] = []
    library: list[tuple[Any, ...]] = []
    distrusted: list[tuple[Any, ...]] = []
    dates = []
    for placing in chunk:
        document, region, year = placing.document, placing.region, placing.year
        batch = placing.batch
        batch.pk = next(batch_ids)
        cells: list[Cell] = []
        stored_projects = []
        for (dept, unit), p in zip(placing.placed.projects, document.projects, strict=True):
            pk = next(project_ids)
            stored_projects.append((pk, p))
            projects.append(
                layouts.project.row(
                    p,
                    (
                        pk,
                        region.pk,
                        year,
                        dept.pk,
                        unit.pk if unit is not None else None,
                        batch.pk,
                        search_text(p),
                        stamp,
                        stamp,
                        stamp,
                    ),
                )
            )
            cells += _cells("project", pk, p, p.name)
            for n, ind in enumerate(p.indicators, start=1):
                ind_pk = next(indicator_ids)
                indicators.append(layouts.indicator.row(ind, (ind_pk, pk, year, n)))
                cells += _cells("indicator", ind_pk, ind, f"{p.name} · {ind.name}")
        stored_targets = []
        for d, dept in zip(document.departments, placing.placed.targets, strict=True):
            pk = next(target_ids)
            stored_targets.append((pk, d))
            targets.append(
                layouts.target.row(
                    d, (pk, region.pk, year, dept.pk, batch.pk, target_search_text(d), stamp, stamp)
                )
            )
            cells += _cells("department_target", pk, d, dept.name)
            for table, rows in (("strategic", d.strategic_indicators), ("annual", d.annual_indicators)):
                for n, ind in enumerate(rows, start=1):
                    row_pk = next(row_ids)
                    target_rows.append(layouts.target_row.row(ind, (row_pk, pk, table, n)))
                    cells += _cells(
                        "department_row", row_pk, ind, f"{dept.name} · {TABLE_LABELS[table]}第{n}行"
                    )
        for kind, pk, entries in imported_entries(str(region), year, stored_projects, stored_targets):
            rows_count = sum(len(e["rows"]) for e in entries)
            library.append(
                layouts.library.row(
                    None,
                    (kind, pk, region.pk, year, json_text(_ENTRIES, entries), rows_count, generation, stamp),
                )
            )
        flagged = flagged_cells(cells)
        distrusted.extend(
            layouts.distrusted.row(None, (region.pk, batch.pk, *(f[c] for c in _FLAG_COLUMNS)))
            for f in flagged
        )
        if placing.published is not None:
            p = placing.published
            dates.append(DocumentDate(batch=batch, year=p.year, month=p.month, day=p.day, stated=True))
        with origin(Origin(via="cli", request_id=new_request_id(), path=placing.path[:300])):
            record_import(acting_user, batch, document, len(flagged), placing.published)
    write_instances(ImportBatch, [p.batch for p in chunk])
    write_instances(DocumentDate, dates)
    write_layout(layouts.project, projects)
    write_layout(layouts.indicator, indicators)
    write_layout(layouts.target, targets)
    write_layout(layouts.target_row, target_rows)
    write_layout(layouts.library, library)
    write_layout(layouts.distrusted, distrusted)
    write_instances(AuditEvent, audit)
    audit.clear()
    return Written(
        len(projects), len(indicators), len(targets), len(target_rows), len(distrusted), len(library)
    )


_ENTRIES = LibrarySource._meta.get_field("entries")
_FLAG_COLUMNS = ("kind", "object_id", "field", "field_label", "owner", "reason", "evidence", "original")
