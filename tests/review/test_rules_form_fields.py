"""GOAL-RESTATES-NAME and EXPLANATION-MISSING: a goal that says only the project's name, a blank 指标解释
in a form that has the column."""

from dataclasses import replace

import pytest

from tests.review.builders import BASE, check, document, fired, ind, project


@pytest.mark.parametrize(
    "goal",
    [
        "做好农村公路养护工作",
        "农村公路养护经费",
        "2023年度农村公路养护项目顺利实施",
        "确保农村公路养护工作按时完成。",
    ],
)
def test_goal_that_only_repeats_the_name(goal: str) -> None:
    hits = [
        f
        for f in check(document(project(name="农村公路养护经费", goal=goal))).findings
        if f.rule == "GOAL-RESTATES-NAME"
    ]
    assert [f.line for f in hits] == [1] and "农村公路养护经费" in hits[0].message


@pytest.mark.parametrize(
    "goal",
    [
        "完成农村公路养护120公里，优良路率达到80%",  # a quantity
        "养护农村公路，保障群众安全便捷出行",  # an effect the name does not say
        "",  # GOAL-MISSING's finding
    ],
)
def test_goal_that_says_more_than_the_name(goal: str) -> None:
    assert fired(document(project(name="农村公路养护经费", goal=goal)), "GOAL-RESTATES-NAME") == []


def test_explanation_missing_where_the_form_has_the_column() -> None:
    explained = ind("数量", "培训人数", "≥300人", 10, description="全年培训的人数")
    rest = [i for i in BASE if i.name != "培训人数"]
    p = project(explained, *rest, base=False)
    assert fired(document(p), "EXPLANATION-MISSING") == [i.line for i in rest]


def test_no_explanation_column_no_finding() -> None:
    assert fired(document(project()), "EXPLANATION-MISSING") == []  # no row explained: the form has no column
    full = [replace(i, description="说明") for i in BASE]
    assert fired(document(project(*full, base=False)), "EXPLANATION-MISSING") == []
