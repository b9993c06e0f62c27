"""Readers: bytes in, :class:`jixiao.domain.Document` out, with warnings for what could not be read."""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from jixiao.domain.model import Document, Source
from jixiao.ingest.decode import decode_text
from jixiao.ingest.errors import ReadError
from jixiao.ingest.limits import LimitError, check, time_budget
from jixiao.ingest.limits import limits as limits_in_force

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ".tsv"})
CELL_SUFFIXES = frozenset({".pdf", ".docx", ".xlsx", ".xlsm", ".html", ".htm"})  # jixiao.ingest.formats


def read_document(data: bytes, name: str) -> Document:
    """Read one disclosure; ``name`` is the file name (its suffix picks the reader). Within the limits of
    :mod:`jixiao.ingest.limits` (size, time, memory), or :class:`ReadError` naming the one exceeded."""
    check("file_bytes", len(data))
    try:
        with time_budget():
            return _read(data, name)
    except MemoryError as exc:  # under a memory limit (the web's reading process): the file, not a bug
        raise ReadError(
            "读取该文档所需内存超出限制, 文件过大或结构异常",
            "reading the document needs more memory than allowed",
        ) from exc
    except RecursionError as exc:
        raise LimitError("depth", limits_in_force().depth + 1, PurePath(name).name) from exc


def _read(data: bytes, name: str) -> Document:
    suffix = PurePath(name).suffix.lower()
    source = Source(PurePath(name).name, hashlib.sha256(data).hexdigest())
    if suffix in TEXT_SUFFIXES or suffix == "":
        from jixiao.ingest.layouts import read_converted_text

        document = read_converted_text(decode_text(data), source)
    elif suffix in CELL_SUFFIXES:
        from jixiao.ingest.formats import read_any

        document = read_any(data, name)
    else:
        raise ReadError(f"不支持的文件类型: {suffix}", f"unsupported file type: {suffix}")
    if not document.projects and not document.departments:
        raise ReadError("文档中没有找到绩效目标表", "no performance target tables found in the document")
    return document


__all__ = ["LimitError", "ReadError", "read_document"]
