"""Join separately typeset PDF pieces into one document, with its outline and the 目录's links.

A link or a bookmark cannot point from one typeset document into another, so each piece records where
its anchors and links are, and the joined document gets them with pypdf: a bookmark per part and per
table section, and a link from each 目录 entry to its page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jixiao.publish.document import Publication


@dataclass(slots=True)
class Link:
    """A link to ``anchor`` on page ``page`` of a piece: ``rect`` is (x0, y0, x1, y1) in PDF points."""

    page: int
    anchor: str
    rect: tuple[float, float, float, float]


@dataclass(slots=True)
class Piece:
    count: int
    anchors: dict[str, int] = field(default_factory=dict)  # anchor → page (0-based, in the piece)
    links: list[Link] = field(default_factory=list)
    pdf: bytes = b""


def join(pieces: Sequence[Piece], pub: Publication) -> bytes:
    """One PDF of ``pieces`` in order, with the outline of ``pub`` and every link resolved."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link as LinkAnnotation

    writer = PdfWriter()
    where: dict[str, int] = {}
    offset = 0
    for piece in pieces:
        writer.append(PdfReader(io.BytesIO(piece.pdf)), import_outline=False)
        where.update({name: offset + i for name, i in piece.anchors.items()})
        offset += piece.count
    offset = 0
    for piece in pieces:
        for link in piece.links:
            if link.anchor not in where:
                continue
            target = LinkAnnotation(rect=link.rect, target_page_index=where[link.anchor])
            writer.add_annotation(offset + link.page, target)
        offset += piece.count
    for part in pub.parts:
        parent = writer.add_outline_item(title=part.title, page_number=where[part.anchor])
        for section in part.sections:
            writer.add_outline_item(title=section.title, page_number=where[section.anchor], parent=parent)
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
