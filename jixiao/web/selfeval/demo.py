"""Generated year-end self-evaluations for the demo: one round per sample region, with made-up actuals.

NOT real data. Every 全年执行数, 实际完成值, qualitative score, cause and measure here is drawn from a seeded
random generator so that the results page shows every grade (优 良 中 差), both warnings (red and yellow)
and every stage; the round's note says so on the page. The scores themselves are the core's, as for real
reports: the generator only picks, for each indicator, an actual the core scores near the share it wanted.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from jixiao.domain.actuals import Achievement, Cause, IndicatorActual
from jixiao.domain.values import format_number, is_deadline, parse_target_value
from jixiao.evaluate.selfeval import QUALITATIVE_RANGES, score_indicator
from jixiao.web.actions.selfeval import ROW_FIELDS, do_open_selfeval
from jixiao.web.monitoring.convert import live_indicators
from jixiao.web.monitoring.demo import CAUSE_NOTES, MEASURES
from jixiao.web.reporting.demo import fill_round, pick
from jixiao.web.selfeval.convert import apply_scores, profile_of
from jixiao.web.selfeval.models import SelfEvalRound, SelfEvaluation, SelfEvaluationIndicator
from jixiao.web.workflow.models import RoundSnapshot
from jixiao.web.workflow.states import Awaiting, State

NOTE = "演示数据：本批次的全年执行数、实际完成值、定性指标得分、偏差原因和改进措施均由程序随机生成，并非真实填报。"
# grade wanted → (indicator score share, budget execution share) ranges
GRADES = {
    "优": ((0.96, 1.0), (0.95, 1.0)),
    "良": ((0.84, 0.92), (0.86, 0.96)),
    "中": ((0.62, 0.78), (0.8, 0.95)),
    "差": ((0.3, 0.5), (0.35, 0.6)),
}
GRADE_SHARES = (("优", 30), ("良", 35), ("中", 22), ("差", 13))
STAGES = (("empty", 8), ("filled", 10), ("department", 14), ("finance", 22), ("done", 16), ("published", 30))
FACTORS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0, 1.05, 1.1, 1.3, 1.6, 1.9)


def _candidates(target: str) -> list[tuple[str, str]]:
    """Year-end actuals (实际完成值, 完成情况) one might report against a quantitative or deadline ``target``."""
    value = parse_target_value(target)
    if is_deadline(value):
        return [("已完成", Achievement.MET.value), ("未完成", Achievement.NOT_MET.value)]
    unit = value.unit or ""
    return [(f"{format_number(round((value.number or 0) * f, 2))}{unit}", "") for f in FACTORS]


def _report(rng: random.Random, record: SelfEvaluation, row: Any, share: float) -> None:
    """An actual for ``row`` the core scores near ``share`` of its weight, with a cause where points go."""
    weight = row.weight or 0.0
    value = parse_target_value(row.target)
    if not is_deadline(value) and (not value.is_quantitative or value.number is None):
        status = next(a for a, (low, _, _) in QUALITATIVE_RANGES.items() if share >= low)
        low, high, closed = QUALITATIVE_RANGES[status]
        top = high if closed else high - 0.01
        row.actual, row.status = "", status.value
        row.own_score = round(weight * min(max(share, low), top), 2)
    else:
        profile = profile_of(record)
        scored = []
        for actual, status in _candidates(row.target):
            reported = IndicatorActual(name=row.name, actual=parse_target_value(actual))
            result = score_indicator(row.name, value, reported, weight, year=record.year, profile=profile)
            scored.append((abs(result.score - share * weight), rng.random(), actual, status))
        _, _, row.actual, row.status = min(scored)
        row.own_score = None
    row.causes, row.cause_note, row.measures = [], "", ""
    if share < 0.999 or row.status != Achievement.MET:
        cause = rng.choice(list(Cause))
        row.causes, row.cause_note, row.measures = [cause.value], CAUSE_NOTES[cause], rng.choice(MEASURES)


def _fill(rng: random.Random, record: SelfEvaluation, planned: Decimal | None) -> None:
    """Generated year-end figures for one 自评表 aiming at a grade (and now and then a warning)."""
    record.planned = record.planned if record.planned is not None else planned
    (s_low, s_high), (e_low, e_high) = GRADES[pick(rng, GRADE_SHARES)]
    share, execution = rng.uniform(s_low, s_high), rng.uniform(e_low, e_high)
    if rng.random() < 0.2:  # spending well behind the results: the red warning
        execution = max(0.3, share - rng.uniform(0.1, 0.25))
    if not record.budget_basis:  # a target without funds in the sample: a generated budget
        record.planned = Decimal(rng.choice((20, 50, 80, 120, 300)))
    if record.budget_basis:
        record.executed = Decimal(f"{float(record.budget_basis) * execution:.2f}")
    rows = live_indicators(record)
    for row in rows:
        _report(rng, record, row, min(1.0, max(0.0, share + rng.uniform(-0.08, 0.08))))
    record.goal_result = "年度目标基本完成，部分指标存在偏差（演示数据）。"
    apply_scores(record, rows)
    SelfEvaluationIndicator.objects.bulk_update(rows, ROW_FIELDS)


def _send(record: SelfEvaluation, stage: str) -> None:
    """Leave a filled 自评表 where ``stage`` says, with the snapshot a submission keeps."""
    if stage == "filled":
        return
    record.round, record.state = 1, State.SUBMITTED
    if stage == "department":
        record.awaiting = Awaiting.DEPARTMENT if record.unit_id else Awaiting.FINANCE
    elif stage == "finance":
        record.awaiting = Awaiting.FINANCE
    else:
        record.state = State.APPROVED if stage == "done" else State.PUBLISHED
    RoundSnapshot.objects.create(
        kind=record.KIND, object_id=record.pk, round=1, state=State.SUBMITTED, snapshot=record.snapshot()
    )
    if stage == "published":
        record.published_at = dt.datetime(record.year + 1, 3, 31, tzinfo=dt.UTC)


def open_demo_selfeval(region: Any, year: int, admin: Any, home_unit: Any = None) -> SelfEvalRound:
    """The year's self-evaluation of ``region`` with generated reports; ``home_unit`` (the demo unit
    editor's) takes its department's 自评表 that name no unit: one left to fill, one waiting for the
    department."""
    round_ = do_open_selfeval(
        acting_user=admin, region=region, year=year, due_date=dt.date(year + 1, 2, 28), note=NOTE
    )
    rng = random.Random(f"jixiao-demo-selfeval-{region.name}-{year}")
    records = list(round_.records.select_related("region").order_by("id"))
    fill_round(rng, records, STAGES, _fill, _send, home_unit, home_records=2)
    return round_
