"""PDF of a disclosure, typeset by WeasyPrint from the HTML, a few tables at a time and side by side.

WeasyPrint keeps the layout of every page in memory until it writes, and a thousand projects are two
thousand pages: typeset at once they took over two minutes and three gigabytes. Every table section
starts on a new page, so typesetting the sections in pieces gives the same pages; a piece's layout is
dropped once it is written. The pieces carry no page numbers, so they need not wait for each other: one
process per core typesets them, and :mod:`jixiao.publish.page_numbers` prints the numbers on the joined
pages. The 目录 is typeset last, with the page numbers the tables were given; :mod:`jixiao.publish.pdf_join`
joins the pieces and adds the outline and the 目录's links.

WeasyPrint embeds subsets of the fonts it uses, so the PDF shows Chinese on any machine. It finds fonts
through fontconfig: Debian's ``fonts-wqy-microhei`` (installed by ``scripts/setup``) or Noto CJK. A missing
CJK font would silently print empty boxes, so :func:`write` refuses to typeset without one.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cache

from jixiao.publish import html, layout
from jixiao.publish.document import Publication, Section
from jixiao.publish.html import Group
from jixiao.publish.pdf_join import Piece, join

CJK_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Serif CJK SC")
# Sections per piece: small enough that a piece's layout stays small, large enough that WeasyPrint's
# fixed cost per document (stylesheets, fonts, a font subset in the file) is shared.
PIECE_SECTIONS = 16


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


def workers() -> int:
    """Processes to typeset with: ``JIXIAO_PDF_WORKERS``, else one per core this process may use."""
    configured = os.environ.get("JIXIAO_PDF_WORKERS", "").strip()
    return max(1, int(configured)) if configured.isdigit() else len(os.sched_getaffinity(0))


def typeset_all(texts: Sequence[str], processes: int) -> list[Piece]:
    """Typeset each HTML text, in order; on ``processes`` processes when there is enough to share."""
    if processes < 2 or len(texts) < 2 * processes:
        return [typeset(text) for text in texts]  # starting processes would cost more than it saves
    # Forked when this process runs one thread (the CLI): quick, and nothing else can be caught mid-step.
    # The web server runs threads, so there the workers are spawned, importing what they need afresh.
    method = "fork" if threading.active_count() == 1 else "spawn"
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context(method)) as pool:
        return list(pool.map(typeset, texts))


def _anchors(pub: Publication) -> list[str]:
    sections: Sequence[Section] = pub.sections
    return [p.anchor for p in pub.parts] + [s.anchor for s in sections]


def write(pub: Publication, processes: int | None = None, piece_sections: int = PIECE_SECTIONS) -> bytes:
    family = cjk_font()
    # The 目录's length does not depend on the numbers it prints, only on its entries: typeset it with
    # placeholders beside the tables to learn where they start.
    placeholder = html.render_front(pub, dict.fromkeys(_anchors(pub), 9999))
    texts = [html.render_body(pub, groups) for groups in pieces(pub, piece_sections)]
    first, *body = typeset_all([placeholder, *texts], workers() if processes is None else processes)
    front_count = first.count
    while True:
        pages: dict[str, int] = {}
        offset = front_count
        for piece in body:
            pages.update({a: offset + i + 1 for a, (i, _, _) in piece.anchors.items()})
            offset += piece.count
        front = typeset(html.render_front(pub, pages))
        if front.count == front_count:
            return join([front, *body], pub, family)
        front_count = front.count  # narrower numbers wrapped an entry less: number the tables again
