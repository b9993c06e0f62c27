"""A 三级指标 name merged over several rows (one name, a description and value per row) reads as one
indicator per row, each with that name and its own description; and a name that reads like a category
(满意度指标 under 服务对象满意度指标) is a name, not a third label.

Converters print a merged cell once, on its first row, so in TAB text the rows below leave the name column
empty: their first text is their description, not a name (liaocheng-2022's 成本控制 over two cost rows
is such a table). Cell formats give the merged name at every row it covers.
"""

from __future__ import annotations

import dataclasses

import pytest

from jixiao.domain import Document, Level2
from jixiao.ingest import read_document
from tests.ingest.layouts import FORMATS, Layout, differences, example_document, expected, indicator, render
from tests.ingest.test_layouts import assert_reads_back


def merged_document() -> Document:
    """The example project with its cost split over two rows of one name, and a name that is a category word."""
    doc = example_document()
    (project,) = doc.projects
    kept = [i for i in project.indicators if i.level2 not in (Level2.COST, Level2.SATISFACTION)]
    cost = [
        indicator(Level2.COST, "成本控制", "≤120万元", "控制演出171场成本", None, ""),
        indicator(Level2.COST, "成本控制", "≤80万元", "节目编排4场成本", None, ""),
    ]
    satisfaction = indicator(
        Level2.SATISFACTION, "满意度指标", "≥90%", "服务对象对宣传效果的满意度", None, ""
    )
    project = dataclasses.replace(project, indicators=(*kept, *cost, satisfaction))
    return dataclasses.replace(doc, projects=(project,))


LABELS = {
    "txt": ("repeated", "once", "middle"),
    **{f: ("merged", "repeated", "once") for f in FORMATS if f != "txt"},
}


@pytest.mark.parametrize(("fmt", "labels"), [(fmt, labels) for fmt in FORMATS for labels in LABELS[fmt]])
def test_a_merged_name_gives_each_row_its_name_and_own_description(fmt: str, labels: str) -> None:
    layout = Layout(merged_names=True, labels=labels)
    assert_reads_back(merged_document(), layout, fmt)


@pytest.mark.parametrize(
    "columns",
    [
        ("level1", "level2", "name", "description", "value"),
        ("level1", "level2", "name", "value", "description"),
    ],
)
def test_in_text_the_row_below_a_merged_name_keeps_its_description(columns: tuple[str, ...]) -> None:
    layout = Layout(merged_names=True, labels="repeated", columns=columns)
    data, name = render(merged_document(), layout, "txt")
    got = read_document(data, name)
    cost = [
        (i.name, i.description, i.value.raw) for i in got.projects[0].indicators if i.level2 is Level2.COST
    ]
    assert cost == [("成本控制", "控制演出171场成本", "≤120万元"), ("成本控制", "节目编排4场成本", "≤80万元")]
    assert not differences(expected(merged_document(), layout), got)


def test_a_blank_name_without_a_name_above_stays_blank_and_is_reported() -> None:
    """The first row of a table has no name above to continue: its description is not taken for a name."""
    doc = merged_document()
    (project,) = doc.projects
    first = dataclasses.replace(project.indicators[0], name="")
    doc = dataclasses.replace(
        doc, projects=(dataclasses.replace(project, indicators=(first, *project.indicators[1:])),)
    )
    data, name = render(doc, Layout(merged_names=True, labels="repeated"), "txt")
    got = read_document(data, name)
    read = got.projects[0].indicators[0]
    assert (read.name, read.description) == ("", first.description)
    assert any("指标名称缺失" in w.message and w.line == read.line for w in got.warnings)


# The text reader's own template (a 聊城-style 项目绩效目标表 as a converter writes it), with the empty
# cells a converter leaves between columns varied.
CLASSIC = """# 项目绩效目标表

(2022 年度)

108001 某市某局本级

单位: 万元

项目编码\t37150022P99000610181U\t\t项目名称\t宣传演练经费\t\t
预算规模及 资金用途\t预算数\t62.00\t其中: 财 政资金\t62.00\t其他资金\t
\t开展应急演练和安全生产宣传。\t\t\t\t\t
绩效目标\t开展应急演练和安全生产宣传, 提高全市安全生产和应急管理水平。\t\t\t\t\t
{header}
{rows}
"""


def classic_text(gap: int, merged: int, shift: int = 0) -> str:
    sep = "\t" * (gap + 1)
    header = sep.join(("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"))
    rows = [("产出指标", "数量指标", "召开宣传活动", "召开集中宣传活动", "≥3 场")]
    rows += [
        (
            "",
            "成本指标" if n == 0 else "",
            "成本控制" if n == 0 else "",
            f"第{n + 1}项成本",
            f"≤{20 + n} 万元",
        )
        for n in range(merged)
    ]
    rows += [("满意度指标", "服务对象 满意度指标", "满意度指标", "群众对宣传效果的满意度", "≥90%")]
    lines = ["\t" * shift + sep.join(r) for r in rows]  # a converter may shift every row right
    return CLASSIC.format(header=header, rows="\n".join(lines))


@pytest.mark.parametrize("gap", [0, 1])
@pytest.mark.parametrize("merged", [2, 3])
@pytest.mark.parametrize("shift", [0, 1])
def test_the_text_reader_reads_a_merged_name_and_a_category_word_as_name(
    gap: int, merged: int, shift: int
) -> None:
    got = read_document(classic_text(gap, merged, shift).encode(), "classic.txt")
    (project,) = got.projects
    rows = [(i.level2.value, i.name, i.description, i.value.raw) for i in project.indicators]
    assert rows == [
        ("数量指标", "召开宣传活动", "召开集中宣传活动", "≥3场"),
        *[("成本指标", "成本控制", f"第{n + 1}项成本", f"≤{20 + n}万元") for n in range(merged)],
        ("服务对象满意度指标", "满意度指标", "群众对宣传效果的满意度", "≥90%"),
    ]
