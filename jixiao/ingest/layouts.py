"""Which reader reads a document: jixiao's published layout, the table interpreter, or the text reader.

Every cell format (XLSX, DOCX, HTML, PDF) becomes grid parts first. jixiao's own published layout is
read exactly (so what jixiao publishes reads back unchanged); any other layout goes to the table
interpreter, which reads project tables by their headers and labels. Text converted from PDF goes to the
text reader, which repairs what converters break, unless its headers or fields are outside the templates
that reader knows (:mod:`jixiao.ingest.interpret.classic`); then the interpreter reads it from the TAB
grid. Summary tables and the preface, which the interpreter does not read yet, come from the text reader.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Sequence

from jixiao.domain import Document, Source
from jixiao.ingest.errors import ReadError
from jixiao.ingest.grid import text as text_grid
from jixiao.ingest.grid.blocks import Block, Row, blocks_to_text, to_blocks
from jixiao.ingest.grid.model import Part
from jixiao.ingest.interpret import interpret
from jixiao.ingest.interpret.classic import needs_interpreter
from jixiao.ingest.published import LayoutError, read_blocks


def read_grid_parts(parts: Sequence[Part], source: Source, name: str) -> Document:
    """A Document from grid parts, by the first reader that recognises their layout."""
    blocks = to_blocks(parts)
    published: Document | None = None
    with contextlib.suppress(LayoutError):
        published = read_blocks(blocks, source)
    # jixiao's own layout reads without a single warning; a form that only shares some of its labels
    # (项目名称 in the first column, a 序号 column) does not, and goes to the interpreter.
    if (
        published is not None
        and not published.warnings
        and all(p.name for p in published.projects)
        and all(d.name for d in published.departments)
    ):
        return published
    grid_doc = interpret(parts, source)
    text_doc = _text_reader(blocks_to_text(blocks), source)
    if not grid_doc.projects and not grid_doc.departments:
        if published is not None:
            return published
        if text_doc is None:
            raise ReadError("文档中没有找到绩效目标表", "no performance target tables found in the document")
        return _located(text_doc, blocks)
    return _located(combine(grid_doc, text_doc), blocks)


def _located(doc: Document, blocks: Sequence[Block]) -> Document:
    """Totals the text reader found, placed in the file's cells: line N of that text is block N."""
    if not doc.totals:
        return doc
    placed = []
    for total in doc.totals:
        block = blocks[total.line - 1] if total.line and total.line <= len(blocks) else None
        where = block.where if isinstance(block, Row) else total.where
        placed.append(dataclasses.replace(total, line=None, where=where))
    return dataclasses.replace(doc, totals=tuple(placed))


def read_converted_text(text: str, source: Source) -> Document:
    """A Document from text converted from PDF (TAB-separated cells)."""
    from jixiao.ingest.text_reader import read_text

    if not needs_interpreter(text):
        try:
            doc = read_text(text, source)
            if doc.projects or doc.departments:
                return doc
        except ReadError:
            pass  # its own template's words, but not its layout (fields as 标签：值 lines): the interpreter
    grid_doc = interpret(text_grid.parts(text), source)
    text_doc = _text_reader(text, source)
    # The text reader does not know this template, so it would misread rather than miss: the interpreter's
    # reading stands whenever it found tables at all.
    if text_doc is None or grid_doc.projects or grid_doc.departments:
        return combine(grid_doc, text_doc)
    return text_doc


def combine(grid_doc: Document, text_doc: Document | None) -> Document:
    """Tables from the interpreter; the summary with its totals, the preface and issuer, which it does not
    read, from the text reader (whose tables are not taken: it does not know this template, so it would
    misread them)."""
    if text_doc is None or not (text_doc.summary or text_doc.totals or text_doc.preface or text_doc.issuer):
        return grid_doc
    return dataclasses.replace(
        grid_doc,
        title=text_doc.title or grid_doc.title,
        issuer=text_doc.issuer,
        year=text_doc.year or grid_doc.year,
        preface=text_doc.preface,
        summary=text_doc.summary,
        totals=text_doc.totals,
    )


def _text_reader(text: str, source: Source) -> Document | None:
    from jixiao.ingest.text_reader import read_text

    if not text.strip():
        return None
    try:
        doc = read_text(text, source)
    except ReadError:
        return None
    return doc if (doc.projects or doc.departments or doc.summary or doc.totals) else None
