"""How a command fails: one line in Chinese and English and an exit code, never a traceback.

Exit codes: 0 done; 1 the work found errors (``jixiao check``) or a file was refused; 2 bad input (a missing
or unreadable file, a document over a reading limit, a bad option); 3 an internal error — a bug in jixiao,
never the input's fault — so a script can tell a crash from a finding. ``JIXIAO_DEBUG=1`` adds the
traceback to an internal error.

A leaf that imports nothing from jixiao, so every command module uses it and nothing below the command
line needs it: the packages raise their own errors and the commands turn them into these lines.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

import typer

BAD_INPUT = 2
INTERNAL_ERROR = 3


def fail(message_zh: str, message_en: str, code: int = 2) -> NoReturn:
    """Print a one-line error in Chinese and English and exit; never a traceback."""
    typer.echo(f"错误: {message_zh} / error: {message_en}", err=True)
    raise typer.Exit(code)


def fail_bilingual(message: object, code: int = 2) -> NoReturn:
    """:func:`fail` with an error whose text is already ``中文 / English``."""
    zh, _, en = str(message).partition(" / ")
    fail(zh, en, code)


def refuse_file(errors: Sequence[object]) -> NoReturn:
    """A file refused whole: every located error on its own line, then the count; exit 1."""
    for error in errors:
        typer.echo(f"错误: {error}", err=True)
    typer.echo(f"共 {len(errors)} 处错误, 文件未导入 / {len(errors)} errors, nothing loaded", err=True)
    raise typer.Exit(1)


def internal_error(exc: BaseException) -> NoReturn:
    """A bug, not bad input: one line naming the exception, exit :data:`INTERNAL_ERROR` (3)."""
    if os.environ.get("JIXIAO_DEBUG"):
        traceback.print_exception(exc)
    what = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    typer.echo(
        f"错误: jixiao 内部错误 (程序缺陷, 请报告, JIXIAO_DEBUG=1 显示详情): {what} / "
        f"error: internal error in jixiao (a bug, please report; JIXIAO_DEBUG=1 shows where): {what}",
        err=True,
    )
    sys.exit(INTERNAL_ERROR)


def out_of_memory() -> NoReturn:
    """The input needed more memory than the process may have: bad input (exit 2), said in one line."""
    typer.echo(
        "错误: 内存不足, 输入文件过大或结构异常 / error: out of memory: the input is too large or malformed",
        err=True,
    )
    sys.exit(BAD_INPUT)
