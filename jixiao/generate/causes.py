"""偏差原因 for generated actuals, wherever jixiao's own rules ask for one.

Whether an indicator needs a cause is not guessed here: the record is put to the core — at the year end
:func:`jixiao.evaluate.selfeval.evaluate_record` (an indicator scoring below its 分值 states a cause), at a
monitoring cut-off :func:`jixiao.evaluate.monitor.monitor_record` (a red or yellow indicator states its cause
and its 完成目标可能性) — with the region's own rules, so a generated year raises no ``cause-missing``
warning. The core's results of the records as returned come back with them (a cause changes no score or
band), so a writer of the year need not compute them again. The causes are the five official headings (:class:`jixiao.domain.actuals.Cause`), drawn by the
assumed mix in ``stats.json``; each comes with a sentence of 原因说明 under its heading and an 改进措施.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, TypeVar

from jixiao.domain.actuals import ActualRecord, Cause, IndicatorActual, Likelihood
from jixiao.evaluate.matching import CAUSE_MISSING, Target
from jixiao.evaluate.monitor import cause_missing, monitor_record
from jixiao.evaluate.profile import MonitorProfile, load_profile
from jixiao.evaluate.results import Band, IndicatorResult, RecordResult
from jixiao.evaluate.selfeval import evaluate_record
from jixiao.evaluate.selfeval_profile import SelfEvalProfile, load_selfeval_profile
from jixiao.evaluate.selfeval_results import IndicatorScore, RecordScore
from jixiao.generate.stats import Stats

_R = TypeVar("_R", RecordScore, RecordResult)

# 原因说明 a unit writes under each heading (several, so that a year's notes are not all alike)
CAUSE_NOTES: dict[Cause, tuple[str, ...]] = {
    Cause.FUNDING: (
        "上级补助资金尚未到位，部分支出延后。",
        "财政资金分批拨付，项目资金到位较晚。",
        "配套资金未能及时落实，影响项目推进。",
    ),
    Cause.RULES: (
        "配套管理办法仍在制定中。",
        "项目实施方案调整，审批流程延长。",
        "政府采购程序较长，合同签订延后。",
    ),
    Cause.STAFF: (
        "项目人员调整，工作衔接需要时间。",
        "专业技术人员不足，实施进度放缓。",
        "基层工作人员承担任务较多，力量不足。",
    ),
    Cause.FACILITIES: (
        "设备采购招标延期。",
        "场地改造尚未完工，部分工作无法开展。",
        "信息系统建设滞后，数据采集不及时。",
    ),
    Cause.OTHER: (
        "受季节性因素影响，主要工作集中在下半年。",
        "受天气影响，工程施工延后。",
        "服务对象需求变化，实际完成数低于预期。",
        "年初目标设定偏高，实际需求少于预期。",
    ),
}
MEASURES = (
    "加快资金拨付进度，按月调度。",
    "倒排工期，专人督办。",
    "优化实施方案，确保年底完成。",
    "加强与相关部门沟通协调，推动项目落地。",
    "下一年度结合实际合理设定绩效目标。",
)


@dataclass(frozen=True, slots=True)
class Rules:
    """A region's monitoring and self-evaluation rules, as jixiao applies them to its actuals."""

    monitor: MonitorProfile
    rule: str
    selfeval: SelfEvalProfile


@cache
def _profiles() -> tuple[MonitorProfile, SelfEvalProfile]:
    return load_profile(), load_selfeval_profile()


def rules_for(region: str | None) -> Rules:
    """The built-in profile's rules for ``region`` (its own where the profile names it)."""
    monitor, selfeval = _profiles()
    return Rules(monitor, monitor.rule_for(region), selfeval.for_region(region))


def _stated(stats: Stats, rng: random.Random, row: IndicatorActual, band: Band | None) -> IndicatorActual:
    first = Cause(stats.causes.draw(rng))
    causes = [first]
    if rng.random() < stats.actuals["second_cause"]:
        second = Cause(stats.causes.draw(rng))
        causes += [second] if second is not first else []
    likelihood = Likelihood(stats.likelihood[band.value].draw(rng)) if band is not None else None
    return replace(
        row,
        causes=tuple(causes),
        cause_note=rng.choice(CAUSE_NOTES[first]),
        likelihood=likelihood,
        measures=rng.choice(MEASURES),
    )


def _stated_record(
    stats: Stats,
    rng: random.Random,
    record: ActualRecord,
    result: _R,
    wanted: dict[int, Band | None],
    fixed: Callable[[Any, IndicatorActual], Any],
) -> tuple[ActualRecord, _R]:
    """``record`` with a cause on each wanted indicator (by position), and ``result`` with those indicators'
    results ``fixed`` to say what the core says of them now."""
    if not wanted:
        return record, result
    rows = tuple(
        _stated(stats, rng, row, wanted[n]) if n in wanted else row for n, row in enumerate(record.indicators)
    )
    indicators = tuple(fixed(x, rows[n]) if n in wanted else x for n, x in enumerate(result.indicators))
    return replace(record, indicators=rows), replace(result, indicators=indicators)


def explain_year_end(
    stats: Stats, rng: random.Random, target: Target, record: ActualRecord, year: int | None, rules: Rules
) -> tuple[ActualRecord, RecordScore]:
    """``record`` with a 偏差原因 on every indicator scoring below its 分值, and its self-evaluation — the
    core's, of the record as returned (the causes change nothing in a score: only the cause-missing error
    goes), so that the export need not score it again. ``record``'s indicators are in ``target``'s order."""
    scored = evaluate_record(target, record, year, rules.selfeval)
    wanted: dict[int, Band | None] = {n: None for n, s in enumerate(scored.indicators) if s.score < s.weight}

    def fixed(s: IndicatorScore, row: IndicatorActual) -> IndicatorScore:
        return replace(s, actual=row, findings=tuple(f for f in s.findings if f.code != CAUSE_MISSING))

    return _stated_record(stats, rng, record, scored, wanted, fixed)


def explain_cut_off(
    stats: Stats,
    rng: random.Random,
    target: Target,
    record: ActualRecord,
    month: int,
    year: int | None,
    rules: Rules,
) -> tuple[ActualRecord, RecordResult]:
    """``record`` with a 偏差原因 and a 完成目标可能性 on every red or yellow indicator at the end of
    ``month``, and its monitoring — the core's, of the record as returned (the cause-missing warnings gone)."""
    judged = monitor_record(target, record, month, year, rules.monitor, rules.rule)
    wanted = {n: r.band for n, r in enumerate(judged.indicators) if cause_missing(r) is not None}

    def fixed(r: IndicatorResult, row: IndicatorActual) -> IndicatorResult:
        return replace(r, actual=row, notes=tuple(x for x in r.notes if x.code != CAUSE_MISSING))

    return _stated_record(stats, rng, record, judged, wanted, fixed)
