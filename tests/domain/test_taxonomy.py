"""Category labels in every spelling the documents use map to the canonical 一级/二级 labels."""

import pytest

from jixiao.domain.taxonomy import (
    Framework,
    Level1,
    Level2,
    canonical_level1,
    canonical_level2,
    framework_of,
    level1_of,
)


@pytest.mark.parametrize(
    ("printed", "level2"),
    [
        ("数量指标", Level2.QUANTITY),
        ("可持续影响指 标", Level2.SUSTAINABILITY),
        ("可持续影响力", Level2.SUSTAINABILITY),
        ("服务对象满 意度指标", Level2.SATISFACTION),
        ("服务对象 满意度指标", Level2.SATISFACTION),
        ("社会效益", Level2.SOCIAL_BENEFIT),
        ("经济效益 指标", Level2.ECONOMIC_BENEFIT),
        ("经济成本指标", Level2.ECONOMIC_COST),
        ("生态环境成本指标", Level2.ECOLOGICAL_COST),
        ("成本指标", Level2.COST),
        ("<b>时效指标</b>", Level2.TIMELINESS),
    ],
)
def test_level2_spellings(printed, level2):
    assert canonical_level2(printed) is level2


@pytest.mark.parametrize("printed", ["", "标", "호미·14:1-", "W W 114 1-", "劳务派遣人员数量", "成本控制"])
def test_non_labels_are_not_categories(printed):
    assert canonical_level2(printed) is None


@pytest.mark.parametrize(
    ("printed", "level1"),
    [("产出指标", Level1.OUTPUT), ("效益指", Level1.EFFECT), ("满意度 指标", Level1.SATISFACTION),
     ("成本指标", Level1.COST)],
)
def test_level1_spellings(printed, level1):
    assert canonical_level1(printed) is level1


def test_level1_is_derived_from_level2_in_both_frameworks():
    assert level1_of(Level2.COST) is Level1.OUTPUT  # 2020: 成本 under 产出
    assert level1_of(Level2.ECONOMIC_COST) is Level1.COST  # 2021: 成本 first-level
    assert level1_of(Level2.SUSTAINABILITY) is Level1.EFFECT
    assert level1_of(Level2.SATISFACTION) is Level1.SATISFACTION


def test_framework_follows_the_cost_level():
    assert framework_of({Level2.COST, Level2.QUANTITY}, {Level1.OUTPUT}) is Framework.F2020
    assert framework_of({Level2.ECONOMIC_COST}, {Level1.COST}) is Framework.F2021
