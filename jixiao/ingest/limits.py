"""How much one document may cost to read: every limit in one place, each overridable by an environment
variable, and the error that names the one exceeded.

A crafted file is small and expands: a cell at XFD1048576, a merge over the whole sheet, a 10⁹ ``gridSpan``,
a zip part that inflates a thousandfold, XML entities that multiply. The readers check these numbers before
they allocate, so such a file is refused with the limit's name instead of taking the machine with it.
Defaults are far above any real disclosure (the largest sample, a province's 2,000-page workbook, reads
well within them); raise one with ``JIXIAO_MAX_…`` where a real file needs it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from jixiao.ingest.errors import ReadError


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits of one read; field ``x`` is set by the environment variable ``JIXIAO_MAX_X``."""

    file_bytes: int = 50 * 1024 * 1024  # the document as uploaded or read
    unzipped_bytes: int = 300 * 1024 * 1024  # all parts of an XLSX/DOCX together, uncompressed
    zip_ratio: int = 200  # uncompressed ÷ compressed size of one part (parts over 1 MB)
    zip_entries: int = 10_000  # parts in one XLSX/DOCX
    rows: int = 100_000  # rows of one table or sheet, counted from the cells present
    columns: int = 1_000  # columns of one table or sheet, counted from the cells present
    cells: int = 1_000_000  # grid positions of one table (rows × columns after clipping)
    depth: int = 64  # tables nested in tables (HTML, DOCX)
    seconds: int = 120  # time to read one document

    @staticmethod
    def variable(name: str) -> str:
        return f"JIXIAO_MAX_{name.upper()}"


LABELS = {
    "file_bytes": ("文件大小", "file size"),
    "unzipped_bytes": ("解压后总大小", "total uncompressed size"),
    "zip_ratio": ("压缩比", "compression ratio"),
    "zip_entries": ("压缩包内文件数", "parts in the archive"),
    "rows": ("行数", "rows"),
    "columns": ("列数", "columns"),
    "cells": ("单元格数", "cells"),
    "depth": ("嵌套层数", "nesting depth"),
    "seconds": ("读取时间 (秒)", "reading time (seconds)"),
}


def limits() -> Limits:
    """The limits in force: the defaults, each replaced by its ``JIXIAO_MAX_…`` variable when set."""
    values: dict[str, int] = {}
    for f in dataclasses.fields(Limits):
        raw = os.environ.get(Limits.variable(f.name), "").strip()
        if raw:
            try:
                values[f.name] = max(1, int(raw))
            except ValueError as exc:
                raise ReadError(
                    f"环境变量 {Limits.variable(f.name)} 须为正整数: {raw}",
                    f"{Limits.variable(f.name)} must be a positive integer: {raw}",
                ) from exc
    return Limits(**values)


class LimitError(ReadError):
    """A document beyond one of the :class:`Limits`: names the limit, the amount and how to raise it."""

    def __init__(self, limit: str, amount: int | float, where: str = "") -> None:
        zh, en = LABELS[limit]
        allowed = getattr(limits(), limit)
        at = f"{where}: " if where else ""
        super().__init__(
            f"{at}{zh}超出上限 ({amount:g} > {allowed}; 可用环境变量 {Limits.variable(limit)} 调整)",
            f"{at}{en} over the limit ({amount:g} > {allowed}; set {Limits.variable(limit)} to change it)",
        )
        self.limit = limit


def check(limit: str, amount: int | float, where: str = "") -> None:
    """Raise :class:`LimitError` when ``amount`` exceeds the limit named ``limit``."""
    if amount > getattr(limits(), limit):
        raise LimitError(limit, amount, where)


_deadline: ContextVar[float | None] = ContextVar("jixiao_read_deadline", default=None)


@contextlib.contextmanager
def time_budget() -> Iterator[None]:
    """Give the reads inside this block :attr:`Limits.seconds` between them (an enclosing budget stands)."""
    if _deadline.get() is not None:
        yield
        return
    started = time.monotonic()
    token = _deadline.set(started + limits().seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def check_time(where: str = "") -> None:
    """Raise :class:`LimitError` once the document's time budget is spent (called in the readers' loops)."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise LimitError("seconds", round(time.monotonic() - deadline + limits().seconds), where)
