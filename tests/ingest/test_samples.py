"""Every table of the three sample disclosures is found, and the output validates against the contract."""

import json
from importlib import resources

import jsonschema
import pytest

from jixiao.domain import to_json
from jixiao.ingest import read_document

SCHEMA = json.loads(resources.files("jixiao").joinpath("data/disclosure.schema.json").read_text("utf-8"))


def read_sample(name: str):
    data = resources.files("jixiao").joinpath(f"data/samples/{name}").read_bytes()
    return read_document(data, name)


@pytest.mark.parametrize(
    ("name", "projects", "strategic", "annual", "total"),
    [
        ("linzi-2022.txt", 20, 10, 10, 44882.61),
        ("liaocheng-2022.txt", 77, 12, 12, 55375.78),
        ("zichuan-2023.txt", 8, 0, 4, 7899.67),
    ],
)
def test_finds_every_table(name, projects, strategic, annual, total):
    doc = read_sample(name)
    assert len(doc.projects) == projects
    assert sum(1 for d in doc.departments if d.strategic_indicators) == strategic
    assert sum(1 for d in doc.departments if d.annual_indicators) == annual
    assert round(doc.total_funds, 2) == total
    assert all(p.indicators for p in doc.projects)


def test_liaocheng_categories():
    doc = read_sample("liaocheng-2022.txt")
    categories = [p.category for p in doc.projects]
    assert categories.count("其他运转类项目") == 60
    assert categories.count("特定目标类项目") == 17


@pytest.mark.parametrize("name", ["linzi-2022.txt", "liaocheng-2022.txt", "zichuan-2023.txt"])
def test_output_validates_against_the_contract(name):
    jsonschema.validate(to_json(read_sample(name)), SCHEMA)


def test_front_matter():
    linzi = read_sample("linzi-2022.txt")
    assert (linzi.title, linzi.issuer, linzi.year) == ("2022年预算区级重点项目绩效目标", "临淄区财政局", 2022)
    assert linzi.preface.startswith("按照《预算法》")
    assert "资金4.48亿元" in linzi.preface
    liaocheng = read_sample("liaocheng-2022.txt")
    assert (liaocheng.issuer, liaocheng.year, liaocheng.preface) == ("聊城市财政局", 2022, None)
    zichuan = read_sample("zichuan-2023.txt")
    assert (zichuan.issuer, zichuan.year) == ("区财政部门", 2023)
    assert zichuan.framework.value == "2021"


def test_strategic_header_whose_merged_first_cell_prints_the_goal_label():
    """liaocheng 民政局: the header row starts with 战略目标 and a ``------⇥--`` rule precedes it."""
    dept = next(d for d in read_sample("liaocheng-2022.txt").departments if d.name == "聊城市民政局")
    assert dept.strategic_goal is not None and dept.strategic_goal.endswith("民政事业整体水平走在全省前列。")
    rows = {i.name: i for i in dept.strategic_indicators}
    ratio = rows["城乡低保标准倍差"]
    assert ratio.value.raw == "1.28:1"
    assert (ratio.reference.planned, ratio.reference.standard, ratio.reference.last_year) == ("1.3:1", "1.3:1", "1.33:1")
    assert rows["孤困儿童基本生活费保障标准提升率(%)"].value.raw == "10%"


def test_annual_row_with_a_date_period_value_is_not_shifted_onto_its_explanation():
    dept = next(d for d in read_sample("liaocheng-2022.txt").departments if d.name == "聊城市民政局")
    row = next(i for i in dept.annual_indicators if i.line == 3146)
    assert row.name == "寒冬送温暖专项救助活动开展时间范围"
    assert row.value.raw == "11月15日至次年3月15日"
    assert row.explanation == "反映本年度开始时间与结束时间。"
