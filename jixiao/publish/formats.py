"""One disclosure in any format jixiao publishes: the download page and ``jixiao export`` both call this."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from jixiao.domain import Document, to_json

if TYPE_CHECKING:
    from jixiao.publish.document import Publication

FORMATS = ("docx", "xlsx", "pdf", "html", "json")


def render(doc: Document, fmt: str, preface: str) -> bytes:
    """``doc`` drawn by the ``fmt`` writer (one of :data:`FORMATS`).

    Raises the PDF writer's ``MissingFontError`` when no CJK font is installed.
    """
    if fmt == "json":
        return json.dumps(to_json(doc), ensure_ascii=False, indent=1).encode("utf-8")
    from jixiao.publish import document

    return draw(document.build(doc, preface="computed" if preface == "computed" else "auto"), fmt)


def draw(pub: Publication, fmt: str) -> bytes:
    """A publication (a disclosure, a monitoring or self-evaluation report) drawn by the ``fmt`` writer:
    ``docx``, ``xlsx``, ``html`` or ``pdf`` (which raises ``MissingFontError`` without a CJK font)."""
    if fmt == "docx":
        from jixiao.publish import docx as writer
    elif fmt == "xlsx":
        from jixiao.publish import xlsx as writer  # type: ignore[no-redef]
    elif fmt == "html":
        from jixiao.publish import html as writer  # type: ignore[no-redef]
    elif fmt == "pdf":
        from jixiao.publish import pdf as writer  # type: ignore[no-redef]
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return writer.write(pub)
