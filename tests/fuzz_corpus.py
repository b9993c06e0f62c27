"""Crafted and damaged documents, made here (nothing downloaded, no sample copied): each small on disk and
built to cost a reader far more than its size — a far cell, a merge over the whole sheet, a 10⁹ span, a zip
part that inflates a thousandfold, entities that multiply, tables nested past any form — or damaged the way
files are in the wild (truncated, bytes flipped, the wrong extension). ``tests/test_fuzz.py`` and
``bench/fuzz.py`` read every one through the command line and expect exit 2 with one line.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable, Iterator

import docx
from openpyxl import Workbook

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lolololololololololol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + "]>"
)


def _xlsx(fill: Callable[[Workbook], None] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "说明"
    for r, row in enumerate([("说明", "路灯维护"), ("备注", "无", "另见附件")], 1):
        for c, value in enumerate(row, 1):
            ws.cell(r, c, value)
    if fill:
        fill(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _docx(rows: int = 3) -> bytes:
    document = docx.Document()
    document.add_paragraph("项目支出情况说明")
    table = document.add_table(rows=rows, cols=3)
    for r in range(rows):
        for c in range(3):
            table.cell(r, c).text = f"第{r}行{c}列"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for page in range(3):
        for line in range(40):
            pdf.drawString(60, 800 - 18 * line, f"page {page} line {line} performance target 1200")
        pdf.rect(50, 50, 400, 100)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _rewrite(
    data: bytes, part: str, change: Callable[[str], str], extra: dict[str, bytes] | None = None
) -> bytes:
    """The zip ``data`` with ``part`` passed through ``change`` (and ``extra`` parts added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == part:
                body = change(body.decode("utf-8")).encode("utf-8")
            dst.writestr(info.filename, body)
        for name, body in (extra or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def _laughs(old: str, new: str) -> Callable[[str], str]:
    """A part that declares the entities of the billion laughs and uses the last one in place of ``old``."""
    return lambda xml: LAUGHS + re.sub(r"^<\?xml[^>]*\?>", "", xml).replace(old, new, 1)


def _after_sheet_data(xml: str, insert: str) -> str:
    return xml.replace("</sheetData>", "</sheetData>" + insert, 1)


def _sheet_bomb(xml: str) -> str:
    return xml.replace("</sheetData>", "</sheetData>" + "<!--" + " " * (60 * 1024 * 1024) + "-->", 1)


def _word_table(body: str) -> Callable[[str], str]:
    return lambda xml: re.sub(r"<w:body>", "<w:body>" + body, xml, count=1)


def _span_rows(n: int) -> str:
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>'
    return "<w:tbl>" + ("<w:tr>" + cell * 4 + "</w:tr>") * n + "</w:tbl>"


def _nested_tables(depth: int) -> str:
    open_ = "<w:tbl><w:tr><w:tc>"
    close = "<w:p/></w:tc></w:tr></w:tbl>"
    return open_ * depth + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" + close * depth


def _flip(data: bytes, seed: int, count: int = 40) -> bytes:
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(count):
        at = rng.randrange(len(out))
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def crafted_files() -> Iterator[tuple[str, bytes]]:
    """``(file name, bytes)`` of every crafted case; the name's suffix picks the reader."""
    xlsx, word, pdf = _xlsx(), _docx(), _pdf()
    yield "far-cell.xlsx", _xlsx(lambda wb: wb.active.cell(1048576, 16384, "远处的单元格"))
    yield (
        "far-cells-everywhere.xlsx",
        _xlsx(lambda wb: [wb.active.cell(1 + 37_000 * i, 1 + 580 * i, f"x{i}") for i in range(1, 29)]),
    )
    yield (
        "full-sheet-merge.xlsx",
        _rewrite(
            xlsx,
            "xl/worksheets/sheet1.xml",
            lambda x: _after_sheet_data(
                x, '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
            ),
        ),
    )
    yield (
        "many-merges.xlsx",
        _rewrite(
            xlsx,
            "xl/worksheets/sheet1.xml",
            lambda x: _after_sheet_data(
                x,
                '<mergeCells count="2000">'
                + "".join(f'<mergeCell ref="A{r}:XFD{r}"/>' for r in range(3, 2003))
                + "</mergeCells>",
            ),
        ),
    )
    yield (
        "hyperlink-over-sheet.xlsx",
        _rewrite(
            xlsx,
            "xl/worksheets/sheet1.xml",
            lambda x: x.replace(
                "</sheetData>",
                '</sheetData><hyperlinks><hyperlink ref="A1:XFD1048576" display="x" location="A1"/></hyperlinks>',
                1,
            ),
        ),
    )
    yield "zip-bomb.xlsx", _rewrite(xlsx, "xl/worksheets/sheet1.xml", _sheet_bomb)
    laugh_row = '<row r="9"><c r="A9" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>'
    yield "laughs-sheet.xlsx", _rewrite(xlsx, "xl/worksheets/sheet1.xml", _laughs("</sheetData>", laugh_row))
    yield "laughs-workbook.xlsx", _rewrite(xlsx, "xl/workbook.xml", _laughs("<sheets>", "<sheets>"))
    yield "grid-span.docx", _rewrite(word, "word/document.xml", _word_table(_span_rows(3000)))
    yield "nested-tables.docx", _rewrite(word, "word/document.xml", _word_table(_nested_tables(200)))
    yield "laughs.docx", _rewrite(word, "word/document.xml", _laughs("项目支出", "&lol9;"))
    yield "zip-bomb.docx", _rewrite(word, "word/document.xml", lambda x: x + " " * (60 * 1024 * 1024))
    yield (
        "spans.html",
        (
            "<table>"
            + '<tr><td rowspan="1000000000" colspan="1000000000">x</td><td>y</td></tr>' * 2000
            + "</table>"
        ).encode(),
    )
    yield "nested.html", ("<table><tr><td>" * 500 + "x" + "</td></tr></table>" * 500).encode()
    yield "truncated.pdf", pdf[: len(pdf) // 2]
    yield "header-only.pdf", pdf[:200]
    for seed in range(4):
        yield f"flipped-{seed}.pdf", _flip(pdf, seed)
    yield "truncated.docx", word[: len(word) // 2]
    yield "truncated.xlsx", xlsx[: len(xlsx) * 2 // 3]
    for seed in range(3):
        yield f"flipped-{seed}.docx", _flip(word, seed, 8)
        yield f"flipped-{seed}.xlsx", _flip(xlsx, seed, 8)
    yield "broken-xml.docx", _rewrite(word, "word/document.xml", lambda x: x[: len(x) // 2])
    yield "broken-xml.xlsx", _rewrite(xlsx, "xl/worksheets/sheet1.xml", lambda x: x[: len(x) // 2])
    yield "xlsx-named.docx", xlsx
    yield "docx-named.xlsx", word
    yield "pdf-named.xlsx", pdf
    yield "xlsx-named.pdf", xlsx
    yield "html-named.docx", b"<table><tr><td>x</td></tr></table>"
    yield "binary-named.txt", bytes(range(256)) * 64
    yield "empty.xlsx", b""
    yield "operators.txt", operator_lines(300).encode()


def operator_lines(n: int) -> str:
    """A text document of ``n`` table lines, each a long cell full of operators (the text reader's worst
    case once: quadratic in the cell's length)."""
    cell = "≥≤＞＜=%" * 60
    return "项目支出绩效目标表\n" + "".join(f"产出指标\t数量指标\t指标{i}\t{cell}\n" for i in range(n))
