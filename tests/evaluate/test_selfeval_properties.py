"""Properties of self-evaluation scores: every score lies between 0 and its weight, more done never scores a
higher-is-better indicator lower nor a lower-is-better one higher, budget scores never fall as spending grows
(to the cap), default weights always sum to 90, and no total exceeds 100."""

from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain import (
    Achievement,
    ActualRecord,
    Actuals,
    Budget,
    Cause,
    Document,
    Indicator,
    IndicatorActual,
    Level1,
    Level2,
    Project,
    Source,
    parse_target_value,
)
from jixiao.domain.values import TargetValue, ValueKind, format_number
from jixiao.evaluate.selfeval import default_weights, evaluate, score_budget, score_indicator
from jixiao.evaluate.selfeval_profile import load_selfeval_profile

PROFILE = load_selfeval_profile()
actuals_ = st.floats(min_value=-1e3, max_value=1e7, allow_nan=False).map(lambda x: round(x, 2))
targets = st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda x: round(x, 2))
positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False).map(lambda x: round(x, 2))
weights = st.integers(min_value=0, max_value=9000).map(lambda c: c / 100)
units = st.sampled_from(["人", "%", "万元", "个", "人次/天"])
higher_ops, lower_ops = st.sampled_from(["≥", ">", "="]), st.sampled_from(["≤", "<"])


def scored(op, target, unit, actual, weight):
    value = parse_target_value(f"{op}{format_number(target)}{unit}")
    reported = IndicatorActual("指标", TargetValue(str(actual), ValueKind.NUMERIC, None, actual, None, unit))
    return score_indicator("指标", value, reported, weight, profile=PROFILE).score


@given(st.one_of(higher_ops, lower_ops), targets, units, actuals_, weights)
def test_a_score_lies_between_0_and_its_weight(op, target, unit, actual, weight):
    assert 0 <= scored(op, target, unit, actual, weight) <= weight


@given(higher_ops, positive, units, actuals_, actuals_, weights)
def test_higher_is_better_scores_never_fall_as_the_actual_rises(op, target, unit, a, b, weight):
    # "=0" is not higher-is-better: it is met only at 0 (see the table of cases)
    low, high = sorted((a, b))
    assert scored(op, target, unit, low, weight) <= scored(op, target, unit, high, weight)


@given(lower_ops, targets, units, actuals_, actuals_, weights)
def test_lower_is_better_scores_never_rise_as_the_actual_rises(op, target, unit, a, b, weight):
    low, high = sorted((a, b))
    assert scored(op, target, unit, low, weight) >= scored(op, target, unit, high, weight)


budgets = st.floats(min_value=0.01, max_value=1e7, allow_nan=False).map(lambda x: round(x, 2))
spent = st.floats(min_value=-10, max_value=2e7, allow_nan=False).map(lambda x: round(x, 2))


@given(budgets, spent, spent)
def test_budget_scores_lie_in_0_to_10_and_never_fall_as_spending_grows(basis, a, b):
    low, high = sorted((a, b))
    first, second = (
        score_budget(Budget(basis, None, low)).score,
        score_budget(Budget(basis, None, high)).score,
    )
    assert first is not None and second is not None
    assert 0 <= first <= second <= 10


levels = st.sampled_from(
    [Level1.OUTPUT.value, Level1.EFFECT.value, Level1.SATISFACTION.value, Level1.COST.value]
)


@given(st.lists(st.one_of(levels, st.none()), min_size=1, max_size=40))
def test_default_weights_sum_to_90_to_the_cent(chosen):
    found = default_weights(chosen, PROFILE)
    assert len(found) == len(chosen) and min(found) >= 0
    assert round(sum(found), 2) == 90.0


_LEVEL2 = {
    Level1.OUTPUT: Level2.QUANTITY,
    Level1.EFFECT: Level2.SOCIAL_BENEFIT,
    Level1.SATISFACTION: Level2.SATISFACTION,
    Level1.COST: Level2.ECONOMIC_COST,
}
indicator = st.tuples(
    st.sampled_from(list(_LEVEL2)),
    st.sampled_from(["≥", "≤", "=", ">", "<"]),
    targets,
    actuals_,
    st.sampled_from(list(Achievement)),
    st.floats(min_value=0, max_value=1),
)


@given(st.lists(indicator, min_size=1, max_size=12), budgets, spent)
def test_no_total_exceeds_100(rows, basis, executed):
    targets_, reported = [], []
    for n, (level1, op, target, actual, status, share) in enumerate(rows):
        name = f"指标{n}"
        qualitative = n % 3 == 2
        value = "显著提升" if qualitative else f"{op}{format_number(target)}个"
        targets_.append(Indicator(level1, _LEVEL2[level1], name, parse_target_value(value)))
        number = TargetValue(str(actual), ValueKind.NUMERIC, None, actual, None, "个")
        reported.append(
            IndicatorActual(name, number, status=status, score=share * 100, causes=(Cause.OTHER,))
            if qualitative
            else IndicatorActual(name, number, causes=(Cause.OTHER,))
        )
    doc = Document(Source("t", "0" * 64), projects=(Project("项目", indicators=tuple(targets_)),))
    actuals = Actuals(
        2023, 12, (ActualRecord("项目", budget=Budget(basis, None, executed), indicators=tuple(reported)),)
    )
    record = evaluate(doc, actuals, PROFILE).projects[0]
    assert 0 <= record.total <= 100
    assert all(0 <= i.score <= i.weight for i in record.indicators)
