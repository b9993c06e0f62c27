"""HTML of a disclosure: the page the web portal serves and ``jixiao export --to html`` writes.

One Jinja template draws the :class:`~jixiao.publish.document.Publication`; the CSS carries the print
geometry too (A4 portrait, landscape for the department tables, repeated table headers), so the page
prints from a browser much as the PDF looks.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from jixiao.publish import layout
from jixiao.publish.document import Publication
from jixiao.publish.layout import Cell


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


def render(pub: Publication) -> str:
    """The whole document as one page (the 目录 links to the tables, without page numbers)."""
    return _template().render(pub=pub, css=Markup(stylesheet()), labels=layout)


def write(pub: Publication) -> bytes:
    return render(pub).encode("utf-8")
