"""Quality score (0–100) and grade (优/良/中/差) of each project and department, from its findings.

score = max(0, 100 − Σ over rules of min(n_rule, max_per_rule) × penalty(severity))

with penalties error 25, warning 8, hint 2 and max_per_rule 2 by default (profile ``[penalties]``). Capping
per rule keeps one systematic habit (every rate filed under 数量指标) from outweighing a distinct error such
as a cost above the budget. Grades follow the review practice of 财预〔2015〕88号 and the self-evaluation
scale of 财预〔2020〕10号: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差 (profile ``[grades]``). One error alone drops a
table to 中 (revise before approval); two errors or worse make it 差.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from jixiao.review.findings import Finding, Severity, Subject
from jixiao.review.profile import Grades, Penalties


@dataclass(frozen=True, slots=True)
class SubjectScore:
    subject: Subject
    score: float
    grade: str
    errors: int
    warnings: int
    hints: int


def grade_of(score: float, grades: Grades) -> str:
    if score >= grades.excellent:
        return "优"
    if score >= grades.good:
        return "良"
    if score >= grades.fair:
        return "中"
    return "差"


def score_of(findings: Iterable[Finding], penalties: Penalties) -> float:
    per_rule: Counter[tuple[str, Severity]] = Counter((f.rule, f.severity) for f in findings)
    deduction = sum(min(n, penalties.max_per_rule) * penalties.of(sev) for (_, sev), n in per_rule.items())
    return max(0.0, 100.0 - deduction)


def score_subject(
    subject: Subject, findings: list[Finding], penalties: Penalties, grades: Grades
) -> SubjectScore:
    score = score_of(findings, penalties)
    counts = Counter(f.severity for f in findings)
    return SubjectScore(
        subject=subject,
        score=score,
        grade=grade_of(score, grades),
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        hints=counts[Severity.HINT],
    )
