"""FUNDED-ITEM-WITHOUT-INDICATOR: an item an itemised 测算依据 pays for that no indicator mentions."""

from tests.review.builders import check, document, fired, ind, project

_SHOOT = ind("数量", "拍摄公务活动", "不少于40场", 20)


def test_an_item_listed_with_一是二是_and_no_indicator() -> None:
    text = (
        "2023年度申报预算包括2个支出项目，一是摄影摄像服务，用于公务活动拍摄，经费标准参考市场标准测算。"
        "以每年19.38万安排。二是舆情顾问服务，用于舆情事件应对处置顾问工作。以每年5万安排。"
    )
    p = project(_SHOOT, calculation_basis=text)
    [finding] = [f for f in check(document(p)).findings if f.rule == "FUNDED-ITEM-WITHOUT-INDICATOR"]
    assert "舆情顾问服务" in finding.message and "摄影摄像" not in finding.message


def test_amounts_after_用于() -> None:
    text = "城中村整治经费286.75万元用于抑尘车管养服务165.75万元、共建花园40万元及国旗、灯笼81万元"
    covered = (ind("数量", "抑尘车台数", "3台", 20), ind("数量", "共建花园", "2个", 21))
    assert fired(document(project(*covered, calculation_basis=text)), "FUNDED-ITEM-WITHOUT-INDICATOR") == [1]
    flags = ind("数量", "悬挂国旗、灯笼", "≥500面", 22)
    assert (
        fired(document(project(*covered, flags, calculation_basis=text)), "FUNDED-ITEM-WITHOUT-INDICATOR")
        == []
    )


def test_a_total_or_an_unitemised_text_is_not_read() -> None:
    for text in (
        "清扫保洁经费11940.368万元用于清扫保洁管养项目",
        "一是咨询服务10万元，二是评估服务5万元，共计15万元",
        "按每人每月700元标准，机关饭堂用餐人数966人为811.44万元，执法队饭堂299人为251.16万元",
    ):
        p = project(
            ind("数量", "咨询服务次数", "≥2次", 20),
            ind("数量", "评估服务次数", "≥1次", 21),
            calculation_basis=text,
        )
        assert fired(document(p), "FUNDED-ITEM-WITHOUT-INDICATOR") == [], text
