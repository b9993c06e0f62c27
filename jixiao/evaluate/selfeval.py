"""绩效自评 (issue 13 §1–2): year-end scoring of projects and departments against their approved targets.

The rules (财预〔2020〕10号 as issue 13 states them), with their numbers in the profile
(:mod:`jixiao.evaluate.selfeval_profile`):

- 分值: the unit's own per indicator, or the defaults — 预算执行率 10, 产出 50, 效益 30, 满意度 10, split
  equally among the indicators of each 一级 (成本 shares 产出's 50 unless the profile says otherwise); a
  missing 一级's points go to the others pro rata (满意度's to 产出 and 效益, configurable). Weights are
  apportioned to the cent so that they sum to exactly 90. A department's annual indicators, which have no 一级,
  share the 90 equally. A unit's weights that do not sum to 90 are a finding and the defaults apply.
- Budget score = min(10, 执行数 ÷ 全年预算数 × 10); a zero or missing budget is a finding, never a division.
- Higher-is-better (≥, >, = with target > 0): full when actual ≥ target, else actual ÷ target × weight.
  "=0": full when actual ≤ 0, else 0. Lower-is-better (≤, <, 前N名): full when actual ≤ target, then
  (1 − (actual − target) ÷ target) × weight, 0 from 2 × target. Negative actuals count as 0; scores are
  rounded half up to 2 decimals.
- Qualitative: 达成 / 部分达成 / 未达成 with a score in [80 %, 100 %] / [60 %, 80 %) / [0, 60 %) of the
  weight; outside is an error naming the range. Deadlines: on time full, late the profile's share (0).
- Over-achievement (actual ≥ 120 % of a higher-is-better target) is flagged; the profile may deduct the
  share beyond the threshold.
- Total = Σ indicator scores + budget score; grade by the region's bands (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差).
- Warnings: red when the indicator score rate runs more than 5 % (relative) ahead of budget execution,
  (s/90 − e)/(s/90) > 5 %, e = budget score ÷ 10; yellow when execution < 80 %. A cause is required (an
  error) wherever an indicator scores below its weight; a full score with a cause, or 未完成 written beside
  a met value, is a finding.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from jixiao.domain.actuals import Achievement, ActualRecord, Actuals, Budget, IndicatorActual
from jixiao.domain.model import Document
from jixiao.domain.taxonomy import Level1
from jixiao.domain.values import Op, TargetValue, ValueKind, format_number, is_deadline
from jixiao.evaluate.matching import (
    CAUSE_MISSING,
    DeadlineState,
    Target,
    actual_number,
    deadline_state,
    is_lower_better,
    pair,
    status_of,
    targets_of,
)
from jixiao.evaluate.results import Band
from jixiao.evaluate.selfeval_profile import GradeBands, SelfEvalProfile, load_selfeval_profile
from jixiao.evaluate.selfeval_results import (
    BudgetScore,
    Finding,
    Formula,
    Grade,
    IndicatorScore,
    RecordScore,
    SelfEvalResult,
)

_CENT = Decimal("0.01")
# (lowest share, highest share, whether the highest is included) of the weight a qualitative score may take
QUALITATIVE_RANGES = {
    Achievement.MET: (0.8, 1.0, True),
    Achievement.PARTLY: (0.6, 0.8, False),
    Achievement.NOT_MET: (0.0, 0.6, False),
}


def round2(x: float) -> float:
    """``x`` rounded half up to 2 decimals, as a person rounds the printed number (9.475 → 9.48)."""
    return float(Decimal(repr(x)).quantize(_CENT, ROUND_HALF_UP))


def grade_of(total: float, bands: GradeBands) -> Grade:
    """优 from ``bands.excellent``, 良 from ``good``, 中 from ``fair``, else 差."""
    if total >= bands.excellent:
        return Grade.EXCELLENT
    if total >= bands.good:
        return Grade.GOOD
    return Grade.FAIR if total >= bands.fair else Grade.POOR


def score_budget(budget: Budget, weight: float = 10.0) -> BudgetScore:
    """预算执行率's score: min(weight, executed ÷ basis × weight); findings instead where it cannot divide."""
    basis, executed = budget.basis, budget.executed
    findings = []
    if basis is None:
        findings.append(
            Finding("budget-missing", "未填写全年预算数（年初预算数、调整后预算数均为空），预算执行率不得分")
        )
    elif basis <= 0:
        findings.append(Finding("budget-zero", "全年预算数为 0，无法计算预算执行率，不得分"))
    if executed is None:
        findings.append(Finding("executed-missing", "未填写全年执行数，预算执行率不得分"))
    if basis is None or basis <= 0 or executed is None:
        return BudgetScore(basis, executed, None, weight, None, tuple(findings))
    spent = max(executed, 0.0)
    score = round2(min(weight, spent / basis * weight))
    return BudgetScore(basis, executed, spent * 100 / basis, weight, score, tuple(findings))


def _lower(value: float, goal: float, weight: float) -> float:
    if value <= goal:
        return weight
    if goal <= 0 or value >= 2 * goal:
        return 0.0
    return (1 - (value - goal) / goal) * weight


def score_value(
    name: str,
    target: TargetValue,
    value: float,
    weight: float,
    profile: SelfEvalProfile,
) -> tuple[Formula, float, bool]:
    """A quantitative indicator's formula, unrounded score and whether it is over-achieved, for an actual
    ``value`` already in the target's unit."""
    value = max(value, 0.0)  # a negative actual counts as 0
    goal = target.number or 0.0
    if target.kind is ValueKind.RANK or is_lower_better(name, target, profile.monitor):
        return Formula.LOWER, _lower(value, goal, weight), False
    if target.kind is ValueKind.RANGE and target.upper is not None and value >= goal:
        return Formula.RANGE, _lower(value, target.upper, weight), False
    if goal <= 0:
        met = value > 0 if target.op is Op.GT else value <= 0 or target.op is Op.GE
        return Formula.ZERO, weight if met else 0.0, False
    formula = Formula.RANGE if target.kind is ValueKind.RANGE else Formula.HIGHER
    if value < goal:
        return formula, value / goal * weight, False
    over = value * 100 >= goal * profile.over_threshold
    if over and profile.over_reduce:
        beyond = value / goal - profile.over_threshold / 100
        return formula, max(0.0, 1 - beyond) * weight, True
    return formula, weight, over


def qualitative_problem(name: str, status: Achievement, score: float, weight: float) -> Finding | None:
    """An error when a qualitative ``score`` lies outside the range its ``status`` allows, naming the range."""
    low, high, closed = QUALITATIVE_RANGES[status]
    lo, hi = low * weight, high * weight
    inside = lo - 1e-9 <= score and (score <= hi + 1e-9 if closed else score < hi - 1e-9)
    if inside:
        return None
    excluded = "" if closed else f"（不含 {hi:.2f}）"
    return Finding(
        "qualitative-range",
        f"“{name}”为{status.value}，得分须在 {lo:.2f} 至 {hi:.2f} 分之间{excluded}，填写的是 {score:.2f}",
        error=True,
    )


def _qualitative(name: str, actual: IndicatorActual, weight: float) -> tuple[float, list[Finding]]:
    status = status_of(actual)
    if status is None:
        message = f"“{name}”为定性指标，须填写完成状态（达成 / 部分达成 / 未达成）和得分"
        return 0.0, [Finding("no-status", message, error=True)]
    if actual.score is None:
        low, high, closed = QUALITATIVE_RANGES[status]
        bound = "" if closed else "（不含）"
        message = f"“{name}”为{status.value}，须填写得分：{low * weight:.2f} 至 {high * weight:.2f} 分{bound}"
        return 0.0, [Finding("no-score", message, error=True)]
    score = round2(actual.score)
    problem = qualitative_problem(name, status, score, weight)
    return (0.0, [problem]) if problem else (score, [])


def _deadline(
    target: TargetValue, actual: IndicatorActual, weight: float, year: int | None, profile: SelfEvalProfile
) -> tuple[float, list[Finding]]:
    state, note = deadline_state(target, actual, year, 12, profile.monitor.done_words)
    findings = [Finding(note.code, note.message)] if note else []
    if state is DeadlineState.PENDING:
        findings.append(Finding("not-due", f"完成时限“{target.raw}”在年度之后，尚未到期，按完成计分"))
    share = {DeadlineState.LATE: profile.late_share, DeadlineState.OVERDUE: 0.0}.get(state, 1.0)
    return share * weight, findings


def _reported(actual: IndicatorActual | None) -> bool:
    return actual is not None and bool(actual.actual.raw or actual.status or actual.score is not None)


def score_indicator(
    name: str,
    target: TargetValue,
    actual: IndicatorActual | None,
    weight: float,
    *,
    level1: str | None = None,
    year: int | None = None,
    profile: SelfEvalProfile | None = None,
) -> IndicatorScore:
    """One indicator's 得分 out of ``weight`` at the year end, with its findings."""
    profile = profile or load_selfeval_profile()
    if actual is None or not _reported(actual):
        missing = Finding("no-actual", f"“{name}”未填报实际完成值，不得分")
        return IndicatorScore(name, level1, target.raw, actual, None, weight, 0.0, False, (missing,))
    findings: list[Finding] = []
    over = False
    value, unit_note = (None, None)
    if target.is_quantitative and target.number is not None and not is_deadline(target):
        value, unit_note = actual_number(actual.actual, target.unit)
    if is_deadline(target):
        formula, (raw, findings) = Formula.DEADLINE, _deadline(target, actual, weight, year, profile)
    elif value is not None:
        formula, raw, over = score_value(name, target, value, weight, profile)
        findings += [Finding(unit_note.code, unit_note.message)] if unit_note else []
    else:
        if target.is_quantitative and target.number is not None:
            findings.append(
                Finding("not-numeric", f"实际完成值“{actual.actual.raw}”不是数值，按完成状态和得分计分")
            )
        formula, (raw, more) = Formula.QUALITATIVE, _qualitative(name, actual, weight)
        findings += more
    score = min(round2(raw), weight)
    if over:
        threshold = format_number(profile.over_threshold)
        findings.append(
            Finding(
                "over-achieved",
                f"实际完成值“{actual.actual.raw}”达到目标“{target.raw}”的 {threshold}% 以上，目标可能定得偏低",
            )
        )
    if not any(f.error for f in findings):  # a score the unit must correct first needs no cause yet
        findings += _cause_findings(name, actual, score, weight, profile)
    return IndicatorScore(name, level1, target.raw, actual, formula, weight, score, over, tuple(findings))


def _cause_findings(
    name: str, actual: IndicatorActual, score: float, weight: float, profile: SelfEvalProfile
) -> list[Finding]:
    has_cause = bool(actual.causes or actual.cause_note)
    if score < weight and not has_cause:
        message = f"“{name}”得分 {score:.2f} 低于分值 {weight:.2f}，须填写偏差原因"
        return [Finding(CAUSE_MISSING, message, error=True)]
    if score < weight:
        return []
    found = []
    if has_cause:
        found.append(Finding("cause-with-full-score", f"“{name}”得满分，却填写了偏差原因"))
    texts = [actual.cause_note or "", actual.measures or ""]
    texts += [actual.actual.raw] if actual.actual.kind is ValueKind.TEXT else []
    if word := next((w for w in profile.unmet_words if any(w in t for t in texts)), None):
        found.append(Finding("unmet-text", f"“{name}”已达到目标，说明中却写着“{word}”"))
    return found


def _group(level1: str | None, profile: SelfEvalProfile) -> str:
    if level1 == Level1.COST and profile.cost_shares_output:
        return Level1.OUTPUT.value
    return level1 or ""


def _apportion(exact: Sequence[float], total: float) -> list[float]:
    """``exact`` weights rounded to cents summing to ``total`` (largest remainder, ties to the first)."""
    cents = [round(w * 100, 6) for w in exact]
    floors = [math.floor(c) for c in cents]
    left = round(total * 100) - sum(floors)
    order = sorted(range(len(cents)), key=lambda n: (-(cents[n] - floors[n]), n))
    for n in order[: max(left, 0)]:
        floors[n] += 1
    return [c / 100 for c in floors]


def default_weights(levels: Sequence[str | None], profile: SelfEvalProfile) -> list[float]:
    """The profile's 分值 for indicators of the given 一级 (in order), summing to 100 − the budget's weight.

    Each 一级 shares its points equally; a 一级 with no indicator gives its points to those present pro rata
    (满意度's as ``missing_satisfaction`` says). Indicators without a 一级 (a department's) share everything."""
    if not levels:
        return []
    w = profile.weights
    if all(level is None for level in levels):
        return _apportion([profile.indicator_points / len(levels)] * len(levels), profile.indicator_points)
    points = {
        Level1.OUTPUT.value: w.output,
        Level1.EFFECT.value: w.effect,
        Level1.SATISFACTION.value: w.satisfaction,
    }
    if not profile.cost_shares_output:
        points[Level1.COST.value] = w.cost
    counts = {g: sum(_group(level, profile) == g for level in levels) for g in points}
    final = {g: p for g, p in points.items() if counts[g]}
    for group, share in points.items():
        if counts[group] or not final:
            continue
        receivers = list(final)
        if group == Level1.SATISFACTION and profile.missing_satisfaction != "pro-rata":
            wanted = (Level1.OUTPUT if profile.missing_satisfaction == "output" else Level1.EFFECT).value
            receivers = [wanted] if wanted in final else receivers
        base = sum(points[g] for g in receivers)
        for g in receivers:
            final[g] += share * (points[g] / base if base else 1 / len(receivers))
    exact = [
        final.get(_group(level, profile), 0.0) / max(counts.get(_group(level, profile), 0), 1)
        for level in levels
    ]
    return _apportion(exact, profile.indicator_points)


def _weights(
    target: Target, reported: dict[int, IndicatorActual], profile: SelfEvalProfile
) -> tuple[list[float], list[Finding]]:
    levels = list(target.levels) or [None] * len(target.indicators)
    defaults = default_weights(levels, profile)
    own = [reported[n].weight if n in reported else None for n in range(len(levels))]
    given = [x for x in own if x is not None]
    if not given:
        return defaults, []
    points = profile.indicator_points
    if len(given) < len(own):
        message = f"只有 {len(given)} 个指标（共 {len(own)} 个）填写了分值，按配置的默认分值计分"
    elif abs(sum(given) - points) > 0.005 or min(given) < 0:
        message = (
            f"单位填写的指标分值合计 {sum(given):.2f}，应为 {points:.2f}"
            f"（预算执行率 {format_number(profile.weights.budget)} 分之外），按配置的默认分值计分"
        )
    else:
        return [round2(x) for x in given], []
    return defaults, [Finding("weights", message)]


def score_warnings(indicator_score: float, budget: BudgetScore, profile: SelfEvalProfile) -> list[Finding]:
    """The red and yellow 预警 of a record whose indicators score ``indicator_score`` in all (public: a total
    adjusted in review is warned by the same rule). Red when the indicator score rate runs ahead of budget execution by more than ``red_relative`` % (relative);
    yellow when execution is below ``yellow_execution_below`` %."""
    found = []
    points, weight = profile.indicator_points, budget.weight
    if budget.score is not None and weight > 0 and indicator_score > 0 and points > 0:
        rate, execution = indicator_score / points, budget.score / weight
        ahead = round((rate - execution) / rate, 9)
        if ahead * 100 > profile.red_relative:
            found.append(
                Finding(
                    "red",
                    f"指标得分率 {rate * 100:.1f}% 比预算执行率 {execution * 100:.1f}% 高出 {ahead * 100:.1f}%（相对），"
                    f"超过 {format_number(profile.red_relative)}%：产出与资金使用不匹配",
                    Band.RED,
                )
            )
    if budget.execution_rate is not None and round(budget.execution_rate, 9) < profile.yellow_execution_below:
        threshold = format_number(profile.yellow_execution_below)
        message = f"预算执行率 {budget.execution_rate:.1f}% 低于 {threshold}%"
        found.append(Finding("yellow", message, Band.YELLOW))
    return found


def evaluate_record(
    target: Target, actual: ActualRecord, year: int | None = None, profile: SelfEvalProfile | None = None
) -> RecordScore:
    """One project's (or department's) self-evaluation against its targets."""
    profile = profile or load_selfeval_profile()
    reported, unknown = pair(target.indicators, actual.indicators, lambda t: t[0], lambda t: None)
    weights, findings = _weights(target, reported, profile)
    levels = target.levels or (None,) * len(target.indicators)
    scores = tuple(
        score_indicator(
            name, value, reported.get(n), weights[n], level1=levels[n], year=year, profile=profile
        )
        for n, (name, value) in enumerate(target.indicators)
    )
    if not scores:
        findings.append(Finding("no-indicators", "绩效目标中没有指标，指标部分不得分"))
    findings += [Finding("indicator-no-target", f"指标“{a.name}”在绩效目标中找不到，未计分") for a in unknown]
    budget = score_budget(actual.budget, profile.weights.budget)
    indicator_score = round2(sum(s.score for s in scores))
    findings += score_warnings(indicator_score, budget, profile)
    total = round2(indicator_score + (budget.score or 0.0))
    grade = grade_of(total, profile.grades)
    return RecordScore(
        actual.name,
        actual.code or target.code,
        scores,
        budget,
        indicator_score,
        total,
        grade,
        profile.consequences[grade.value],
        tuple(findings),
        actual.subordinate_units,
        actual.budget_note,
    )


# How the records are scored: ``map``, or one that spreads the calls over processes in order (``--jobs``).
# Called as mapper(fn, pairs) with fn a picklable partial of a module-level function.
Mapper = Callable[..., Iterable[RecordScore]]


def _score_pair(pair: tuple[Target, ActualRecord], year: int | None, profile: SelfEvalProfile) -> RecordScore:
    return evaluate_record(pair[0], pair[1], year, profile)


def evaluate(
    targets: Document,
    actuals: Actuals,
    profile: SelfEvalProfile | None = None,
    region: str | None = None,
    mapper: Mapper = map,
) -> SelfEvalResult:
    """Score a year's projects and departments (部门整体) against their targets: one result per one reported.
    Records score independently, so ``mapper`` may score them in other processes, in order."""
    base = profile or load_selfeval_profile()
    rules = base.for_region(region)
    year = actuals.year if actuals.year is not None else targets.year
    projects, departments = targets_of(targets)
    notes: list[Finding] = []
    if actuals.month != 12:
        notes.append(
            Finding("not-year-end", f"实际完成情况截至 {actuals.month} 月，不是年末（12 月），按其计分")
        )
    results: list[tuple[RecordScore, ...]] = []
    for kind, wanted, given in (
        ("项目", projects, actuals.projects),
        ("部门", departments, actuals.departments),
    ):
        matched, unknown = pair(wanted, given, lambda t: t.name, lambda t: t.code)
        pairs = [(wanted[n], a) for n, a in sorted(matched.items())]
        results.append(tuple(mapper(partial(_score_pair, year=year, profile=rules), pairs)))
        notes += [Finding("no-target", f"{kind}“{a.name}”在绩效目标中找不到，未自评") for a in unknown]
        if given:
            missing = (t for n, t in enumerate(wanted) if n not in matched)
            notes += [Finding("no-actual", f"{kind}“{t.name}”没有填报自评") for t in missing]
    if targets.year is not None and actuals.year is not None and targets.year != actuals.year:
        notes.append(
            Finding("year-mismatch", f"绩效目标为 {targets.year} 年，实际完成情况为 {actuals.year} 年")
        )
    g = rules.grades
    return SelfEvalResult(
        year,
        actuals.month,
        rules.name,
        region,
        (g.excellent, g.good, g.fair),
        results[0],
        results[1],
        tuple(notes),
    )
