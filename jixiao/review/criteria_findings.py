"""A profile's criteria as findings: one per place a criterion flags, named by its 审核细项.

The message opens with the 审核细项 (``政策依据不规范：…``) and, for a row, the row as the region's own
opinions name it (``社会效益指标“…”``), so each finding can be set beside the region's result project by
project; the subject carries the project's code. A pattern that cannot run is a hint naming the criterion.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain import Document
from jixiao.review.criteria import Criterion, Field, flagged
from jixiao.review.findings import Finding, Severity, Subject, SubjectKind

_WHOLE = (Field.POLICY_BASIS, Field.CALCULATION_BASIS, Field.GOAL, Field.TABLE)


def criteria_findings(doc: Document, criteria: tuple[Criterion, ...]) -> Iterator[Finding]:
    """Every criterion over every project of ``doc``."""
    for i, project in enumerate(doc.projects):
        subject = Subject(
            SubjectKind.PROJECT,
            project.name,
            i,
            project.department or project.unit,
            project.line,
            project.code,
        )
        for criterion in criteria:
            for match in flagged(criterion, project):
                place = "" if criterion.field in _WHOLE else match.label
                evidence = [("审核细项", criterion.item), ("审核对象", match.label)]
                if criterion.point:
                    evidence.append(("审核要点", criterion.point))
                evidence += [("内容", match.text or "（空）"), ("正则表达式", criterion.pattern)]
                evidence.append(("判定", criterion.flag.label))
                row = match.indicator or match.placeholder
                yield Finding(
                    rule=criterion.id,
                    title=criterion.item,
                    severity=Severity.HINT if match.problem else criterion.severity,
                    family=criterion.field.family,
                    criterion=criterion.aspect,
                    message=(
                        f"{criterion.item}：审核口径的{match.problem}"
                        if match.problem
                        else f"{criterion.item}：{place}{criterion.message}"
                    ),
                    suggestion=("请检查该审核口径的正则表达式" if match.problem else criterion.suggestion),
                    document=doc.source.name,
                    subject=subject,
                    indicator=match.indicator.name if match.indicator is not None else None,
                    line=row.line if row is not None else project.line,
                    evidence=tuple(evidence),
                    where=row.where if row is not None else project.where,
                )
