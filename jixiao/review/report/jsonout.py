"""JSON for machines: every finding with rule, place, evidence and suggestion; scores; counts."""

from __future__ import annotations

import json
from typing import Any

from jixiao.review.engine import Report
from jixiao.review.findings import Finding
from jixiao.review.scoring import SubjectScore

FORMAT_ID = "jixiao/review@1"


def finding_to_json(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "title": f.title,
        "severity": f.severity.value,
        "family": f.family.value,
        "criterion": f.criterion.value,
        "message": f.message,
        "suggestion": f.suggestion,
        "document": f.document,
        "subject": {
            "kind": f.subject.kind.value,
            "name": f.subject.name,
            "code": f.subject.code,
            "index": f.subject.index,
            "department": f.subject.department,
            "line": f.subject.line,
        },
        "indicator": f.indicator,
        "line": f.line,
        "table": f.table,
        "row": f.row,
        "where": f.where,
        "related_lines": list(f.related_lines),
        "evidence": [{"label": k, "value": v} for k, v in f.evidence],
    }


def score_to_json(s: SubjectScore) -> dict[str, Any]:
    return {
        "kind": s.subject.kind.value,
        "name": s.subject.name,
        "index": s.subject.index,
        "department": s.subject.department,
        "line": s.subject.line,
        "score": s.score,
        "grade": s.grade,
        "errors": s.errors,
        "warnings": s.warnings,
        "hints": s.hints,
    }


def report_to_json(report: Report) -> dict[str, Any]:
    doc = report.document
    return {
        "format": FORMAT_ID,
        "document": {
            "name": doc.source.name,
            "sha256": doc.source.sha256,
            "title": doc.title,
            "year": doc.year,
        },
        "profile": report.profile.name,
        "summary": {
            "findings": len(report.findings),
            "by_severity": {s.value: n for s, n in report.count_by_severity().items()},
            "by_rule": {rule: n for rule, _, _, n in report.count_by_rule()},
            "grades": report.grade_counts(),
            "seconds": round(report.seconds, 4),
        },
        "scores": [score_to_json(s) for s in report.scores],
        "checklist": [
            {"id": c.id, "item": c.item, "field": c.field, "message": c.message}
            for c in report.profile.checklist
        ],
        "findings": [finding_to_json(f) for f in report.findings],
    }


def report_json(report: Report) -> str:
    """One report as an indented JSON object, no newline after it: its part of ``render_json`` (``.stream``)."""
    return json.dumps(report_to_json(report), ensure_ascii=False, indent=2)
