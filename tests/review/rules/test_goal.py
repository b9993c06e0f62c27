"""GOAL-VAGUE: a 年度目标 that only promises to spend the money on time states no output or effect."""

import pytest

from tests.review.builders import document, fired, project, rules_hit


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


def test_a_brief_goal_without_a_number_is_a_strict_rule() -> None:
    brief = document(project(goal="通过本项目开展，使档案管理更规范化"))
    counted = document(project(goal="完成500份档案数字化"))
    assert ("GOAL-NOT-QUANTIFIED", 1) in rules_hit(brief, "strict")
    assert "GOAL-NOT-QUANTIFIED" not in [r for r, _ in rules_hit(counted, "strict")]
    assert fired(brief, "GOAL-NOT-QUANTIFIED") == []
