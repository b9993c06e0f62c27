"""The review engine's findings for one stored project or department target, placed beside the rows they
concern.

The target is handed to :func:`jixiao.review.check_document` as a one-project (one-department) document of
its year, so the page shows exactly what ``jixiao check`` would say about the same targets.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from jixiao.domain import Document, Source
from jixiao.web.targets.convert import department_from_row, project_from_row


@dataclass(slots=True)
class ProjectReview:
    score: Any = None  # jixiao.review.SubjectScore of the project, if the engine scored it
    project_findings: list[Any] = field(default_factory=list)
    by_indicator: dict[int, list[Any]] = field(default_factory=dict)
    profile: Any = None  # the jixiao.review.Profile the region reviews with
    checklist: tuple[Any, ...] = ()  # its 人工 criteria: for the reviewer to judge, never automatic

    @property
    def count(self) -> int:
        return len(self.project_findings) + sum(len(v) for v in self.by_indicator.values())


def review_project(project: Any, reference: Any = None) -> ProjectReview:
    """Findings of the region's profile (the built-in one naming the region, else ``default``) for
    ``project``; indicator findings keyed by indicator id. With a ``reference`` (the web library) the rules
    comparing with similar targets elsewhere speak too."""
    from jixiao.review import check_document
    from jixiao.review.profile import profile_for_region

    domain = project_from_row(project)
    profile = profile_for_region(project.region.name if project.region_id else None)
    report = check_document(
        Document(source=Source(f"项目{project.pk}", ""), year=project.year, projects=(domain,)),
        profile,
        reference=reference,
    )
    ids_by_name: dict[str, list[int]] = defaultdict(list)
    for row in project.live_indicators():
        ids_by_name[row.name].append(row.pk)
    review = ProjectReview(
        score=report.scores[0] if report.scores else None, profile=profile, checklist=profile.checklist
    )
    by_indicator: dict[int, list[Any]] = defaultdict(list)
    for finding in report.findings:
        targets = ids_by_name.get(finding.indicator or "", [])
        if not targets:
            review.project_findings.append(finding)
        for pk in targets:
            by_indicator[pk].append(finding)
    review.by_indicator = dict(by_indicator)
    return review


@dataclass(slots=True)
class DepartmentReview:
    score: Any = None  # jixiao.review.SubjectScore of the department
    department_findings: list[Any] = field(default_factory=list)  # about the whole target
    by_row: dict[int, list[Any]] = field(default_factory=dict)  # keyed by the stored row's id

    @property
    def count(self) -> int:
        return len(self.department_findings) + sum(len(v) for v in self.by_row.values())


def review_department(target: Any) -> DepartmentReview:
    """Findings of the default profile for a department target; a row's findings keyed by its id, found by
    the table and position the engine names (names repeat across the two tables, positions do not)."""
    from jixiao.review import check_document
    from jixiao.review.registry import ANNUAL_TABLE, STRATEGIC_TABLE

    report = check_document(
        Document(
            source=Source(f"部门整体绩效目标{target.pk}", ""),
            year=target.year,
            departments=(department_from_row(target),),
        )
    )
    live = sorted((r for r in target.rows.all() if not r.archived), key=lambda r: (r.position, r.pk))
    tables = {"strategic": STRATEGIC_TABLE, "annual": ANNUAL_TABLE}
    place: dict[tuple[str, int], int] = {}
    for key, table in tables.items():
        for n, row in enumerate((r for r in live if r.table == key), start=1):
            place[(table, n)] = row.pk
    review = DepartmentReview(score=report.scores[0] if report.scores else None)
    by_row: dict[int, list[Any]] = defaultdict(list)
    for finding in report.findings:
        pk = place.get((finding.table or "", finding.row or 0))
        if pk is None:
            review.department_findings.append(finding)
        else:
            by_row[pk].append(finding)
    review.by_row = dict(by_row)
    return review
