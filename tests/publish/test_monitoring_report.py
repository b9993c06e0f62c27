"""The round's report (summary and 执行监控表 with bands) as DOCX, PDF and XLSX, opened and read back."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from docx import Document as open_docx
from openpyxl import load_workbook

from jixiao.evaluate.monitor import monitor
from jixiao.evaluate.results import Band
from jixiao.publish.monitoring_layout import BAND_FILLS
from jixiao.publish.monitoring_report import monitoring_publication, render_report
from tests.publish.monitoring import ACTUALS, FARMLAND, FIRE, TARGETS

RESULT = monitor(TARGETS, ACTUALS)


def test_the_round_is_what_the_report_says() -> None:
    """The fixture's bands: 3万亩 of 19万亩 is red however it is pro-rated; budget 400 of 1300 at June is 61.5 →
    yellow; the 消防救援支队 spent 2800 of 5200 (adjusted): 107.7 → green."""
    farmland, fire = RESULT.projects[0], RESULT.departments[0]
    assert farmland.band is Band.RED and farmland.budget.band is Band.YELLOW
    assert farmland.budget.ratio == pytest.approx(400 * 1200 / (1300 * 6))
    assert fire.budget.band is Band.GREEN


def test_summary_states_counts_and_budget_in_words() -> None:
    pub = monitoring_publication(TARGETS, ACTUALS, RESULT)
    text = "\n".join(pub.preface)
    assert "时间进度 50.0%" in text
    assert "共监控项目 1 个：红灯 1 个、黄灯 0 个" in text
    assert "预算数合计 6500 万元，执行数合计 3200 万元" in text
    assert [p.title for p in pub.parts] == [
        "绩效运行监控情况汇总",
        "项目支出绩效目标执行监控表",
        "部门整体绩效目标执行监控表",
    ]


def _docx_text(data: bytes) -> tuple[str, str]:
    doc = open_docx(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(p.text for p in doc.paragraphs) + "\n" + "\n".join(cells), doc.element.xml


def test_docx_prints_bands_in_words_and_colour() -> None:
    area = next(i for i in RESULT.projects[0].indicators if i.name == "新增高标准农田面积")
    text, xml = _docx_text(render_report(TARGETS, ACTUALS, RESULT, "docx"))
    for expected in (
        "项目支出绩效目标执行监控表",
        FARMLAND.name,
        FIRE.name,
        "1–6月执行数",
        f"红灯\n{area.progress:.1f}",
        "黄灯",
        "配套资金晚到位",
        "督促资金到位，加快施工",
        "经费保障、人员保障",
        "有可能",
    ):
        assert expected in text, expected
    assert f'w:fill="{BAND_FILLS["red"]}"' in xml and f'w:fill="{BAND_FILLS["yellow"]}"' in xml


def test_summary_only_lists_the_red_and_yellow_with_causes_and_measures() -> None:
    text, _ = _docx_text(render_report(TARGETS, ACTUALS, RESULT, "docx", summary_only=True))
    assert "红灯、黄灯指标及偏差原因、改进措施" in text and "预算执行与时间进度" in text
    assert "新增高标准农田面积" in text and "制定管护办法" in text  # red, then yellow (部分达成)
    assert "1–6月执行数" not in text  # no 执行监控表


def test_pdf_reads_back_with_bands() -> None:
    data = render_report(TARGETS, ACTUALS, RESULT, "pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    squashed = text.replace(" ", "")
    for expected in (
        "绩效运行监控情况汇总",
        "项目支出绩效目标执行监控表",
        "部门整体绩效目标执行监控表",
        "红灯",
        "黄灯",
        "绿灯",
        "配套资金晚到位",
        FARMLAND.name,
    ):
        assert expected in squashed, expected


def test_xlsx_summary_has_coloured_bands() -> None:
    wb = load_workbook(io.BytesIO(render_report(TARGETS, ACTUALS, RESULT, "xlsx", summary_only=True)))
    ws = wb["绩效运行监控情况汇总"]
    values = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert "红灯、黄灯指标" in values and "督促资金到位，加快施工" in values
    fills = {
        c.fill.fgColor.rgb[-6:] for row in ws.iter_rows() for c in row if str(c.value).startswith("红灯\n")
    }
    assert fills == {BAND_FILLS["red"]}
