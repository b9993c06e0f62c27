"""Source lines as rows of cells, with the converter's markdown scaffolding taken off.

Cells are TAB-separated. A line keeps its 1-based number so that every warning and every parsed object
can point back at the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from jixiao.domain.text import clean

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_LIST_ITEM = re.compile(r"^\s{0,3}[-*+]\s+")
_SEPARATOR_CELL = re.compile(r"^:?-{3,}:?$")


@dataclass(frozen=True)
class Line:
    """One source line: its number, the raw text and its cleaned cells (trailing blanks dropped)."""

    no: int
    raw: str
    cells: tuple[str, ...]
    heading: bool = False

    @cached_property
    def filled(self) -> tuple[str, ...]:
        """The non-blank cells, in order."""
        return tuple(c for c in self.cells if c)

    @property
    def text(self) -> str:
        """All cells joined: the line as one string."""
        return "".join(self.cells)

    @property
    def blank(self) -> bool:
        return not self.filled

    @property
    def first(self) -> str:
        return self.filled[0] if self.filled else ""


def split_lines(text: str) -> list[Line]:
    """Every line of a document, numbered from 1; markdown separators become blank lines."""
    out: list[Line] = []
    for no, raw in enumerate(text.split("\n"), start=1):
        body = raw
        heading = bool(_HEADING.match(body))
        if heading:
            body = _HEADING.sub("", body, count=1)
        body = _LIST_ITEM.sub("", body, count=1)
        cells = [clean(c) for c in body.split("\t")]
        if all(not c or _SEPARATOR_CELL.match(c) for c in cells):
            cells = []
        while cells and not cells[-1]:
            cells.pop()
        out.append(Line(no, raw, tuple(cells), heading))
    return out
