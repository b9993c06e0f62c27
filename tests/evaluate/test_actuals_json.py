"""Reading ``jixiao/actuals@1``: every problem at once, each named by its JSON path; nothing half-loaded."""

import json

import pytest

from jixiao.domain import (
    Achievement,
    ActualRecord,
    Actuals,
    Budget,
    BudgetSource,
    Cause,
    IndicatorActual,
    Likelihood,
    parse_target_value,
)
from jixiao.ingest.actuals import ActualsError, actuals_to_json, read_actuals

CONTRACT_EXAMPLE = {
    "schema": "jixiao/actuals@1",
    "year": 2022,
    "month": 6,
    "projects": [
        {
            "name": "农业技术推广、交流、培训项目",
            "code": None,
            "budget": {"planned": 200.0, "adjusted": None, "executed": 80.0, "expected": 200.0},
            "goal_result": "上半年完成培训 3 期",
            "indicators": [
                {
                    "name": "农业技术培训人数",
                    "actual": "350人次",
                    "status": None,
                    "weight": None,
                    "score": None,
                    "causes": ["经费保障"],
                    "cause_note": "资金下达较晚",
                    "likelihood": "有可能",
                    "measures": "下半年加密培训",
                    "unknown_extra_key": "allowed",
                }
            ],
        }
    ],
    "departments": [],
}


def read(data: object) -> Actuals:
    return read_actuals(json.dumps(data, ensure_ascii=False).encode("utf-8"))


def problems(data: object) -> list[str]:
    with pytest.raises(ActualsError) as caught:
        read(data)
    return list(caught.value.problems)


def test_the_contract_example_reads_into_the_domain():
    actuals = read(CONTRACT_EXAMPLE)
    assert actuals.year == 2022 and actuals.month == 6
    (project,) = actuals.projects
    assert project.budget == Budget(planned=200.0, executed=80.0, expected=200.0)
    assert project.budget.basis == 200.0
    (indicator,) = project.indicators
    assert indicator.actual == parse_target_value("350人次")
    assert indicator.actual.number == 350.0 and indicator.actual.unit == "人次"
    assert indicator.causes == (Cause.FUNDING,)
    assert indicator.likelihood is Likelihood.POSSIBLE


def test_writing_and_reading_back_gives_the_same_actuals():
    actuals = Actuals(
        year=2023,
        month=9,
        projects=(
            ActualRecord(
                name="学前生均公用经费",
                code="370302",
                budget=Budget(728.0, 700.0, 410.5, 700.0, (BudgetSource("财政拨款", 728.0, 700.0, 410.5),)),
                indicators=(
                    IndicatorActual("补助费用", parse_target_value("410.5万元")),
                    IndicatorActual(
                        "家长满意度",
                        status=Achievement.PARTLY,
                        causes=(Cause.STAFF, Cause.OTHER),
                        likelihood=Likelihood.CERTAIN,
                    ),
                ),
            ),
        ),
        departments=(ActualRecord(name="淄博市淄川区教育和体育局"),),
    )
    assert read(actuals_to_json(actuals)) == actuals


def test_a_number_typed_as_the_actual_is_read_as_its_text():
    data = json.loads(json.dumps(CONTRACT_EXAMPLE))
    data["projects"][0]["indicators"][0]["actual"] = 350
    assert read(data).projects[0].indicators[0].actual.raw == "350"


def test_every_problem_is_named_by_its_json_path_at_once():
    data = json.loads(json.dumps(CONTRACT_EXAMPLE))
    data["month"] = 13
    project = data["projects"][0]
    project["budget"]["executed"] = "八十"
    project["budget"]["planned"] = -1
    project["indicators"][0]["likelihood"] = "可能"
    project["indicators"][0]["causes"] = ["经费保障", "天气"]
    project["indicators"].append({"name": "", "status": "完成"})
    assert problems(data) == [
        "month: 须为 1–12 的整数（不是 13）",
        "projects[0].budget.planned: 不能为负数（-1）",
        'projects[0].budget.executed: 须为数字或 null（不是 "八十"）',
        "projects[0].indicators[0].causes[1]: 须为 经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他",
        "projects[0].indicators[0].likelihood: 须为 确定能 / 有可能 / 完全不可能",
        "projects[0].indicators[1].name: 必须填写",
        "projects[0].indicators[1].status: 须为 达成 / 部分达成 / 未达成",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "须为对象 {…}"),
        ({"schema": "jixiao/actuals@1"}, "month: 必须填写（1–12 的整数）"),
        ({"schema": "jixiao/disclosure@1", "month": 6}, "schema: 须为 “jixiao/actuals@1”"),
        ({"schema": "jixiao/actuals@1", "month": 6, "projects": {}}, "projects: 须为列表 […]"),
        ({"schema": "jixiao/actuals@1", "month": 6, "projects": ["x"]}, "projects[0]: 须为对象 {…}"),
        (
            {"schema": "jixiao/actuals@1", "month": 6, "year": "2022"},
            'year: 须为 1990–2100 的整数（不是 "2022"）',
        ),
        (
            {
                "schema": "jixiao/actuals@1",
                "month": 6,
                "departments": [{"name": "局", "budget": {"planned": True}}],
            },
            "departments[0].budget.planned: 须为数字或 null（不是 true）",
        ),
    ],
)
def test_a_malformed_file_names_what_is_wrong(data, expected):
    assert problems(data) == [expected]


def test_text_that_is_not_json_says_where_it_breaks():
    with pytest.raises(ActualsError) as caught:
        read_actuals(b'{"schema": "jixiao/actuals@1",\n "month": 6,,}')
    assert caught.value.problems == (
        "不是有效的 JSON：第 2 行第 13 列，Expecting property name enclosed in double quotes",
    )


def test_a_file_that_is_not_utf8_is_refused():
    with pytest.raises(ActualsError) as caught:
        read_actuals('{"schema": "项目"}'.encode("gb18030"))
    assert caught.value.problems[0].startswith("文件不是 UTF-8 编码的 JSON")


def test_a_departments_units_and_deviation_note_are_extra_keys_that_round_trip():
    """部门整体支出绩效自评表's 下属单位个数 and 预算执行偏差说明: optional keys, written only where given."""
    record = ActualRecord(
        "某市消防救援支队",
        budget=Budget(5000.0, 5200.0, 5100.0),
        subordinate_units=12,
        budget_note="年中追加预算200万元",
    )
    actuals = Actuals(2023, 12, departments=(record,))
    data = actuals_to_json(actuals)
    assert data["departments"][0]["subordinate_units"] == 12
    assert (
        "subordinate_units"
        not in actuals_to_json(Actuals(2023, 12, projects=(ActualRecord("x"),)))["projects"][0]
    )
    assert read_actuals(json.dumps(data, ensure_ascii=False)) == actuals
    bad = {**data, "departments": [{**data["departments"][0], "subordinate_units": -1}]}
    with pytest.raises(ActualsError) as err:
        read_actuals(json.dumps(bad))
    assert err.value.problems[0].startswith("departments[0].subordinate_units: 须为 0–1000000 的整数")
