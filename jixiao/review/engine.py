"""The review engine: run the profile's rules over a document and score what they find."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from jixiao.domain import Department, DepartmentIndicator, Document, Project
from jixiao.domain.reference import ValueReference
from jixiao.domain.taxonomy import Framework
from jixiao.review.criteria_findings import criteria_findings
from jixiao.review.findings import Finding, Severity, Subject, SubjectKind
from jixiao.review.profile import Profile, load_profile
from jixiao.review.registry import (
    ANNUAL_TABLE,
    STRATEGIC_TABLE,
    Hit,
    Rule,
    RuleContext,
    Scope,
    all_rules,
    department_tables,
)
from jixiao.review.scoring import SubjectScore, score_subject


@dataclass(frozen=True)
class Report:
    """The review of one document: findings in document order and a score per project and department."""

    document: Document
    profile: Profile
    findings: tuple[Finding, ...]
    scores: tuple[SubjectScore, ...]
    seconds: float = 0.0
    rules_run: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.document.source.name

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def count_by_severity(self) -> dict[Severity, int]:
        counts = Counter(f.severity for f in self.findings)
        return {s: counts[s] for s in Severity}

    def count_by_rule(self) -> list[tuple[str, str, Severity, int]]:
        """(rule id, title, severity, count), most frequent first."""
        counts = Counter((f.rule, f.title, f.severity) for f in self.findings)
        return sorted(
            ((r, t, s, n) for (r, t, s), n in counts.items()), key=lambda x: (x[2].rank, -x[3], x[0])
        )

    def grade_counts(self) -> dict[str, int]:
        counts = Counter(s.grade for s in self.scores)
        return {g: counts[g] for g in ("优", "良", "中", "差")}


class _Facts(dict[str, Any]):
    """Message slots a hit did not fill stay visible rather than raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, facts: Mapping[str, Any]) -> str:
    return template.format_map(_Facts(facts))


@dataclass(frozen=True)
class _Subjects:
    """What the rules of each scope look at in one document, with the subject its findings name — worked out
    once per document, not once per rule (a project's framework decides which of its rules apply)."""

    document: Subject
    projects: list[tuple[Project, Subject, Framework]]
    departments: list[tuple[Department, Subject]]

    @classmethod
    def of(cls, doc: Document) -> _Subjects:
        return cls(
            Subject(SubjectKind.DOCUMENT, doc.title or doc.source.name),
            [(p, _project_subject(p, i), p.framework) for i, p in enumerate(doc.projects)],
            [
                (d, Subject(SubjectKind.DEPARTMENT, d.name, i, d.name, d.line))
                for i, d in enumerate(doc.departments)
            ],
        )

    def of_rule(self, rule: Rule, doc: Document) -> Iterator[tuple[object, Subject]]:
        if rule.scope is Scope.DOCUMENT:
            yield doc, self.document
        elif rule.scope is Scope.PROJECT:
            yield from ((p, s) for p, s, framework in self.projects if framework in rule.frameworks)
        else:
            yield from self.departments


def _project_subject(p: Project, i: int) -> Subject:
    return Subject(SubjectKind.PROJECT, p.name, i, p.department or p.unit, p.line, p.code)


_TABLE_ORDER = {None: 0, STRATEGIC_TABLE: 1, ANNUAL_TABLE: 2}


def department_rows(dept: Department) -> Iterator[tuple[str, int, DepartmentIndicator]]:
    """Each row of a department with its table and position in it (from 1): how findings locate rows."""
    for table, rows in department_tables(dept):
        for n, row in enumerate(rows, start=1):
            yield table, n, row


def _finding(
    rule: Rule,
    severity: Severity,
    hit: Hit,
    subject: Subject,
    doc: Document,
    rows: Mapping[int, tuple[str, int]] | None = None,
) -> Finding:
    facts = dict(hit.facts)
    table, position, where = None, None, hit.indicator.where if hit.indicator is not None else None
    line = hit.line
    if hit.department_row is not None:
        table, position = (rows or {}).get(id(hit.department_row), (None, None))
        where = hit.department_row.where
        line = line if line is not None else hit.department_row.line
    return Finding(
        rule=rule.id,
        title=rule.title,
        severity=severity,
        family=rule.family,
        criterion=rule.criterion,
        message=_fill(rule.message, facts),
        suggestion=_fill(rule.suggestion, facts),
        document=doc.source.name,
        subject=subject,
        indicator=hit.indicator.name if hit.indicator is not None else hit.indicator_name,
        line=line,
        evidence=hit.evidence,
        related_lines=hit.related_lines,
        table=table,
        row=position,
        where=where,
    )


def check_document(
    doc: Document, profile: Profile | None = None, reference: ValueReference | None = None
) -> Report:
    """Run every enabled rule of ``profile`` (default: the built-in ``default``) over ``doc``; rules that
    compare with other regions' targets use ``reference`` (the indicator library) and stay quiet without it."""
    started = time.perf_counter()
    profile = profile or load_profile()
    owner = {id(ind): i for i, p in enumerate(doc.projects) for ind in p.indicators}
    rows = {id(r): (table, n) for d in doc.departments for table, n, r in department_rows(d)}
    findings: list[Finding] = []
    run: list[str] = []
    subjects = _Subjects.of(doc)
    shared: dict[str, Any] = {}  # what rules work out once per document and share (RuleContext.once)
    for rule in sorted(all_rules().values(), key=lambda r: (r.family.value, r.id)):
        if not profile.enabled(rule) or not rule.applies_to_year(doc.year):
            continue
        run.append(rule.id)
        ctx = RuleContext(doc, profile.params(rule), reference, shared)
        severity = profile.severity(rule)
        for obj, subject in subjects.of_rule(rule, doc):
            for hit in rule.predicate(obj, ctx):
                where = subject
                if (
                    subject.kind is SubjectKind.DOCUMENT
                    and hit.indicator is not None
                    and id(hit.indicator) in owner
                ):
                    where = subjects.projects[owner[id(hit.indicator)]][1]
                findings.append(_finding(rule, severity, hit, where, doc, rows))
    findings += criteria_findings(doc, profile.criteria)
    run += [c.id for c in profile.criteria]
    order = {SubjectKind.DOCUMENT: 0, SubjectKind.PROJECT: 1, SubjectKind.DEPARTMENT: 2}
    findings.sort(
        key=lambda f: (
            order[f.subject.kind],
            f.subject.index or 0,
            f.line or 0,
            _TABLE_ORDER.get(f.table, 0),
            f.row or 0,
            f.severity.rank,
            f.rule,
        )
    )
    by_subject: dict[tuple[str, int | None], list[Finding]] = defaultdict(list)
    for f in findings:
        by_subject[f.subject.key].append(f)
    scores = [
        score_subject(subject, by_subject[subject.key], profile.penalties, profile.grades)
        for subject in [s for _, s, _ in subjects.projects] + [s for _, s in subjects.departments]
    ]
    return Report(doc, profile, tuple(findings), tuple(scores), time.perf_counter() - started, tuple(run))
