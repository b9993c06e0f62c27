"""How a command fails: one line in Chinese and English and an exit code, never a traceback.

A leaf that imports nothing from jixiao, so every command module uses it and nothing below the command
line needs it: the packages raise their own errors and the commands turn them into these lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NoReturn

import typer


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
