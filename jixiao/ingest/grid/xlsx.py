"""XLSX → one :class:`Table` per worksheet, merged ranges as spans, cells located as ``sheet!C12``.

Numbers come back as the text a person reads (``1300``, ``99.5``, ``8000000``), booleans as 是/否 and
dates in ISO form. Empty cells are left out unless a merge starts there.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from jixiao.domain.values import format_number
from jixiao.ingest.grid.model import MAX_COLUMNS, MAX_ROWS, Cell, GridError, Part, Table


class XlsxError(ValueError):
    """The bytes are not a readable XLSX."""


def cell_text(value: object) -> str:
    """A cell value as printed text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return format_number(float(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def open_workbook(data: bytes):  # type: ignore[no-untyped-def]
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise XlsxError(f"不是有效的 XLSX 文件 / not an XLSX file: {exc}") from exc


def sheet_table(ws) -> Table:  # type: ignore[no-untyped-def]
    """One worksheet as a table; positions are the sheet's own (row 0 is Excel row 1)."""
    if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
        raise GridError(
            f"工作表 {ws.title} 过大 ({ws.max_row} 行 × {ws.max_column} 列) / sheet too large"
        )
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        rows, cols = rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1
        if rows * cols > 1_000_000:
            raise GridError(f"工作表 {ws.title} 的合并区域 {rng} 过大 / merged range too large")
        spans[(rng.min_row, rng.min_col)] = (rows, cols)
        covered.update(
            (r, c) for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)
        )
    cells = []
    for row in ws.iter_rows():
        for c in row:
            key = (c.row, c.column)
            span = spans.get(key)
            if key in covered and span is None:
                continue
            text = cell_text(c.value)
            if not text and span is None:
                continue
            rowspan, colspan = span or (1, 1)
            cells.append(
                Cell(text, c.row - 1, c.column - 1, rowspan, colspan, where=f"{ws.title}!{c.coordinate}")
            )
    return Table(tuple(cells), name=ws.title)


def parts(data: bytes) -> list[Part]:
    """Every worksheet of the workbook, in order."""
    wb = open_workbook(data)
    return [sheet_table(ws) for ws in wb.worksheets]
