"""The one validation: a submission checked whole, every problem at once, each with the path it concerns."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.domain import Document, Funds, Level1, Level2, Project, ReadWarning, Source, parse_target_value
from jixiao.domain.model import Department, DepartmentIndicator, Indicator
from jixiao.domain.validation import (
    DepartmentEntry,
    IndicatorEntry,
    ProjectEntry,
    RowEntry,
    check_department,
    check_document,
    check_project,
    implied_framework,
)

GOOD_ROWS = (
    IndicatorEntry("数量指标", "培训人次", "≥300人次"),
    IndicatorEntry("经济成本指标", "单次培训成本", "≤5万元"),
    IndicatorEntry("服务对象满意度指标", "学员满意度", "≥95%"),
)


def paths(problems):
    return [(p.path, p.code) for p in problems]


def test_a_sound_project_has_no_problem():
    entry = ProjectEntry("职业技能培训", GOOD_ROWS, Decimal("100"), Decimal("60"), Decimal("40"))
    assert check_project(entry, "2021") == []


def test_every_problem_is_reported_at_once_in_the_order_of_the_form():
    entry = ProjectEntry(
        name=" ",
        funds_total=100.0, funds_fiscal=60.0, funds_other=30.0,
        indicators=(
            IndicatorEntry("数量指标", "培训人次", "≥9O%"),
            IndicatorEntry("质量指标", "合格率", "95%%"),
            IndicatorEntry("成本指标", "单次成本", "≤5万元"),
            IndicatorEntry("经济成本指标", "", ""),
            IndicatorEntry("", "学员满意度", "≥95%"),
            IndicatorEntry("数量", "受益人数", "≥100人"),
        ),
    )  # fmt: skip
    assert paths(check_project(entry, "2021")) == [
        ("name", "required"),
        ("funds_total", "funds-sum"),
        ("indicators.0.value", "value"),
        ("indicators.1.value", "value"),
        ("indicators.2.level2", "level2-framework"),
        ("indicators.3.name", "required"),
        ("indicators.3.value", "required"),
        ("indicators.4.level2", "required"),
        ("indicators.5.level2", "level2-unknown"),
    ]


@pytest.mark.parametrize(
    ("total", "fiscal", "other", "ok"),
    [(100, 60, 40, True), ("100.01", "60", "40", True), ("100.02", "60", "40", False), (100, 60, None, True),
     (None, 60, 40, True), (100.0, 99.995, 0.0, True)],
)  # fmt: skip
def test_funds_add_up_within_rounding(total, fiscal, other, ok):
    def amount(x):
        return Decimal(x) if isinstance(x, str) else x

    entry = ProjectEntry("x", GOOD_ROWS, amount(total), amount(fiscal), amount(other))
    assert (check_project(entry, "2021") == []) is ok


def test_the_framework_decides_where_cost_sits():
    cost_2020 = ProjectEntry("x", (IndicatorEntry("成本指标", "成本", "≤5万元", "产出指标"),))
    assert check_project(cost_2020, "2020") == []
    assert paths(check_project(cost_2020, "2021")) == [("indicators.0.level2", "level2-framework")]
    cost_2021 = ProjectEntry("x", (IndicatorEntry("经济成本指标", "成本", "≤5万元", "成本指标"),))
    assert check_project(cost_2021, "2021") == []
    assert paths(check_project(cost_2021, "2020")) == [("indicators.0.level2", "level2-framework")]


def test_without_a_framework_the_submissions_own_categories_decide():
    mixed = (IndicatorEntry("成本指标", "成本", "≤5万元"), IndicatorEntry("经济成本指标", "成本2", "≤5万元"))
    assert str(implied_framework(mixed)) == "2021"
    assert paths(check_project(ProjectEntry("x", mixed))) == [("indicators.0.level2", "level2-framework")]
    assert check_project(ProjectEntry("x", mixed[:1])) == []  # 2020 alone


def test_a_first_level_must_be_the_second_levels_parent():
    entry = ProjectEntry("x", (IndicatorEntry("数量指标", "受益人数", "≥100人", "效益指标"),))
    (problem,) = check_project(entry, "2021")
    assert (problem.path, problem.code) == ("indicators.0.level1", "level1-pairing")
    assert problem.message == "二级指标“数量指标”属于一级指标“产出指标”，不属于“效益指标”。"
    assert check_project(ProjectEntry("x", (IndicatorEntry("数量指标", "人数", "≥1人", "产出"),)), "2021") == []


def test_department_rows_need_a_name_and_a_readable_value():
    entry = DepartmentEntry(rows=(RowEntry("", "≥95%"), RowEntry("覆盖率", "95%%"), RowEntry("完成时间", "")), name="")
    assert paths(check_department(entry)) == [
        ("department", "required"), ("rows.0.name", "required"), ("rows.1.value", "value"),
        ("rows.2.value", "required"),
    ]  # fmt: skip
    assert paths(check_department(entry, values=False)) == [("department", "required"), ("rows.0.name", "required")]


def test_a_read_document_is_checked_with_each_problem_placed_where_the_reader_found_it():
    project = Project(
        name="培训项目",
        funds=Funds(100.0, 60.0, 30.0),
        indicators=(
            Indicator(Level1.OUTPUT, Level2.QUANTITY, "培训人次", parse_target_value("≥9O%"), where="表!F12"),
            Indicator(Level1.OUTPUT, Level2.QUALITY, "", parse_target_value("≥95%"), line=14),
        ),
        line=10,
    )
    department = Department(
        name="区人社局", annual_indicators=(DepartmentIndicator("就业率", parse_target_value("95%%"), line=30),)
    )
    doc = Document(Source("x", ""), projects=(project,), departments=(department,))
    located = check_document(doc)
    assert [(x.subject, x.problem.path, x.line, x.where) for x in located] == [
        ("培训项目", "funds_total", 10, None),
        ("培训项目", "indicators.0.value", 10, "表!F12"),
        ("培训项目", "indicators.1.name", 14, None),
        ("区人社局", "rows.0.value", 30, None),
    ]
    assert str(located[1]) == "培训项目（表!F12）：指标值“≥9O%”的数字中有字母 O（应为“≥90%”？）。"
    assert located[2].warning() == ReadWarning("培训项目：请填写三级指标名称。", 14, None)
