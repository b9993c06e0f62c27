"""The reader follows the templates, not the three files: variants made from the samples read the same.

Each variant changes what another converter, region or year would change (encoding, line endings, markdown
levels, repeated headers at page breaks, cells split or joined differently, columns shifted) and must give the
same projects, departments and indicators.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain import Document
from jixiao.domain.values import ValueKind, parse_target_value
from jixiao.ingest import read_document

SAMPLES = ("linzi-2022.txt", "liaocheng-2022.txt", "zichuan-2023.txt")


@cache
def source(name: str) -> str:
    return resources.files("jixiao").joinpath(f"data/samples/{name}").read_text("utf-8")


@cache
def original(name: str) -> Document:
    return read_document(source(name).encode("utf-8"), name)


def shape(doc: Document) -> list:
    """What must survive a variant: every table's identity and every indicator's reading."""
    projects = [
        (p.name, p.department, p.funds.total, [(i.level2, i.name, i.value.raw) for i in p.indicators])
        for p in doc.projects
    ]
    departments = [
        (d.name, [(i.no, i.name, i.value.raw) for i in d.strategic_indicators],
         [(i.name, i.value.raw) for i in d.annual_indicators])
        for d in doc.departments
    ]
    return [projects, departments]


def read_variant(name: str, text: str, encoding: str = "utf-8") -> Document:
    return read_document(text.encode(encoding), name)


@pytest.mark.parametrize("name", SAMPLES)
def test_gbk_and_crlf(name):
    assert shape(read_variant(name, source(name), "gb18030")) == shape(original(name))
    assert shape(read_variant(name, source(name).replace("\n", "\r\n"))) == shape(original(name))


@pytest.mark.parametrize("name", SAMPLES)
def test_markdown_heading_levels_do_not_matter(name):
    flattened = re.sub(r"(?m)^#{1,6}\s*", "", source(name))
    assert shape(read_variant(name, flattened)) == shape(original(name))
    deepened = re.sub(r"(?m)^(?=\S)(?![^\n]*\t)", "## ", flattened)
    assert shape(read_variant(name, deepened)) == shape(original(name))


def _indicator_header_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.split("\n")) if "一级指标" in line and "三级指标" in line]


@pytest.mark.parametrize("name", SAMPLES)
def test_page_break_repeats_the_indicator_header(name):
    lines = source(name).split("\n")
    headers = _indicator_header_lines(source(name))
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        # after the second indicator row of every table, a page break repeats the header
        if i - 2 in headers and "\t" in line:
            out += ["", lines[i - 2].replace("\t", "\t\t", 1) if "\t" in lines[i - 2] else lines[i - 2], ""]
    assert shape(read_variant(name, "\n".join(out))) == shape(original(name))


@pytest.mark.parametrize("name", SAMPLES)
def test_indicator_rows_shifted_right(name):
    """A converter that emits an extra empty column before every indicator row."""
    doc = original(name)
    rows = {i.line for p in doc.projects for i in p.indicators}
    lines = source(name).split("\n")
    shifted = ["\t" + line if n in rows else line for n, line in enumerate(lines, start=1)]
    assert shape(read_variant(name, "\n".join(shifted))) == shape(doc)


def test_department_name_split_differently():
    text = source("linzi-2022.txt").replace("主管部门\t淄博市临\t淄区民政局", "主管部门\t淄博市临淄区民政局")
    text = text.replace("项目名称\t综合运转\t综合运转项目", "项目名称\t综合运转项目")
    assert shape(read_variant("linzi-2022.txt", text)) == shape(original("linzi-2022.txt"))


def test_full_width_colons_and_spaces_in_labels():
    text = source("liaocheng-2022.txt").replace("单位: 万元", "单位：万元").replace("项目编码\t", "项目 编码\t")
    assert shape(read_variant("liaocheng-2022.txt", text)) == shape(original("liaocheng-2022.txt"))


@pytest.mark.parametrize("name", SAMPLES)
def test_no_value_row_vanishes_silently(name):
    """Every row that ends in a target value is an indicator or carries a warning naming its line."""
    doc = original(name)
    accounted = {i.line for p in doc.projects for i in p.indicators}
    accounted |= {i.line for d in doc.departments for i in (*d.strategic_indicators, *d.annual_indicators)}
    accounted |= {w.line for w in doc.warnings}
    missing = []
    for n, line in enumerate(source(name).split("\n"), start=1):
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if len(cells) < 2:
            continue
        value = parse_target_value(cells[-1])
        if value.kind is ValueKind.NUMERIC and value.op is not None and value.unit != "月底" and n not in accounted:
            missing.append((n, line[:80]))
    assert not missing


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(SAMPLES))
def test_reading_a_truncated_document_never_crashes(cut, name):
    text = source(name)
    prefix = text[: len(text) * cut // 10_000]
    try:
        doc = read_variant(name, prefix or "x")
    except Exception as exc:  # only the documented error may escape
        from jixiao.ingest import ReadError

        assert isinstance(exc, ReadError)
    else:
        assert len(doc.projects) <= len(original(name).projects) + 1


def test_a_summary_table_before_the_project_tables():
    """Documents of other regions list the selected projects in a 汇总表 first."""
    summary = (
        "2022年重点项目绩效目标汇总表\n"
        "序号\t主管部门\t项目名称\t金额(万元)\t资金性质\n"
        "1\t淄博市临淄区民政局\t综合运转项目\t85\t一般公共预算\n"
        "2\t淄博市临淄区民政局\t基本殡葬服务费免除、惠民殡葬改革补助\t371.00\t一般公共预算\n"
        "合计\t\t\t456\t\n\n"
    )
    text = source("linzi-2022.txt").replace("项目名称\t综合运转", summary + "项目名称\t综合运转", 1)
    doc = read_variant("linzi-2022.txt", text)
    assert [(r.no, r.project, r.budget, r.fund_type) for r in doc.summary] == [
        (1, "综合运转项目", 85.0, "一般公共预算"),
        (2, "基本殡葬服务费免除、惠民殡葬改革补助", 371.0, "一般公共预算"),
    ]
    assert doc.summary[0].department == "淄博市临淄区民政局"
    assert shape(doc) == shape(original("linzi-2022.txt"))
