"""The paragraph/row stream that the published-layout reader and the text reader take, made from grid parts.

A table row whose only cell starts at the first column and covers the rest (a title, a note, a 编报说明
paragraph set in a merged row) is a paragraph; every other row is a row of cells, ``None`` where a merge
covers the position. So each format adapter feeds all three readers from one grid.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from jixiao.ingest.grid.model import Para as GridPara
from jixiao.ingest.grid.model import Part, Table


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph outside the tables; ``size`` is the font size where the format knows it (PDF)."""

    text: str
    size: float | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """A table row; ``where`` locates it for warnings (``第3页``, ``项目!B14``)."""

    cells: tuple[str | None, ...]
    where: str = ""


Block = Para | Row


def table_blocks(table: Table) -> Iterator[Block]:
    for r, row in enumerate(table.rows()):
        # A position a merge covers is None (the published reader fills it down); an empty one is "".
        cells = tuple("" if slot is None else slot.text if slot.origin else None for slot in row)
        first = row[0] if row else None
        rest = cells[1:]
        alone = (
            first is not None
            and first.origin
            and (len(cells) == 1 or (first.cell.colspan > 1 and all(c in (None, "") for c in rest)))
        )
        if alone and cells[0]:
            yield Para(cells[0])
        else:
            where = (
                next((s.cell.where for s in row if s is not None and s.origin), None)
                or f"{table.name}第{r + 1}行"
            )
            yield Row(cells, where)


def to_blocks(parts: Iterable[Part]) -> list[Block]:
    out: list[Block] = []
    for part in parts:
        if isinstance(part, GridPara):
            out.append(Para(part.text, part.size))
        else:
            out.extend(table_blocks(part))
    return out


def blocks_to_text(blocks: Iterable[Block]) -> str:
    """The blocks as the TAB-separated text the text reader reads (for layouts other than ours)."""
    lines = []
    for b in blocks:
        if isinstance(b, Row):
            lines.append("\t".join(" ".join((c or "").split()) for c in b.cells).rstrip("\t"))
        else:
            lines.append(" ".join(b.text.split()))
    return "\n".join(lines)
