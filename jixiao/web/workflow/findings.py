"""The review engine's findings for one stored project, placed beside the indicators they concern.

The project is handed to :func:`jixiao.review.check_document` as a one-project document of its year, so
the page shows exactly what ``jixiao check`` would say about the same targets.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from jixiao.domain import Document, Source
from jixiao.web.targets.convert import project_from_row


@dataclass(slots=True)
class ProjectReview:
    score: Any = None  # jixiao.review.SubjectScore of the project, if the engine scored it
    project_findings: list[Any] = field(default_factory=list)
    by_indicator: dict[int, list[Any]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.project_findings) + sum(len(v) for v in self.by_indicator.values())


def review_project(project: Any, reference: Any = None) -> ProjectReview:
    """Findings of the default profile for ``project``; indicator findings keyed by indicator id. With a
    ``reference`` (the web library) the rules comparing with similar targets elsewhere speak too."""
    from jixiao.review import check_document

    domain = project_from_row(project)
    report = check_document(
        Document(source=Source(f"项目{project.pk}", ""), year=project.year, projects=(domain,)),
        reference=reference,
    )
    ids_by_name: dict[str, list[int]] = defaultdict(list)
    for row in project.live_indicators():
        ids_by_name[row.name].append(row.pk)
    review = ProjectReview(score=report.scores[0] if report.scores else None)
    by_indicator: dict[int, list[Any]] = defaultdict(list)
    for finding in report.findings:
        targets = ids_by_name.get(finding.indicator or "", [])
        if not targets:
            review.project_findings.append(finding)
        for pk in targets:
            by_indicator[pk].append(finding)
    review.by_indicator = dict(by_indicator)
    return review
