"""偏差原因 for generated actuals, wherever jixiao's own rules ask for one.

Whether an indicator needs a cause is not guessed here: the record is put to the core — at the year end
:func:`jixiao.evaluate.selfeval.evaluate_record` (an indicator scoring below its 分值 states a cause), at a
monitoring cut-off :func:`jixiao.evaluate.monitor.monitor_record` (a red or yellow indicator states its cause
and its 完成目标可能性) — with the region's own rules, so a generated year raises no ``cause-missing``
warning. The causes are the five official headings (:class:`jixiao.domain.actuals.Cause`), drawn by the
assumed mix in ``stats.json``; each comes with a sentence of 原因说明 under its heading and an 改进措施.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from functools import cache

from jixiao.domain.actuals import ActualRecord, Cause, IndicatorActual, Likelihood
from jixiao.evaluate.matching import Target
from jixiao.evaluate.monitor import cause_missing, monitor_record
from jixiao.evaluate.profile import MonitorProfile, load_profile
from jixiao.evaluate.results import Band
from jixiao.evaluate.selfeval import evaluate_record
from jixiao.evaluate.selfeval_profile import SelfEvalProfile, load_selfeval_profile
from jixiao.generate.stats import Stats

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


def lagging(
    target: Target, record: ActualRecord, month: int, year: int | None, rules: Rules
) -> dict[int, Band | None]:
    """The indicators (by position) the rules want a cause for: at the year end those scoring below their
    分值; before it, the red and yellow ones (with their band, for the 完成目标可能性)."""
    if month == 12:
        scored = evaluate_record(target, record, year, rules.selfeval)
        return {n: None for n, s in enumerate(scored.indicators) if s.score < s.weight}
    judged = monitor_record(target, record, month, year, rules.monitor, rules.rule)
    return {n: r.band for n, r in enumerate(judged.indicators) if cause_missing(r) is not None}


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


def explained(
    stats: Stats,
    rng: random.Random,
    target: Target,
    record: ActualRecord,
    month: int,
    year: int | None,
    rules: Rules,
) -> ActualRecord:
    """``record`` with a 偏差原因 (and at a monitoring cut-off a 完成目标可能性) on every indicator the rules
    want one for; its indicators are in the order of ``target``'s."""
    wanted = lagging(target, record, month, year, rules)
    if not wanted:
        return record
    rows = list(record.indicators)
    for n, band in wanted.items():
        rows[n] = _stated(stats, rng, rows[n], band)
    return replace(record, indicators=tuple(rows))
