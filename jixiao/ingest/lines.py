"""Source lines as rows of cells, with the converter's markdown scaffolding taken off.

Cells are TAB-separated. A line keeps its 1-based number so that every warning and every parsed object
can point back at the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from jixiao.domain.text import clean

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_LIST_ITEM = re.compile(r"^\s{0,3}[-*+]\s+")
_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")  # with one cell of --- or more, the row is a rule


@dataclass(frozen=True, slots=True)
class Line:
    """One source line: its number, the raw text and its cleaned cells (trailing blanks dropped)."""

    no: int
    raw: str
    cells: tuple[str, ...]
    heading: bool = False
    filled: tuple[str, ...] = ()  # the non-blank cells, in order
    text: str = ""  # all cells joined: the line as one string

    @classmethod
    def of(cls, no: int, raw: str, cells: tuple[str, ...], heading: bool = False) -> Line:
        return cls(no, raw, cells, heading, tuple(c for c in cells if c), "".join(cells))

    @property
    def blank(self) -> bool:
        return not self.filled

    @property
    def first(self) -> str:
        return self.filled[0] if self.filled else ""


def split_lines(text: str) -> Iterator[Line]:
    """Every line of a document, numbered from 1, one at a time; markdown separators become blank lines."""
    for no, raw in enumerate(raw_lines(text), start=1):
        body = raw
        head = body.lstrip(" ")[:1]
        heading = head == "#" and bool(_HEADING.match(body))
        if heading:
            body = _HEADING.sub("", body, count=1)
            head = body.lstrip(" ")[:1]
        if head in ("-", "*", "+"):
            body = _LIST_ITEM.sub("", body, count=1)
        cells = [clean(c) for c in body.split("\t")]
        if "---" in body and all(not c or _SEPARATOR_CELL.match(c) for c in cells):
            cells = []
        while cells and not cells[-1]:
            cells.pop()
        yield Line.of(no, raw, tuple(cells), heading)


def raw_lines(text: str) -> Iterator[str]:
    """Lines without building a list of them all: a large document is read in one pass."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1
