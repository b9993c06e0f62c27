"""PDF of a disclosure, typeset with ReportLab from the layout tables that DOCX, XLSX and HTML draw too.

The PDF was first typeset by WeasyPrint from the HTML page. That costs about 0.1 s of CPU per project
table, since its CSS layout runs in Python over every box: a thousand projects took two and a half
minutes even in parallel pieces. ReportLab lays out the same tables about five times faster, so the whole
document is one ReportLab story and the aim (under a minute for a thousand projects) holds on one core.

Two documents are typeset and joined (:mod:`jixiao.publish.pdf_join`): the front matter (cover, 编报说明,
目录) and the tables. The 目录 prints the page of each table, and its own length does not depend on
those numbers, only on its entries: it is typeset once with placeholders to learn where the tables
start, the tables are typeset numbered from there, then the 目录 again with their pages.

ReportLab embeds a subset of the TrueType CJK font it draws with (Debian's ``fonts-wqy-microhei``,
installed by ``scripts/setup``), so the PDF shows Chinese on any machine. A missing CJK font would print
empty boxes, so :func:`write` refuses to typeset without one. CJK fonts ship without a bold face:
bold text is drawn filled and stroked.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from jixiao.publish import layout
from jixiao.publish.document import Publication, Section
from jixiao.publish.pdf_join import Link, Piece, join
from jixiao.publish.pdf_tables import LANDSCAPE, PORTRAIT, row_capacity, table

# TrueType CJK families in order of preference (ReportLab embeds TrueType outlines only, so Noto CJK,
# whose outlines are CFF, cannot be used).
CJK_FAMILIES = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN")
FONT = "JixiaoCJK"
MM = 72 / 25.4
PAGE_NUMBER_SIZE = 9
# (top, right, bottom, left) margins in mm, as the printed documents: A4 portrait for projects, landscape
# for the wide department tables.
MARGINS = {"portrait": (22, 18, 20, 18), "landscape": (15, 12, 15, 12)}
TOC_PLACEHOLDER = 9999


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
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, font.path, subfontIndex=font.index))
    return FONT


def _bold(paragraph_class: Any) -> Any:
    """A Paragraph class whose text is filled and stroked: synthetic bold, as a CJK font has no bold face."""

    class Bold(paragraph_class):  # type: ignore[misc, valid-type]
        def draw(self) -> None:
            self.canv.saveState()
            self.canv.setLineWidth(self.style.fontSize * 0.035)
            self.canv.addLiteral("2 Tr")
            super().draw()
            self.canv.restoreState()

    return Bold


@dataclass
class _Styles:
    paragraph: Any  # the Paragraph class
    bold: Any  # its synthetic-bold subclass
    title: Any
    subtitle: Any
    issuer: Any
    date: Any
    preface: Any
    part: Any
    entry: Any
    section: Any
    caption: Any
    meta: Any
    meta_right: Any


@cache
def _styles(font: str) -> _Styles:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    base = ParagraphStyle("base", fontName=font, fontSize=10.5, leading=15.75, wordWrap="CJK")

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return _Styles(
        paragraph=Paragraph,
        bold=_bold(Paragraph),
        title=style("title", fontSize=24, leading=38.4, alignment=TA_CENTER, leftIndent=15 * MM,
                    rightIndent=15 * MM),
        subtitle=style("subtitle", fontSize=16, leading=24, alignment=TA_CENTER, spaceBefore=6 * MM),
        issuer=style("issuer", fontSize=16, leading=24, alignment=TA_CENTER, spaceBefore=75 * MM),
        date=style("date", fontSize=14, leading=21, alignment=TA_CENTER, spaceBefore=4 * MM),
        preface=style("preface", fontSize=12, leading=22.8, firstLineIndent=24, alignment=TA_JUSTIFY,
                      spaceAfter=3 * MM),
        part=style("part", fontSize=16, leading=24, alignment=TA_CENTER),
        entry=style("entry"),
        section=style("section", fontSize=12, leading=18, spaceAfter=2 * MM),
        caption=style("caption", fontSize=15, leading=22.5, alignment=TA_CENTER, spaceAfter=1 * MM),
        meta=style("meta", fontSize=9.5, leading=14.25),
        meta_right=style("meta_right", fontSize=9.5, leading=14.25, alignment=TA_RIGHT),
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _flowables() -> Any:
    """The Flowable base class, imported late (ReportLab loads only when a PDF is written)."""
    from reportlab.platypus.flowables import Flowable

    return Flowable


def _anchor(key: str, pages: dict[str, int]) -> Any:
    """A zero-size flowable that notes the page (0-based) it lands on under ``key``."""

    class Anchor(_flowables()):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            pages.setdefault(key, self.canv.getPageNumber() - 1)

    return Anchor()


def _heading(text: str, font: str, size: float) -> Any:
    """A centred one-line heading, letter-spaced by 0.2 em and bold, as 编报说明 and 目录 print."""

    class Heading(_flowables()):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            self.width = available_width
            return available_width, size * 1.5 + 8 * MM

        def draw(self) -> None:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            space = size * 0.2
            width = stringWidth(text, font, size) + space * (len(text) - 1)
            canv = self.canv
            canv.saveState()
            canv.setLineWidth(size * 0.035)
            line = canv.beginText((self.width - width) / 2, 8 * MM + size * 0.4)
            line.setFont(font, size)
            line.setCharSpace(space)
            line.setTextRenderMode(2)
            line.textOut(text)
            canv.drawText(line)
            canv.restoreState()

    return Heading()


def _toc_entry(title: str, key: str, page: int, indent: float, s: _Styles, bold: bool, links: list[Link]) -> Any:
    """A 目录 line: the title, a dotted leader and the page number; its link rectangle is noted."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    style, paragraph, gap = s.entry, s.bold if bold else s.paragraph, 1.5 * MM
    number = str(page)
    reserve = stringWidth(str(TOC_PLACEHOLDER), style.fontName, style.fontSize) + style.fontSize

    class Entry(_flowables()):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            self.width = available_width
            self.text_width = available_width - indent - reserve
            self.para = paragraph(_escape(title), style)
            _, self.text_height = self.para.wrap(self.text_width, available_height)
            return available_width, self.text_height + gap

        def draw(self) -> None:
            canv, para = self.canv, self.para
            para.drawOn(canv, indent, gap)
            lines = para.blPara.lines
            last = lines[-1]
            extra = last[0] if isinstance(last, tuple) else last.extraSpace
            baseline = gap + self.text_height - style.fontSize - (len(lines) - 1) * style.leading
            number_width = stringWidth(number, style.fontName, style.fontSize)
            canv.setFont(style.fontName, style.fontSize)
            canv.drawRightString(self.width, baseline, number)
            dot = stringWidth(".", style.fontName, style.fontSize)
            start, end = indent + self.text_width - extra + 3, self.width - number_width - 3
            if end > start + dot:
                canv.drawRightString(end, baseline, "." * int((end - start) / dot))
            x, y = canv.absolutePosition(indent, gap)
            links.append(Link(canv.getPageNumber() - 1, key, (x, y, x + self.width - indent, y + self.text_height)))

    return Entry()


def _meta(pub: Publication, width: float, s: _Styles) -> Any:
    """The line under a caption: the year on the left, the money unit on the right (not ruled)."""
    from reportlab.platypus import Table

    row = [s.paragraph(_escape(pub.subtitle or ""), s.meta), s.paragraph("单位：万元", s.meta_right)]
    padding = [(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING")]
    return Table([row], colWidths=[width / 2, width / 2], style=[*padding, ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * MM)])


def _frame(orientation: str) -> tuple[tuple[float, float], tuple[float, float, float, float]]:
    """Page size and frame (x, y, width, height) in points."""
    from reportlab.lib.pagesizes import A4, landscape

    size = landscape(A4) if orientation == "landscape" else A4
    top, right, bottom, left = (m * MM for m in MARGINS[orientation])
    return size, (left, bottom, size[0] - left - right, size[1] - top - bottom)


def _typeset(story: list[Any], first_number: int, numbered_from: int, links: list[Link] | None = None,
             pages: Mapping[str, int] | None = None, font: str = FONT) -> Piece:
    """Build ``story`` into a PDF whose pages print numbers from ``first_number`` (none below ``numbered_from``)."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    out = io.BytesIO()

    def number(canv: Any, _doc: Any) -> None:
        n = first_number + canv.getPageNumber() - 1
        if n >= numbered_from:
            bottom = MARGINS["landscape" if canv._pagesize[0] > canv._pagesize[1] else "portrait"][2] * MM
            canv.saveState()
            canv.setFont(font, PAGE_NUMBER_SIZE)
            canv.drawCentredString(canv._pagesize[0] / 2, bottom / 2 - PAGE_NUMBER_SIZE * 0.35, f"— {n} —")
            canv.restoreState()

    templates = []
    for orientation in ("portrait", "landscape"):
        size, (x, y, w, h) = _frame(orientation)
        frame = Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates.append(PageTemplate(orientation, [frame], onPage=number, pagesize=size))
    doc = BaseDocTemplate(out, pageTemplates=templates, pagesize=templates[0].pagesize, initialFontName=font)
    counter: dict[str, int] = {}
    doc.afterPage = lambda: counter.__setitem__("pages", counter.get("pages", 0) + 1)  # type: ignore[method-assign]
    doc.build(story)
    return Piece(counter.get("pages", 0), dict(pages or {}), list(links or []), out.getvalue())


def _front(pub: Publication, pages: Mapping[str, int], font: str) -> Piece:
    from reportlab.platypus import PageBreak, Spacer

    s = _styles(font)
    # A Spacer, not spaceBefore: ReportLab drops the space before the first flowable of a page.
    story: list[Any] = [Spacer(1, 55 * MM), s.bold(_escape(pub.title), s.title)]
    if pub.subtitle:
        story.append(s.paragraph(_escape(pub.subtitle), s.subtitle))
    if pub.issuer:
        story.append(s.paragraph(_escape(pub.issuer), s.issuer))
    story += [s.paragraph(_escape(pub.date), s.date), PageBreak(), _heading(layout.PREFACE_HEADING, font, 18)]
    story += [s.paragraph(_escape(p), s.preface) for p in pub.preface]
    links: list[Link] = []
    if pub.parts:
        story += [PageBreak(), _heading(layout.TOC_HEADING, font, 18)]
        for part in pub.parts:
            story += [Spacer(1, 3 * MM), _toc_entry(part.title, part.anchor, pages[part.anchor], 0, s, True, links)]
            story += [
                _toc_entry(section.title, section.anchor, pages[section.anchor], 2 * s.entry.fontSize, s, False, links)
                for section in part.sections
            ]
    return _typeset(story, 1, 2, links, font=font)


_TALL_ROW_COLUMNS = {"strategic": layout.STRATEGIC_COLUMNS, "annual": layout.ANNUAL_COLUMNS}


def _section(section: Section, pub: Publication, pages: dict[str, int], font: str) -> list[Any]:
    from reportlab.platypus import NextPageTemplate, PageBreak

    s = _styles(font)
    orientation = "landscape" if section.landscape else "portrait"
    _, (_, _, width, height) = _frame(orientation)
    metrics = LANDSCAPE if section.landscape else PORTRAIT
    story: list[Any] = [
        NextPageTemplate(orientation), PageBreak(), _anchor(section.anchor, pages),
        s.bold(_escape(section.title), s.section), s.bold(_escape(section.caption), s.caption), _meta(pub, width, s),
    ]
    for t in section.tables:
        if t.kind in _TALL_ROW_COLUMNS:  # a row taller than a page prints as the row and continuation rows
            t = layout.split_tall_rows(t, _TALL_ROW_COLUMNS[t.kind], row_capacity(t, width, metrics))
        story.append(table(t, width, height, font, font, metrics))
    return story


def _body(pub: Publication, first_number: int, font: str) -> Piece:
    from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

    s = _styles(font)
    pages: dict[str, int] = {}
    story: list[Any] = []
    for part in pub.parts:
        story += [NextPageTemplate("portrait"), PageBreak()] if story else []
        story += [_anchor(part.anchor, pages), Spacer(1, 40 * MM), s.bold(_escape(part.title), s.part)]
        for section in part.sections:
            story += _section(section, pub, pages, font)
    piece = _typeset(story, first_number, first_number, font=font)
    piece.anchors = pages
    return piece


def write(pub: Publication) -> bytes:
    font = _register(cjk_font())
    placeholders = {key: TOC_PLACEHOLDER for key in [p.anchor for p in pub.parts] + [s.anchor for s in pub.sections]}
    front_count = _front(pub, placeholders, font).count
    while True:
        body = _body(pub, front_count + 1, font) if pub.parts else None
        pages = {key: front_count + 1 + index for key, index in (body.anchors if body else {}).items()}
        front = _front(pub, pages, font)
        if front.count == front_count:
            return join([front, body] if body else [front], pub)
        front_count = front.count  # narrower numbers wrapped an entry less: number the tables again

