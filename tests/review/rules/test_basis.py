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
