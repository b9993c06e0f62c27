"""Sample whole years: regions → departments → projects → indicators, department targets and actuals.

Each region is drawn from its own random stream (seed, year, region number), so a region is the same whatever
the size asked for, the regions can be produced one at a time (memory bounded by one region) and in any
order. Names are synthetic (``模拟市安安安区``, ``模拟市安安安区民政局``, ``民政局项目003``); indicator names,
values, categories and amounts follow the learned statistics.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

from jixiao.domain.actuals import Achievement, ActualRecord, Actuals, Budget, IndicatorActual
from jixiao.domain.model import Department, DepartmentIndicator, Document, Funds, Indicator, Project, Source
from jixiao.domain.taxonomy import Level1, Level2
from jixiao.domain.values import OP_SYMBOLS, Op, TargetValue, ValueKind, format_number, is_deadline
from jixiao.evaluate.matching import targets_of
from jixiao.evaluate.results import RecordResult
from jixiao.evaluate.selfeval import QUALITATIVE_RANGES
from jixiao.evaluate.selfeval_results import RecordScore
from jixiao.generate.causes import explain_cut_off, explain_year_end, rules_for
from jixiao.generate.stats import Stats, from_bands, from_quantiles

MIDYEAR = 6  # 1–6月 monitoring; 12 is the self-evaluation
SELFEVAL_POINTS = 90.0  # indicator points of a self-evaluation (预算执行率 has the other 10)


@dataclass(frozen=True, slots=True)
class Region:
    """One region's year: its disclosure (targets) and the mid-year and year-end actuals, with jixiao's
    monitoring (``judged``) and self-evaluation (``scored``) of its projects' actuals, in project order —
    what :func:`jixiao.evaluate.monitor.monitor` and :func:`jixiao.evaluate.selfeval.evaluate` give for
    them, computed once while the causes were decided."""

    number: int
    name: str
    targets: Document
    monitoring: Actuals
    selfeval: Actuals
    judged: tuple[RecordResult, ...] = ()
    scored: tuple[RecordScore, ...] = ()


_SYLLABLES = "安平宁和兴华东西南北新城丰泰永昌康乐长清河山阳明文德正光福元嘉祥瑞金盛广顺定远通"
CITY = "模拟市"


def region_name(number: int) -> str:
    """``模拟市安平宁区``: three syllables for the number, so 64 000 regions a suffix (区, then 县, 旗)."""
    base = len(_SYLLABLES)
    suffix, rest = divmod(number, base**3)
    letters = "".join(_SYLLABLES[rest // base**k % base] for k in (2, 1, 0))
    return f"{CITY}{letters}{'区县旗'[suffix % 3]}"


def _rng(seed: int, year: int, number: int, part: str) -> random.Random:
    return random.Random(f"{seed}:{year}:{number}:{part}")


def plan_regions(stats: Stats, projects: int, seed: int, year: int) -> Iterator[tuple[int, list[int]]]:
    """(region number, projects per department) until ``projects`` are planned; the last region is cut."""
    left, number = projects, 0
    while left > 0:
        rng = _rng(seed, year, number, "plan")
        departments = max(1, int(stats.draw("departments_per_region", rng)))
        sizes = []
        for _ in range(departments):
            size = min(left, max(1, int(stats.draw("projects_per_department", rng))))
            sizes.append(size)
            left -= size
            if left == 0:
                break
        yield number, sizes
        number += 1


def _is_rate(unit: str | None) -> bool:
    return unit is not None and unit.startswith("%")


def _like(example: float, number: float) -> float:
    """``number`` written like ``example``: whole (at least 1) where the example is whole, else to the cent."""
    return float(max(1, round(number))) if example == int(example) else round(number, 2)


def _value(stats: Stats, name: str, rng: random.Random) -> TargetValue:
    """A value for ``name`` like the learned ones: the same unit and direction, the amount varied."""
    rows, pick = stats.values[name]
    value = rows[int(pick.draw(rng))]
    number, unit = value.number, value.unit
    if value.kind is not ValueKind.NUMERIC or not number or _is_rate(unit) or is_deadline(value):
        return value
    varied = _like(number, number * rng.lognormvariate(0.0, 0.6))
    sign = OP_SYMBOLS[value.op] if value.op else ""
    return TargetValue(f"{sign}{format_number(varied)}{unit or ''}", value.kind, value.op, varied, None, unit)


def _indicators(stats: Stats, rng: random.Random) -> tuple[Indicator, ...]:
    out = []
    for part in stats.draw("indicator_patterns", rng).split(";"):
        key, count = part.rsplit("*", 1)
        level1, level2 = key.split("/")
        for _ in range(int(count)):
            name = stats.names[key].draw(rng)
            out.append(Indicator(Level1(level1), Level2(level2), name, _value(stats, name, rng)))
    return tuple(out)


def _project(stats: Stats, rng: random.Random, department: str, kind: str, code: str, n: int) -> Project:
    total = round(from_quantiles(stats.data["funds_total"], rng, log=True), 2)
    fiscal = round(total * min(1.0, from_quantiles(stats.data["fiscal_share"], rng)), 2)
    return Project(
        name=f"{kind}项目{n + 1:03d}",
        code=code,
        funds=Funds(total=total, fiscal=fiscal, other=round(total - fiscal, 2)),
        indicators=_indicators(stats, rng),
        category=stats.draw("project_categories", rng) or None,
        fund_type=stats.draw("fund_types", rng) or None,
        department=department,
        unit=department,
    )


def _department(stats: Stats, rng: random.Random, name: str, code: str) -> Department:
    rows = tuple(
        DepartmentIndicator(name=n, value=_value(stats, n, rng), no=k + 1)
        for k, n in enumerate(
            stats.draw("department_indicator_names", rng)
            for _ in range(int(stats.draw("department_indicators_per_department", rng)))
        )
    )
    return Department(name=name, code=code, annual_indicators=rows)


def _actual_value(
    stats: Stats, target: TargetValue, rng: random.Random, share: float
) -> IndicatorActual | None:
    if target.kind is ValueKind.NUMERIC and target.number is not None and not is_deadline(target):
        reached = target.number * from_bands(stats.actuals["achievement"], rng)
        reached *= 1.0 if _is_rate(target.unit) else share  # a rate is not pro-rated over the year
        if target.op in (Op.LE, Op.LT):  # lower is better: a shortfall shows as more
            reached = target.number * (2 - from_bands(stats.actuals["achievement"], rng))
        number = round(reached, 2) if _is_rate(target.unit) else _like(target.number, reached)
        shown = format_number(number)
        return IndicatorActual(
            "", TargetValue(f"{shown}{target.unit or ''}", ValueKind.NUMERIC, None, number, None, target.unit)
        )
    return None


def _qualitative(stats: Stats, rng: random.Random, weight: float) -> tuple[Achievement, float]:
    """A status and a score in cents inside the range the self-evaluation allows it (达成 80–100 % of the
    weight, 部分达成 60–80 %, 未达成 below 60 %, an open upper end kept a cent below)."""
    status = Achievement(stats.actuals_status.draw(rng))
    low, high, closed = QUALITATIVE_RANGES[status]
    top = weight * high * 100 - (0 if closed else 1)
    cents = math.floor(min(top, weight * rng.uniform(low, high) * 100))
    return status, max(cents, math.ceil(weight * low * 100)) / 100


def _weights(n: int) -> list[float]:
    """The unit's own 分值: 90 points shared equally, to the cent, the last taking the remainder."""
    if n == 0:
        return []
    each = round(SELFEVAL_POINTS / n, 2)
    return [each] * (n - 1) + [round(SELFEVAL_POINTS - each * (n - 1), 2)]


def _record(
    stats: Stats,
    rng: random.Random,
    name: str,
    code: str,
    targets: list[tuple[str, TargetValue]],
    basis: float,
    month: int,
    rate: float,
) -> ActualRecord:
    share = 1.0 if month == 12 else month / 12
    weights = _weights(len(targets))
    rows = []
    for (ind_name, target), weight in zip(targets, weights, strict=True):
        actual = _actual_value(stats, target, rng, share)
        if actual is None:  # qualitative, text, deadlines: a status and, at the year end, a score
            status, score = _qualitative(stats, rng, weight)
            actual = IndicatorActual(
                "",
                TargetValue(status.value, ValueKind.QUALITATIVE),
                status,
                None,
                score if month == 12 else None,
            )
        end = month == 12
        rows.append(
            IndicatorActual(ind_name, actual.actual, actual.status, weight if end else None, actual.score)
        )
    executed = round(basis * rate, 2)
    return ActualRecord(name, code, Budget(planned=basis, executed=executed), indicators=tuple(rows))


@dataclass(frozen=True, slots=True)
class _Year:
    monitoring: Actuals
    selfeval: Actuals
    judged: tuple[RecordResult, ...]
    scored: tuple[RecordScore, ...]


def _actuals(stats: Stats, rng: random.Random, causes: random.Random, doc: Document, region: str) -> _Year:
    """The mid-year and year-end actuals of ``doc``'s projects, with the core's results of them; a cause
    (drawn from ``causes``, its own stream, so that the figures do not depend on it) wherever the region's
    rules want one."""
    mid: list[ActualRecord] = []
    end: list[ActualRecord] = []
    judged: list[RecordResult] = []
    scored: list[RecordScore] = []
    rules = rules_for(region)
    for p, target in zip(doc.projects, targets_of(doc)[0], strict=True):
        rate = from_bands(stats.actuals["execution_rate"], rng)
        midrate = rate * from_bands(stats.actuals["midyear_share"], rng)
        targets = [(i.name, i.value) for i in p.indicators]
        basis = p.funds.total or 0.0
        code = p.code or ""
        record = _record(stats, rng, p.name, code, targets, basis, MIDYEAR, midrate)
        stated, seen = explain_cut_off(stats, causes, target, record, MIDYEAR, doc.year, rules)
        mid.append(stated)
        judged.append(seen)
        record = _record(stats, rng, p.name, code, targets, basis, 12, rate)
        stated, score = explain_year_end(stats, causes, target, record, doc.year, rules)
        end.append(stated)
        scored.append(score)
    return _Year(
        Actuals(doc.year, MIDYEAR, tuple(mid)),
        Actuals(doc.year, 12, tuple(end)),
        tuple(judged),
        tuple(scored),
    )


def generate_region(stats: Stats, seed: int, year: int, number: int, sizes: list[int]) -> Region:
    """One region's year; the same (seed, year, number, sizes) give the same region."""
    rng = _rng(seed, year, number, "region")
    region = region_name(number)
    kinds: list[str] = []
    for _ in sizes:  # a region has each kind of department once
        kind = stats.draw("department_kinds", rng)
        while kind in kinds and len(kinds) < len(stats.mixes["department_kinds"].keys):
            kind = stats.draw("department_kinds", rng)
        kinds.append(kind if kind not in kinds else f"{kind}{len(kinds) + 1}")
    projects: list[Project] = []
    departments: list[Department] = []
    for d, (kind, size) in enumerate(zip(kinds, sizes, strict=True)):
        dept = f"{region}{kind}"
        dept_code = f"{number + 1:05d}{d + 1:03d}"
        departments.append(_department(stats, rng, dept, dept_code))
        projects += [_project(stats, rng, dept, kind, f"{dept_code}{n + 1:04d}", n) for n in range(size)]
    doc = Document(
        source=Source(f"generated-{seed}-{year}-{number + 1:05d}.json", f"{seed}:{year}:{number}"),
        title=f"{region}{year}年预算绩效目标（模拟）",
        issuer=f"{region}财政局",
        year=year,
        projects=tuple(projects),
        departments=tuple(departments),
    )
    done = _actuals(stats, rng, _rng(seed, year, number, "causes"), doc, region)
    return Region(number, region, doc, done.monitoring, done.selfeval, done.judged, done.scored)


def generate_year(stats: Stats, projects: int, seed: int, year: int) -> Iterator[Region]:
    """The regions of a year of ``projects`` projects, one at a time."""
    for number, sizes in plan_regions(stats, projects, seed, year):
        yield generate_region(stats, seed, year, number, sizes)
