"""Stored targets → a domain :class:`~jixiao.domain.Document` for a region and year, ready to publish.

Projects and department targets keep the order they were stored in (an imported disclosure comes back
in its printed order). Title, issuer and 编报说明 come from the import batch when every selected item
came from that one batch and nothing of it was left out; otherwise the issuer is the region's finance
bureau and the publisher computes the 编报说明 from the tables.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db.models import Q, QuerySet

from jixiao.domain import Document, Source
from jixiao.web.actions.imports import UNNAMED_DEPARTMENT
from jixiao.web.targets.convert import department_from_row, project_from_row
from jixiao.web.targets.models import DepartmentTarget, ImportBatch, Project, indicators_of_years
from jixiao.web.workflow.states import State

# What a bureau reports to the People's Congress: approved (二下) and published targets.
STATE_CHOICES: dict[str, tuple[str, ...]] = {
    "approved": (State.APPROVED, State.PUBLISHED),
    "published": (State.PUBLISHED,),
    "all": tuple(State.values),
}


def stored_projects(region: Any, year: int, state: str = "approved") -> QuerySet:
    """The region's live projects of ``year`` in the states ``state`` names, in stored order."""
    return (
        Project.objects.filter(region=region, year=year, archived=False, state__in=STATE_CHOICES[state])
        .select_related("department", "unit")
        .order_by("pk")
    )


def stored_targets(region: Any, year: int, state: str = "approved") -> QuerySet:
    """The region's live department targets of ``year`` in the states ``state`` names, in stored order."""
    return (
        DepartmentTarget.objects.filter(
            region=region, year=year, archived=False, state__in=STATE_CHOICES[state]
        )
        .select_related("department")
        .order_by("pk")
    )


def project_to_domain(project: Any) -> Any:
    """:func:`project_from_row`, with the importer's placeholder department read back as "not stated"."""
    p = project_from_row(project)
    if p.department == UNNAMED_DEPARTMENT:
        return dataclasses.replace(p, department=None, department_code=None)
    return p


def _whole_batch(projects: Sequence[Any], targets: Sequence[Any]) -> ImportBatch | None:
    """The import batch the selection is exactly, or ``None``."""
    batches = {x.import_batch_id for x in (*projects, *targets)}
    if len(batches) != 1 or None in batches:
        return None
    batch = ImportBatch.objects.get(pk=batches.pop())
    stored = (
        Project.objects.filter(import_batch=batch, archived=False).count()
        + DepartmentTarget.objects.filter(import_batch=batch, archived=False).count()
    )
    return batch if stored == len(projects) + len(targets) else None


def assemble(
    region: Any,
    year: int,
    projects: Iterable[Any],
    targets: Iterable[Any],
    progress: Callable[[int, int, str], None] | None = None,
) -> Document:
    """The disclosure of ``projects`` and department ``targets`` of ``region`` for ``year``; ``progress`` hears
    of each one read (done, total, what), for a background job's page."""
    projects = list(projects)
    targets = list(targets)
    batch = _whole_batch(projects, targets)
    total = len(projects) + len(targets)
    report = progress or (lambda done, total, what: None)
    domain_projects = []
    for n, p in enumerate(projects, 1):
        domain_projects.append(project_to_domain(p))
        report(n, total, f"读取项目：{p.name}")
    departments = []
    for n, t in enumerate(targets, len(projects) + 1):
        departments.append(department_from_row(t))
        report(n, total, f"读取部门整体绩效目标：{t.department.name}")
    # The source names what was selected, so two different selections never share a fingerprint.
    ids = ",".join(f"p{p.pk}:{p.version}" for p in projects) + ";" + ",".join(f"d{t.pk}" for t in targets)
    source = Source(f"{region.name}{year}", hashlib.sha256(ids.encode()).hexdigest())
    return Document(
        source=source,
        title=(batch.title or None) if batch else None,
        issuer=(batch.issuer if batch and batch.issuer else f"{region.name}财政局"),
        year=year,
        preface=(batch.preface or None) if batch else None,
        projects=tuple(domain_projects),
        departments=tuple(departments),
    )


def region_document(
    region: Any,
    year: int,
    *,
    state: str = "approved",
    project_ids: Iterable[int] | None = None,
    target_ids: Iterable[int] | None = None,
    names: Iterable[str] = (),
    departments: Iterable[str] = (),
) -> Document:
    """The region's disclosure for ``year``: every project and target in ``state``, or those selected — by
    id (the page's ticks), or by name (the command line: ``names`` keeps those projects, ``departments``
    those departments' targets and all their projects)."""
    projects = stored_projects(region, year, state).prefetch_related(indicators_of_years([year]))
    targets = stored_targets(region, year, state).prefetch_related("rows")
    names, departments = list(names), list(departments)
    if names or departments:
        projects = projects.filter(Q(name__in=names) | Q(department__name__in=departments))
        targets = targets.filter(department__name__in=departments)
    if project_ids is not None:
        projects = projects.filter(pk__in=list(project_ids))
    if target_ids is not None:
        targets = targets.filter(pk__in=list(target_ids))
    return assemble(region, year, projects, targets)
