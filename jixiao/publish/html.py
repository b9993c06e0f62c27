"""HTML of a disclosure: the web portal's page and the source WeasyPrint typesets into PDF.

One Jinja template draws the :class:`~jixiao.publish.document.Publication`; the CSS carries the page
geometry (A4 portrait and landscape named pages, repeated table headers), so the PDF needs no second
layout. The PDF writer typesets the document in pieces (:func:`render_front`, :func:`render_body`) and
hands the 目录 the page numbers it counted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from jixiao.publish import layout
from jixiao.publish.document import Part, Publication, Section
from jixiao.publish.layout import Cell

Group = tuple[Part | None, Sequence[Section]]  # sections, after their part's heading when it starts here


def _span(cell: Cell) -> Markup:
    out = ""
    if cell.colspan > 1:
        out += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        out += f' rowspan="{cell.rowspan}"'
    return Markup(out)


@cache
def _template() -> jinja2.Template:
    files = resources.files("jixiao.publish") / "templates"
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals["span"] = _span
    return env.from_string((files / "disclosure.html.j2").read_text(encoding="utf-8"))


@cache
def stylesheet() -> str:
    return (resources.files("jixiao.publish") / "templates" / "disclosure.css").read_text(encoding="utf-8")


def _render(pub: Publication, **context: object) -> str:
    return _template().render(pub=pub, css=Markup(stylesheet()), labels=layout, **context)


def render(pub: Publication) -> str:
    """The whole document as one page (the 目录 links to the tables, without page numbers)."""
    return _render(pub, front=True, groups=[(part, part.sections) for part in pub.parts])


def render_front(pub: Publication, pages: Mapping[str, int]) -> str:
    """Cover, 编报说明 and a 目录 that prints ``pages[anchor]`` beside each entry."""
    return _render(pub, front=True, groups=[], pages=pages)


def render_body(pub: Publication, groups: Sequence[Group]) -> str:
    """Some of the tables (the PDF writer prints the page numbers on them later)."""
    return _render(pub, front=False, groups=groups)


def write(pub: Publication) -> bytes:
    return render(pub).encode("utf-8")
