"""Read an HTML disclosure (jixiao's portal page, or any page that prints the tables as HTML tables).

Only the standard library's parser: block-level text becomes paragraphs, ``<tr>`` rows become rows with
``rowspan``/``colspan`` resolved to grid positions, so merged cells read as ``None`` like every format.
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser

from jixiao.domain import Document, Source
from jixiao.ingest.published import Block, Para, Row, read_published

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "title", "section", "nav", "br"}
_SKIP = {"style", "script", "head"}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.skip = 0
        self.table = 0
        self.rows: list[list[tuple[str, int, int]]] = []
        self.row: list[tuple[str, int, int]] | None = None
        self.cell: list[str] | None = None
        self.span = (1, 1)

    def flush(self) -> None:
        text = "".join(self.text).strip()
        self.text = []
        if text and not self.table:
            self.blocks.append(Para(text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "table":
            self.flush()
            self.table += 1
            self.rows = []
        elif tag == "tr" and self.table:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            a = dict(attrs)
            self.cell = []
            self.span = (int(a.get("colspan") or 1), int(a.get("rowspan") or 1))
        elif tag in _BLOCKS and not self.table:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(("".join(self.cell), *self.span))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == "table" and self.table:
            self.table -= 1
            self.blocks += _grid(self.rows, len(self.blocks))
            self.rows = []
        elif tag in _BLOCKS and not self.table:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif not self.table:
            self.text.append(data)


def _grid(rows: list[list[tuple[str, int, int]]], at: int) -> list[Block]:
    """HTML rows → grid rows: covered positions are ``None``."""
    covered: dict[tuple[int, int], bool] = {}
    out: list[Block] = []
    for r, row in enumerate(rows):
        cells: list[str | None] = []
        c = 0
        for text, colspan, rowspan in row:
            while covered.pop((r, c), False):
                cells.append(None)
                c += 1
            cells.append(text)
            cells += [None] * (colspan - 1)
            for dr in range(1, rowspan):
                for dc in range(colspan):
                    covered[(r + dr, c + dc)] = True
            c += colspan
        while covered.pop((r, c), False):
            cells.append(None)
            c += 1
        out.append(Row(tuple(cells), f"块{at + 1}第{r + 1}行"))
    return out


def blocks(data: bytes) -> list[Block]:
    parser = _Parser()
    parser.feed(data.decode("utf-8", errors="replace"))
    parser.close()
    parser.flush()
    return parser.blocks


def read_html(data: bytes, name: str) -> Document:
    """A Document from an HTML disclosure."""
    return read_published(blocks(data), Source(name, hashlib.sha256(data).hexdigest()), name)
