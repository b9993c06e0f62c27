"""计量单位: a bare number on a cost, a rate or a count is flagged; the same number with its unit is not."""

from tests.review.builders import document, fired, ind, project


def test_cost_without_unit_is_an_amount_missing_its_unit_not_a_non_amount() -> None:
    p = project(
        ind("成本", "服务费成本", "小于等于23,739,200.00", 20),
        ind("成本", "印刷成本", "≤5万元", 21),
        ind("成本", "场地成本（万元）", "≤3", 22),
    )
    doc = document(p)
    assert fired(doc, "VALUE-UNIT-MISSING") == [20]
    assert fired(doc, "COST-NOT-AMOUNT") == []


def test_rate_without_percent_sign() -> None:
    p = project(ind("质量", "验收合格率", "≥95", 20), ind("质量", "档案完整率", "≥95%", 21))
    assert fired(document(p), "VALUE-UNIT-MISSING") == [20]
