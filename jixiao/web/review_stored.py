"""The targets stored in the web database as documents to review, one per region and budget year.

``jixiao check --db`` sets Django up and hands these to the review engine, which never imports Django:
every stored project and department target, read by the one conversion of :mod:`jixiao.web.targets.convert`.
"""

from __future__ import annotations

from collections import defaultdict

from jixiao.domain import Department, Document, Project, Source
from jixiao.web.targets.convert import department_from_row, project_from_row
from jixiao.web.targets.models import DepartmentTarget
from jixiao.web.targets.models import Project as StoredProject


def stored_documents() -> list[Document]:
    projects: dict[tuple[str, int], list[Project]] = defaultdict(list)
    departments: dict[tuple[str, int], list[Department]] = defaultdict(list)
    stored = StoredProject.objects.select_related("region", "department", "unit")
    for p in stored.prefetch_related("indicators").order_by("region", "year", "pk"):
        projects[(str(p.region), p.year)].append(project_from_row(p))
    targets = DepartmentTarget.objects.select_related("region", "department")
    for t in targets.prefetch_related("rows").order_by("region", "year", "pk"):
        departments[(str(t.region), t.year)].append(department_from_row(t))
    return [
        Document(
            Source(f"db:{region}:{year}", ""),
            title=f"{region} {year}年 数据库中的绩效目标",
            year=year,
            projects=tuple(projects[(region, year)]),
            departments=tuple(departments[(region, year)]),
        )
        for region, year in sorted(projects.keys() | departments.keys())
    ]
