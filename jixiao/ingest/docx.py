"""Read a DOCX disclosure or form: its paragraphs and tables as a grid, read by the layout they are in."""

from __future__ import annotations

import hashlib

from jixiao.domain import Document, Source
from jixiao.ingest.grid.docx import DocxError, parts
from jixiao.ingest.layouts import read_grid_parts


def read_docx(data: bytes, name: str) -> Document:
    """A Document from a DOCX file."""
    return read_grid_parts(parts(data), Source(name, hashlib.sha256(data).hexdigest()), name)


__all__ = ["DocxError", "read_docx"]
