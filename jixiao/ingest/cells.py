"""Joining one field's text that a converter split over several cells."""

from __future__ import annotations

from jixiao.domain.text import is_placeholder


def join_split(cells: list[str]) -> tuple[str, tuple[int, ...]]:
    """Join cells (D1) and return the text with the positions of the cuts; a ghost fragment that repeats
    the start of the real text (D4) is dropped, a hyphen left at a cut is removed."""
    cells = [c for c in cells if c and not is_placeholder(c)]
    if not cells:
        return "", ()
    cells = [c[:-1] if c.endswith(("-", "－")) and i < len(cells) - 1 else c for i, c in enumerate(cells)]
    if len(cells) > 1 and is_ghost(cells[0], cells[1]):
        cells = cells[1:]
    cuts: list[int] = []
    position = 0
    for cell in cells[:-1]:
        position += len(cell)
        cuts.append(position)
    return "".join(cells), tuple(cuts)


def is_ghost(first: str, second: str) -> bool:
    """Whether ``first`` only repeats the start of ``second`` or is made of its line-initial characters."""
    if len(second) <= len(first):
        return False
    shared = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        shared += 1
    if shared >= 2:
        return True
    chars = [ch for ch in first if "\u4e00" <= ch <= "\u9fff"]
    if not chars or len(first) > 12 or len(second) < 3 * len(first):
        return False
    return sum(ch in second for ch in chars) >= 0.6 * len(chars)
