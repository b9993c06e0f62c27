"""The 汇总表 (``Document.summary``) is printed ahead of the project tables, listed in the 目录, and read
back from every format."""

from __future__ import annotations

import dataclasses

import pytest

from jixiao.domain import Document, SummaryRow
from jixiao.publish import document, html, layout
from tests.publish.fixtures import FULL
from tests.publish.roundtrip import differences, round_trip


def with_summary(doc: Document) -> Document:
    rows = tuple(
        SummaryRow(project=p.name, no=n, department=p.department, budget=p.funds.total, fund_type=p.fund_type)
        for n, p in enumerate(doc.projects, 1)
    )
    return dataclasses.replace(doc, summary=(*rows, SummaryRow(project="未列资金的项目", no=len(rows) + 1)))


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html", "pdf"])
def test_summary_rows_round_trip(fmt: str) -> None:
    expected, back = round_trip(with_summary(FULL), fmt)
    assert back.summary == expected.summary and len(back.summary) == len(FULL.projects) + 1
    assert back == expected, differences(expected, back)


def test_summary_is_printed_before_the_project_tables_with_a_total_and_a_contents_entry() -> None:
    doc = with_summary(FULL)
    page = html.render(document.build(doc))
    toc, body = page.split('<h2 class="part"', 1)
    assert f'href="#summary">{layout.SUMMARY_TABLE_TITLE}<' in toc
    captions = [c.split("<", 1)[0] for c in body.split('<div class="caption">')[1:]]
    assert captions[:2] == [layout.SUMMARY_TABLE_TITLE, layout.PROJECT_TABLE_TITLE]
    total = sum(p.funds.total or 0 for p in doc.projects)
    table = layout.summary_table(doc.summary)
    assert [c.text for c in table.body[-1]][:2] == [layout.SUMMARY_TOTAL, layout.format_number(total)]


def test_a_document_without_summary_prints_none() -> None:
    pub = document.build(FULL)
    assert all(t.kind != "summary" for s in pub.sections for t in s.tables)
