"""Properties of the bands: more done never makes a higher-is-better indicator worse, nor a lower-is-better
one better; a budget's band never falls as spending grows."""

from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain import Budget, IndicatorActual, parse_target_value
from jixiao.domain.values import TargetValue, ValueKind, format_number
from jixiao.evaluate.monitor import judge_budget, judge_indicator
from jixiao.evaluate.profile import load_profile
from jixiao.evaluate.results import Band

PROFILE = load_profile()
# Rank from bad to good: red < yellow < green < blue.
RANK = {Band.RED: 0, Band.YELLOW: 1, Band.GREEN: 2, Band.BLUE: 3}

amounts = st.floats(min_value=0, max_value=1e7, allow_nan=False).map(lambda x: round(x, 2))
targets = st.floats(min_value=0.01, max_value=1e6, allow_nan=False).map(lambda x: round(x, 2))
months = st.integers(min_value=1, max_value=12)
units = st.sampled_from(["人", "%", "万元", "个", "人次/天", "‰"])
names = st.sampled_from(["培训人数", "满意度", "补助资金", "验收合格率", "新建道路"])


def band(op, target, unit, actual, month, name):
    value = parse_target_value(f"{op}{format_number(target)}{unit}")
    reported = IndicatorActual(name, TargetValue(str(actual), ValueKind.NUMERIC, None, actual, None, unit))
    result = judge_indicator(name, value, reported, month=month, year=2022, profile=PROFILE)
    assert result.band is not None
    return RANK[result.band]


@given(st.sampled_from(["≥", ">", "="]), targets, units, amounts, amounts, months, names)
def test_higher_is_better_bands_never_fall_as_the_actual_rises(op, target, unit, a, b, month, name):
    low, high = sorted((a, b))
    assert band(op, target, unit, low, month, name) <= band(op, target, unit, high, month, name)


@given(st.sampled_from(["≤", "<"]), targets, units, amounts, amounts, months, names)
def test_lower_is_better_bands_never_rise_as_the_actual_rises(op, target, unit, a, b, month, name):
    low, high = sorted((a, b))
    assert band(op, target, unit, low, month, name) >= band(op, target, unit, high, month, name)


@given(targets, amounts, amounts, months)
def test_budget_bands_never_fall_as_spending_rises(budget, a, b, month):
    low, high = sorted((a, b))

    def rank(executed):
        result = judge_budget(Budget(planned=budget, executed=executed), month, PROFILE.bands)
        assert result.band is not Band.BLUE
        return RANK[result.band]

    assert rank(low) <= rank(high)
