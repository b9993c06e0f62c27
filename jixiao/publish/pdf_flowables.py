"""The few things a disclosure prints that ReportLab has no flowable for.

Bold text without a bold face (CJK fonts ship none), the letter-spaced headings 编报说明 and 目录, a
目录 line with its dotted leader and page number, and an invisible mark that notes which page a table
starts on, for the 目录 and the bookmarks.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from jixiao.publish.pdf_join import Link

MM = 72 / 25.4
STROKE = 0.035  # of the font size: the outline that thickens filled glyphs into bold


def markup(text: str) -> str:
    """Plain text as ReportLab paragraph markup: escaped, line breaks kept."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


class BoldParagraph(Paragraph):
    """A paragraph whose glyphs are filled and stroked: synthetic bold (text render mode 2)."""

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setLineWidth(self.style.fontSize * STROKE)
        self.canv.addLiteral("2 Tr")
        super().draw()
        self.canv.restoreState()


class Anchor(Flowable):
    """Takes no room; notes in ``pages`` the page (0-based) it lands on, under ``key``."""

    def __init__(self, key: str, pages: dict[str, int]) -> None:
        super().__init__()
        self.key, self.pages = key, pages

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages.setdefault(self.key, self.canv.getPageNumber() - 1)


class Heading(Flowable):
    """A centred one-line bold heading, letter-spaced by 0.2 em, with 8 mm below it."""

    def __init__(self, text: str, font: str, size: float) -> None:
        super().__init__()
        self.text, self.font, self.size = text, font, size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.size * 1.5 + 8 * MM

    def draw(self) -> None:
        space = self.size * 0.2
        width = stringWidth(self.text, self.font, self.size) + space * (len(self.text) - 1)
        canv = self.canv
        canv.saveState()
        canv.setLineWidth(self.size * STROKE)
        line = canv.beginText((self.width - width) / 2, 8 * MM + self.size * 0.4)
        line.setFont(self.font, self.size)
        line.setCharSpace(space)
        line.setTextRenderMode(2)
        line.textOut(self.text)
        canv.drawText(line)
        canv.restoreState()


class TocEntry(Flowable):
    """A 目录 line: the title (wrapped, indented), a dotted leader and the page number on its last line.

    The room for the number is that of the widest number the 目录 prints, so an entry wraps the same way
    whatever its number. The rectangle it covers is noted in ``links``, for a link to its table.
    """

    GAP = 1.5 * MM  # below each entry

    def __init__(self, title: str, key: str, page: int, widest: int, indent: float, style: ParagraphStyle,
                 bold: bool, links: list[Link]) -> None:
        super().__init__()
        self.title, self.key, self.number, self.indent, self.style = title, key, str(page), indent, style
        self.reserve = stringWidth(str(widest), style.fontName, style.fontSize) + style.fontSize
        self.paragraph_class = BoldParagraph if bold else Paragraph
        self.links = links

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.text_width = available_width - self.indent - self.reserve
        self.para = self.paragraph_class(markup(self.title), self.style)
        _, self.text_height = self.para.wrap(self.text_width, available_height)
        return available_width, self.text_height + self.GAP

    def draw(self) -> None:
        canv, para, style = self.canv, self.para, self.style
        para.drawOn(canv, self.indent, self.GAP)
        lines = para.blPara.lines
        last = lines[-1]
        free = last[0] if isinstance(last, tuple) else last.extraSpace  # room left on the last line
        baseline = self.GAP + self.text_height - style.fontSize - (len(lines) - 1) * style.leading
        canv.setFont(style.fontName, style.fontSize)
        canv.drawRightString(self.width, baseline, self.number)
        dot = stringWidth(".", style.fontName, style.fontSize)
        start = self.indent + self.text_width - free + 3
        end = self.width - stringWidth(self.number, style.fontName, style.fontSize) - 3
        if end > start + dot:
            canv.drawRightString(end, baseline, "." * int((end - start) / dot))
        x, y = canv.absolutePosition(self.indent, self.GAP)
        rect = (x, y, x + self.width - self.indent, y + self.text_height)
        self.links.append(Link(canv.getPageNumber() - 1, self.key, rect))
