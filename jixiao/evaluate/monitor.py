"""运行监控 (双监控): budget execution and target progress at a cut-off month, as traffic lights.

The rules (issue 12 §2), with their edges and word lists in the profile (:mod:`jixiao.evaluate.profile`):

- Budget: time progress t = month ÷ 12; v = (执行数 ÷ 预算数) ÷ t × 100, the budget being 调整后 when present,
  else 年初. v < 60 red, 60 ≤ v < 80 yellow, v ≥ 80 green. A zero or missing budget is a warning, never a
  division.
- Higher-is-better quantities (≥, >, =): a cumulative quantity is compared with the target pro-rated to the
  cut-off, v = 实际 ÷ (目标 × t) × 100; a rate or level (%, 满意度 …) with the target itself, v = 实际 ÷ 目标 × 100.
  v < 60 red, < 80 yellow, < 120 green, ≥ 120 blue. An actual of 0 is red. The profile can pro-rate every
  indicator, or some by name, or a region's (the national system's plain rule).
- Lower-is-better (≤, <; ranks 前N名): green when the actual meets the target, else red. Target 0 with =:
  green only when the actual is 0.
- Deadlines (11月底前, 2027年10月底前): green before the month, red once it has come and the task is not
  reported done in time. Qualitative: 达成 green, 部分达成 yellow, 未达成 red.
- A project's band is its worst indicator band; a warning when its cumulative indicators' mean progress and
  its budget's v differ by more than the profile's threshold.
- A red or yellow indicator must say why and whether it will still be met: its 偏差原因 (one of the official
  headings) and 完成目标可能性 — a warning ``cause-missing`` where either is not given (the web refuses to
  submit such a record).

Actuals are matched to targets by name (ignoring spaces and full-width forms), and by code where both have
one; what matches nothing is a warning, never silently dropped.
"""

from __future__ import annotations

from dataclasses import replace
from statistics import fmean

from jixiao.domain.actuals import Achievement, ActualRecord, Actuals, Budget, IndicatorActual
from jixiao.domain.model import Document
from jixiao.domain.values import Op, TargetValue, ValueKind, format_number, is_deadline
from jixiao.evaluate.matching import (
    CAUSE_MISSING,
    DeadlineState,
    Target,
    actual_number,
    contains_any,
    deadline_state,
    is_lower_better,
    pair,
    status_of,
    targets_of,
)
from jixiao.evaluate.profile import Bands, MonitorProfile, load_profile
from jixiao.evaluate.results import (
    Band,
    BudgetResult,
    IndicatorResult,
    MonitorResult,
    Note,
    RecordResult,
    Rule,
    worst,
)

_STATUS_BANDS = {Achievement.MET: Band.GREEN, Achievement.PARTLY: Band.YELLOW, Achievement.NOT_MET: Band.RED}
NEEDS_CAUSE = frozenset({Band.RED, Band.YELLOW})  # a lagging indicator states its 偏差原因 and 完成目标可能性


def time_progress(month: int) -> float:
    """时间进度 in %: the share of the year gone by the end of ``month``."""
    return month * 100 / 12


def band_of(progress: float, bands: Bands, blue: bool = True) -> Band:
    """The band of a progress ``v`` (%); without ``blue`` (budgets) everything from the green edge is green.

    ``v`` is rounded to 6 decimals first so that 60 computed as 59.999999999 still counts as 60."""
    v = round(progress, 6)
    if v < bands.red_below:
        return Band.RED
    if v < bands.yellow_below:
        return Band.YELLOW
    return Band.BLUE if blue and v >= bands.blue_from else Band.GREEN


def judge_budget(budget: Budget, month: int, bands: Bands) -> BudgetResult:
    """预算执行 at the end of ``month``: a band, or warnings saying why there is none."""
    t = time_progress(month)
    basis, executed = budget.basis, budget.executed
    notes = []
    if basis is None:
        notes.append(
            Note("budget-missing", "未填写预算数（年初预算数、调整后预算数均为空），无法计算预算执行进度")
        )
    elif basis == 0:
        notes.append(Note("budget-zero", "预算数为 0，无法计算预算执行进度"))
    if executed is None:
        notes.append(Note("executed-missing", "未填写执行数，无法计算预算执行进度"))
    if basis is None or basis == 0 or executed is None:
        return BudgetResult(basis, executed, None, t, None, None, tuple(notes))
    ratio = executed * 1200 / (basis * month)
    if executed > basis:
        notes.append(
            Note("over-budget", f"执行数 {format_number(executed)} 超过预算数 {format_number(basis)} 万元")
        )
    return BudgetResult(
        basis, executed, executed * 100 / basis, t, ratio, band_of(ratio, bands, blue=False), tuple(notes)
    )


def is_rate(name: str, unit: str | None, profile: MonitorProfile) -> bool:
    """A rate or level (比率、水平: %, 满意度, 人次/天 …), not a quantity that accumulates over the year."""
    rules = profile.indicators
    if contains_any(name, rules.cumulative_words):
        return False
    if unit and (unit in rules.rate_units or (rules.per_units_are_rates and "/" in unit)):
        return True
    return contains_any(name, rules.rate_words)


def _qualitative(
    name: str, target: TargetValue, actual: IndicatorActual, notes: list[Note]
) -> IndicatorResult:
    status = status_of(actual)
    if status is None:
        notes.append(Note("no-status", "定性指标须填写完成状态：达成 / 部分达成 / 未达成"))
        return IndicatorResult(name, target.raw, actual, Rule.QUALITATIVE, None, None, tuple(notes))
    return IndicatorResult(
        name, target.raw, actual, Rule.QUALITATIVE, None, _STATUS_BANDS[status], tuple(notes)
    )


def _deadline(
    name: str,
    target: TargetValue,
    actual: IndicatorActual,
    year: int | None,
    month: int,
    profile: MonitorProfile,
) -> IndicatorResult:
    """完成时限: done in time → green; not done → green before the deadline month, red from it on."""
    state, note = deadline_state(target, actual, year, month, profile.done_words)
    band = Band.RED if state in (DeadlineState.LATE, DeadlineState.OVERDUE) else Band.GREEN
    notes = (note,) if note else ()
    return IndicatorResult(name, target.raw, actual, Rule.DEADLINE, None, band, notes)


def _pro_rated(name: str, unit: str | None, profile: MonitorProfile, rule: str) -> bool:
    if rule == "pro-rated" or contains_any(name, profile.indicators.pro_rated_names):
        return True
    return not is_rate(name, unit, profile)


def judge_indicator(
    name: str,
    target: TargetValue,
    actual: IndicatorActual | None,
    *,
    month: int,
    year: int | None = None,
    profile: MonitorProfile | None = None,
    rule: str | None = None,
) -> IndicatorResult:
    """The band of one indicator at the end of ``month`` (``rule``: the region's "split" | "pro-rated")."""
    profile = profile or load_profile()
    rule = rule or profile.indicators.rule
    if actual is None or (not actual.actual.raw and actual.status is None):
        note = Note("no-actual", "未填报当前完成情况")
        return IndicatorResult(name, target.raw, actual, None, None, None, (note,))
    if is_deadline(target):
        return _deadline(name, target, actual, year, month, profile)
    notes: list[Note] = []
    if not target.is_quantitative or target.number is None:
        return _qualitative(name, target, actual, notes)
    value, unit_note = actual_number(actual.actual, target.unit)
    if value is None:
        notes.append(Note("not-numeric", f"当前完成情况“{actual.actual.raw}”不是数值，按完成状态判断"))
        return _qualitative(name, target, actual, notes)
    notes += [unit_note] if unit_note else []
    return _quantitative(name, target, actual, value, month, profile, rule, tuple(notes))


def _quantitative(
    name: str,
    target: TargetValue,
    actual: IndicatorActual,
    value: float,
    month: int,
    profile: MonitorProfile,
    rule: str,
    notes: tuple[Note, ...],
) -> IndicatorResult:
    goal = target.number or 0.0
    share = value * 100 / goal if goal else None  # actual ÷ target, shown where the band is met-or-not

    def result(how: Rule, progress: float | None, band: Band) -> IndicatorResult:
        return IndicatorResult(name, target.raw, actual, how, progress, band, notes)

    if target.kind is ValueKind.RANK or is_lower_better(name, target, profile):
        met = value < goal if target.op is Op.LT else value <= goal
        return result(Rule.LOWER, share, Band.GREEN if met else Band.RED)
    if target.kind is ValueKind.RANGE and target.upper is not None and goal <= value:
        return result(Rule.RANGE, share, Band.GREEN if value <= target.upper else Band.RED)
    if goal == 0:
        met = value > 0 if target.op is Op.GT else value == 0 or target.op is Op.GE
        return result(Rule.ZERO, None, Band.GREEN if met else Band.RED)
    # Higher-is-better, or below a range's lower end: progress against the (pro-rated) target.
    if _pro_rated(name, target.unit, profile, rule):
        how, progress = Rule.CUMULATIVE, value * 1200 / (goal * month)
    else:
        how, progress = Rule.RATE, value * 100 / goal
    if target.kind is ValueKind.RANGE:
        how = Rule.RANGE
    return result(how, progress, Band.RED if value == 0 else band_of(progress, profile.bands))


def cause_missing(result: IndicatorResult) -> Note | None:
    """The warning of a red or yellow indicator without its 偏差原因 or 完成目标可能性, naming what is missing."""
    if result.band not in NEEDS_CAUSE:
        return None
    actual = result.actual
    missing = [
        words
        for words, given in (
            ("偏差原因", actual is not None and actual.causes),
            ("完成目标可能性", actual is not None and actual.likelihood),
        )
        if not given
    ]
    if not missing:
        return None
    band = result.band.word if result.band else ""
    return Note(CAUSE_MISSING, f"{band}灯指标须填写{'和'.join(missing)}")


def _with_cause_check(result: IndicatorResult) -> IndicatorResult:
    note = cause_missing(result)
    return replace(result, notes=(*result.notes, note)) if note else result


def _divergence(indicators: list[IndicatorResult], budget: BudgetResult, threshold: float) -> Note | None:
    progress = [i.progress for i in indicators if i.rule is Rule.CUMULATIVE and i.progress is not None]
    if not progress or budget.ratio is None:
        return None
    mean = fmean(progress)
    if abs(mean - budget.ratio) <= threshold:
        return None
    return Note(
        "divergence",
        f"累计类指标平均进度 {mean:.1f} 与预算执行进度 {budget.ratio:.1f} 相差 {abs(mean - budget.ratio):.1f}，"
        f"超过 {format_number(threshold)} 个百分点：资金执行与产出进度不匹配",
    )


def monitor_record(
    target: Target, actual: ActualRecord, month: int, year: int | None, profile: MonitorProfile, rule: str
) -> RecordResult:
    """One project's (or department's) bands: each target indicator, its budget, its worst band."""
    reported, unknown = pair(target.indicators, actual.indicators, lambda t: t[0], lambda t: None)
    results = [
        _with_cause_check(
            judge_indicator(name, value, reported.get(n), month=month, year=year, profile=profile, rule=rule)
        )
        for n, (name, value) in enumerate(target.indicators)
    ]
    budget = judge_budget(actual.budget, month, profile.bands)
    notes = [Note("indicator-no-target", f"指标“{a.name}”在绩效目标中找不到，未参与判断") for a in unknown]
    if (divergence := _divergence(results, budget, profile.divergence)) is not None:
        notes.append(divergence)
    band = worst([r.band for r in results])
    return RecordResult(actual.name, actual.code or target.code, band, budget, tuple(results), tuple(notes))


def monitor(
    targets: Document, actuals: Actuals, profile: MonitorProfile | None = None, region: str | None = None
) -> MonitorResult:
    """Monitor a year's targets against actuals: one result per project and department reported on."""
    profile = profile or load_profile()
    rule = profile.rule_for(region)
    projects, departments = targets_of(targets)
    year = actuals.year if actuals.year is not None else targets.year
    notes: list[Note] = []
    results: list[tuple[RecordResult, ...]] = []
    for kind, wanted, reported in (
        ("项目", projects, actuals.projects),
        ("部门", departments, actuals.departments),
    ):
        matched, unknown = pair(wanted, reported, lambda t: t.name, lambda t: t.code)
        results.append(
            tuple(
                monitor_record(wanted[n], a, actuals.month, year, profile, rule)
                for n, a in sorted(matched.items())
            )
        )
        notes += [Note("no-target", f"{kind}“{a.name}”在绩效目标中找不到，未参与监控") for a in unknown]
        if reported:  # a file about projects only does not make every department target unreported
            missing = (t for n, t in enumerate(wanted) if n not in matched)
            notes += [Note("no-actual", f"{kind}“{t.name}”没有填报实际完成情况") for t in missing]
    if targets.year is not None and actuals.year is not None and targets.year != actuals.year:
        notes.append(Note("year-mismatch", f"绩效目标为 {targets.year} 年，实际完成情况为 {actuals.year} 年"))
    return MonitorResult(
        year,
        actuals.month,
        time_progress(actuals.month),
        profile.name,
        region,
        results[0],
        results[1],
        tuple(notes),
    )
