"""TARGETS-NOT-SCALED-TO-FUNDS: the same outputs for a fifth or less of another project's money."""

from tests.review.builders import document, fired, ind, project

_OUT = (
    ind("数量", "感知系统覆盖范围", "13个社区", 20),
    ind("质量", "技术保障合格率", "95%", 21),
    ind("时效", "设备维护及时性", "24小时内", 22),
    ind("社会效益", "突发事件预警正常率", "98%", 23),
)


def _p(name: str, cost: str, line: int, outputs: tuple = _OUT) -> object:  # type: ignore[type-arg]
    return project(*outputs, ind("成本", "总成本", cost, line + 5), base=False, name=name, line=line)


def test_the_smaller_of_two_projects_with_the_same_outputs() -> None:
    big, small = _p("智慧管控经费", "≤888.59万元", 10), _p("智慧管控经费（管控）", "≤5万元", 40)
    assert fired(document(big, small), "TARGETS-NOT-SCALED-TO-FUNDS") == [40]  # type: ignore[arg-type]


def test_similar_money_or_different_outputs() -> None:
    a, b = _p("甲", "≤100万元", 10), _p("乙", "≤60万元", 40)
    c = _p("丙", "≤5万元", 70, outputs=_OUT[:3] + (ind("社会效益", "预警正常率", "99%", 73),))
    assert fired(document(a, b, c), "TARGETS-NOT-SCALED-TO-FUNDS") == []  # type: ignore[arg-type]
