"""Write a document in one format and read it back: the shared step of every round-trip test."""

from __future__ import annotations

from collections.abc import Callable

from jixiao.domain import Document
from jixiao.ingest.docx import read_docx
from jixiao.ingest.html import read_html
from jixiao.ingest.pdf import read_pdf
from jixiao.ingest.xlsx import read_xlsx
from jixiao.publish import document, docx, html, pdf, xlsx
from jixiao.publish.document import Publication

WRITERS: dict[str, Callable[[Publication], bytes]] = {
    "docx": docx.write, "xlsx": xlsx.write, "html": html.write, "pdf": pdf.write,
}
READERS: dict[str, Callable[[bytes, str], Document]] = {
    "docx": read_docx, "xlsx": read_xlsx, "html": read_html, "pdf": read_pdf,
}


def round_trip(doc: Document, fmt: str) -> tuple[Document, Document]:
    """(what was published, what was read back), comparable with ``==``."""
    pub = document.build(doc)
    back = READERS[fmt](WRITERS[fmt](pub), f"out.{fmt}")
    return document.carried(pub.document, back.source), back


def differences(expected: Document, actual: Document) -> list[str]:
    """Field paths that differ, for a readable failure."""
    from jixiao.domain import to_json

    out: list[str] = []

    def walk(a: object, b: object, path: str) -> None:
        if isinstance(a, dict) and isinstance(b, dict):
            for k in a:
                walk(a[k], b.get(k), f"{path}.{k}")
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(x, y, f"{path}[{i}]")
        elif a != b:
            out.append(f"{path}: {str(a)[:60]!r} != {str(b)[:60]!r}")

    walk(to_json(expected), to_json(actual), "")
    return out
