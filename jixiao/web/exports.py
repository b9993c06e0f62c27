"""Every list as an XLSX download (导出 Excel): the page's own rows, with the page's filters, under Chinese
headers, one sheet, no pagination.

A list view hands its filtered rows and its :class:`Column` list to :func:`xlsx_response` when
:func:`wants_xlsx` (``?format=xlsx`` on the page's own address, so the filters cannot differ from what the page
showed). Text that looks like a formula is stored as text (:mod:`jixiao.publish.safe_cells`), so a name like
``=HYPERLINK(…)`` from an imported document stays a name in the spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from jixiao.publish.safe_cells import as_text, formula_like
from jixiao.web.errors import BadParameter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 50_000  # beyond this a list is work for a background export, not a request


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    width: int = 14


def wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("format") == "xlsx"


def xlsx_query(request: HttpRequest) -> str:
    """The page's query string asking for its XLSX: the same filters, no page number."""
    params = request.GET.copy()
    params.pop("page", None)
    params["format"] = "xlsx"
    return params.urlencode()


def _value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


def _cell(ws: Any, value: Any, bold: bool = False) -> Any:
    """The value as openpyxl should write it: plain where it can be (the fast path), a cell where it needs a
    format, a bold face, or to stay text."""
    value = _value(value)
    if not (bold or formula_like(value) or isinstance(value, dt.date)):
        return value
    cell = WriteOnlyCell(ws, value=value)
    as_text(cell)  # text from documents (=HYPERLINK…, +1, @…) never becomes a formula
    if isinstance(value, dt.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    if bold:
        cell.font = Font(bold=True)
    return cell


def workbook(title: str, columns: Sequence[Column], rows: Iterable[Any]) -> bytes:
    """One sheet named ``title``: the headers, then one line per row."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title="".join(c for c in title if c not in "[]:*?/\\")[:31] or "列表")
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, c.header, bold=True) for c in columns])
    for n, row in enumerate(rows):
        if n >= MAX_ROWS:
            raise BadParameter(f"导出超过 {MAX_ROWS} 行，请缩小筛选范围后再导出。")
        ws.append([_cell(ws, c.value(row)) for c in columns])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xlsx_response(title: str, columns: Sequence[Column], rows: Iterable[Any]) -> HttpResponse:
    """The list as a download named after it and today's date."""
    body = workbook(title, columns, rows)
    response = HttpResponse(body, content_type=XLSX)
    name = f"{title}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
