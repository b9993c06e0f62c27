"""Progress of a long run on standard error: a rich progress bar when standard error is a terminal, else
(piped, redirected, or ``-q``) the one line per step the commands always printed, so logs and scripts read
the same as before.

A command wraps its loop in :func:`steps` and calls :meth:`Steps.advance` once per item with the line it
would print; lines that must always be seen (errors, skipped files) go through :meth:`Steps.note`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer

# The console the bar is drawn on when a command names none: standard error. Tests set one forced to be a
# terminal, writing to a buffer.
CONSOLE: Any = None


class Steps:
    """One run's progress: a bar on a terminal, lines elsewhere (none but notes with ``quiet``)."""

    def __init__(self, bar: Any = None, task: Any = None, quiet: bool = False) -> None:
        self._bar = bar
        self._task = task
        self._quiet = quiet

    def advance(self, line: str, current: str = "") -> None:
        """One item done: the bar moves on (showing ``current``), or ``line`` is printed."""
        if self._bar is not None:
            self._bar.update(self._task, advance=1, current=current)
        elif line and not self._quiet:
            typer.echo(line, err=True)

    def note(self, line: str) -> None:
        """A line always shown (above the bar on a terminal)."""
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False)
        else:
            typer.echo(line, err=True)


def shows_bar(quiet: bool, console: Any = None) -> bool:
    """Whether a bar is drawn: not with ``-q``, and only on a terminal (or a console forced to be one)."""
    if quiet:
        return False
    console = console or CONSOLE
    return bool(console.is_terminal) if console is not None else sys.stderr.isatty()


@contextmanager
def steps(total: int, label: str, *, quiet: bool = False, console: Any = None) -> Iterator[Steps]:
    """Progress over ``total`` items described by ``label`` (Chinese, e.g. ``读取文档``)."""
    if not shows_bar(quiet, console):
        yield Steps(quiet=quiet)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[current]}", style="dim"),
        console=console or CONSOLE or Console(stderr=True),
        transient=False,
    )
    with bar:
        task = bar.add_task(label, total=total, current="")
        yield Steps(bar, task)
