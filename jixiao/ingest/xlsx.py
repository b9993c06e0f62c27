"""Read an XLSX disclosure: every sheet, in order, as paragraphs and table rows.

A row whose first cell is alone (a one-column sheet) or merged across with nothing beside it is a line
of text, not a table row: titles, cover lines and 编报说明 paragraphs sit in such rows. Cells covered by a merge are
``None``; numbers come back as the text a person would print (``1300``, ``99.5``). Warnings name the
sheet and cell (``项目支出绩效目标!A14``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Iterator

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils.exceptions import InvalidFileException

from jixiao.domain import Document, Source
from jixiao.domain.values import format_number
from jixiao.ingest.published import Block, Para, Row, read_published


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
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise XlsxError(f"不是有效的 XLSX 文件 / not an XLSX file: {exc}") from exc


def blocks(data: bytes) -> Iterator[Block]:
    wb = open_workbook(data)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            cells = tuple(None if isinstance(c, MergedCell) else cell_text(c.value) for c in row)
            if not cells:
                continue
            rest = cells[1:]
            # A line of text: one cell, or a first cell merged across with nothing beside it.
            if cells[0] and (not rest or (rest[0] is None and all(c in (None, "") for c in rest))):
                yield Para(cells[0])
            else:
                yield Row(cells, f"{ws.title}!{row[0].coordinate}")


def read_xlsx(data: bytes, name: str) -> Document:
    """A Document from an XLSX disclosure."""
    return read_published(list(blocks(data)), Source(name, hashlib.sha256(data).hexdigest()), name)
