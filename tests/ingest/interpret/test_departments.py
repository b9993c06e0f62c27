"""Department tables read by their headers: strategic and annual, reference values under nested headers,
duties merged down, the department named by a field or only by the title."""

from __future__ import annotations

from jixiao.domain import Source
from jixiao.ingest import read_document
from jixiao.ingest.grid.model import Para
from jixiao.ingest.interpret import interpret
from tests.ingest.interpret.test_tables import table

SOURCE = Source("d", "0")

STRATEGIC = table([
    ["部门名称：聊城市文化和旅游局", None, None, None, None, None, None, None, None, None, None],
    ["战略目标", ("到2025年文旅兴市成效显著", 1, 10), None, None, None, None, None, None, None, None, None],
    [("序号", 4, 1), ("指标", 4, 1), ("指标解释", 4, 1), ("年度指标值", 4, 1), ("指标参考值", 1, 6), None, None,
     None, None, None, ("备注", 4, 1)],
    [None, None, None, None, ("标准值", 1, 3), None, None, ("历史值", 1, 3), None, None, None],
    [None, None, None, None, ("规划值", 2, 1), ("当年标准值", 1, 2), None, ("前三年均值", 2, 1), ("上年值", 2, 1),
     ("来源", 2, 1), None],
    [None, None, None, None, None, "标准值", "来源", None, None, None, None],
    ["1", "旅游总收入", "反映全市旅游总收入", "182亿元", "182亿元", "182亿元", "《十四五规划》", "179.34亿元",
     "180.94亿元", "统计公报", ""],
    ["2", "游客接待总量", "反映游客接待总量", "0.22亿人次", "", "", "", "", "", "", "新设指标"],
])

ANNUAL = table([
    [("职责序号", 1, 1), ("部门职责", 1, 2), None, "职责目标", "绩效指标", "指标解释", "年度指标值", "工作活动",
     "预算项目", "对应科室"],
    [("1", 2, 1), ("文化事业", 2, 1), ("公共文化服务", 2, 1), ("提升服务效能", 2, 1), "文化设施达标率",
     "达标设施/总数", "≥95%", "设施建设", "公共文化项目", "公共服务科"],
    [None, None, None, None, "惠民演出场次", "全年演出", "≥200场", "惠民演出", "", "艺术科"],
    ["2", "旅游发展", "景区管理", "提升景区质量", "3A级以上景区数量", "", "≥3家", "", "", "资源开发科"],
], "表2")


def test_the_strategic_table_reads_reference_values_under_nested_headers() -> None:
    (dept,) = interpret([STRATEGIC], SOURCE).departments
    assert (dept.name, dept.strategic_goal) == ("聊城市文化和旅游局", "到2025年文旅兴市成效显著")
    first, second = dept.strategic_indicators
    assert (first.no, first.name, first.explanation, first.value.raw) == (1, "旅游总收入", "反映全市旅游总收入", "182亿元")
    ref = first.reference
    assert (ref.planned, ref.standard, ref.standard_source) == ("182亿元", "182亿元", "《十四五规划》")
    assert (ref.avg3, ref.last_year, ref.history_source) == ("179.34亿元", "180.94亿元", "统计公报")
    assert second.note == "新设指标" and second.reference.planned is None


def test_the_annual_table_carries_merged_duties_down_and_splits_a_two_column_duty() -> None:
    doc = interpret([Para("2022年度聊城市文化和旅游局整体绩效目标表"), ANNUAL], SOURCE)
    (dept,) = doc.departments
    assert dept.name == "聊城市文化和旅游局"
    rows = [(i.duty_no, i.duty_area, i.duty, i.duty_goal, i.name, i.value.raw, i.activity, i.office)
            for i in dept.annual_indicators]
    assert rows == [
        (1, "文化事业", "公共文化服务", "提升服务效能", "文化设施达标率", "≥95%", "设施建设", "公共服务科"),
        (1, "文化事业", "公共文化服务", "提升服务效能", "惠民演出场次", "≥200场", "惠民演出", "艺术科"),
        (2, "旅游发展", "景区管理", "提升景区质量", "3A级以上景区数量", "≥3家", None, "资源开发科"),
    ]


def test_a_departments_two_tables_are_one_department() -> None:
    doc = interpret([STRATEGIC, Para("聊城市文化和旅游局整体绩效目标表"), ANNUAL], SOURCE)
    (dept,) = doc.departments
    assert len(dept.strategic_indicators) == 2 and len(dept.annual_indicators) == 3


def test_text_in_another_department_template_is_read_by_the_interpreter() -> None:
    text = (
        "某区农业农村局部门整体绩效目标表\n"
        "部门名称：某区农业农村局\n"
        "职责序号\t主要职责\t年度目标任务\t指标名称\t指标值\t责任科室\n"
        "1\t粮食生产\t稳定粮食产量\t粮食播种面积\t≥50万亩\t种植业科\n"
        "\t\t\t高标准农田建设\t≥2万亩\t农田建设科\n"
    )
    (dept,) = read_document(text.encode(), "dept.txt").departments
    assert dept.name == "某区农业农村局"
    assert [(i.duty_no, i.duty, i.duty_goal, i.name, i.value.raw, i.office) for i in dept.annual_indicators] == [
        (1, "粮食生产", "稳定粮食产量", "粮食播种面积", "≥50万亩", "种植业科"),
        (1, "粮食生产", "稳定粮食产量", "高标准农田建设", "≥2万亩", "农田建设科"),
    ]
