"""Which reader reads a grid: jixiao's published layout, the table interpreter, or the text reader.

Every cell format (XLSX, DOCX, HTML, PDF) becomes grid parts first. jixiao's own published layout is
read exactly (so what jixiao publishes reads back unchanged); any other layout goes to the table
interpreter, which reads project tables by their headers and labels. Department tables and summary tables
the interpreter does not read yet still come from the text reader over the same grid as TAB lines.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from jixiao.domain import Document, Source
from jixiao.ingest.errors import ReadError
from jixiao.ingest.grid.blocks import to_blocks
from jixiao.ingest.grid.model import Part
from jixiao.ingest.interpret import interpret
from jixiao.ingest.published import LayoutError, blocks_to_text, read_blocks


def read_grid_parts(parts: Sequence[Part], source: Source, name: str) -> Document:
    """A Document from grid parts, by the first reader that recognises their layout."""
    blocks = to_blocks(parts)
    try:
        return read_blocks(blocks, source)
    except LayoutError:
        pass
    grid_doc = interpret(parts, source)
    text_doc = _text_reader(blocks_to_text(blocks), source, name)
    if not grid_doc.projects:
        if text_doc is None:
            raise ReadError("文档中没有找到绩效目标表", "no performance target tables found in the document")
        return text_doc
    if text_doc is None or not (text_doc.departments or text_doc.summary):
        return grid_doc
    first = min((d.line for d in text_doc.departments if d.line), default=None)
    kept = [w for w in text_doc.warnings if first is not None and w.line is not None and w.line >= first]
    return dataclasses.replace(
        grid_doc,
        title=grid_doc.title or text_doc.title,
        issuer=text_doc.issuer,
        year=grid_doc.year or text_doc.year,
        preface=text_doc.preface,
        summary=text_doc.summary,
        departments=text_doc.departments,
        warnings=grid_doc.warnings + tuple(kept),
    )


def _text_reader(text: str, source: Source, name: str) -> Document | None:
    from jixiao.ingest.text_reader import read_text

    if not text.strip():
        return None
    try:
        doc = read_text(text, source)
    except ReadError:
        return None
    return doc if (doc.projects or doc.departments or doc.summary) else None
