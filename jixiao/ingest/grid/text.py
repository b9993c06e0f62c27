"""TAB-separated text as a PDF-to-text converter writes it → grid parts: a table row per line.

A run of lines with two or more cells is one table, and so is a line whose single cell TABs place away
from the first column; any other line with one cell is a paragraph (a title, a heading, a sentence of
the 编报说明). A converter prints a merged cell once, so a merge arrives as an
empty cell at the positions it covered: the interpreter carries labels down for those. Markdown
scaffolding is taken off by the same line splitter the text reader uses; every cell keeps its line.
"""

from __future__ import annotations

from jixiao.ingest import limits
from jixiao.ingest.grid.model import Cell, Para, Part, Table
from jixiao.ingest.lines import split_lines


def parts(text: str) -> list[Part]:
    out: list[Part] = []
    rows: list[tuple[int, tuple[str, ...]]] = []

    def close() -> None:
        if rows:
            first = rows[0][0]
            cells = tuple(
                Cell(text, r, c, where=f"第{no}行", line=no)
                for r, (no, row) in enumerate(rows)
                for c, text in enumerate(row)
                if text
            )
            out.append(Table(cells, name=f"第{first}行"))
            rows.clear()

    for line in split_lines(text):
        limits.check("columns", len(line.cells), f"第{line.no}行")
        if line.no % 1024 == 0:
            limits.check_time(f"第{line.no}行")
        if len(line.filled) >= 2 or (line.filled and not line.cells[0]):
            # Two cells, or one cell that TABs place away from the first column (a row whose other cells
            # a merge covers): a table row.
            rows.append((line.no, line.cells))
        elif line.filled:
            close()
            out.append(Para(line.first, where=f"第{line.no}行", line=line.no))
        else:
            close()
    close()
    return out
