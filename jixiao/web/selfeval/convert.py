"""Self-evaluation rows ↔ the pure core: a 自评表 as ``jixiao/actuals@1`` objects (monitoring's conversion,
with the unit's 分值 and qualitative 得分), its scores from :func:`jixiao.evaluate.selfeval.evaluate_record`,
its snapshot for rounds and audit, and what stops a submission.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from jixiao.domain.actuals import ActualRecord
from jixiao.domain.values import parse_target_value
from jixiao.evaluate.matching import Target
from jixiao.evaluate.selfeval import evaluate_record, grade_of, round2, score_warnings
from jixiao.evaluate.selfeval_profile import SelfEvalProfile, load_selfeval_profile
from jixiao.evaluate.selfeval_results import BudgetScore, RecordScore
from jixiao.web.monitoring.convert import live_indicators, record_actuals, record_snapshot

WARNING_CODES = frozenset({"red", "yellow"})
INDICATOR_FIELDS = ("weight", "score", "formula", "findings")
ROW_SCORES = ("measures", "own_weight", "own_score", "weight", "score", "adjusted_score", "adjust_reason")
RECORD_FIELDS = (
    "indicator_score",
    "budget_score",
    "execution_rate",
    "unit_total",
    "total",
    "result",
    "consequence",
    "red",
    "yellow",
    "warnings",
)


def profile_of(record: Any) -> SelfEvalProfile:
    """The self-evaluation rules of the record's region (its grade bands, consequences …)."""
    return load_selfeval_profile().for_region(record.region.name if record.region_id else None)


def core_target(record: Any, rows: list[Any]) -> Target:
    """What the core scores against: the approved indicators (with their 一级 for a project's weights)."""
    indicators = tuple((r.name, parse_target_value(r.target)) for r in rows)
    levels = tuple(r.level1 or None for r in rows) if record.project_id else ()
    return Target(record.name, record.code or None, indicators, levels)


def score(record: Any, rows: list[Any] | None = None) -> RecordScore:
    """The record as the core scores it now (saved or not: ``rows`` may carry unsaved values)."""
    rows = live_indicators(record) if rows is None else rows
    actual = selfeval_actuals(record, rows)
    return evaluate_record(core_target(record, rows), actual, record.year, profile_of(record))


def selfeval_actuals(record: Any, rows: list[Any]) -> ActualRecord:
    """What the 自评表 reports as ``jixiao/actuals@1``: monitoring's conversion with the unit's 分值 and
    qualitative 得分."""
    actual = record_actuals(record, rows)
    reported = tuple(
        dataclasses.replace(a, weight=r.own_weight, score=r.own_score)
        for a, r in zip(actual.indicators, rows, strict=True)
    )
    return dataclasses.replace(actual, indicators=reported)


def apply_scores(record: Any, rows: list[Any] | None = None) -> RecordScore:
    """Store what the core computes on the record and its rows (not saved here), finance's adjustments
    counted in the total and the grade."""
    rows = live_indicators(record) if rows is None else rows
    result = score(record, rows)
    for row, scored in zip(rows, result.indicators, strict=True):
        row.weight, row.score = scored.weight, scored.score
        row.formula = scored.formula.value if scored.formula else ""
        row.findings = [f.to_json() for f in scored.findings]
    record.indicator_score = result.indicator_score
    record.budget_score = result.budget.score
    record.execution_rate = result.budget.execution_rate
    record.unit_total = result.total
    record.warnings = [f.to_json() for f in (*result.findings, *result.budget.findings)]
    recount(record, rows, result.budget)
    return result


def recount(record: Any, rows: list[Any], budget: BudgetScore | None = None) -> None:
    """The total, grade, consequence and the red and yellow 预警 with each indicator's final score (finance's
    where it adjusted): the core's warning rule over the adjusted indicator total, so a 复核 that lowers the
    scores to what was spent clears a red warning, and one that raises them may set it."""
    profile = profile_of(record)
    budget = budget or score(record, rows).budget
    indicators = round2(sum(r.final_score or 0.0 for r in rows))
    warned = [f.to_json() for f in score_warnings(indicators, budget, profile)]
    kept = [w for w in record.warnings or [] if w.get("code") not in WARNING_CODES]
    record.warnings = [*kept, *warned]
    record.red = any(w["code"] == "red" for w in warned)
    record.yellow = any(w["code"] == "yellow" for w in warned)
    final = round2(indicators + (record.budget_score or 0.0))
    grade = grade_of(final, profile.grades)
    record.total, record.result, record.consequence = final, grade.value, profile.consequences[grade.value]


def stored_score(record: Any, rows: list[Any] | None = None) -> RecordScore:
    """The record's score as it stands, for its files: the core's, with finance's adjusted scores in the
    indicators, the total, the grade and the warnings."""
    rows = live_indicators(record) if rows is None else rows
    result = score(record, rows)
    indicators = tuple(
        dataclasses.replace(i, score=r.final_score if r.final_score is not None else i.score)
        for i, r in zip(result.indicators, rows, strict=True)
    )
    profile = profile_of(record)
    indicator_score = round2(sum(i.score for i in indicators))
    total = round2(indicator_score + (result.budget.score or 0.0))
    grade = grade_of(total, profile.grades)
    others = tuple(f for f in result.findings if f.code not in WARNING_CODES)
    return dataclasses.replace(
        result,
        indicators=indicators,
        indicator_score=indicator_score,
        total=total,
        grade=grade,
        consequence=profile.consequences[grade.value],
        findings=(*others, *score_warnings(indicator_score, result.budget, profile)),
    )


def located_errors(result: RecordScore) -> dict[str, str]:
    """The errors the unit must correct, keyed by where they are (``indicators.2.own_score``)."""
    problems: dict[str, str] = {}
    for n, scored in enumerate(result.indicators):
        for f in scored.findings:
            if f.error:
                where = "own_score" if f.code in ("qualitative-range", "no-score") else "causes"
                where = "status" if f.code == "no-status" else where
                problems.setdefault(f"indicators.{n}.{where}", f.message)
    return problems


def selfeval_snapshot(record: Any) -> dict[str, Any]:
    """The 自评表 as plain data: what a round keeps and the audit log's before and after hold."""
    return record_snapshot(record, ("total", "result"), ROW_SCORES)


def submit_problem(record: Any) -> str | None:
    """Why a 自评表 cannot be submitted: no 全年执行数, an indicator not reported, or what the core says the
    unit must correct (a qualitative score outside its range, no cause where points are lost)."""
    rows = live_indicators(record)
    if problem := record.unfilled({"全年执行数": record.executed is not None}):
        return problem
    if empty := [r.name for r in rows if not r.actual.strip() and not r.status]:
        return f"不能报送：以下指标未填报实际完成值：{'、'.join(empty[:5])}。"
    errors = score(record, rows).errors
    if errors:
        return "不能报送：" + "；".join(f.message for f in errors[:5]) + "。"
    return None
