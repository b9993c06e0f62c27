"""PRINTED-TOTAL-MISMATCH: a printed 合计/总计/小计 that differs from the sum of its rows by more than the
rounding of the printed amounts can explain (half a unit in the last printed place, per row)."""

from __future__ import annotations

import dataclasses

import pytest

from jixiao.domain import PrintedTotal
from jixiao.domain.totals import SUMMARY_AMOUNTS, decimals, total_label
from jixiao.ingest import read_document
from tests.review.builders import check, document, project


def total(printed: float, *parts: float, places: int = 2, label: str = "合计") -> PrintedTotal:
    return PrintedTotal(label, SUMMARY_AMOUNTS, printed, parts, places, line=7)


def findings(*totals: PrintedTotal) -> list:
    doc = dataclasses.replace(document(project()), totals=totals)
    return [f for f in check(doc).findings if f.rule == "PRINTED-TOTAL-MISMATCH"]


def test_a_total_equal_to_its_rows_is_fine() -> None:
    assert findings(total(1440.39, 728.0, 494.39, 218.0)) == []


def test_rounding_of_each_printed_row_is_allowed_and_no_more() -> None:
    # Three rows printed to 0.01 may each be off by 0.005: 0.015 in all.
    assert findings(total(1440.40, 728.0, 494.39, 218.0)) == []
    assert findings(total(1440.41, 728.0, 494.39, 218.0)) != []
    # Amounts printed in whole 万元 may each be off by half a 万元.
    assert findings(total(1441, 728, 494, 218, places=0)) == []
    assert findings(total(1442, 728, 494, 218, places=0)) != []


def test_a_total_that_differs_is_an_error_with_both_numbers_as_evidence() -> None:
    (finding,) = findings(total(1450.39, 728.0, 494.39, 218.0))
    assert finding.severity.value == "error" and finding.family.value == "money"
    assert finding.message == "合计印为1450.39万元，所列3行之和为1440.39万元（相差10万元）"
    evidence = dict(finding.evidence)
    assert evidence["合计（印）"] == "1450.39万元" and evidence["3行之和"] == "1440.39万元"
    assert evidence["各行金额"] == "728、494.39、218"
    assert finding.line == 7


def test_each_wrong_subtotal_is_its_own_finding() -> None:
    found = findings(
        total(1232.39, 728.0, 494.39, label="教育局小计"),  # wrong
        total(218.0, 218.0, label="民政局小计"),
        total(1440.39, 728.0, 494.39, 218.0),
    )
    assert [f.message.split("印为")[0] for f in found] == ["教育局小计"]


def test_a_total_without_rows_says_nothing() -> None:
    assert findings(total(100.0)) == []


SUMMARY = """2023年重点项目绩效目标汇总表

序号\t主管部门\t项目名称\t金额(万元)\t资金性质
1\t教育局\t学前生均公用经费\t728.00\t一般公共预算
2\t教育局\t校车运营补贴\t494.39\t一般公共预算
\t教育局小计\t\t{subtotal}\t
3\t民政局\t城市居民最低生活保障\t218.00\t一般公共预算
合计\t\t\t{total}\t

项目支出绩效目标表

项目名称\t学前生均公用经费
主管部门\t淄博市淄川区教育和体育局
年度预算资金总额\t728.00
年度总体绩效目标\t保障幼儿园正常运转
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t在园幼儿数\t=12689人
"""


@pytest.mark.parametrize(
    ("subtotal", "grand", "wrong"),
    [("1222.39", "1440.39", []), ("1232.39", "1440.39", ["教育局小计"]), ("1222.39", "1450.39", ["合计"])],
)
def test_jixiao_check_reads_and_checks_a_summary_tables_totals(
    subtotal: str, grand: str, wrong: list
) -> None:
    text = SUMMARY.format(subtotal=subtotal, total=grand)
    doc = read_document(text.encode(), "summary.txt")
    found = [f for f in check(doc).findings if f.rule == "PRINTED-TOTAL-MISMATCH"]
    assert [f.message.split("印为")[0] for f in found] == wrong
    assert all(f.line in (6, 8) for f in found)


def test_total_labels_and_printed_places() -> None:
    assert [total_label(w) for w in ("合计", "合 计", "总计", "其中：小计", "教育局小计", "项目名称")] == [
        "合计",
        "合计",
        "总计",
        "小计",
        "小计",
        None,
    ]
    assert [total_label(w) for w in ("合计（万元）", "总计金额", "小计数：")] == ["合计", "总计", "小计"]
    assert total_label("四项合计494.39万元，用于校车运营、行驶记录仪和承运人责任险补助") is None
    assert total_label("总计划编制经费") is None
    assert [decimals(t) for t in ("1,234.50", "62", "0.125")] == [2, 0, 3]
