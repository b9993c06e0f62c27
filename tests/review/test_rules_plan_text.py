"""PLAN-TEXT-COUNT-MISMATCH: a 数量 target counts what the project's own words say it will do."""

from jixiao.domain import Funds
from tests.review.builders import document, fired, ind, project


def test_a_count_in_the_purpose_contradicted_by_the_quantity_target() -> None:
    p = project(
        ind("数量", "新创建粤港澳大湾区“菜篮子”生产基地数量", "≥3个", 20),
        purpose="新晋升国家级农业产业化重点龙头企业2个；新创建粤港澳大湾区“菜篮子”基地20个。",
    )
    assert fired(document(p), "PLAN-TEXT-COUNT-MISMATCH") == [20]


def test_the_same_count_in_words_and_in_the_target_is_consistent() -> None:
    p = project(
        ind("数量", "新认定省级农业产业化联合体个数", "≥16个", 20),
        purpose="新认定省级农业产业化联合体16个；新创建农业产业化市级重点龙头企业30个。",
    )
    assert fired(document(p), "PLAN-TEXT-COUNT-MISMATCH") == []


def test_the_most_specific_clause_decides_which_count_is_meant() -> None:
    purpose = "新晋升国家级农业产业化重点龙头企业2个；新创建农业产业化市级重点龙头企业30个。"
    right = project(ind("数量", "新认定市级农业产业化龙头企业个数", "≥30个", 20), purpose=purpose)
    wrong = project(ind("数量", "新认定市级农业产业化龙头企业个数", "≥16个", 20), purpose=purpose)
    assert fired(document(right), "PLAN-TEXT-COUNT-MISMATCH") == []
    assert fired(document(wrong), "PLAN-TEXT-COUNT-MISMATCH") == [20]


def test_a_cost_indicator_naming_the_quantity_it_prices_counts_as_the_plan() -> None:
    p = project(
        ind("数量", "惠民演出", "≥171场", 20),
        ind("成本", "惠民演出200场需演出成本", "≤120万元", 25),
        funds=Funds(total=120.0),
    )
    report_lines = fired(document(p), "PLAN-TEXT-COUNT-MISMATCH")
    assert report_lines == [20]


def test_other_units_and_unrelated_outputs_are_not_compared() -> None:
    p = project(
        ind("数量", "配制杂交组合", "≥80个", 20),
        ind("数量", "演出场次", "≥171场", 21),
        goal="配制杂交组合80个以上；培训农民200人次；完成剧目排练3台。",
    )
    assert fired(document(p), "PLAN-TEXT-COUNT-MISMATCH") == []
