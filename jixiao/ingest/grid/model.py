"""One table model for every input format: cells with text, spans and where they came from.

An adapter per format (XLSX, DOCX, HTML, PDF, TAB text) turns a file into a sequence of :class:`Para`
and :class:`Table` parts in document order; the interpreter reads tables from those parts by what their
headers and labels say. Merges stay merges (one :class:`Cell` with a row/column span), so a merged 一级
label or a value spanning four columns is one thing, not a copy per position. Sheet and page boundaries
stay too: every XLSX sheet is its own table, named after the sheet.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from jixiao.ingest import limits

# Empty rows or columns kept between two used ones: enough to separate tables, never a million.
GAP = 8


# A file whose tables cannot be laid out: larger than one of the limits allows.
GridError = limits.LimitError


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell as printed: its text (line breaks kept), top-left position and spans, and source location."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    where: str | None = None  # ``项目1!C12``, ``表2第3行``, ``第4页``, ``L42``
    line: int | None = None  # 1-based source line, for text documents


@dataclass(frozen=True, slots=True)
class Slot:
    """One grid position: the cell that covers it and whether this is the cell's top-left position."""

    cell: Cell
    origin: bool

    @property
    def text(self) -> str:
        return self.cell.text


@dataclass(frozen=True, slots=True)
class Table:
    """A rectangular grid of cells: one XLSX sheet, one DOCX/HTML table, one ruled PDF table, or a run of
    TAB-separated lines. ``name`` is the sheet title or a label such as ``表3``."""

    cells: tuple[Cell, ...]
    name: str = ""
    _rows: list[list[Slot | None]] = field(default_factory=list, compare=False, repr=False)

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def rows(self) -> list[list[Slot | None]]:
        """The grid as rows of positions; ``None`` where no cell stands. Computed once."""
        if not self._rows and self.cells:
            n_rows, n_cols = self.n_rows, self.n_cols
            limits.check("rows", n_rows, self.name)
            limits.check("columns", n_cols, self.name)
            limits.check("cells", n_rows * n_cols, self.name)
            grid: list[list[Slot | None]] = [[None] * n_cols for _ in range(n_rows)]
            for cell in self.cells:
                for r in range(cell.row, cell.row + cell.rowspan):
                    for c in range(cell.col, cell.col + cell.colspan):
                        if grid[r][c] is None:
                            grid[r][c] = Slot(cell, r == cell.row and c == cell.col)
            self._rows.extend(grid)
        return self._rows


class _Axis:
    """One axis (rows or columns) of a table squeezed to the positions where cells start: an empty stretch
    keeps at most :data:`GAP` positions, and a span ends at most :data:`GAP` past the last start it covers."""

    def __init__(self, origins: Iterable[int]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for at in sorted(set(origins)):
            if self.ends and at == self.ends[-1]:
                self.ends[-1] = at + 1
            else:
                self.starts.append(at)
                self.ends.append(at + 1)
        self.shifts: list[int] = []
        shift, before = 0, 0
        for start, end in zip(self.starts, self.ends, strict=True):
            shift += max(0, start - before - GAP)
            self.shifts.append(shift)
            before = end

    def start(self, at: int) -> int:
        return at - self.shifts[bisect_right(self.starts, at) - 1]

    def end(self, past: int) -> int:
        k = bisect_left(self.starts, past) - 1  # the last run starting before ``past``
        return min(past, self.ends[k] + GAP) - self.shifts[k]


def clipped_table(cells: Iterable[Cell], name: str = "") -> Table:
    """A table of the cells actually present: empty stretches between the rows (columns) where cells
    start shrink to :data:`GAP`, and a span ends at most :data:`GAP` past the last row (column) where a
    cell starts, so a lone cell at XFD1048576 or a merge over the whole sheet costs a few positions, not a
    sheet of them. Cells keep their ``where``; the grid is checked against the limits before it is laid
    out. A table without such stretches or spans is returned as it came."""
    present = list(cells)
    rows, cols = _Axis(c.row for c in present), _Axis(c.col for c in present)
    moved = []
    for c in present:
        row, col = rows.start(c.row), cols.start(c.col)
        rowspan, colspan = rows.end(c.row + c.rowspan) - row, cols.end(c.col + c.colspan) - col
        same = (row, col, rowspan, colspan) == (c.row, c.col, c.rowspan, c.colspan)
        moved.append(c if same else replace(c, row=row, col=col, rowspan=rowspan, colspan=colspan))
    table = Table(tuple(moved), name=name)
    n_rows, n_cols = table.n_rows, table.n_cols
    limits.check("rows", n_rows, name)
    limits.check("columns", n_cols, name)
    limits.check("cells", n_rows * n_cols, name)
    return table


@dataclass(frozen=True, slots=True)
class Para:
    """Text outside tables: a title, a heading, a paragraph of the 编报说明. ``size`` is the font size
    where the format knows it (PDF)."""

    text: str
    where: str | None = None
    line: int | None = None
    size: float | None = None


Part = Para | Table


def row_texts(row: list[Slot | None]) -> list[str]:
    """The text shown at each position of a row (a merged cell's text at every position it covers)."""
    return [slot.text if slot else "" for slot in row]


def origin_cells(row: list[Slot | None]) -> list[Cell]:
    """The distinct cells a row shows, left to right (a cell spanning columns counted once)."""
    seen: set[int] = set()
    out: list[Cell] = []
    for slot in row:
        if slot is not None and id(slot.cell) not in seen:
            seen.add(id(slot.cell))
            out.append(slot.cell)
    return out


def row_where(row: list[Slot | None], origin_only: bool = False) -> str | None:
    """Where a row stands: the location of its first cell (the first one it starts, if ``origin_only``)."""
    return next((s.cell.where for s in row if s is not None and (s.origin or not origin_only)), None)


def row_line(row: list[Slot | None]) -> int | None:
    """The source line of a row read from text, ``None`` for formats without lines."""
    return next((s.cell.line for s in row if s is not None and s.cell.line is not None), None)
