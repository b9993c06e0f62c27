"""Read an XLSX disclosure or form: every sheet a grid, read by the layout it is in.

jixiao's own published layout is read exactly; any other workbook goes to the table interpreter, which
reads tables by their headers and labels; only what neither recognises goes to the text reader. Warnings
name the sheet and cell (``项目支出绩效目标!A14``).
"""

from __future__ import annotations

import hashlib

from jixiao.domain import Document, Source
from jixiao.ingest.grid.blocks import to_blocks
from jixiao.ingest.grid.xlsx import XlsxError, cell_text, open_workbook, parts
from jixiao.ingest.layouts import read_grid_parts


def read_xlsx(data: bytes, name: str) -> Document:
    """A Document from an XLSX workbook."""
    return read_grid_parts(parts(data), Source(name, hashlib.sha256(data).hexdigest()), name)


__all__ = ["XlsxError", "cell_text", "open_workbook", "read_xlsx", "to_blocks"]
