"""完整性 and 资金匹配 rules, each on a case built to show it and a near case that must stay silent."""

from jixiao.domain import Funds
from tests.review.builders import BASE, SpendingPoint, check, department, document, fired, ind, project, row


def test_clean_project_has_no_findings() -> None:
    assert fired(document(project()), "LEVEL1-MISSING") == []


def test_level1_missing_names_the_missing_dimension() -> None:
    p = project(ind("数量", "人数", "≥1人", 20), ind("成本", "成本", "≤1万元", 21), base=False, budget=1)
    findings = [f for f in check(document(p)).findings if f.rule == "LEVEL1-MISSING"]
    assert len(findings) == 1 and "效益指标" in findings[0].message and "满意度指标" in findings[0].message


def test_output_level2_missing_timeliness() -> None:
    p = project(
        ind("数量", "培训人数", "≥300人", 10),
        ind("质量", "合格率", "≥95%", 11),
        ind("成本", "成本", "≤100万元", 13),
        ind("社会效益", "带动就业人数", "≥5人", 14),
        ind("满意度", "满意度", "≥90%", 15),
        base=False,
    )
    assert fired(document(p), "OUTPUT-LEVEL2-MISSING") == [1]


def test_cost_missing_in_both_frameworks() -> None:
    p = project(*[i for i in BASE if i.level2.value != "成本指标"], base=False)
    assert fired(document(p), "COST-MISSING") == [1]


def test_value_missing_and_placeholder() -> None:
    p = project(ind("质量", "验收合格率", "", 30), ind("质量", "整改率", "——", 31), ind("质量", "ı", "", 32))
    assert fired(document(p), "VALUE-MISSING") == [30, 31]  # a stray glyph row is not an indicator


def test_goal_and_funds_missing() -> None:
    doc = document(project(goal="", budget=None))
    assert fired(doc, "GOAL-MISSING") == [1] and fired(doc, "FUNDS-MISSING") == [1]


def test_department_rows_without_value_and_duty_without_indicator() -> None:
    d = department(annual=(row("办结率", "", 91, duty_no=1), row("", "", 92, duty_no=2, duty="信息化建设")))
    doc = document(project(), departments=(d,))
    assert fired(doc, "DEPT-VALUE-MISSING") == [91]
    assert fired(doc, "DUTY-WITHOUT-INDICATOR") == [92]


def test_department_without_annual_indicators() -> None:
    from jixiao.domain import Department

    doc = document(project(), departments=(Department("空部门", line=5),))
    assert fired(doc, "DEPT-INDICATORS-MISSING") == [5]


def test_funds_sum() -> None:
    assert fired(document(project(funds=Funds(100, 80, 10))), "FUNDS-SUM") == [1]
    assert fired(document(project(funds=Funds(95.32, None, 95.32))), "FUNDS-SUM") == []


def test_cost_exceeds_budget_after_unit_conversion() -> None:
    # 9510.6万元 of a multi-year programme against this year's 609万元
    p = project(ind("经济成本", "财政拨付项目资金", "≤9510.6万元", 40), budget=609)
    assert fired(document(p), "COST-EXCEEDS-BUDGET") == [13]  # first cost line; all costs listed
    ok = project(ind("成本", "公用经费", "≤1000000元", 41), budget=200)  # 100 + 100 万元 = budget
    assert fired(document(ok), "COST-EXCEEDS-BUDGET") == []


def test_cost_total_with_its_parts_is_not_double_counted() -> None:
    p = project(
        ind("成本", "人力成本", "≤60万元", 41), ind("成本", "其他成本", "≤40万元", 42), budget=100, base=True
    )
    # BASE has 培训成本 ≤100万元 = 60 + 40: the largest is the total of the others
    assert fired(document(p), "COST-EXCEEDS-BUDGET") == []


def test_cost_far_below_budget() -> None:
    p = project(budget=40000)  # 培训成本 ≤100万元 for a 40000万元 budget
    assert fired(document(p), "COST-FAR-BELOW-BUDGET") == [13]
    rate = project(ind("成本", "成本控制率", "≥90%", 43), budget=40000)
    assert fired(document(rate), "COST-FAR-BELOW-BUDGET") == []  # cannot tell what a rate covers


def test_unit_cost_times_quantity() -> None:
    p = project(
        ind("数量", "法律援助案件数量", "≥1200件", 50),
        ind("成本", "法律援助案件补贴标准", "2000元", 51),
        budget=200,
    )
    assert fired(document(p), "UNIT-COST-EXCEEDS-BUDGET") == [51]
    monthly = project(
        ind("数量", "生活补贴人数", "30000人", 52), ind("成本", "生活补贴", "50元/月/人", 53), budget=1500
    )
    assert fired(document(monthly), "UNIT-COST-EXCEEDS-BUDGET") == [53]  # 30000 × 50 × 12 = 1800万元
    fits = project(
        ind("数量", "生活补贴人数", "100人", 52), ind("成本", "生活补贴", "50元/月/人", 53), budget=100
    )
    assert fired(document(fits), "UNIT-COST-EXCEEDS-BUDGET") == []
    # several quantities in 人 and none shares a word with the cost: no pairing, no finding
    unpaired = project(
        ind("数量", "服务人数", "30000人", 52), ind("成本", "生活补贴", "50元/月/人", 53), budget=10
    )
    assert fired(document(unpaired), "UNIT-COST-EXCEEDS-BUDGET") == []


def test_a_total_named_after_a_per_capita_fund_is_not_a_unit_cost() -> None:
    p = project(
        ind("数量", "学生人数", "8000人", 52), ind("成本", "生均公用经费成本", "≤300万元", 53), budget=300
    )
    assert fired(document(p), "UNIT-COST-EXCEEDS-BUDGET") == []


def test_spending_plan() -> None:
    plan = (SpendingPoint("3月底", 30), SpendingPoint("6月底", 20), SpendingPoint("12月底", 100))
    assert fired(document(project(spending_plan=plan)), "SPENDING-PLAN-DECREASING") == [1]
    short = (SpendingPoint("3月底", 15), SpendingPoint("6月底", 30), SpendingPoint("10月底", 45))
    assert fired(document(project(spending_plan=short)), "SPENDING-PLAN-END") == [1]
    good = (SpendingPoint("6月底", None), SpendingPoint("12月底", 100))
    doc = document(project(spending_plan=good))
    assert fired(doc, "SPENDING-PLAN-END") == [] and fired(doc, "SPENDING-PLAN-DECREASING") == []


def test_stated_total_in_preface() -> None:
    preface = "选取了20个项目绩效目标,涉及部门10个、资金4.48亿元"
    projects = [project(budget=40000), project(budget=4882.61)]
    doc = document(*projects, preface=preface)
    messages = [f.message for f in check(doc).findings if f.rule == "DOC-TOTAL-MISMATCH"]
    assert any("4.48亿元" in m and "4.4883亿元" in m for m in messages)
    assert any("20个项目" in m for m in messages)
    rounded = document(project(budget=44800), preface="共2个项目，资金4.48亿元")
    assert fired(rounded, "DOC-TOTAL-MISMATCH") == [None]  # only the project count (1 table, 2 stated)
    exact = document(project(budget=7899.67), preface="择选1个区级预算项目，预算金额7899.67万元。")
    assert fired(exact, "DOC-TOTAL-MISMATCH") == []


def test_goal_states_other_funds_than_the_budget() -> None:
    doc = document(project(goal="保障困难群众基本生活，预计使用资金875万元", budget=218))
    assert fired(doc, "GOAL-FUNDS-MISMATCH") == [1]
    split = document(project(goal="12689人*810元=1028万元，需要资金1028万元，区级负担728万元", budget=728))
    assert fired(split, "GOAL-FUNDS-MISMATCH") == []
