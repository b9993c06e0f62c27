"""Load a published disclosure (a :class:`jixiao.domain.Document`) into a region and year.

The rows arrive as published targets (状态: 已公开), since the document is what was disclosed. Everything
is written with bulk statements, a few per table whatever the document's size, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from jixiao.domain import Document, registry_match
from jixiao.domain.stated_date import StatedDate, stated_date
from jixiao.domain.validation import check_document
from jixiao.web import policy
from jixiao.web.actions.errors import ActionError
from jixiao.web.audit import record
from jixiao.web.library.sources import record_imported
from jixiao.web.organisations.models import FiscalYear, Region
from jixiao.web.organisations.registry import departments_of, plan_for, units_of
from jixiao.web.portal.distrust import flag_batch
from jixiao.web.portal.models import DocumentDate
from jixiao.web.targets.convert import row_of
from jixiao.web.targets.models import DepartmentTarget, DepartmentTargetRow, ImportBatch, Indicator, Project
from jixiao.web.workflow.states import State

UNNAMED_DEPARTMENT = registry_match.UNNAMED_DEPARTMENT

# How rows nothing reads back by key are written: Django's bulk_create, or COPY on PostgreSQL (jixiao.web.bulk).
Insert = Callable[[type[models.Model], Sequence[models.Model]], None]


def bulk_insert(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    model._default_manager.bulk_create(rows, batch_size=1000)


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
    insert: Insert = bulk_insert,
) -> ImportBatch:
    """Store ``document``'s projects and department targets as published in ``region`` / ``year``.

    ``published`` is the document's date (``published_stated``: the document states it; else the finance
    admin entered it): the portal's 公开时间. Cells the reader garbled are flagged for correction.
    ``insert`` writes the indicator rows (a bulk load passes COPY).
    """
    policy.require(acting_user, "import", region)
    if not document.projects and not document.departments:
        raise ActionError("文档中没有读到任何项目或部门目标，未导入。")
    if ImportBatch.objects.filter(region=region, year=year, sha256=document.source.sha256).exists():
        raise ActionError(f"该文档（{document.source.name}）已导入过 {region} {year} 年度，未重复导入。")
    now = timezone.now()
    with transaction.atomic():
        FiscalYear.objects.get_or_create(
            region=region, year=year, defaults={"framework": document.framework.value}
        )
        batch = ImportBatch.objects.create(
            region=region,
            year=year,
            source_name=document.source.name,
            sha256=document.source.sha256,
            title=document.title or "",
            issuer=document.issuer or "",
            preface=document.preface or "",
            # What a compile form would refuse is kept, as published, with a located warning.
            warnings=[
                {"line": w.line, "message": w.message}
                for w in (*document.warnings, *(x.warning() for x in check_document(document)))
            ],
            project_count=len(document.projects),
            department_count=len(document.departments),
            created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        # Names go through the region's registry: a known body under another spelling is that body,
        # and a blank 主管部门 is found from the code or the unit (never an invented department).
        placed = plan_for(region, document)
        departments = departments_of(region, placed)
        project_departments = [departments[id(pl)] for pl in placed.projects]
        units = units_of(
            region,
            (
                (dept, p.unit, p.unit_code or "")
                for dept, p in zip(project_departments, document.projects, strict=True)
                if p.unit
            ),
        )
        projects = []
        for dept, p in zip(project_departments, document.projects, strict=True):
            projects.append(
                row_of(
                    p,
                    Project,
                    region=region,
                    year=year,
                    department=dept,
                    unit=units.get((dept.pk, p.unit)) if p.unit else None,
                    state=State.PUBLISHED,
                    published_at=now,
                    import_batch=batch,
                    search_text=" ".join([p.name, p.code or "", *(i.name for i in p.indicators)]),
                )
            )
        Project.objects.bulk_create(projects, batch_size=500)
        insert(
            Indicator,
            [
                row_of(ind, Indicator, project=row, year=year, position=n)
                for row, p in zip(projects, document.projects, strict=True)
                for n, ind in enumerate(p.indicators, start=1)
            ],
        )
        targets = [
            row_of(
                d,
                DepartmentTarget,
                region=region,
                year=year,
                department=departments[id(pl)],
                state=State.PUBLISHED,
                published_at=now,
                import_batch=batch,
            )
            for d, pl in zip(document.departments, placed.targets, strict=True)
        ]
        DepartmentTarget.objects.bulk_create(targets)
        insert(
            DepartmentTargetRow,
            [
                row_of(ind, DepartmentTargetRow, target=target, table=table, position=n)
                for target, d in zip(targets, document.departments, strict=True)
                for table, rows in (("strategic", d.strategic_indicators), ("annual", d.annual_indicators))
                for n, ind in enumerate(rows, start=1)
            ],
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
        record(
            acting_user,
            "import",
            batch,
            message=f"导入“{document.source.name}”：项目 {len(projects)} 个，部门 {len(targets)} 个",
            detail={
                "sha256": document.source.sha256,
                "projects": len(projects),
                "departments": len(targets),
                "warnings": len(document.warnings),
                "distrusted": distrusted,
                "published": published.label if published is not None else None,
            },
        )
    return batch
