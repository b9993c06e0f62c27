"""PDF of a disclosure, typeset with ReportLab from the layout tables that DOCX, XLSX and HTML draw too.

The PDF was first typeset by WeasyPrint from the HTML page. That cost about 0.1 s of CPU per project
table, since its CSS layout runs in Python over every box: a thousand projects took two and a half
minutes even in pieces on two cores. ReportLab lays out the same tables about five times faster, so the
whole document is typeset in one process well within the aim (a minute for a thousand projects).

Two documents are typeset and joined (:mod:`jixiao.publish.pdf_join`): the front matter (cover, 编报说明,
目录) and the tables. The 目录 prints the page of each table, and its length does not depend on those
numbers, only on its entries: it is typeset once with placeholders to learn where the tables start, the
tables are typeset numbered from there, then the 目录 again with their pages.

ReportLab embeds a subset of the TrueType CJK font it draws with (Debian's ``fonts-wqy-microhei``,
installed by ``scripts/setup``), so the PDF shows Chinese on any machine. A missing CJK font would print
empty boxes, so :func:`write` refuses to typeset without one.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from jixiao.publish import layout
from jixiao.publish.document import Publication, Section
from jixiao.publish.pdf_flowables import MM, Anchor, BoldParagraph, Heading, TocEntry, markup
from jixiao.publish.pdf_join import Link, Piece, join
from jixiao.publish.pdf_tables import LANDSCAPE, PORTRAIT, row_capacity, table, text_capacity

# TrueType CJK families in order of preference (ReportLab embeds TrueType outlines only, so Noto CJK,
# whose outlines are CFF, cannot be used).
CJK_FAMILIES = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN")
FONT = "JixiaoCJK"
PAGE_NUMBER_SIZE = 9
# (top, right, bottom, left) margins in mm, as the printed documents: A4 portrait for projects, landscape
# for the wide department tables.
MARGINS = {"portrait": (22, 18, 20, 18), "landscape": (15, 12, 15, 12)}
TOC_PLACEHOLDER = 9999
_TALL_ROW_COLUMNS = {"strategic": layout.STRATEGIC_COLUMNS, "annual": layout.ANNUAL_COLUMNS}


class MissingFontError(RuntimeError):
    """No CJK font is installed: the PDF would show boxes instead of Chinese."""


@dataclass(frozen=True, slots=True)
class FontFile:
    family: str
    path: str
    index: int


@cache
def cjk_font() -> FontFile:
    """The preferred TrueType CJK font fontconfig knows, or raise :class:`MissingFontError`."""
    found: dict[str, FontFile] = {}
    if shutil.which("fc-list"):
        listing = subprocess.run(
            ["fc-list", "-f", "%{family[0]}|%{file}|%{index}\n", ":lang=zh:fontformat=TrueType"],
            capture_output=True, text=True, check=False,
        ).stdout
        for line in listing.splitlines():
            family, path, index = line.rsplit("|", 2)
            found.setdefault(family, FontFile(family, path, int(index or 0)))
    for family in CJK_FAMILIES:
        if family in found:
            return found[family]
    raise MissingFontError(
        "未安装中文字体 (apt-get install fonts-wqy-microhei) / no CJK font: install fonts-wqy-microhei"
    )


@cache
def _register(font: FontFile) -> str:
    pdfmetrics.registerFont(TTFont(FONT, font.path, subfontIndex=font.index))
    return FONT


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    issuer: ParagraphStyle
    date: ParagraphStyle
    preface: ParagraphStyle
    entry: ParagraphStyle
    part: ParagraphStyle
    section: ParagraphStyle
    caption: ParagraphStyle
    meta: ParagraphStyle
    meta_right: ParagraphStyle


@cache
def _styles(font: str) -> _Styles:
    """The type of the printed documents (sizes as in disclosure.css, which the HTML page uses)."""
    base = ParagraphStyle("base", fontName=font, fontSize=10.5, leading=15.75, wordWrap="CJK")

    def style(name: str, size: float, line: float, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, fontSize=size, leading=size * line, **kw)

    centred = {"alignment": TA_CENTER}
    return _Styles(
        title=style("title", 24, 1.6, leftIndent=15 * MM, rightIndent=15 * MM, **centred),
        subtitle=style("subtitle", 16, 1.5, spaceBefore=6 * MM, **centred),
        issuer=style("issuer", 16, 1.5, spaceBefore=75 * MM, **centred),
        date=style("date", 14, 1.5, spaceBefore=4 * MM, **centred),
        preface=style("preface", 12, 1.9, firstLineIndent=24, alignment=TA_JUSTIFY, spaceAfter=3 * MM),
        entry=base,
        part=style("part", 16, 1.5, **centred),
        section=style("section", 12, 1.5, spaceAfter=2 * MM),
        caption=style("caption", 15, 1.5, spaceAfter=1 * MM, **centred),
        meta=style("meta", 9.5, 1.5),
        meta_right=style("meta_right", 9.5, 1.5, alignment=TA_RIGHT),
    )


def _frame(orientation: str) -> tuple[tuple[float, float], tuple[float, float, float, float]]:
    """Page size and frame (x, y, width, height) in points."""
    size = landscape(A4) if orientation == "landscape" else A4
    top, right, bottom, left = (m * MM for m in MARGINS[orientation])
    return size, (left, bottom, size[0] - left - right, size[1] - top - bottom)


def _typeset(story: list[Any], font: str, first_number: int, numbered_from: int) -> tuple[int, bytes]:
    """(pages, PDF) of ``story``; pages print "— n —" from ``first_number``, none below ``numbered_from``."""

    def page_number(canv: Any, doc: Any) -> None:
        n = first_number + canv.getPageNumber() - 1
        if n >= numbered_from:
            width, height = doc.pagesize
            bottom = MARGINS["landscape" if width > height else "portrait"][2] * MM
            canv.saveState()
            canv.setFont(font, PAGE_NUMBER_SIZE)
            canv.drawCentredString(width / 2, bottom / 2 - PAGE_NUMBER_SIZE * 0.35, f"— {n} —")
            canv.restoreState()

    templates = []
    for orientation in ("portrait", "landscape"):
        size, (x, y, w, h) = _frame(orientation)
        frame = Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates.append(PageTemplate(orientation, [frame], onPage=page_number, pagesize=size))
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pageTemplates=templates, pagesize=A4, initialFontName=font)
    doc.build(story)
    return doc.page, out.getvalue()


def _front(pub: Publication, pages: Mapping[str, int], font: str) -> Piece:
    """Cover, 编报说明 and a 目录 that prints ``pages[anchor]`` beside each entry (the cover unnumbered)."""
    s = _styles(font)
    # A Spacer, not spaceBefore: ReportLab drops the space before the first flowable of a page.
    story: list[Any] = [Spacer(1, 55 * MM), BoldParagraph(markup(pub.title), s.title)]
    if pub.subtitle:
        story.append(Paragraph(markup(pub.subtitle), s.subtitle))
    if pub.issuer:
        story.append(Paragraph(markup(pub.issuer), s.issuer))
    story += [Paragraph(markup(pub.date), s.date), PageBreak(), Heading(layout.PREFACE_HEADING, font, 18)]
    story += [Paragraph(markup(p), s.preface) for p in pub.preface]
    links: list[Link] = []
    if pub.parts:
        story += [PageBreak(), Heading(layout.TOC_HEADING, font, 18)]
        widest = max(TOC_PLACEHOLDER, *pages.values())
        indent = 2 * s.entry.fontSize
        for part in pub.parts:
            story += [Spacer(1, 3 * MM), TocEntry(part.title, part.anchor, pages[part.anchor], widest, 0,
                                                  s.entry, True, links)]
            story += [TocEntry(sec.title, sec.anchor, pages[sec.anchor], widest, indent, s.entry, False, links)
                      for sec in part.sections]
    count, data = _typeset(story, font, 1, 2)
    return Piece(count, {}, links, data)


def _meta(pub: Publication, width: float, s: _Styles) -> Table:
    """The line under a caption: the year on the left, the money unit on the right (not ruled)."""
    row = [Paragraph(markup(pub.subtitle or ""), s.meta), Paragraph("单位：万元", s.meta_right)]
    padding = [(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING")]
    return Table([row], colWidths=[width / 2] * 2, style=[*padding, ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * MM)])


def _section(section: Section, pub: Publication, pages: dict[str, int], font: str) -> list[Any]:
    """A table section on a new page: its heading, caption, year and unit line, and its tables."""
    s = _styles(font)
    orientation = "landscape" if section.landscape else "portrait"
    _, (_, _, width, height) = _frame(orientation)
    metrics = LANDSCAPE if section.landscape else PORTRAIT
    story: list[Any] = [
        NextPageTemplate(orientation), PageBreak(), Anchor(section.anchor, pages),
        BoldParagraph(markup(section.title), s.section), BoldParagraph(markup(section.caption), s.caption),
        _meta(pub, width, s),
    ]
    for t in section.tables:
        # A row taller than a page prints as the row and continuation rows (ReportLab breaks between rows).
        if t.kind in _TALL_ROW_COLUMNS:
            t = layout.split_tall_rows(t, _TALL_ROW_COLUMNS[t.kind], row_capacity(t, width, metrics))
        elif t.kind == "project-info":
            t = layout.split_tall_text(t, text_capacity(t, width, metrics))
        story.append(table(t, width, height, font, metrics))
    return story


def _body(pub: Publication, first_number: int, font: str) -> Piece:
    """Every part's title page and table sections, pages numbered from ``first_number``."""
    s = _styles(font)
    pages: dict[str, int] = {}
    story: list[Any] = []
    for part in pub.parts:
        story += [NextPageTemplate("portrait"), PageBreak()] if story else []
        story += [Anchor(part.anchor, pages), Spacer(1, 40 * MM), BoldParagraph(markup(part.title), s.part)]
        for section in part.sections:
            story += _section(section, pub, pages, font)
    count, data = _typeset(story, font, first_number, first_number)
    return Piece(count, pages, [], data)


def write(pub: Publication) -> bytes:
    font = _register(cjk_font())
    anchors = [p.anchor for p in pub.parts] + [s.anchor for s in pub.sections]
    front_count = _front(pub, dict.fromkeys(anchors, TOC_PLACEHOLDER), font).count
    while True:
        body = _body(pub, front_count + 1, font) if pub.parts else None
        pages = {key: front_count + 1 + index for key, index in (body.anchors if body else {}).items()}
        front = _front(pub, pages, font)
        if front.count == front_count:
            return join([front, body] if body else [front], pub)
        front_count = front.count  # the 目录 wrapped differently: number the tables again
