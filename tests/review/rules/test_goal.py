"""GOAL-VAGUE: a 年度目标 that only promises to spend the money on time states no output or effect."""

import pytest

from tests.review.builders import document, fired, project


@pytest.mark.parametrize(
    "goal",
    [
        "该项目经费按财务制度，经相关部门审核后，按时支出相关费用。11月底达到98%",
        "该项目经费按财务制度，经相关部门审核后，按时支出相关费用。",
        "资金按时拨付，11月支出达到95%。",
    ],
)
def test_spending_alone(goal: str) -> None:
    assert fired(document(project(goal=goal)), "GOAL-VAGUE") == [1]


@pytest.mark.parametrize(
    "goal",
    [
        "该项目经费按财务制度按时支出，11月底达到95%。通过技术保障人员及时完成技术保障工作，保证合格率达到95%",
        "用该资金做好城市体检、设计、技术审查、规划编制等工作。",
        "完成300人次培训，合格率95%以上",
    ],
)
def test_outputs_named(goal: str) -> None:
    assert fired(document(project(goal=goal)), "GOAL-VAGUE") == []
