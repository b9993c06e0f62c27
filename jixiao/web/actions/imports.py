"""Load a published disclosure (a :class:`jixiao.domain.Document`) into a region and year.

The rows arrive as published targets (状态: 已公开), since the document is what was disclosed. Everything
is written with bulk statements, a few per table whatever the document's size, in one transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.domain import Department as DomainDepartment
from jixiao.domain import Document, registry_match
from jixiao.domain import Project as DomainProject
from jixiao.domain.stated_date import StatedDate, stated_date
from jixiao.domain.validation import check_document
from jixiao.web import policy
from jixiao.web.actions.errors import ActionError
from jixiao.web.audit import record
from jixiao.web.library.sources import record_imported
from jixiao.web.organisations.models import FiscalYear, Region
from jixiao.web.organisations.registry import place
from jixiao.web.portal.distrust import flag_batch
from jixiao.web.portal.models import DocumentDate
from jixiao.web.targets.convert import row_of
from jixiao.web.targets.models import DepartmentTarget, DepartmentTargetRow, ImportBatch, Indicator, Project
from jixiao.web.targets.search import department_search_text, project_search_text
from jixiao.web.workflow.states import State

UNNAMED_DEPARTMENT = registry_match.UNNAMED_DEPARTMENT


def stated_date_of(data: bytes, name: str) -> StatedDate | None:
    """The date a text disclosure states under its title (the portal's 公开时间), if it states one."""
    if not name.lower().endswith((".txt", ".md")):
        return None
    return stated_date(data[:20000].decode("utf-8", errors="replace"))


def check_upload_size(data: bytes, name: str, page: str = "table") -> None:
    """Refuse an upload over ``page``'s size limit, or whose content is not what its name says, before any
    reader opens it (:mod:`jixiao.web.uploads`); a filled table's page unless told."""
    from jixiao.web.uploads import check_upload

    check_upload(data, name, page)


def read_upload(data: bytes, name: str) -> Document:
    """An uploaded document read by :mod:`jixiao.ingest` in a child process under memory and time limits
    (:mod:`jixiao.web.isolated`); its error becomes an :class:`ActionError` (shared by the import page and
    the API, so neither imports the other)."""
    from jixiao.ingest import read_document
    from jixiao.web.isolated import Refused, run_isolated

    check_upload_size(data, name, "import")
    try:
        return run_isolated(read_document, data, name)
    except Refused as err:
        raise ActionError(f"无法读取该文档：{err.message}") from err


def do_import_document(
    *,
    acting_user: Any,
    region: Region,
    year: int,
    document: Document,
    published: StatedDate | None = None,
    published_stated: bool = True,
) -> ImportBatch:
    """Store ``document``'s projects and department targets as published in ``region`` / ``year``.

    ``published`` is the document's date (``published_stated``: the document states it; else the finance
    admin entered it): the portal's 公开时间. Cells the reader garbled are flagged for correction.
    Many documents at once go through :func:`jixiao.web.bulk.bulk_import`, which stores the same rows.
    """
    policy.require(acting_user, "import", region)
    refuse_to_import(region, year, document)
    now = timezone.now()
    with transaction.atomic():
        FiscalYear.objects.get_or_create(
            region=region, year=year, defaults={"framework": document.framework.value}
        )
        batch = ImportBatch.objects.create(
            region=region,
            year=year,
            **batch_fields(document),
            created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        placed = place(region, document)
        projects = [
            row_of(
                p,
                Project,
                region=region,
                year=year,
                department=dept,
                unit=unit,
                state=State.PUBLISHED,
                published_at=now,
                import_batch=batch,
                search_text=search_text(p),
            )
            for (dept, unit), p in zip(placed.projects, document.projects, strict=True)
        ]
        Project.objects.bulk_create(projects, batch_size=500)
        Indicator.objects.bulk_create(
            [
                row_of(ind, Indicator, project=row, year=year, position=n)
                for row, p in zip(projects, document.projects, strict=True)
                for n, ind in enumerate(p.indicators, start=1)
            ],
            batch_size=1000,
        )
        targets = [
            row_of(
                d,
                DepartmentTarget,
                region=region,
                year=year,
                department=dept,
                state=State.PUBLISHED,
                published_at=now,
                import_batch=batch,
                search_text=target_search_text(d),
            )
            for d, dept in zip(document.departments, placed.targets, strict=True)
        ]
        DepartmentTarget.objects.bulk_create(targets)
        DepartmentTargetRow.objects.bulk_create(
            [
                row_of(ind, DepartmentTargetRow, target=target, table=table, position=n)
                for target, d in zip(targets, document.departments, strict=True)
                for table, rows in (("strategic", d.strategic_indicators), ("annual", d.annual_indicators))
                for n, ind in enumerate(rows, start=1)
            ],
            batch_size=1000,
        )
        record_imported(
            region,
            year,
            zip(projects, document.projects, strict=True),
            zip(targets, document.departments, strict=True),
        )
        if published is not None:
            DocumentDate.objects.create(
                batch=batch,
                year=published.year,
                month=published.month,
                day=published.day,
                stated=published_stated,
            )
        distrusted = flag_batch(batch)
        record_import(acting_user, batch, document, distrusted, published)
    return batch


def batch_fields(document: Document) -> dict[str, Any]:
    """The columns of a document's :class:`ImportBatch` that come from the document itself."""
    return {
        "source_name": document.source.name,
        "sha256": document.source.sha256,
        "title": document.title or "",
        "issuer": document.issuer or "",
        "preface": document.preface or "",
        # What a compile form would refuse is kept, as published, with a located warning.
        "warnings": [
            {"line": w.line, "message": w.message}
            for w in (*document.warnings, *(x.warning() for x in check_document(document)))
        ],
        "project_count": len(document.projects),
        "department_count": len(document.departments),
    }


def search_text(project: DomainProject) -> str:
    """A domain project's search column (:func:`project_search_text`)."""
    return project_search_text(project.name, project.code, (i.name for i in project.indicators))


def target_search_text(department: DomainDepartment) -> str:
    """A domain department target's search column (:func:`department_search_text`), its rows in table order."""
    return department_search_text((*department.strategic_indicators, *department.annual_indicators))


def refuse_to_import(region: Region, year: int, document: Document, *, stored: bool = True) -> None:
    """Refuse an empty document, or one already imported into ``region`` / ``year`` (not looked up when
    nothing is ``stored`` there yet: a region a bulk load made)."""
    if not document.projects and not document.departments:
        raise ActionError("文档中没有读到任何项目或部门目标，未导入。")
    if (
        stored
        and ImportBatch.objects.filter(region=region, year=year, sha256=document.source.sha256).exists()
    ):
        already_imported(region, year, document)


def already_imported(region: Region, year: int, document: Document) -> None:
    raise ActionError(f"该文档（{document.source.name}）已导入过 {region} {year} 年度，未重复导入。")


def record_import(
    acting_user: Any, batch: ImportBatch, document: Document, distrusted: int, published: StatedDate | None
) -> Any:
    """The audit row of one document's import (kept for a bulk insert inside ``audit.deferred``)."""
    return record(
        acting_user,
        "import",
        batch,
        message=f"导入“{document.source.name}”：项目 {len(document.projects)} 个，部门 "
        f"{len(document.departments)} 个",
        detail={
            "sha256": document.source.sha256,
            "projects": len(document.projects),
            "departments": len(document.departments),
            "warnings": len(document.warnings),
            "distrusted": distrusted,
            "published": published.label if published is not None else None,
        },
    )
