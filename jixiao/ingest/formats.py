"""Readers for formats with real cells (PDF, DOCX, XLSX, HTML), registered by file suffix.

Kept apart from the text reader's dispatcher (``jixiao.ingest.read_document``): :func:`read_any` tries
these first and hands every other suffix to it. Each cell reader reads jixiao's published layout exactly
and passes other layouts to the text reader as TAB-separated lines, so the two stay one family.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from jixiao.domain import Document
from jixiao.ingest.errors import ReadError


def _pdf(data: bytes, name: str) -> Document:
    from jixiao.ingest.pdf import read_pdf

    return read_pdf(data, name)


def _docx(data: bytes, name: str) -> Document:
    from jixiao.ingest.docx import read_docx

    return read_docx(data, name)


def _xlsx(data: bytes, name: str) -> Document:
    from jixiao.ingest.xlsx import read_xlsx

    return read_xlsx(data, name)


def _html(data: bytes, name: str) -> Document:
    from jixiao.ingest.html import read_html

    return read_html(data, name)


CELL_READERS: dict[str, Callable[[bytes, str], Document]] = {
    ".pdf": _pdf,
    ".docx": _docx,
    ".xlsx": _xlsx,
    ".xlsm": _xlsx,
    ".html": _html,
    ".htm": _html,
}


def read_any(data: bytes, name: str) -> Document:
    """Read a disclosure of any supported format; :class:`ReadError` for what cannot be read."""
    reader = CELL_READERS.get(PurePath(name).suffix.lower())
    if reader is None:
        from jixiao.ingest import read_document

        return read_document(data, name)
    try:
        return reader(data, name)
    except ReadError:
        raise
    except ValueError as exc:  # DocxError, XlsxError, PdfError, LayoutError
        text = str(exc)
        zh, _, en = text.partition(" / ")
        raise ReadError(zh, en or zh) from exc
