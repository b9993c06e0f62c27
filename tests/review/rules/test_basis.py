"""CALC-BASIS-UNSPECIFIC: a contract price paid in stated instalments is a calculation; a total alone is not."""

from tests.review.builders import document, fired, project


def _calc(text: str) -> list[int | None]:
    return fired(document(project(calculation_basis=text, budget=15)), "CALC-BASIS-UNSPECIFIC")


def test_instalments_of_a_stated_total() -> None:
    assert _calc("会计档案专业服务管理，合同一年一签（2022年4月-2023年3月），半年支付一次，共15万元") == []
    assert _calc("委托第三方复核，分两次付款，合计15万元") == []


def test_a_total_or_a_schedule_alone_is_not() -> None:
    assert _calc("会计档案专业服务管理，合同金额15万元") == [1]
    assert _calc("按照项目合同付款方式付款") == [1]


def test_a_yearly_total_is_no_unit_price() -> None:
    # 347.3万元/年 and 以每年200万安排 state the year's total; items of yearly amounts adding up still calculate.
    assert _calc("智慧宝安管控指挥街道分中心一体化运营费347.3万元/年。") == [1]
    assert _calc("街道与传媒公司宣传战略合作，经费标准参考市场标准测算。以每年200万安排。") == [1]
    items = "一是摄影摄像服务，以每年10万安排。二是舆情顾问服务，以每年5万安排。"
    assert _calc(items) == []
