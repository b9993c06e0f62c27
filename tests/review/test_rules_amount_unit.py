"""AMOUNT-IN-YUAN: a budget labelled 万元 that holds 元, shown by the project's own amounts in 万元."""

from jixiao.domain import Funds
from tests.review.builders import BASE, check, document, fired, ind, project

NO_COST = tuple(i for i in BASE if i.level2.value != "成本指标")


def test_budget_in_yuan_beside_a_cost_in_wan() -> None:
    p = project(ind("成本", "总成本", "≤800万元", 13), *NO_COST, base=False, budget=8000000)
    findings = [f for f in check(document(p)).findings if f.rule == "AMOUNT-IN-YUAN"]
    assert [f.line for f in findings] == [1]
    assert "8000000" in findings[0].message and "800万元" in findings[0].message
    assert "800万元" in findings[0].suggestion  # the budget converted


def test_budget_in_yuan_shown_by_the_calculation_text() -> None:
    text = "监控系统维护每月2500元，一年合计30000元；链路租金一年302400元，总计一年332400元。"
    p = project(budget=332400, calculation_basis=text, base=True)
    assert fired(document(p), "AMOUNT-IN-YUAN") == [1]


def test_cost_stated_in_yuan_equal_to_the_budget_in_yuan() -> None:
    """≤243800元 is 24.38万元: the printed 243800 under 万元 is that same amount in 元."""
    p = project(ind("成本", "总成本", "不超过243800元", 13), *NO_COST, base=False, budget=243800)
    assert fired(document(p), "AMOUNT-IN-YUAN") == [1]


def test_budget_in_wan_is_quiet() -> None:
    assert fired(document(project(budget=100)), "AMOUNT-IN-YUAN") == []


def test_one_amount_that_agrees_with_the_budget_confirms_wan() -> None:
    """A big project whose calculation names its total in 万元 as printed is read as 万元, whatever a small
    cost indicator says."""
    p = project(
        ind("成本", "设备购置成本", "≤2万元", 13),
        *NO_COST,
        base=False,
        budget=20000,
        calculation_basis="道路改造20000万元，其中设备购置2万元",
    )
    assert fired(document(p), "AMOUNT-IN-YUAN") == []


def test_unit_standards_and_small_gaps_are_no_evidence() -> None:
    standard = project(ind("成本", "人均补助标准", "2000元", 16), budget=1000)  # 0.2万元 a person
    hundredfold = project(ind("成本", "总成本", "≤100万元", 13), *NO_COST, base=False, budget=10000)
    nothing = project(*NO_COST, base=False, budget=8000000)  # no amount stated anywhere: nothing to compare
    assert fired(document(standard), "AMOUNT-IN-YUAN") == []
    assert fired(document(hundredfold), "AMOUNT-IN-YUAN") == []
    assert fired(document(nothing), "AMOUNT-IN-YUAN") == []


def test_the_cost_rules_do_not_blame_the_cost_indicators_for_a_budget_in_yuan() -> None:
    in_yuan = project(ind("成本", "总成本", "≤15万元", 13), *NO_COST, base=False, budget=150000)
    short = project(ind("成本", "总成本", "≤15万元", 13), *NO_COST, base=False, budget=100)
    assert fired(document(in_yuan), "COST-FAR-BELOW-BUDGET") == []
    assert fired(document(short), "COST-FAR-BELOW-BUDGET") == [13]  # a real gap in 万元 still is one
    goal = "使用资金15万元，完成培训任务"
    assert fired(document(project(budget=150000, goal=goal)), "GOAL-FUNDS-MISMATCH") == []
    assert fired(document(project(budget=100, goal=goal)), "GOAL-FUNDS-MISMATCH") == [1]


def test_funds_parts_are_not_evidence_of_yuan() -> None:
    p = project(funds=Funds(total=100, fiscal=100), calculation_basis="培训300人，每人0.33万元，共100万元")
    assert fired(document(p), "AMOUNT-IN-YUAN") == []


def test_amount_stated_in_words_of_a_cost_value_or_its_explanation() -> None:
    """A cost value the grammar cannot read still states money, and so does its 指标解释."""
    words = project(
        ind("成本", "总成本", "总成本不超过17.28万元一年", 13), *NO_COST, base=False, budget=172800
    )
    explained = project(
        ind("成本", "服务费成本", "小于等于23,739,200.00", 13, description="服务费总成本小于等于23739200元"),
        *NO_COST,
        base=False,
        budget=23739200,
    )
    yearly = project(ind("成本", "总成本", "总成本不超过5万元/年", 13), *NO_COST, base=False, budget=50000)
    assert fired(document(words), "AMOUNT-IN-YUAN") == [1]
    assert fired(document(yearly), "AMOUNT-IN-YUAN") == [1]  # 万元/年 is a year's amount, not a unit price
    assert fired(document(explained), "AMOUNT-IN-YUAN") == [1]
    assert (
        fired(
            document(
                project(
                    ind("成本", "总成本", "总成本不超过17.28万元一年", 13), *NO_COST, base=False, budget=17.28
                )
            ),
            "AMOUNT-IN-YUAN",
        )
        == []
    )


def test_a_price_per_unit_in_words_is_no_amount_spent() -> None:
    """≤350 元/人/天 under 成本指标 is a standard: a budget of 41万元 is not 1,171 times it in 元."""
    p = project(ind("成本", "残疾人工作者培训成本", "≤350 元/人/天", 13), *NO_COST, base=False, budget=41)
    assert fired(document(p), "AMOUNT-IN-YUAN") == []
