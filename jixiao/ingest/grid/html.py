"""HTML → paragraphs and tables; ``rowspan``/``colspan`` become spans.

Only the standard library's parser: block-level text becomes paragraphs, ``<tr>`` rows become grid rows
with each cell placed past the positions a rowspan above still covers. Spans are clipped to the table's
rows and widest row, tables nested deeper than the depth limit are refused.
"""

from __future__ import annotations

from html.parser import HTMLParser

from jixiao.ingest import limits
from jixiao.ingest.grid.model import GAP, Cell, Para, Part, Table, clipped_table

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "title", "section", "nav", "br"}
_SKIP = {"style", "script", "head"}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[Part] = []
        self.text: list[str] = []
        self.skip = 0
        self.table = 0
        self.rows: list[list[tuple[str, int, int]]] = []
        self.row: list[tuple[str, int, int]] | None = None
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.depth = limits.limits().depth
        self.tags = 0

    def flush(self) -> None:
        text = "".join(self.text).strip()
        self.text = []
        if text and not self.table:
            self.parts.append(Para(text, where=f"块{len(self.parts) + 1}"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        if self.tags % 4096 == 0:
            limits.check_time("HTML")
        if tag in _SKIP:
            self.skip += 1
        elif tag == "table":
            self.flush()
            self.table += 1
            if self.table > self.depth:
                raise limits.LimitError("depth", self.table, "HTML")
            self.rows = []
        elif tag == "tr" and self.table:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            a = dict(attrs)
            self.cell = []
            self.span = (_span(a.get("colspan")), _span(a.get("rowspan")))
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
            self.parts.append(_table(self.rows, len(self.parts) + 1))
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


def _span(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _table(rows: list[list[tuple[str, int, int]]], at: int) -> Table:
    """HTML rows → cells at grid positions, skipping positions a rowspan above already covers. A rowspan
    ends at the table's last row, a colspan a few positions past its widest row: the used range."""
    width = max((len(row) for row in rows), default=0) + GAP
    bound = limits.limits()
    covered: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    for r, row in enumerate(rows):
        c = 0
        for text, colspan, rowspan in row:
            while (r, c) in covered:
                c += 1
            colspan, rowspan = min(colspan, width), min(rowspan, len(rows) - r)
            limits.check("columns", c + colspan, f"块{at}")
            limits.check("cells", len(covered) + rowspan * colspan, f"块{at}")
            cells.append(Cell(text, r, c, rowspan, colspan, where=f"块{at}第{r + 1}行"))
            covered.update((r + dr, c + dc) for dr in range(1, rowspan) for dc in range(colspan))
            c += colspan
        if r >= bound.rows:
            raise limits.LimitError("rows", r + 1, f"块{at}")
    return clipped_table(cells, name=f"块{at}")


def parts(data: bytes) -> list[Part]:
    """Block-level text as paragraphs and every ``<table>`` as a grid, in document order."""
    limits.check("file_bytes", len(data))
    parser = _Parser()
    parser.feed(data.decode("utf-8", errors="replace"))
    parser.close()
    parser.flush()
    return parser.parts
