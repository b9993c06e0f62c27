"""Generated monitoring data for the demo: a 1—6月 round per sample region, with made-up but plausible actuals.

NOT real data. Every figure here (执行数, each indicator's 当前完成情况, causes and measures) is drawn from a
seeded random generator so that the dashboard shows every band (red, yellow, green, blue) and every stage;
the round's note says so on the page. The bands themselves are computed by the core, as for real reports:
the generator only picks, for each indicator, an actual the core judges to be the band it wanted.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from jixiao.domain.actuals import Achievement, Cause, IndicatorActual, Likelihood
from jixiao.domain.values import format_number, is_deadline, parse_target_value
from jixiao.evaluate.monitor import judge_indicator
from jixiao.evaluate.profile import load_profile
from jixiao.web.actions.monitoring import do_open_round
from jixiao.web.monitoring.convert import apply_bands, live_indicators
from jixiao.web.monitoring.models import MonitoringIndicator, MonitoringRecord, MonitoringRound
from jixiao.web.reporting.demo import fill_round, pick
from jixiao.web.workflow.models import Comment, RoundSnapshot
from jixiao.web.workflow.states import Awaiting, State

MONTH = 6
NOTE = "演示数据：本批次的执行数、指标完成情况、偏差原因和改进措施均由程序随机生成，并非真实填报。"
RECORD_BANDS = (("green", 40), ("yellow", 25), ("red", 18), ("blue", 17))
FACTORS = (0.2, 0.35, 0.5, 0.6, 0.66, 0.72, 0.78, 0.85, 0.95, 1.0, 1.05, 1.15, 1.3, 1.5, 1.8)
CAUSE_NOTES = {
    Cause.FUNDING: "上级补助资金尚未到位，部分支出延后。",
    Cause.RULES: "配套管理办法仍在制定中。",
    Cause.STAFF: "项目人员调整，工作衔接需要时间。",
    Cause.FACILITIES: "设备采购招标延期。",
    Cause.OTHER: "受季节性因素影响，主要工作集中在下半年。",
}
MEASURES = ("加快资金拨付进度，按月调度。", "倒排工期，专人督办。", "优化实施方案，确保年底完成。")
# (stage, share): the stages a generated record is left in
STAGES = (("empty", 12), ("filled", 10), ("department", 18), ("finance", 32), ("returned", 10), ("done", 18))


def _candidates(target: str) -> list[tuple[str, str]]:
    """Actuals (当前完成情况, 定性 status) one might report against ``target``."""
    value = parse_target_value(target)
    if is_deadline(value):
        return [("进行中", ""), ("已完成", Achievement.MET.value)]
    if not value.is_quantitative or value.number is None:
        return [("", a.value) for a in Achievement]
    unit = value.unit or ""
    numbers = {value.number * f * s for f in FACTORS for s in (1.0, MONTH / 12)}
    return [(f"{format_number(round(n, 2))}{unit}", "") for n in sorted(numbers)]


def _actual(rng: random.Random, name: str, target: str, wanted: str, year: int) -> tuple[str, str, str]:
    """An actual the core judges ``wanted`` if one can be (else green, else anything): (actual, status, band)."""
    profile, value = load_profile(), parse_target_value(target)
    judged: dict[str, list[tuple[str, str]]] = {}
    for actual, status in _candidates(target):
        reported = IndicatorActual(
            name=name,
            actual=parse_target_value(actual or None),
            status=Achievement(status) if status else None,
        )
        result = judge_indicator(name, value, reported, month=MONTH, year=year, profile=profile)
        judged.setdefault(result.band.value if result.band else "", []).append((actual, status))
    for band in (wanted, "green", *judged):
        if judged.get(band):
            actual, status = rng.choice(judged[band])
            return actual, status, band
    return "", "", ""


def _wanted_bands(rng: random.Random, record_band: str, n: int) -> list[str]:
    """Indicator bands whose worst is ``record_band`` (one indicator carries it)."""
    calmer = {"blue": ["blue"], "green": ["green", "green", "blue"], "yellow": ["green", "green", "blue"]}
    others = calmer.get(record_band, ["green", "green", "yellow"])
    bands = [rng.choice(others) for _ in range(n)]
    if n:
        bands[rng.randrange(n)] = record_band
    return bands


def _fill(rng: random.Random, record: MonitoringRecord, planned: Decimal | None) -> None:
    """Generated figures for one record: its funds block and every indicator; bands by the core."""
    record.planned = record.planned if record.planned is not None else planned
    if record.planned:
        pace = {"red": (0.35, 0.55), "yellow": (0.62, 0.78)}.get(pick(rng, RECORD_BANDS), (0.85, 1.15))
        basis = float(record.planned)
        record.executed = Decimal(f"{basis * MONTH / 12 * rng.uniform(*pace):.2f}")
        record.expected = Decimal(f"{basis * rng.uniform(0.9, 1.0):.2f}")
    rows = live_indicators(record)
    for row, wanted in zip(rows, _wanted_bands(rng, pick(rng, RECORD_BANDS), len(rows)), strict=True):
        row.actual, row.status, band = _actual(rng, row.name, row.target, wanted, record.year)
        if band in ("red", "yellow"):
            row.causes = [c.value for c in rng.sample(list(Cause), rng.choice((1, 1, 2)))]
            row.cause_note = CAUSE_NOTES[Cause(row.causes[0])]
            row.likelihood = (
                Likelihood.POSSIBLE if band == "red" else rng.choice(list(Likelihood)[:2])
            ).value
            row.measures = rng.choice(MEASURES)
    record.goal_result = "按计划推进，上半年完成主要阶段性任务（演示数据）。"
    apply_bands(record, rows)
    MonitoringIndicator.objects.bulk_update(
        rows,
        ["actual", "status", "causes", "cause_note", "likelihood", "measures", "progress", "band", "rule"],
    )


def _send(record: MonitoringRecord, stage: str, admin: Any) -> None:
    """Leave a filled record where ``stage`` says, with the round's snapshot a submission keeps."""
    if stage == "filled":
        return
    record.round = 1
    record.state = State.SUBMITTED
    record.awaiting = {"department": Awaiting.DEPARTMENT, "finance": Awaiting.FINANCE}.get(
        stage, Awaiting.NOBODY
    )
    if record.owner_department_id and stage == "department":
        record.awaiting = Awaiting.FINANCE  # a department's own report goes to finance at once
    if stage == "returned":
        record.state = State.RETURNED
        Comment.objects.create(
            kind=record.KIND,
            object_id=record.pk,
            author=admin,
            round=1,
            text="请补充偏差原因的具体说明（演示意见）。",
        )
    elif stage == "done":
        record.state = State.APPROVED
    RoundSnapshot.objects.create(
        kind=record.KIND, object_id=record.pk, round=1, state=State.SUBMITTED, snapshot=record.snapshot()
    )


def open_demo_round(region: Any, year: int, admin: Any, home_unit: Any = None) -> MonitoringRound:
    """A 1—6月 round of ``region``'s ``year`` with generated reports; ``home_unit`` (the demo unit editor's)
    takes its department's records that name no unit: one left to fill, one waiting for the department."""
    round_ = do_open_round(
        acting_user=admin, region=region, year=year, month=MONTH, due_date=dt.date(year, 7, 15), note=NOTE
    )
    rng = random.Random(f"jixiao-demo-{region.name}-{year}")
    records = list(round_.records.select_related("monitoring_round__region").order_by("id"))
    fill_round(rng, records, STAGES, _fill, lambda r, stage: _send(r, stage, admin), home_unit)
    return round_
