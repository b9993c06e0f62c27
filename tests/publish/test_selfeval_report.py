"""The 绩效自评表 with scores and grades, and the year's report for 人大, as DOCX, PDF and XLSX, opened and read
back: names, scores and grades as worked by hand in tests/publish/selfeval.py."""

from __future__ import annotations

import io

import pdfplumber
from docx import Document as open_docx
from openpyxl import load_workbook

from jixiao.publish.selfeval_layout import GRADE_FILLS
from jixiao.publish.selfeval_report import render_selfeval, selfeval_publication
from tests.publish.selfeval import ACTUALS, ALLOWANCE, FARMLAND, FIRE, RESULT, TARGETS


def _docx_text(data: bytes) -> tuple[str, str]:
    doc = open_docx(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(p.text for p in doc.paragraphs) + "\n" + "\n".join(cells), doc.element.xml


def test_the_report_states_the_year_in_sentences() -> None:
    pub = selfeval_publication(TARGETS, ACTUALS, RESULT)
    text = "\n".join(pub.preface)
    assert "共自评项目 2 个：优 1 个、良 0 个、中 1 个、差 0 个，平均 78.08 分" in text  # (92.18 + 63.98) ÷ 2
    assert (
        "全年预算数合计 6768 万元，全年执行数合计 6280 万元" in text
    )  # 1350 + 218 + 5200; 1080 + 100 + 5100
    assert "红色预警 2 个" in text and "黄色预警 1 个" in text
    assert [p.title for p in pub.parts] == [
        "绩效自评情况报告",
        "项目支出绩效自评表",
        "部门整体支出绩效自评表",
    ]


def test_docx_prints_every_table_with_scores_grades_and_colour() -> None:
    text, xml = _docx_text(render_selfeval(TARGETS, ACTUALS, RESULT, "docx"))
    for expected in (
        "项目支出绩效自评表",
        "部门整体支出绩效自评表",
        FARMLAND.name,
        ALLOWANCE.name,
        FIRE.name,
        "全年预算数",
        "11.18",  # 17 ÷ 19 × 12.5
        "92.18",
        "63.98",
        "94.81",
        "优先保障",
        "压缩",  # 中
        "下属单位个数",
        "年中追加预算200万元，执行正常。",
        "督促资金到位，加快施工",
        "红色预警",
        "黄色预警",
    ):
        assert expected in text, expected
    assert f'w:fill="{GRADE_FILLS["优"]}"' in xml and f'w:fill="{GRADE_FILLS["中"]}"' in xml


def test_the_report_for_the_peoples_congress_lists_the_low_and_the_warned() -> None:
    text, _ = _docx_text(render_selfeval(TARGETS, ACTUALS, RESULT, "docx", summary_only=True))
    for expected in ("自评等级分布", "按主管部门汇总", "等级为中、差的项目", "红色、黄色预警", "其他发现"):
        assert expected in text, expected
    assert "保障人数 15.89/25.00" in text  # 600 ÷ 944 × 25, the 中 project's lost points
    assert "某市民政局" in text  # not reported: a finding of the year
    assert "偏差原因分析" not in text  # no 自评表


def test_pdf_reads_back_with_names_scores_and_grades() -> None:
    with pdfplumber.open(io.BytesIO(render_selfeval(TARGETS, ACTUALS, RESULT, "pdf"))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages).replace(" ", "")
    for expected in (
        "绩效自评情况报告",
        "项目支出绩效自评表",
        FARMLAND.name,
        FIRE.name,
        "92.18",
        "94.81",
        "自评等级",
    ):
        assert expected in text, expected


def test_xlsx_report_has_the_grades_in_colour() -> None:
    wb = load_workbook(io.BytesIO(render_selfeval(TARGETS, ACTUALS, RESULT, "xlsx", summary_only=True)))
    values = {
        str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None
    }
    assert {"自评等级分布", FARMLAND.name, ALLOWANCE.name, "压缩"} <= values
    fills = {
        c.fill.fgColor.rgb[-6:]
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value == "中"
    }
    assert GRADE_FILLS["中"] in fills
