"""Page numbers drawn onto a finished PDF, so that its pieces can be typeset at the same time.

A piece of the disclosure cannot know its first page number until every piece before it has been
typeset, which would force the pieces through one at a time. So WeasyPrint typesets them without page
numbers (side by side, see :mod:`jixiao.publish.pdf`) and the numbers are drawn once the pages are
counted: ReportLab draws "— n —" centred in each page's bottom margin, in the CJK font of the tables
(embedded as a subset), and each drawing is put in front of its page's content with pypdf, without
decoding or rewriting that content.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PdfWriter

FONT_SIZE = 9  # pt, as the former CSS footer
# Bottom page margins in disclosure.css (portrait 20 mm, landscape 15 mm): the number sits in their middle.
MM = 72 / 25.4
BOTTOM_MARGIN = {"portrait": 20 * MM, "landscape": 15 * MM}
_FONT_NAME = "JixiaoPageNumbers"


class PageNumberFontError(RuntimeError):
    """No TrueType font to draw the page numbers with."""


def _match(pattern: str) -> tuple[str, int] | None:
    """File and face index of the font fontconfig picks for ``pattern``, if its outlines are TrueType.

    ReportLab embeds TrueType (glyf) outlines only; Noto CJK, for one, is CFF and cannot be used.
    """
    if shutil.which("fc-match") is None:
        return None
    out = subprocess.run(
        ["fc-match", "-f", "%{file}\n%{index}\n%{fontformat}", pattern], capture_output=True, text=True, check=False
    ).stdout.split("\n")
    if len(out) == 3 and out[0] and out[2] == "TrueType":
        return out[0], int(out[1] or 0)
    return None


@cache
def font(family: str) -> str:
    """Register the font for page numbers with ReportLab: ``family`` if it is TrueType, else a sans-serif."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    found = _match(family) or _match("sans-serif:fontformat=TrueType")
    if found is None:
        raise PageNumberFontError(
            "没有可用于页码的 TrueType 字体 (apt-get install fonts-wqy-microhei) / no TrueType font for page numbers"
        )
    path, index = found
    pdfmetrics.registerFont(TTFont(_FONT_NAME, path, subfontIndex=index))
    return _FONT_NAME


def number_pages(writer: PdfWriter, family: str, skip: int = 1) -> None:
    """Print "— n —" on every page of ``writer`` after the first ``skip`` (the cover has none).

    n counts from the first page, cover included, as the 目录 does.
    """
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject
    from reportlab.pdfgen import canvas

    pages = list(writer.pages)[skip:]
    if not pages:
        return
    name = font(family)
    drawn = io.BytesIO()
    sheet = canvas.Canvas(drawn, initialFontName=name, initialFontSize=FONT_SIZE)
    for number, page in enumerate(pages, skip + 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        margin = BOTTOM_MARGIN["landscape" if width > height else "portrait"]
        sheet.setPageSize((width, height))
        sheet.saveState()  # the drawing leaves the graphics state as it found it
        sheet.setFont(name, FONT_SIZE)
        sheet.drawCentredString(width / 2, margin / 2 - FONT_SIZE * 0.35, f"— {number} —")
        sheet.restoreState()
        sheet.showPage()
    sheet.save()
    overlay = PdfReader(drawn)
    fonts = {
        key: ref.clone(writer)
        for key, ref in overlay.pages[0]["/Resources"]["/Font"].items()  # type: ignore[union-attr]
    }
    for page, drawing in zip(pages, overlay.pages, strict=True):
        resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
        page_fonts = resources.setdefault(NameObject("/Font"), DictionaryObject()).get_object()
        for key, ref in fonts.items():
            if key in page_fonts and page_fonts.raw_get(key) != ref:
                raise RuntimeError(f"font resource {key} is taken on this page")
            page_fonts[NameObject(key)] = ref
        content = page.raw_get("/Contents")
        streams = content.get_object() if isinstance(content.get_object(), list) else [content]
        page[NameObject("/Contents")] = ArrayObject([drawing.raw_get("/Contents").clone(writer), *streams])
