"""Read a text-layer PDF disclosure with pdfplumber: ruled tables as cells, the rest as paragraphs.

Tables are found from their ruling lines, so merged cells come back as ``None`` exactly as in DOCX and
XLSX, and a table that runs over pages simply continues (its repeated header row is recognised by the
layout reader). Text outside tables is grouped into paragraphs by indentation: a line that starts at the
left margin continues the paragraph above it, even across a page break. Page numbers are dropped.
Scanned PDFs (no text layer) are refused with a message; OCR is a separate reader.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jixiao.domain import Document, Source
from jixiao.ingest import limits
from jixiao.ingest.errors import ReadError
from jixiao.ingest.grid.model import Cell, Para, Part, Table
from jixiao.ingest.layouts import read_grid_parts

_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d+(\s*页)?[-—–\s]*$")


class PdfError(ReadError):
    """The bytes are not a PDF with a text layer."""

    def __init__(self, message: str) -> None:
        zh, _, en = message.partition(" / ")
        super().__init__(zh, en or zh)


@dataclass
class _Line:
    text: str
    x0: float
    top: float
    size: float


def _lines(page: Any, boxes: list[tuple[float, float, float, float]]) -> list[_Line]:
    out = []
    for line in page.extract_text_lines(return_chars=True):
        middle = (line["top"] + line["bottom"]) / 2
        if any(
            x0 - 1 <= line["x0"] and line["x1"] <= x1 + 1 and top <= middle <= bottom
            for x0, top, x1, bottom in boxes
        ):
            continue
        text = line["text"]
        if not text.strip() or (line["top"] > page.height - 50 and _PAGE_NUMBER.match(text)):
            continue  # blank, or a page number in the bottom margin
        size = max(c["size"] for c in line["chars"]) if line["chars"] else 0.0
        out.append(_Line(text, line["x0"], line["top"], round(size, 1)))
    return out


def _table(table: Any, page: int, number: int) -> Table:
    """A pdfplumber table as cells with spans: a cell's box covers the column and row edges inside it."""
    xs = sorted({round(c[0], 1) for c in table.cells})
    ys = sorted({round(c[1], 1) for c in table.cells})
    texts = table.extract()
    cells = []
    for r, row in enumerate(table.rows):
        for i, box in enumerate(row.cells):
            if box is None:
                continue
            x0, top, x1, bottom = (round(v, 1) for v in box)
            col = xs.index(x0)
            line = ys.index(top)
            colspan = max(1, sum(1 for x in xs if x0 <= x < x1 - 0.5))
            rowspan = max(1, sum(1 for y in ys if top <= y < bottom - 0.5))
            text = texts[r][i] if r < len(texts) and i < len(texts[r]) else ""
            cells.append(
                Cell(text or "", line, col, rowspan, colspan, where=f"第{page}页表格{number}第{line + 1}行")
            )
    return Table(tuple(cells), name=f"第{page}页表格{number}")


def parts(data: bytes) -> Iterator[Part]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFSyntaxError, ValueError) as exc:
        raise PdfError(f"不是有效的 PDF 文件 / not a PDF file: {exc}") from exc
    with pdf:
        pages = []
        for page in pdf.pages:
            limits.check_time(f"第{page.page_number}页")
            tables = page.find_tables()
            if tables:
                # A merged cell cut by a page break has no bottom rule; close every table at its bottom.
                bottoms = sorted({t.bbox[3] for t in tables})
                tables = page.find_tables({"explicit_horizontal_lines": bottoms})
            boxes = [t.bbox for t in tables]
            pages.append((page.page_number, tables, _lines(page, boxes)))
            page.flush_cache()
        if pages and not any(lines or tables for _, tables, lines in pages):
            raise PdfError("PDF 没有文字层 (扫描件需先识别) / the PDF has no text layer")
        # The body's left margin per page width: lines starting there continue a paragraph.
        margins: dict[int, float] = {}
        for number, tables, lines in pages:
            width = round(pdf.pages[number - 1].width)
            xs = [t.bbox[0] for t in tables] + [ln.x0 for ln in lines]
            if xs:
                margins[width] = min(margins.get(width, xs[0]), *xs)
        paragraph: list[_Line] = []

        def flush() -> Iterator[Part]:
            if paragraph:
                yield Para(
                    "".join(ln.text for ln in paragraph), where=f"第{number}页", size=paragraph[0].size
                )
                paragraph.clear()

        for number, tables, lines in pages:
            margin = margins.get(round(pdf.pages[number - 1].width), 0.0)
            items: list[tuple[float, object]] = [(ln.top, ln) for ln in lines]
            items += [(t.bbox[1], t) for t in tables]
            items.sort(key=lambda item: item[0])
            tables_on_page = 0
            for _, item in items:
                if isinstance(item, _Line):
                    starts_new = (
                        not paragraph
                        or item.x0 > margin + item.size * 0.5
                        or abs(item.size - paragraph[-1].size) > 0.2
                    )
                    if starts_new:
                        yield from flush()
                    paragraph.append(item)
                    continue
                yield from flush()
                tables_on_page += 1
                yield _table(item, number, tables_on_page)
        yield from flush()


def read_pdf(data: bytes, name: str) -> Document:
    """A Document from a text-layer PDF disclosure; a damaged one (truncated, bytes flipped) is a
    :class:`PdfError`, whatever pdfminer raised on it."""
    limits.check("file_bytes", len(data))
    try:
        grid = list(parts(data))
    except ReadError:
        raise
    except RecursionError as exc:
        raise PdfError("PDF 结构嵌套过深 / the PDF nests too deeply") from exc
    except Exception as exc:  # pdfminer raises anything (KeyError, struct.error, zlib.error…) on damage
        raise PdfError(f"PDF 文件损坏 / broken PDF: {type(exc).__name__}: {exc}"[:300]) from exc
    return read_grid_parts(grid, Source(name, hashlib.sha256(data).hexdigest()), name)
