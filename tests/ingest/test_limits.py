"""Bounded reading (issue 17 §1): the limits, their environment variables, and what each reader does at
them — a lone far cell and a whole-sheet merge cost a few positions, a zip part that inflates too far, a DTD,
a table nested too deep or a read past its time are refused with the limit named in both languages."""

from __future__ import annotations

import io
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from jixiao.ingest import limits, read_document
from jixiao.ingest.grid import html as html_grid
from jixiao.ingest.grid import xlsx as xlsx_grid
from jixiao.ingest.grid.model import GAP, Cell, clipped_table
from jixiao.ingest.limits import LimitError, Limits
from jixiao.ingest.xlsx import XlsxError, open_workbook
from tests.fuzz_corpus import crafted_files


def _crafted(name: str) -> bytes:
    return next(data for n, data in crafted_files() if n == name)


def _workbook(*cells: tuple[int, int, str]) -> bytes:
    wb = Workbook()
    for r, c, v in cells:
        wb.active.cell(r, c, v)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_every_limit_has_a_variable_and_the_variable_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_MAX_ROWS", "12")
    assert limits.limits().rows == 12 and limits.limits().columns == Limits().columns
    monkeypatch.setenv("JIXIAO_MAX_ROWS", "many")
    with pytest.raises(limits.ReadError, match="JIXIAO_MAX_ROWS"):
        limits.limits()


def test_a_limit_error_names_the_limit_and_its_variable_in_both_languages() -> None:
    error = LimitError("cells", 2_000_000, "表1")
    assert "单元格数超出上限" in error.message_zh and "JIXIAO_MAX_CELLS" in error.message_zh
    assert "cells over the limit" in error.message_en and error.limit == "cells"


def test_a_lone_far_cell_is_read_as_a_few_positions_not_a_sheet() -> None:
    (table,) = xlsx_grid.parts(_workbook((1, 1, "项目名称"), (1048576, 16384, "远")))
    assert table.n_rows <= 2 + GAP and table.n_cols <= 2 + GAP
    assert [c.where for c in table.cells] == ["Sheet!A1", "Sheet!XFD1048576"]


def test_a_merge_over_the_whole_sheet_ends_at_the_cells_present() -> None:
    (table,) = xlsx_grid.parts(_crafted("full-sheet-merge.xlsx"))
    (merged,) = [c for c in table.cells if c.row == 0 and c.col == 0]
    assert merged.rowspan <= 2 + GAP and merged.colspan <= 3 + GAP


def test_spans_past_the_cells_present_are_clipped_and_gaps_shrink() -> None:
    table = clipped_table([Cell("a", 0, 0, 10**9, 10**9), Cell("b", 500, 0), Cell("c", 500, 9000)])
    assert table.n_rows == 1 + GAP + 1 + GAP and table.n_cols == 1 + GAP + 1 + GAP
    assert [(c.text, c.row, c.col) for c in table.cells] == [
        ("a", 0, 0),
        ("b", 1 + GAP, 0),
        ("c", 1 + GAP, 1 + GAP),
    ]
    assert (table.cells[0].rowspan, table.cells[0].colspan) == (table.n_rows, table.n_cols)
    assert clipped_table([Cell("x", 0, 0, 1, 3), Cell("y", 1, 0)]).cells[0].colspan == 3  # within the margin


def test_a_grid_beyond_the_cells_limit_is_refused_before_it_is_laid_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JIXIAO_MAX_CELLS", "100")
    with pytest.raises(LimitError, match="JIXIAO_MAX_CELLS"):
        clipped_table([Cell("a", r, c) for r in range(11) for c in range(11)])


def test_the_whole_workbook_reader_refuses_a_far_cell_before_opening(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _workbook((1, 1, "a"), (200_000, 1, "far"))
    with pytest.raises(XlsxError, match="JIXIAO_MAX_ROWS"):
        open_workbook(data)
    with pytest.raises(XlsxError, match="JIXIAO_MAX_CELLS"):
        open_workbook(_crafted("hyperlink-over-sheet.xlsx"))
    monkeypatch.setenv("JIXIAO_MAX_ROWS", "300000")
    assert open_workbook(data).active.max_row == 200_000


@pytest.mark.parametrize(
    ("name", "variable"),
    [
        ("zip-bomb.xlsx", "JIXIAO_MAX_ZIP_RATIO"),
        ("zip-bomb.docx", "JIXIAO_MAX_ZIP_RATIO"),
        ("nested.html", "JIXIAO_MAX_DEPTH"),
    ],
)
def test_crafted_files_name_the_limit_they_pass(name: str, variable: str) -> None:
    with pytest.raises(LimitError, match=variable):
        read_document(_crafted(name), name)


def test_the_total_inflated_size_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_MAX_UNZIPPED_BYTES", "1000")
    with pytest.raises(LimitError, match="JIXIAO_MAX_UNZIPPED_BYTES"):
        read_document(_workbook((1, 1, "a")), "a.xlsx")


@pytest.mark.parametrize("name", ["laughs-sheet.xlsx", "laughs-workbook.xlsx", "laughs.docx"])
def test_xml_declaring_entities_is_refused_unexpanded(name: str) -> None:
    with pytest.raises(limits.ReadError, match="DTD"):
        read_document(_crafted(name), name)


def test_docx_grid_span_is_clipped_to_the_table_grid() -> None:
    with pytest.raises(limits.ReadError, match="没有找到绩效目标表"):
        read_document(_crafted("grid-span.docx"), "grid-span.docx")  # read whole, then nothing to find


def test_html_tables_nested_past_the_depth_limit_are_refused() -> None:
    with pytest.raises(LimitError, match="JIXIAO_MAX_DEPTH"):
        html_grid.parts(("<table><tr><td>" * 70 + "x").encode())


def test_the_file_size_limit_comes_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_MAX_FILE_BYTES", "10")
    with pytest.raises(LimitError, match="JIXIAO_MAX_FILE_BYTES"):
        read_document(b"x" * 11, "a.txt")


def test_a_read_past_its_time_budget_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_MAX_SECONDS", "1")
    with limits.time_budget():
        limits.check_time()
        monkeypatch.setattr(time, "monotonic", lambda: 10**12)
        with pytest.raises(LimitError, match="JIXIAO_MAX_SECONDS"):
            limits.check_time("第3页")


_POSITIONS = st.integers(min_value=0, max_value=2_000_000)
_SPANS = st.integers(min_value=1, max_value=10**9)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(_POSITIONS, _POSITIONS, _SPANS, _SPANS), min_size=1, max_size=30, unique_by=lambda t: t[:2]
    )
)
def test_a_clipped_table_is_as_large_as_its_cells_make_it_and_keeps_their_order(
    placed: list[tuple[int, int, int, int]],
) -> None:
    cells = [Cell(str(i), r, c, rs, cs) for i, (r, c, rs, cs) in enumerate(placed)]
    table = clipped_table(cells)
    rows, cols = len({c.row for c in cells}), len({c.col for c in cells})
    assert table.n_rows <= rows * (GAP + 1) + GAP and table.n_cols <= cols * (GAP + 1) + GAP
    for a, b in zip(cells, table.cells, strict=True):  # same cells, same relative places, spans ≥ 1
        assert a.text == b.text and b.rowspan >= 1 and b.colspan >= 1
    for x, y in ((x, y) for x in range(len(cells)) for y in range(len(cells))):
        if cells[x].row < cells[y].row:
            assert table.cells[x].row < table.cells[y].row
        if cells[x].col < cells[y].col:
            assert table.cells[x].col < table.cells[y].col
