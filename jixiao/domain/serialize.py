"""The one JSON form of the domain: ``../shared/contract/disclosure.schema.json`` (``jixiao/disclosure@1``).

``from_json(to_json(doc)) == doc`` for every document. Fields beyond the contract are optional extra
properties, which the contract allows, so JSON written before them still reads: ``line``/``where`` (source
location), ``duty_area``, ``scoring`` on indicators, the header fields of project forms (``period``,
``project_type``, ``is_new``, ``allocation``, ``policy_basis``, ``calculation_basis``, ``long_term_goal``,
``funds.midterm``), ``placeholders`` (template rows filled 不适用/无) and ``totals`` (the 合计/总计/小计 rows
a document's tables print, with the amounts of the rows each covers).
"""

from __future__ import annotations

from typing import Any

from jixiao.domain.model import (
    Department,
    DepartmentIndicator,
    Document,
    Funds,
    Indicator,
    Placeholder,
    Project,
    ReadWarning,
    Reference,
    Source,
    SpendingPoint,
    SummaryRow,
)
from jixiao.domain.taxonomy import Level1, Level2
from jixiao.domain.totals import PrintedTotal
from jixiao.domain.values import Op, TargetValue, ValueKind

SCHEMA_ID = "jixiao/disclosure@1"
JSON = dict[str, Any]


def value_to_json(value: TargetValue) -> JSON:
    return {
        "raw": value.raw,
        "kind": value.kind.value,
        "op": value.op.value if value.op else None,
        "number": value.number,
        "upper": value.upper,
        "unit": value.unit,
    }


def value_from_json(data: JSON) -> TargetValue:
    return TargetValue(
        raw=data["raw"],
        kind=ValueKind(data["kind"]),
        op=Op(data["op"]) if data.get("op") else None,
        number=_float(data.get("number")),
        upper=_float(data.get("upper")),
        unit=data.get("unit"),
    )


def _float(x: Any) -> float | None:
    return None if x is None else float(x)


def _indicator_to_json(ind: Indicator) -> JSON:
    return {
        "level1": ind.level1.value,
        "level2": ind.level2.value,
        "name": ind.name,
        "description": ind.description,
        "value": value_to_json(ind.value),
        "scoring": ind.scoring,
        "extra": dict(ind.extra),
        "line": ind.line,
        "where": ind.where,
    }


def _indicator_from_json(data: JSON) -> Indicator:
    return Indicator(
        level1=Level1(data["level1"]),
        level2=Level2(data["level2"]),
        name=data["name"],
        description=data.get("description"),
        value=value_from_json(data["value"]),
        scoring=data.get("scoring"),
        extra=tuple((data.get("extra") or {}).items()),
        line=data.get("line"),
        where=data.get("where"),
    )


def _placeholder_to_json(p: Placeholder) -> JSON:
    out: JSON = {
        "text": p.text,
        "level1": p.level1.value if p.level1 else None,
        "level2": p.level2.value if p.level2 else None,
        "line": p.line,
        "where": p.where,
    }
    if p.cells:
        out["cells"] = list(p.cells)
    return out


def _placeholder_from_json(data: JSON) -> Placeholder:
    return Placeholder(
        text=data.get("text") or "",
        level1=Level1(data["level1"]) if data.get("level1") else None,
        level2=Level2(data["level2"]) if data.get("level2") else None,
        line=data.get("line"),
        where=data.get("where"),
        cells=tuple(data.get("cells") or ()),
    )


_PROJECT_TEXT = (
    "code", "category", "department", "department_code", "unit", "unit_code", "fund_type", "purpose", "goal",
    "long_term_goal", "period", "project_type", "is_new", "allocation", "policy_basis", "calculation_basis",
)


def project_to_json(p: Project) -> JSON:
    out: JSON = {"name": p.name}
    out.update({name: getattr(p, name) for name in _PROJECT_TEXT})
    out["funds"] = {
        "total": p.funds.total, "fiscal": p.funds.fiscal, "other": p.funds.other, "midterm": p.funds.midterm,
    }
    out["spending_plan"] = [{"period": s.period, "amount": s.amount} for s in p.spending_plan]
    out["indicators"] = [_indicator_to_json(i) for i in p.indicators]
    out["placeholders"] = [_placeholder_to_json(x) for x in p.placeholders]
    out["line"] = p.line
    out["where"] = p.where
    return out


def project_from_json(data: JSON) -> Project:
    funds = data.get("funds") or {}
    return Project(
        name=data["name"],
        funds=Funds(
            _float(funds.get("total")), _float(funds.get("fiscal")), _float(funds.get("other")),
            _float(funds.get("midterm")),
        ),
        spending_plan=tuple(
            SpendingPoint(s["period"], _float(s.get("amount"))) for s in data.get("spending_plan") or ()
        ),
        indicators=tuple(_indicator_from_json(i) for i in data.get("indicators") or ()),
        placeholders=tuple(_placeholder_from_json(x) for x in data.get("placeholders") or ()),
        line=data.get("line"),
        where=data.get("where"),
        **{name: data.get(name) for name in _PROJECT_TEXT},
    )


_REFERENCE_FIELDS = ("planned", "standard", "standard_source", "avg3", "last_year", "history_source")
_DEPT_INDICATOR_TEXT = (
    "no", "duty_no", "duty_area", "duty", "duty_goal", "explanation", "note", "activity", "budget_project",
    "office", "line", "where",
)


def _dept_indicator_to_json(ind: DepartmentIndicator) -> JSON:
    out: JSON = {"name": ind.name, "value": value_to_json(ind.value)}
    for name in _DEPT_INDICATOR_TEXT:
        out[name] = getattr(ind, name)
    out["reference"] = {f: getattr(ind.reference, f) for f in _REFERENCE_FIELDS}
    return out


def _dept_indicator_from_json(data: JSON) -> DepartmentIndicator:
    ref = data.get("reference") or {}
    return DepartmentIndicator(
        name=data["name"],
        value=value_from_json(data["value"]),
        reference=Reference(**{f: ref.get(f) for f in _REFERENCE_FIELDS}),
        **{name: data.get(name) for name in _DEPT_INDICATOR_TEXT},
    )


def department_to_json(d: Department) -> JSON:
    return {
        "name": d.name,
        "code": d.code,
        "strategic_goal": d.strategic_goal,
        "strategic_indicators": [_dept_indicator_to_json(i) for i in d.strategic_indicators],
        "annual_indicators": [_dept_indicator_to_json(i) for i in d.annual_indicators],
        "line": d.line,
    }


def department_from_json(data: JSON) -> Department:
    return Department(
        name=data["name"],
        code=data.get("code"),
        strategic_goal=data.get("strategic_goal"),
        strategic_indicators=tuple(_dept_indicator_from_json(i) for i in data.get("strategic_indicators") or ()),
        annual_indicators=tuple(_dept_indicator_from_json(i) for i in data.get("annual_indicators") or ()),
        line=data.get("line"),
    )


def _total_to_json(t: PrintedTotal) -> JSON:
    return {
        "label": t.label, "subject": t.subject, "printed": t.printed, "parts": list(t.parts),
        "places": t.places, "line": t.line, "where": t.where,
    }


def _total_from_json(data: JSON) -> PrintedTotal:
    return PrintedTotal(
        label=data["label"], subject=data["subject"], printed=float(data["printed"]),
        parts=tuple(float(x) for x in data.get("parts") or ()), places=int(data.get("places", 2)),
        line=data.get("line"), where=data.get("where"),
    )


def to_json(doc: Document) -> JSON:
    """The contract's JSON object for a document."""
    out: JSON = {
        "schema": SCHEMA_ID,
        "source": {"name": doc.source.name, "sha256": doc.source.sha256},
        "title": doc.title,
        "issuer": doc.issuer,
        "year": doc.year,
        "preface": doc.preface,
        "summary": [
            {"no": r.no, "department": r.department, "project": r.project, "budget": r.budget,
             "fund_type": r.fund_type}
            for r in doc.summary
        ],
        "projects": [project_to_json(p) for p in doc.projects],
        "departments": [department_to_json(d) for d in doc.departments],
        "warnings": [{"line": w.line, "where": w.where, "message": w.message} for w in doc.warnings],
    }
    if doc.totals:  # only where a table prints one, so documents without totals serialise as before
        out["totals"] = [_total_to_json(t) for t in doc.totals]
    return out


def from_json(data: JSON) -> Document:
    """A document from the contract's JSON; raises ``ValueError`` on a different schema."""
    if data.get("schema") != SCHEMA_ID:
        raise ValueError(f"not a {SCHEMA_ID} document: schema={data.get('schema')!r}")
    return Document(
        source=Source(data["source"]["name"], data["source"]["sha256"]),
        title=data.get("title"),
        issuer=data.get("issuer"),
        year=data.get("year"),
        preface=data.get("preface"),
        summary=tuple(
            SummaryRow(
                project=r["project"], no=r.get("no"), department=r.get("department"),
                budget=_float(r.get("budget")), fund_type=r.get("fund_type"),
            )
            for r in data.get("summary") or ()
        ),
        totals=tuple(_total_from_json(t) for t in data.get("totals") or ()),
        projects=tuple(project_from_json(p) for p in data["projects"]),
        departments=tuple(department_from_json(d) for d in data["departments"]),
        warnings=tuple(ReadWarning(w["message"], w.get("line"), w.get("where")) for w in data["warnings"]),
    )
