"""DOCX of a disclosure, for finance bureaus that edit before they print.

python-docx gives the package, styles and footer; tables and paragraphs are written as WordprocessingML
directly because python-docx's cell API is quadratic in table size and a province's disclosure has
tens of thousands of rows. The 目录 uses PAGEREF fields to bookmarks on each heading, which LibreOffice
computes on load and Word on update (``updateFields`` asks it to on open).
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from jixiao.publish.document import Publication, Section
from jixiao.publish.layout import Placed, Table, place

_NS = nsdecls("w")
_MM = 56.7  # twips per millimetre
PORTRAIT = (210.0, 297.0, 18.0)  # width, height, side margin in mm
LANDSCAPE = (297.0, 210.0, 12.0)
BODY_FONT = "宋体"
HEADING_FONT = "黑体"


def _x(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _run(text: str, size: float | None = None, bold: bool = False, font: str | None = None) -> str:
    props = ""
    if font:
        props += f'<w:rFonts w:eastAsia="{font}"/>'
    if bold:
        props += "<w:b/>"
    if size:
        props += f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_x(text)}</w:t></w:r>'


def _para(
    text: str = "",
    *,
    style: str | None = None,
    align: str | None = None,
    size: float | None = None,
    bold: bool = False,
    indent: bool = False,
    page_break: bool = False,
    before: int | None = None,
    after: int | None = None,
    extra: str = "",
    font: str | None = None,
) -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if page_break:
        ppr += "<w:pageBreakBefore/>"
    if before is not None or after is not None:
        ppr += f'<w:spacing w:before="{before or 0}" w:after="{after or 0}"/>'
    if indent:
        ppr += '<w:ind w:firstLineChars="200"/>'
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    run = _run(text, size, bold, font) if text else ""
    return f"<w:p {_NS}><w:pPr>{ppr}</w:pPr>{extra}{run}</w:p>"


def _heading(text: str, level: int, anchor: str, n: int, page_break: bool) -> str:
    mark = f'<w:bookmarkStart w:id="{n}" w:name="_{anchor}"/><w:bookmarkEnd w:id="{n}"/>'
    return _para(text, style=f"Heading{level}", page_break=page_break, extra=mark)


def _toc_entry(text: str, anchor: str, indent: bool, width_twips: int) -> str:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> PAGEREF _{anchor} \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t></w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    ind = '<w:ind w:left="420"/>' if indent else ""
    return (
        f"<w:p {_NS}><w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{width_twips}\"/></w:tabs>"
        f'<w:spacing w:before="0" w:after="60"/>{ind}</w:pPr>{_run(text)}<w:r><w:tab/></w:r>{field}</w:p>'
    )


# Keeps two tables apart (Word would otherwise join them) while printing as a hairline gap.
_SPACER = (
    f'<w:p {_NS}><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
)


def _cell_xml(p: Placed | None, span: int, width: int, continued: bool, size: float) -> str:
    tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        tcpr += f'<w:gridSpan w:val="{span}"/>'
    if continued:
        tcpr += "<w:vMerge/>"
    elif p is not None and p.cell.rowspan > 1:
        tcpr += '<w:vMerge w:val="restart"/>'
    tcpr += '<w:vAlign w:val="center"/>'
    text = "" if continued or p is None else p.cell.text
    centred = p is not None and (p.cell.label or p.cell.header)
    fill = p.cell.fill or ("F0F0F0" if p.cell.header else None) if p is not None else None
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    bold = p is not None and p.cell.header and not continued
    para = _para(text, align="center" if centred else None, size=size, bold=bold, before=0, after=0)
    return f"<w:tc><w:tcPr>{tcpr}{shade}</w:tcPr>{para}</w:tc>"


def _table_xml(t: Table, text_width_mm: float, size: float) -> str:
    rows = t.head + t.body
    placed = place(rows, t.columns)
    total = sum(t.widths)
    widths = [round(w / total * text_width_mm * _MM) for w in t.widths]
    origin: dict[tuple[int, int], Placed] = {(p.row, p.col): p for p in placed}
    below: dict[tuple[int, int], Placed] = {}
    for p in placed:
        for dr in range(1, p.cell.rowspan):
            below[(p.row + dr, p.col)] = p
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        f"<w:tbl {_NS}><w:tblPr><w:tblW w:w=\"{sum(widths)}\" w:type=\"dxa\"/><w:tblBorders>{border}"
        '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
        '<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>"
    ]
    for r in range(len(rows)):
        trpr = "<w:cantSplit/>" + ("<w:tblHeader/>" if r < len(t.head) else "")
        out.append(f"<w:tr><w:trPr>{trpr}</w:trPr>")
        c = 0
        while c < t.columns:
            if (r, c) in origin:
                p = origin[(r, c)]
                span, continued = p.cell.colspan, False
            elif (r, c) in below:
                p = below[(r, c)]
                span, continued = p.cell.colspan, True
            else:  # a short row: pad so every row fills the grid
                p, span, continued = None, 1, False
            out.append(_cell_xml(p, span, sum(widths[c : c + span]), continued, size))
            c += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _section_xml(s: Section, text_width_mm: float, n: int, year: str | None) -> Iterator[str]:
    yield _heading(s.title, 2, s.anchor, n, True)
    yield _para(s.caption, align="center", size=15, bold=True, font=HEADING_FONT, before=0, after=60)
    width = round(text_width_mm * _MM)
    tab = f'<w:tabs><w:tab w:val="right" w:pos="{width}"/></w:tabs>'
    yield (
        f"<w:p {_NS}><w:pPr>{tab}<w:spacing w:before=\"0\" w:after=\"40\"/></w:pPr>"
        f"{_run(year or '', 9.5)}<w:r><w:tab/></w:r>{_run('单位：万元', 9.5)}</w:p>"
    )
    size = 7.5 if s.landscape else 9.0
    for i, t in enumerate(s.tables):
        if i:
            yield _SPACER
        yield _table_xml(t, text_width_mm, size)


def _page(sect: object, geometry: tuple[float, float, float]) -> None:
    width, height, margin = geometry
    sect.page_width, sect.page_height = Mm(width), Mm(height)  # type: ignore[attr-defined]
    sect.left_margin = sect.right_margin = Mm(margin)  # type: ignore[attr-defined]
    sect.top_margin, sect.bottom_margin = Mm(20), Mm(18)  # type: ignore[attr-defined]
    sect.orientation = 1 if width > height else 0  # type: ignore[attr-defined]


def _styles(doc: object) -> None:
    styles = doc.styles  # type: ignore[attr-defined]
    for name, font, size in (("Normal", BODY_FONT, 10.5), ("Heading 1", HEADING_FONT, 16),
                             ("Heading 2", HEADING_FONT, 12), ("Title", HEADING_FONT, 24)):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.name = "Times New Roman"
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        rfonts.set(qn("w:eastAsia"), font)
        if name != "Normal":
            style.font.color.rgb = None
            style.font.bold = True
    styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _footer(doc: object) -> None:
    footer = doc.sections[0].footer  # type: ignore[attr-defined]
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p._p.append(parse_xml(f'<w:r {_NS}><w:t xml:space="preserve">— </w:t></w:r>'))
    for xml in ('<w:fldChar w:fldCharType="begin"/>', '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                '<w:fldChar w:fldCharType="end"/>'):
        p._p.append(parse_xml(f"<w:r {_NS}>{xml}</w:r>"))
    p._p.append(parse_xml(f'<w:r {_NS}><w:t xml:space="preserve"> —</w:t></w:r>'))


def write(pub: Publication) -> bytes:
    doc = new_docx()
    _styles(doc)
    section = doc.sections[0]
    _page(section, PORTRAIT)
    _footer(doc)
    settings = doc.settings.element
    settings.append(parse_xml(f'<w:updateFields {_NS} w:val="true"/>'))
    body = doc.element.body
    final_sectpr = body[-1]
    for child in list(body)[:-1]:
        body.remove(child)
    xml: list[str] = []
    portrait_width = PORTRAIT[0] - 2 * PORTRAIT[2]
    landscape_width = LANDSCAPE[0] - 2 * LANDSCAPE[2]
    xml.append(_para(before=2400, after=0))
    xml.append(_para(pub.title, style="Title", align="center", before=0, after=240))
    if pub.subtitle:
        xml.append(_para(pub.subtitle, align="center", size=16, before=0, after=0))
    if pub.issuer:
        xml.append(_para(pub.issuer, align="center", size=16, before=4800, after=120))
    xml.append(_para(pub.date, align="center", size=14, before=0 if pub.issuer else 4800, after=0))
    xml.append(_para("编报说明", style="Heading1", page_break=True))
    xml += [_para(p, indent=True, size=12, after=120) for p in pub.preface]
    if pub.parts:
        width = round(portrait_width * _MM)
        xml.append(_para("目录", style="Heading1", page_break=True))
        for part in pub.parts:
            xml.append(_toc_entry(part.title, part.anchor, False, width))
            xml += [_toc_entry(s.title, s.anchor, True, width) for s in part.sections]
    bookmark = 0
    landscape = False
    for part in pub.parts:
        first = part.sections[0] if part.sections else None
        if first is not None and first.landscape and not landscape:
            xml.append(_section_break(final_sectpr))
            landscape = True
        bookmark += 1
        xml.append(_heading(part.title, 1, part.anchor, bookmark, page_break=True))
        for s in part.sections:
            bookmark += 1
            xml += _section_xml(s, landscape_width if landscape else portrait_width, bookmark, pub.subtitle)
    for fragment in xml:
        final_sectpr.addprevious(parse_xml(fragment))
    if landscape:
        _page(doc.sections[-1], LANDSCAPE)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _section_break(final_sectpr: object) -> str:
    """A paragraph ending the portrait section; the body's own sectPr then describes the landscape one."""
    sectpr = copy.deepcopy(final_sectpr)
    from lxml import etree

    return f"<w:p {_NS}><w:pPr>{etree.tostring(sectpr, encoding='unicode')}</w:pPr></w:p>"
