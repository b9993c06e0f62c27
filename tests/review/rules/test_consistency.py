"""DUPLICATE-INDICATOR across categories: one row filed under two 二级 categories (same name and the same value
or 指标解释) is a duplicate; the same name measuring different things (数量 vs 质量) is not."""

from tests.review.builders import document, fired, ind, project


def test_the_same_row_under_two_categories() -> None:
    p = project(
        ind("社会效益", "提升市容环境水平", "得到有效提升", 20, description="上级考核检查的成绩有效提升"),
        ind("可持续", "提升市容环境水平", "稳步提高", 21, description="上级考核检查的成绩有效提升"),
        ind("质量", "指引企业完成集体合同签订", "指引企业完成集体合同签订", 22),
        ind("社会效益", "指引企业完成集体合同签订", "指引企业完成集体合同签订", 23),
    )
    assert fired(document(p), "DUPLICATE-INDICATOR") == [21, 23]


def test_one_name_two_measures() -> None:
    p = project(ind("数量", "示范新品种", "5个", 20), ind("质量", "示范新品种", "≥95%", 21))
    assert fired(document(p), "DUPLICATE-INDICATOR") == []
