"""One disclosure in any format jixiao publishes: the download page and ``jixiao export`` both call this."""

from __future__ import annotations

import json

from jixiao.domain import Document, to_json

FORMATS = ("docx", "xlsx", "pdf", "html", "json")


def render(doc: Document, fmt: str, preface: str) -> bytes:
    """``doc`` drawn by the ``fmt`` writer (one of :data:`FORMATS`).

    Raises the PDF writer's ``MissingFontError`` when no CJK font is installed.
    """
    if fmt == "json":
        return json.dumps(to_json(doc), ensure_ascii=False, indent=1).encode("utf-8")
    from jixiao.publish import document

    pub = document.build(doc, preface="computed" if preface == "computed" else "auto")
    if fmt == "docx":
        from jixiao.publish import docx as writer
    elif fmt == "xlsx":
        from jixiao.publish import xlsx as writer  # type: ignore[no-redef]
    elif fmt == "html":
        from jixiao.publish import html as writer  # type: ignore[no-redef]
    else:
        from jixiao.publish import pdf as writer  # type: ignore[no-redef]
    return writer.write(pub)
