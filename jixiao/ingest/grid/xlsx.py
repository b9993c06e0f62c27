"""XLSX → one :class:`Table` per worksheet, merged ranges as spans, cells located as ``sheet!C12``.

Numbers come back as the text a person reads (``1300``, ``99.5``, ``8000000``), booleans as 是/否 and
dates in ISO form. Empty cells are left out unless a merge starts there.

A worksheet is streamed cell by cell (openpyxl's own parser, no grid), so only the cells present cost
memory, and the table is clipped to them (:func:`~jixiao.ingest.grid.model.clipped_table`). The readers that
need openpyxl's whole workbook (the template, the filled tables) open it through :func:`open_workbook`,
which first measures every sheet the same streaming way and refuses what would not fit the limits.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from jixiao.domain.values import format_number
from jixiao.ingest import limits
from jixiao.ingest.errors import ReadError
from jixiao.ingest.grid.model import Cell, Part, Table, clipped_table
from jixiao.ingest.ooxml import open_zip

# What a damaged workbook makes openpyxl and the XML parsers raise.
_BROKEN = (
    InvalidFileException,
    zipfile.BadZipFile,
    KeyError,
    OSError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    EOFError,
    SyntaxError,
    zlib.error,
)
_REF = re.compile(r"([A-Z]{1,3})(\d+)")


class XlsxError(ReadError):
    """The bytes are not a readable XLSX."""

    def __init__(self, message: str) -> None:
        zh, _, en = message.partition(" / ")
        super().__init__(zh, en or zh)

    def __str__(self) -> str:
        return f"{self.message_zh} / {self.message_en}"


def cell_text(value: object) -> str:
    """A cell value as printed text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return format_number(float(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _broken(exc: Exception) -> XlsxError:
    return XlsxError(f"不是有效的 XLSX 文件 / not an XLSX file: {type(exc).__name__}: {exc}"[:300])


def _sheet_parts(archive: zipfile.ZipFile) -> list[str]:
    return [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]


def _extent(ref: str) -> tuple[int, int, int]:
    """Rows, columns and area of a range reference (``A1:XFD1048576``) as its last row and column."""
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    rows, cols = (max_row or min_row or 1), (max_col or min_col or 1)
    return rows, cols, (rows - (min_row or 1) + 1) * (cols - (min_col or 1) + 1)


def measure_sheets(archive: zipfile.ZipFile, rows: int | None = None, columns: int | None = None) -> None:
    """Refuse a workbook any of whose sheets, as openpyxl would lay it out (every cell present, every
    merge and hyperlink range expanded), would exceed the limits; streams each sheet, allocating nothing."""
    from lxml import etree

    bound = limits.limits()
    for name in _sheet_parts(archive):
        cells = max_row = max_col = 0
        with archive.open(name) as part:
            for _, el in etree.iterparse(
                part,
                events=("end",),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=False,
            ):
                tag = el.tag.rpartition("}")[2]
                if tag == "c":
                    cells += 1
                    match = _REF.fullmatch(el.get("r") or "")
                    if match:
                        max_row = max(max_row, int(match[2]))
                        max_col = max(max_col, _column(match[1]))
                    if cells % 65536 == 0:
                        limits.check("cells", cells, name)
                        limits.check_time(name)
                    el.clear()
                elif tag in ("mergeCell", "hyperlink") and el.get("ref"):
                    last_row, last_col, area = _extent(el.get("ref") or "")
                    max_row, max_col = max(max_row, last_row), max(max_col, last_col)
                    limits.check("cells", area, f"{name} {el.get('ref')}")
                elif tag == "row":
                    el.clear()
        limits.check("cells", cells, name)
        if max_row > min(bound.rows, rows or bound.rows):
            raise limits.LimitError("rows", max_row, name)
        if max_col > min(bound.columns, columns or bound.columns):
            raise limits.LimitError("columns", max_col, name)


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def open_workbook(data: bytes, rows: int | None = None, columns: int | None = None):  # type: ignore[no-untyped-def]
    """openpyxl's whole workbook (values, not formulas), once every sheet is measured within the limits
    (and within ``rows`` and ``columns``, where a reader knows its form is smaller); :class:`XlsxError`
    naming the limit otherwise."""
    with limits.time_budget():
        try:
            measure_sheets(open_zip(data, "XLSX"), rows, columns)
            return load_workbook(io.BytesIO(data), data_only=True)
        except XlsxError:
            raise
        except ReadError as exc:
            raise XlsxError(str(exc)) from exc
        except MemoryError as exc:
            raise XlsxError(
                "读取该工作簿所需内存超出限制 / reading the workbook needs more memory than allowed"
            ) from exc
        except _BROKEN as exc:
            raise _broken(exc) from exc


def _stream(ws: Any) -> tuple[dict[tuple[int, int], str], list[str]]:
    """The text of every cell present in a read-only worksheet, by (row, column), and its merged ranges:
    openpyxl's own streaming parser, so positions no cell stands at cost nothing."""
    from openpyxl.worksheet._reader import WorkSheetParser

    wb = ws.parent
    present: dict[tuple[int, int], str] = {}
    with ws._get_source() as src:
        parser = WorkSheetParser(
            src,
            ws._shared_strings,
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for n, (_, row) in enumerate(parser.parse()):
            for c in row:
                text = cell_text(c["value"])
                if text:
                    present[(c["row"], c["column"])] = text
            if n % 1024 == 0:
                limits.check("cells", len(present), ws.title)
                limits.check_time(ws.title)
        merges = [m.ref for m in parser.merged_cells.mergeCell] if parser.merged_cells else []
    limits.check("cells", len(present), ws.title)
    return present, merges


def sheet_table(ws: Any) -> Table:
    """One worksheet as a table; positions are the sheet's own (row 0 is Excel row 1) until clipped."""
    present, merges = _stream(ws)
    last_row = max((r for r, _ in present), default=0)
    last_col = max((c for _, c in present), default=0)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for ref in merges:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_col is None or min_row is None or max_col is None or max_row is None:
            continue
        spans[(min_row, min_col)] = (max_row - min_row + 1, max_col - min_col + 1)
        # Only the part where cells are can hide one; that part is bounded by the cells limit.
        rows = range(min_row, min(max_row, last_row) + 1)
        cols = range(min_col, min(max_col, last_col) + 1)
        limits.check("cells", len(covered) + len(rows) * len(cols), f"{ws.title}!{ref}")
        covered.update((r, c) for r in rows for c in cols)
    cells = []
    for key, text in present.items():
        if key not in spans and key in covered:
            continue  # a position a merge covers, not its origin
        rowspan, colspan = spans.pop(key, (1, 1))
        cells.append(_cell(ws.title, key, text, rowspan, colspan))
    cells += [_cell(ws.title, key, "", *span) for key, span in spans.items()]  # merges starting empty
    cells.sort(key=lambda c: (c.row, c.col))
    return clipped_table(cells, ws.title)


def _cell(title: str, key: tuple[int, int], text: str, rowspan: int, colspan: int) -> Cell:
    r, c = key
    return Cell(text, r - 1, c - 1, rowspan, colspan, where=f"{title}!{get_column_letter(c)}{r}")


def parts(data: bytes) -> list[Part]:
    """Every worksheet of the workbook, in order."""
    open_zip(data, "XLSX")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return [sheet_table(ws) for ws in wb.worksheets]
        finally:
            wb.close()
    except ReadError:
        raise
    except _BROKEN as exc:
        raise _broken(exc) from exc
