"""Category labels a PDF converter printed on the middle row of their merged run.

A PDF draws a merged 一级/二级 cell's text vertically centred, so a converter writes it on the middle row of
the run and leaves the rows above and below blank. Read row by row, the blank rows above the label would take
the category of the run before. Where a column's labels are centred (its first data row is blank, a later
row is not), the runs are rebuilt from the label positions: a run of n rows prints its label on row
(n − 1) // 2 of the run, and consecutive runs tile the table. A label alone leaves two lengths possible
(the run below it may be one row longer than above); the 一级 and 二级 tilings are chosen together so that
every 一级 run is made of whole 二级 runs of its own categories. When nothing fits, nothing is changed.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.taxonomy import PARENT, canonical_level1, canonical_level2
from jixiao.domain.text import clean
from jixiao.ingest.grid.model import Cell, Slot

Run = tuple[int, int]  # first and last row
_MOST = 512  # tilings tried per column: tables have a handful of runs


def centred_tilings(labelled: list[int], rows: int) -> Iterator[tuple[Run, ...]]:
    """Every way of tiling ``rows`` rows into runs with the i-th label centred in the i-th run."""

    def tile(i: int, start: int) -> Iterator[tuple[Run, ...]]:
        if i == len(labelled):
            if start == rows:
                yield ()
            return
        above = labelled[i] - start
        if above < 0:
            return
        for end in (labelled[i] + above, labelled[i] + above + 1):
            if end < rows and (i + 1 == len(labelled) or end < labelled[i + 1]):
                for rest in tile(i + 1, end + 1):
                    yield ((start, end), *rest)

    for n, tiling in enumerate(tile(0, 0)):
        if n >= _MOST:
            return
        yield tiling


def _column(rows: list[list[Slot | None]], position: int | None) -> list[str]:
    if position is None:
        return []
    return [clean(r[position].text) if position < len(r) and r[position] is not None else "" for r in rows]


def _options(texts: list[str]) -> list[tuple[Run, ...]] | None:
    """The tilings of a centred column, ``None`` when the column is not centred (or empty)."""
    labelled = [i for i, t in enumerate(texts) if t]
    if not labelled or labelled[0] == 0:
        return None
    return list(centred_tilings(labelled, len(texts)))


def _fits(outer: tuple[Run, ...], outer_texts: list[str], inner: tuple[Run, ...], inner_texts: list[str]) -> bool:
    """Every 一级 run is whole 二级 runs, each of a 二级 category belonging to that 一级."""
    starts = {first for first, _ in inner}
    if any(first not in starts for first, _ in outer):
        return False
    label_at = {run: text for run, text in zip(outer, [t for t in outer_texts if t], strict=False)}
    inner_labels = [t for t in inner_texts if t]
    for (first, _), text in zip(inner, inner_labels, strict=False):
        level2 = canonical_level2(text)
        owner = next((label_at[run] for run in outer if run[0] <= first <= run[1]), None)
        level1 = canonical_level1(owner) if owner else None
        if level2 is not None and level1 is not None and PARENT[level2] is not level1:
            return False
    return True


def fill_centred(
    rows: list[list[Slot | None]], level1: int | None, level2: int | None
) -> list[list[Slot | None]]:
    """The data rows of one indicator table with centred labels written into every row of their run."""
    texts1, texts2 = _column(rows, level1), _column(rows, level2)
    options1, options2 = _options(texts1), _options(texts2)
    chosen: dict[int, tuple[Run, ...]] = {}
    if options1 and options2:
        pair = next(((a, b) for a in options1 for b in options2 if _fits(a, texts1, b, texts2)), None)
        if pair is not None:
            chosen = {level1: pair[0], level2: pair[1]}  # type: ignore[dict-item]
    else:
        for position, options in ((level1, options1), (level2, options2)):
            if options and position is not None:
                chosen[position] = options[0]
    out = [list(r) for r in rows]
    for position, tiling in chosen.items():
        labelled = [i for i, t in enumerate(_column(rows, position)) if t]
        for label_row, (first, last) in zip(labelled, tiling, strict=True):
            slot = rows[label_row][position]
            assert slot is not None
            for i in range(first, last + 1):
                if i == label_row:
                    continue
                row = out[i]
                if position >= len(row):
                    row.extend([None] * (position + 1 - len(row)))
                own = next((s.cell for s in row if s is not None), slot.cell)
                row[position] = Slot(Cell(slot.text, i, position, where=own.where, line=own.line), True)
    return out
