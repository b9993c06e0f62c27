"""One table model for every input format: cells with text, spans and where they came from.

An adapter per format (XLSX, DOCX, HTML, PDF, TAB text) turns a file into a sequence of :class:`Para`
and :class:`Table` parts in document order; the interpreter reads tables from those parts by what their
headers and labels say. Merges stay merges (one :class:`Cell` with a row/column span), so a merged 一级
label or a value spanning four columns is one thing, not a copy per position. Sheet and page boundaries
stay too: every XLSX sheet is its own table, named after the sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Grids this large come only from crafted or broken files; refusing them keeps memory bounded.
MAX_ROWS = 200_000
MAX_COLUMNS = 2_000
MAX_POSITIONS = 5_000_000


class GridError(ValueError):
    """A file whose tables cannot be laid out (too large, or spans that overlap without end)."""


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
            if n_rows > MAX_ROWS or n_cols > MAX_COLUMNS or n_rows * n_cols > MAX_POSITIONS:
                raise GridError(
                    f"表格过大 ({n_rows} 行 × {n_cols} 列) / table too large ({n_rows} rows × {n_cols} columns)"
                )
            grid: list[list[Slot | None]] = [[None] * n_cols for _ in range(n_rows)]
            for cell in self.cells:
                for r in range(cell.row, cell.row + cell.rowspan):
                    for c in range(cell.col, cell.col + cell.colspan):
                        if grid[r][c] is None:
                            grid[r][c] = Slot(cell, r == cell.row and c == cell.col)
            self._rows.extend(grid)
        return self._rows


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
