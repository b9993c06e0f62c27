"""Cells safe to open: text that a spreadsheet would take for a formula (``=HYPERLINK(…)``, ``+1``, ``-2``,
``@SUM``, a leading TAB or CR) stays text in every XLSX and CSV jixiao writes.

Names, indicator texts and values come from documents and from users; a spreadsheet program runs what
looks like a formula when the file is opened (CSV injection). One test (:func:`formula_like`) and one
treatment per format: an XLSX cell keeps the text as a string marked text (``quotePrefix``, so editing it
keeps it text), so what jixiao writes reads back unchanged; a CSV field gets a leading apostrophe, the only
mark a CSV has. Only strings are touched: a negative number stays a number.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: object) -> bool:
    """A string a spreadsheet could run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def as_text(cell: Any) -> Any:
    """An openpyxl cell (normal or write-only) holding formula-like text, made a text cell; the cell."""
    if formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def sheets_as_text(worksheets: Iterable[Any]) -> None:
    """:func:`as_text` on every cell of sheets that hold no formula of jixiao's own."""
    for ws in worksheets:
        for row in ws.iter_rows():
            for cell in row:
                as_text(cell)


def csv_field(value: object) -> object:
    """A CSV field: formula-like text behind an apostrophe, anything else as it is."""
    return "'" + value if isinstance(value, str) and formula_like(value) else value
