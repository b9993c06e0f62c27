"""Read a DOCX disclosure: paragraphs and table cells in body order.

Merges are read from the cells themselves (``gridSpan`` across, ``vMerge`` down) so a cell covered by a
merge is ``None``, never a second copy of the text. Documents in jixiao's own layout are read exactly by
:mod:`jixiao.ingest.layout`; other layouts go to the text reader as TAB-separated lines.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator

from lxml import etree

from jixiao.domain import Document, Source
from jixiao.ingest.published import Block, Para, Row, read_published

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TBL, _TR, _TC, _T = (f"{{{_W}}}{n}" for n in ("p", "tbl", "tr", "tc", "t"))
_TAB, _BR, _INSTR = f"{{{_W}}}tab", f"{{{_W}}}br", f"{{{_W}}}instrText"


class DocxError(ValueError):
    """The bytes are not a readable DOCX."""


def _text(el: etree._Element) -> str:
    parts = []
    for node in el.iter(_T, _TAB, _BR):
        if node.tag == _T:
            parts.append(node.text or "")
        else:
            parts.append(" ")
    return "".join(parts)


def _paragraphs_text(tc: etree._Element) -> str:
    return "\n".join(_text(p) for p in tc.iter(_P))


def _cells(tr: etree._Element) -> tuple[str | None, ...]:
    out: list[str | None] = []
    for tc in tr.iterchildren(_TC):
        tcpr = tc.find(f"{{{_W}}}tcPr")
        span, continued = 1, False
        if tcpr is not None:
            grid = tcpr.find(f"{{{_W}}}gridSpan")
            if grid is not None:
                span = int(grid.get(f"{{{_W}}}val", "1"))
            vmerge = tcpr.find(f"{{{_W}}}vMerge")
            continued = vmerge is not None and vmerge.get(f"{{{_W}}}val", "continue") == "continue"
        out.append(None if continued else _paragraphs_text(tc))
        out += [None] * (span - 1)
    return tuple(out)


def blocks(data: bytes) -> Iterator[Block]:
    """The body of a DOCX as paragraphs and rows, in order."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise DocxError(f"不是有效的 DOCX 文件 / not a DOCX file: {exc}") from exc
    root = etree.fromstring(xml, parser=etree.XMLParser(huge_tree=True, resolve_entities=False))
    body = root.find(f"{{{_W}}}body")
    if body is None:
        raise DocxError("DOCX 没有正文 / DOCX has no body")
    table_no = 0
    for child in body:
        if child.tag == _P:
            yield Para(_text(child))
        elif child.tag == _TBL:
            table_no += 1
            for r, tr in enumerate(child.iter(_TR), 1):
                yield Row(_cells(tr), f"表{table_no}第{r}行")


def read_docx(data: bytes, name: str) -> Document:
    """A Document from a DOCX disclosure."""
    source = Source(name, hashlib.sha256(data).hexdigest())
    return read_published(list(blocks(data)), source, name)
