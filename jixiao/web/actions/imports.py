"""Load a published disclosure (a :class:`jixiao.domain.Document`) into a region and year.

The rows arrive as published targets (状态: 已公开), since the document is what was disclosed. Everything
is written with bulk statements, a few per table whatever the document's size, in one transaction.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.domain import Document
from jixiao.web import policy
from jixiao.web.actions.errors import ActionError
from jixiao.web.audit import record
from jixiao.web.organisations.models import Department, FiscalYear, Region, Unit
from jixiao.web.targets.draft import TEXT_FIELDS
from jixiao.web.targets.models import DepartmentTarget, DepartmentTargetRow, ImportBatch, Indicator, Project
from jixiao.web.workflow.states import State

UNNAMED_DEPARTMENT = "未注明主管部门"


def _decimal(x: float | None) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def _departments(region: Region, doc: Document) -> dict[str, Department]:
    codes: dict[str, str] = {}
    for p in doc.projects:
        codes.setdefault(p.department or UNNAMED_DEPARTMENT, p.department_code or "")
    for d in doc.departments:
        codes.setdefault(d.name, d.code or "")
    existing = {d.name: d for d in Department.objects.filter(region=region, name__in=codes)}
    Department.objects.bulk_create(
        [Department(region=region, name=n, code=c) for n, c in codes.items() if n not in existing]
    )
    return {d.name: d for d in Department.objects.filter(region=region, name__in=codes)}


def _units(departments: dict[str, Department], doc: Document) -> dict[tuple[int, str], Unit]:
    wanted: dict[tuple[int, str], str] = {}
    for p in doc.projects:
        if p.unit:
            wanted.setdefault((departments[p.department or UNNAMED_DEPARTMENT].pk, p.unit), p.unit_code or "")
    dept_ids = {d for d, _ in wanted}
    existing = {(u.department_id, u.name): u for u in Unit.objects.filter(department_id__in=dept_ids)}
    Unit.objects.bulk_create(
        [Unit(department_id=d, name=n, code=c) for (d, n), c in wanted.items() if (d, n) not in existing]
    )
    return {(u.department_id, u.name): u for u in Unit.objects.filter(department_id__in=dept_ids)}


def _indicator_row(project: Project, position: int, ind: Any) -> Indicator:
    v = ind.value
    return Indicator(
        project=project,
        position=position,
        level1=ind.level1.value,
        level2=ind.level2.value,
        name=ind.name,
        description=ind.description or "",
        scoring=ind.scoring or "",
        value_raw=v.raw,
        value_kind=v.kind.value,
        value_op=v.op.value if v.op else "",
        value_number=v.number,
        value_upper=v.upper,
        value_unit=v.unit or "",
        source_line=ind.line,
    )


def do_import_document(*, acting_user: Any, region: Region, year: int, document: Document) -> ImportBatch:
    """Store ``document``'s projects and department targets as published in ``region`` / ``year``."""
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
            warnings=[{"line": w.line, "message": w.message} for w in document.warnings],
            project_count=len(document.projects),
            department_count=len(document.departments),
            created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        departments = _departments(region, document)
        units = _units(departments, document)
        projects = []
        for p in document.projects:
            dept = departments[p.department or UNNAMED_DEPARTMENT]
            projects.append(
                Project(
                    region=region,
                    year=year,
                    department=dept,
                    unit=units.get((dept.pk, p.unit)) if p.unit else None,
                    **{name: getattr(p, name) or "" for name in TEXT_FIELDS},
                    is_new=p.is_new,
                    funds_total=_decimal(p.funds.total),
                    funds_fiscal=_decimal(p.funds.fiscal),
                    funds_other=_decimal(p.funds.other),
                    funds_midterm=_decimal(p.funds.midterm),
                    spending_plan=[{"period": s.period, "amount": s.amount} for s in p.spending_plan],
                    state=State.PUBLISHED,
                    published_at=now,
                    import_batch=batch,
                    source_line=p.line,
                    search_text=" ".join([p.name, p.code or "", *(i.name for i in p.indicators)]),
                )
            )
        Project.objects.bulk_create(projects, batch_size=500)
        Indicator.objects.bulk_create(
            [
                _indicator_row(row, n, ind)
                for row, p in zip(projects, document.projects, strict=True)
                for n, ind in enumerate(p.indicators, start=1)
            ],
            batch_size=1000,
        )
        targets = [
            DepartmentTarget(
                region=region,
                year=year,
                department=departments[d.name],
                strategic_goal=d.strategic_goal or "",
                state=State.PUBLISHED,
                import_batch=batch,
            )
            for d in document.departments
        ]
        DepartmentTarget.objects.bulk_create(targets)
        rows = []
        for target, d in zip(targets, document.departments, strict=True):
            for table, indicators in (("strategic", d.strategic_indicators), ("annual", d.annual_indicators)):
                for n, ind in enumerate(indicators, start=1):
                    ref = ind.reference
                    rows.append(
                        DepartmentTargetRow(
                            target=target,
                            table=table,
                            position=n,
                            no=ind.no,
                            duty_no=ind.duty_no,
                            duty_area=ind.duty_area or "",
                            duty=ind.duty or "",
                            duty_goal=ind.duty_goal or "",
                            name=ind.name,
                            value_raw=ind.value.raw,
                            explanation=ind.explanation or "",
                            reference={
                                k: getattr(ref, k)
                                for k in (
                                    "planned",
                                    "standard",
                                    "standard_source",
                                    "avg3",
                                    "last_year",
                                    "history_source",
                                )
                                if getattr(ref, k)
                            },
                            note=ind.note or "",
                            activity=ind.activity or "",
                            budget_project=ind.budget_project or "",
                            office=ind.office or "",
                        )
                    )
        DepartmentTargetRow.objects.bulk_create(rows, batch_size=1000)
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
            },
        )
    return batch
