"""DOCX → paragraphs and tables in body order; ``gridSpan`` and ``vMerge`` become spans.

Read from the XML directly (python-docx hides vertical merges): a cell continuing a vertical merge adds a
row to the cell above it, so a merged 一级 label is one cell, never a second copy of its text. The zip is
measured first (:func:`jixiao.ingest.ooxml.open_zip`), the XML parsed without DTD, entities or network,
``gridSpan`` clipped to the table's own grid and the table to the cells present.
"""

from __future__ import annotations

import zipfile
import zlib

from lxml import etree

from jixiao.ingest import limits
from jixiao.ingest.errors import ReadError
from jixiao.ingest.grid.model import GAP, Cell, Para, Part, Table, clipped_table
from jixiao.ingest.ooxml import open_zip

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TBL, _TR, _TC, _T = (f"{{{_W}}}{n}" for n in ("p", "tbl", "tr", "tc", "t"))
_TAB, _BR = f"{{{_W}}}tab", f"{{{_W}}}br"
_VAL = f"{{{_W}}}val"


class DocxError(ReadError):
    """The bytes are not a readable DOCX."""

    def __init__(self, message: str) -> None:
        zh, _, en = message.partition(" / ")
        super().__init__(zh, en or zh)

    def __str__(self) -> str:
        return f"{self.message_zh} / {self.message_en}"


def _text(el: etree._Element) -> str:
    return "".join((node.text or "") if node.tag == _T else " " for node in el.iter(_T, _TAB, _BR))


def _cell_text(tc: etree._Element) -> str:
    return "\n".join(_text(p) for p in tc.iter(_P))


def _int(value: str | None, default: int = 1) -> int:
    try:
        return max(1, int(value or default))
    except ValueError:
        return default


def _table(tbl: etree._Element, number: int) -> Table:
    """One table: positions counted in grid columns, vertical merges folded into the cell above."""
    spans: dict[tuple[int, int], list[int]] = {}  # (row, col) of an origin → [rowspan, colspan]
    texts: dict[tuple[int, int], str] = {}
    open_above: dict[int, tuple[int, int]] = {}  # grid column → origin of the vertical merge open there
    grid = tbl.find(f"{{{_W}}}tblGrid")
    # The table's own grid, or without one its widest row and a margin: the used range a span may cover.
    widest = max((len(tr.findall(_TC)) for tr in tbl.iterchildren(_TR)), default=0)
    width = len(grid) if grid is not None and len(grid) else widest + GAP
    bound = limits.limits()
    for r, tr in enumerate(tbl.iterchildren(_TR)):
        if r >= bound.rows:
            raise limits.LimitError("rows", r + 1, f"表{number}")
        if r % 256 == 0:
            limits.check_time(f"表{number}")
        trpr = tr.find(f"{{{_W}}}trPr")
        before = trpr.find(f"{{{_W}}}gridBefore") if trpr is not None else None
        c = _int(before.get(_VAL), 0) if before is not None else 0
        for tc in tr.iterchildren(_TC):
            tcpr = tc.find(f"{{{_W}}}tcPr")
            span, merge = 1, None
            if tcpr is not None:
                spanned = tcpr.find(f"{{{_W}}}gridSpan")
                span = _int(spanned.get(_VAL)) if spanned is not None else 1
                vmerge = tcpr.find(f"{{{_W}}}vMerge")
                if vmerge is not None:
                    merge = vmerge.get(_VAL, "continue")
            span = min(span, width)  # never wider than the table's own grid
            if c + span > bound.columns:
                raise limits.LimitError("columns", c + span, f"表{number}")
            if merge == "continue" and c in open_above:
                spans[open_above[c]][0] += 1
            else:
                spans[(r, c)] = [1, span]
                texts[(r, c)] = _cell_text(tc)
                if merge == "restart":
                    open_above[c] = (r, c)
                else:
                    open_above.pop(c, None)
            c += span
    cells = (
        Cell(texts[key], key[0], key[1], rowspan, colspan, where=f"表{number}第{key[0] + 1}行")
        for key, (rowspan, colspan) in spans.items()
    )
    return clipped_table(cells, name=f"表{number}")


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parts(data: bytes) -> list[Part]:
    """The body of a DOCX as paragraphs and tables, in order."""
    archive = open_zip(data, "DOCX")
    try:
        xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, zlib.error) as exc:
        raise DocxError(f"不是有效的 DOCX 文件 / not a DOCX file: {exc}") from exc
    try:
        root = etree.fromstring(xml, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise DocxError(f"DOCX 内容损坏 / broken DOCX XML: {exc}") from exc
    body = root.find(f"{{{_W}}}body")
    if body is None:
        raise DocxError("DOCX 没有正文 / DOCX has no body")
    for tbl in body.iter(_TBL):
        limits.check("depth", sum(1 for _ in tbl.iterancestors(_TBL)) + 1, "DOCX")
    out: list[Part] = []
    tables = 0
    for n, child in enumerate(body, 1):
        if child.tag == _P:
            out.append(Para(_text(child), where=f"段{n}"))
        elif child.tag == _TBL:
            tables += 1
            out.append(_table(child, tables))
    return out
