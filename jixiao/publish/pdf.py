"""PDF of a disclosure, typeset by WeasyPrint from the HTML, a few tables at a time.

WeasyPrint keeps the layout of every page in memory until it writes, and a thousand projects are two
thousand pages: typeset at once they took over two minutes and three gigabytes. Every table section
starts on a new page, so typesetting the sections in pieces gives the same pages; each piece is written
and its layout dropped before the next. The tables come first, numbered from the page after the front
matter, so the 目录 is typeset last with the page numbers they were given (:mod:`jixiao.publish.pdf_join`
joins the pieces and adds the outline and the 目录's links).

WeasyPrint embeds subsets of the fonts it uses, so the PDF shows Chinese on any machine. It finds fonts
through fontconfig: Debian's ``fonts-wqy-microhei`` (installed by ``scripts/setup``) or Noto CJK. A missing
CJK font would silently print empty boxes, so :func:`write` refuses to typeset without one.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from functools import cache

from jixiao.publish import html, layout
from jixiao.publish.document import Publication, Section
from jixiao.publish.html import Group
from jixiao.publish.pdf_join import Piece, join

CJK_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Serif CJK SC")
# Sections per piece: small enough that a piece's layout stays small, large enough that WeasyPrint's
# fixed cost per document (stylesheets, fonts) is shared.
PIECE_SECTIONS = 8


class MissingFontError(RuntimeError):
    """No CJK font is installed: the PDF would show boxes instead of Chinese."""


@cache
def cjk_font() -> str:
    """The first CJK family fontconfig knows, or raise :class:`MissingFontError`."""
    if shutil.which("fc-list"):
        listing = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
        ).stdout
        for family in CJK_FAMILIES:
            if family in listing:
                return family
    raise MissingFontError(
        "未安装中文字体 (apt-get install fonts-wqy-microhei) / no CJK font: install fonts-wqy-microhei"
    )


def typeset(text: str) -> Piece:
    """Typeset one HTML piece; its internal links are kept aside, to point into other pieces."""
    import weasyprint

    doc = weasyprint.HTML(string=text).render()
    piece = Piece.of(doc.pages)
    for page in doc.pages:
        page.links = [link for link in page.links if link[0] != "internal"]
    piece.pdf = doc.write_pdf()
    return piece


_TALL_ROW_COLUMNS = {"strategic": layout.STRATEGIC_COLUMNS, "annual": layout.ANNUAL_COLUMNS}


def _paged(section: Section) -> Section:
    """``section`` with department rows taller than a page split (see :func:`layout.split_tall_rows`)."""
    tables = [
        layout.split_tall_rows(t, _TALL_ROW_COLUMNS[t.kind]) if t.kind in _TALL_ROW_COLUMNS else t
        for t in section.tables
    ]
    return dataclasses.replace(section, tables=tables)


def pieces(pub: Publication, size: int = PIECE_SECTIONS) -> Iterator[list[Group]]:
    """The sections in runs of ``size``, each part's heading with its first section."""
    flat = [(part if i == 0 else None, _paged(s)) for part in pub.parts for i, s in enumerate(part.sections)]
    for start in range(0, len(flat), size):
        groups: list[Group] = []
        for part, section in flat[start : start + size]:
            if part is not None or not groups:
                groups.append((part, []))
            sections = groups[-1][1]
            assert isinstance(sections, list)
            sections.append(section)
        yield groups


def _body(pub: Publication, first_page: int) -> list[Piece]:
    out: list[Piece] = []
    for groups in pieces(pub):
        out.append(typeset(html.render_body(pub, groups, first_page + sum(p.count for p in out))))
    return out


def _anchors(pub: Publication) -> list[str]:
    sections: Sequence[Section] = pub.sections
    return [p.anchor for p in pub.parts] + [s.anchor for s in sections]


def write(pub: Publication) -> bytes:
    cjk_font()
    # The 目录's length does not depend on the numbers it prints, only on its entries.
    placeholder = dict.fromkeys(_anchors(pub), 9999)
    front_count = typeset(html.render_front(pub, placeholder)).count
    while True:
        body = _body(pub, front_count + 1)
        pages: dict[str, int] = {}
        offset = front_count
        for piece in body:
            pages.update({a: offset + i + 1 for a, (i, _, _) in piece.anchors.items()})
            offset += piece.count
        front = typeset(html.render_front(pub, pages))
        if front.count == front_count:
            return join([front, *body], pub)
        front_count = front.count  # narrower numbers wrapped an entry less: number the tables again
