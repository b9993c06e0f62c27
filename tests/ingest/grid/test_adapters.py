"""Every format becomes the same grid: merges are one cell with a span, and every cell says where it is."""

from __future__ import annotations

import io

import docx
from openpyxl import Workbook

from jixiao.ingest.grid import docx as docx_grid
from jixiao.ingest.grid import html as html_grid
from jixiao.ingest.grid import text as text_grid
from jixiao.ingest.grid import xlsx as xlsx_grid
from jixiao.ingest.grid.model import GAP, Cell, Para, Table


def _spans(table: Table) -> set[tuple[str, int, int, int, int]]:
    return {(c.text, c.row, c.col, c.rowspan, c.colspan) for c in table.cells}


def test_xlsx_sheets_are_tables_and_merged_ranges_spans() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "项目1"
    ws.append(["产出", "数量", "路灯数", "≥1200盏"])
    ws.append([None, "质量", "亮灯率", "≥98%"])
    ws.merge_cells("A1:A2")
    wb.create_sheet("项目2")["B3"] = 8000000
    buffer = io.BytesIO()
    wb.save(buffer)
    first, second = xlsx_grid.parts(buffer.getvalue())
    assert first.name == "项目1" and ("产出", 0, 0, 2, 1) in _spans(first)
    assert [s.text if s else None for s in first.rows()[1]] == ["产出", "质量", "亮灯率", "≥98%"]
    assert not first.rows()[1][0].origin
    assert second.cells == (Cell("8000000", 2, 1, where="项目2!B3"),)


def test_docx_grid_span_and_vertical_merge_are_one_cell() -> None:
    d = docx.Document()
    d.add_paragraph("项目支出绩效目标表")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "项目名称：路灯维护"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "产出指标"
    t.cell(1, 1).text, t.cell(1, 2).text = "路灯数", "≥1200盏"
    t.cell(2, 1).text, t.cell(2, 2).text = "亮灯率", "≥98%"
    buffer = io.BytesIO()
    d.save(buffer)
    para, table = docx_grid.parts(buffer.getvalue())
    assert isinstance(para, Para) and para.text == "项目支出绩效目标表"
    spans = _spans(table)
    assert ("项目名称：路灯维护", 0, 0, 1, 3) in spans and ("产出指标", 1, 0, 2, 1) in spans
    assert len(table.cells) == 6


def test_html_rowspan_pushes_the_next_row_right() -> None:
    page = (
        "<h1>标题</h1><table><tr><td rowspan=2>产出</td><td>路灯数</td><td>≥1200盏</td></tr>"
        "<tr><td>亮灯率</td><td colspan=2>≥98%</td></tr></table>"
    ).encode()
    para, table = html_grid.parts(page)
    assert para.text == "标题"
    assert ("亮灯率", 1, 1, 1, 1) in _spans(table) and ("≥98%", 1, 2, 1, 2) in _spans(table)


def test_html_spans_beyond_any_table_are_clipped_to_its_used_range() -> None:
    page = b'<table><tr><td colspan="99999999" rowspan="99999999">x</td><td>y</td></tr></table>'
    (table,) = html_grid.parts(page)
    assert table.n_rows == 1 and table.n_cols <= 2 + GAP + 1
    assert [c.text for c in table.cells] == ["x", "y"]


def test_text_lines_with_cells_are_rows_and_single_cells_paragraphs() -> None:
    parts = text_grid.parts("项目支出绩效目标表\n项目名称\t路灯维护\n\t数量指标\t路灯数\t≥1200盏\n\n说明\n")
    assert [type(p).__name__ for p in parts] == ["Para", "Table", "Para"]
    table = parts[1]
    assert table.cells[0] == Cell("项目名称", 0, 0, where="第2行", line=2)
    assert table.rows()[1][0] is None  # what a converter left of a merged cell: nothing
