"""Join separately typeset PDF pieces into one document, with its outline and the 目录's links.

A link or a bookmark cannot point from one WeasyPrint document into another, so each piece records
where its anchors and links are, and the joined document gets them with pypdf: a bookmark per part and
per table section, and a link from each 目录 entry to its page. The page numbers are printed here too.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jixiao.publish.page_numbers import number_pages

if TYPE_CHECKING:
    from jixiao.publish.document import Publication

PX_TO_PT = 0.75  # WeasyPrint lays out in CSS pixels (1/96 in), PDF measures in points (1/72 in)


@dataclass(slots=True)
class Link:
    """An internal link in a piece: ``rect`` is (x, y, width, height) in CSS px from the top left."""

    page: int
    anchor: str
    rect: tuple[float, float, float, float]
    page_height: float


@dataclass(slots=True)
class Piece:
    count: int
    anchors: dict[str, tuple[int, float, float]] = field(default_factory=dict)  # anchor → (page, x, y)
    links: list[Link] = field(default_factory=list)
    pdf: bytes = b""

    @classmethod
    def of(cls, pages: Sequence[Any]) -> Piece:
        """Where a laid-out WeasyPrint document's anchors and internal links are."""
        piece = cls(len(pages))
        for i, page in enumerate(pages):
            for name, (x, y, *_) in page.anchors.items():
                piece.anchors.setdefault(name, (i, x, y))
            for kind, target, rect, _ in page.links:
                if kind == "internal":
                    piece.links.append(Link(i, target, tuple(rect), page.height))
        return piece


def join(pieces: Sequence[Piece], pub: Publication, font_family: str) -> bytes:
    """One PDF of ``pieces`` in order, numbered, with the outline of ``pub`` and every link resolved."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link as LinkAnnotation

    writer = PdfWriter()
    where: dict[str, int] = {}
    offset = 0
    for piece in pieces:
        writer.append(PdfReader(io.BytesIO(piece.pdf)), import_outline=False)
        where.update({name: offset + i for name, (i, _, _) in piece.anchors.items()})
        offset += piece.count
    offset = 0
    for piece in pieces:
        for link in piece.links:
            if link.anchor not in where:
                continue
            x, y, w, h = link.rect
            top = link.page_height - y
            rect = (x * PX_TO_PT, (top - h) * PX_TO_PT, (x + w) * PX_TO_PT, top * PX_TO_PT)
            writer.add_annotation(offset + link.page, LinkAnnotation(rect=rect, target_page_index=where[link.anchor]))
        offset += piece.count
    for part in pub.parts:
        parent = writer.add_outline_item(title=part.title, page_number=where[part.anchor])
        for section in part.sections:
            writer.add_outline_item(title=section.title, page_number=where[section.anchor], parent=parent)
    number_pages(writer, font_family)
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
