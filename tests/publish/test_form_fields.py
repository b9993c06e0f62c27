"""The fields of real project forms (实施期限, 项目类型, 是否新增, 中期规划, 评分标准 …) in the published layout.

A document prints each of them only when one of its projects has it, so documents without them print
exactly as before; once printed, every project of the document has the row or column (blank where it has
no value), and the reader gets each value back. The full round trip in every format is in
``test_roundtrip_samples`` (the FULL document) and ``test_roundtrip_properties``.
"""

from __future__ import annotations

import dataclasses

import pytest

from jixiao.domain import Document, Source
from jixiao.ingest.grid.blocks import Row
from jixiao.ingest.published import read_blocks
from jixiao.publish import document
from jixiao.publish import layout as L
from tests.publish.fixtures import FULL, STEMS, expected_document

FORM_LABELS = (
    L.PROJECT_TYPE,
    L.IS_NEW,
    L.PERIOD,
    L.ALLOCATION,
    L.FUNDS_MIDTERM,
    L.POLICY_BASIS,
    L.CALCULATION_BASIS,
    L.LONG_TERM_GOAL,
    L.SCORING,
)


def _texts(doc: Document) -> list[set[str]]:
    """The cell texts of each project's tables."""
    pub = document.build(doc)
    return [
        {c.text for t in s.tables for row in (*t.head, *t.body) for c in row}
        for s in pub.sections
        if s.anchor.startswith("p")
    ]


@pytest.mark.parametrize("stem", STEMS)
def test_documents_without_form_fields_print_no_row_or_column_for_them(stem: str) -> None:
    tables = _texts(expected_document(stem))
    assert tables and not any(set(FORM_LABELS) & texts for texts in tables)


def test_a_field_one_project_fills_is_printed_for_every_project() -> None:
    first, second = _texts(FULL)
    assert set(FORM_LABELS) <= first and set(FORM_LABELS) <= second
    assert FULL.projects[1].period is None  # the second project prints the row blank


def test_only_the_fields_filled_are_printed() -> None:
    p = dataclasses.replace(FULL.projects[1], is_new=True)
    (texts,) = _texts(dataclasses.replace(FULL, projects=(p,)))
    assert {L.IS_NEW, L.YES} <= texts
    assert not (set(FORM_LABELS) - {L.IS_NEW}) & texts


def test_scoring_takes_half_of_the_description_column() -> None:
    pub = document.build(FULL)
    indicators = next(t for t in pub.sections[0].tables if t.kind == "project-indicators")
    assert [c.text for c in indicators.head[0]] == [*L.INDICATOR_HEADER[:4], L.SCORING, L.INDICATOR_HEADER[4]]
    assert all(sum(c.colspan for c in row) <= indicators.columns for row in indicators.body)
    plain = next(
        t
        for t in document.build(expected_document(STEMS[0])).sections[0].tables
        if t.kind == "project-indicators"
    )
    assert [c.colspan for c in plain.head[0]] == [1, 1, 1, 2, 1]


def test_a_yes_no_cell_that_is_neither_is_a_warning_not_a_guess() -> None:
    rows = [
        Row(("项目名称", "乡村道路养护", "项目编码", "")),
        Row((L.IS_NEW, "也许", L.PERIOD, "2024年")),
        Row((L.FUNDS_MIDTERM, "三千")),
    ]
    doc = read_blocks(rows, Source("t", ""))
    (p,) = doc.projects
    assert (p.is_new, p.period, p.funds.midterm) == (None, "2024年", None)
    messages = [w.message for w in doc.warnings]
    assert any("是否新增项目 '也许'" in m for m in messages)
    assert any("'三千' 不是数值" in m for m in messages)


@pytest.mark.parametrize(("printed", "flag"), [("是", True), ("否", False), ("", None)])
def test_yes_no_reads_back(printed: str, flag: bool | None) -> None:
    rows = [Row(("项目名称", "乡村道路养护")), Row((L.IS_NEW, printed))]
    (p,) = read_blocks(rows, Source("t", "")).projects
    assert p.is_new is flag
