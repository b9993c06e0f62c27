"""Read an uploaded file in a child process with its own memory and CPU limits, so one crafted file cannot
take the server with it.

The readers are bounded (:mod:`jixiao.ingest.limits`); this is the second wall, for what a limit misses:
the child gets ``RLIMIT_AS`` and ``RLIMIT_CPU`` (``JIXIAO_UPLOAD_MEMORY`` bytes, ``JIXIAO_UPLOAD_SECONDS``
seconds) and a wall-clock deadline, and is killed past it. What it sends back (a Document, or the reader's
bilingual error) is what the page shows; a child that died says so in one Chinese sentence. Children are
forked from multiprocessing's fork server, not from the server: its threads and open database connections
stay out of them, and the fork server has the readers loaded once, so a child starts in milliseconds.
This module imports nothing of Django.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import resource
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")

MEMORY = 1_500_000_000  # bytes of address space
SECONDS = 60


class Refused(Exception):
    """The upload could not be read in its child: ``message`` says why, in Chinese, for the form."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _bounds() -> tuple[int, int]:
    memory = int(os.environ.get("JIXIAO_UPLOAD_MEMORY") or MEMORY)
    seconds = int(os.environ.get("JIXIAO_UPLOAD_SECONDS") or SECONDS)
    return memory, seconds


def _child(
    conn: Connection, func: Callable[..., Any], args: tuple[Any, ...], memory: int, seconds: int
) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its repairs of a damaged PDF are no news
    from jixiao.ingest.errors import ReadError

    try:
        conn.send(("ok", func(*args)))
    except ReadError as exc:
        conn.send(("read", exc.message_zh))
    except MemoryError:
        conn.send(("memory", ""))
    except Exception as exc:  # a bug in a reader: reported, never the server's 500
        conn.send(("bug", f"{type(exc).__name__}: {exc}"[:200]))
    finally:
        conn.close()


def run_isolated(func: Callable[..., T], *args: Any) -> T:
    """``func(*args)`` in a spawned child under the upload limits; :class:`Refused` if it cannot read."""
    memory, seconds = _bounds()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["jixiao.ingest", "jixiao.ingest.formats", "jixiao.web.isolated"])
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, func, args, memory, seconds), daemon=True)
    child.start()
    send.close()
    answer: tuple[str, Any] | None = None
    try:
        if receive.poll(seconds + 10):
            answer = receive.recv()
    except (EOFError, OSError):
        answer = None  # the child died before answering (killed by its memory or CPU limit)
    finally:
        receive.close()
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()
    if answer is None:
        raise Refused("文件过大或结构异常，读取时超出了内存或时间限制，未读取。")
    kind, value = answer
    if kind == "ok":
        return value  # type: ignore[no-any-return]
    if kind == "read":
        raise Refused(value)
    if kind == "memory":
        raise Refused("文件过大或结构异常，读取所需内存超出限制，未读取。")
    raise Refused(f"读取该文件时程序出错（{value}），请将文件发给管理员。")


def probe_template(data: bytes, name: str) -> None:
    """Read a filled template as the upload page will, discarding the result: whether reading it stays
    within the limits. Cell errors are the page's to show, so they count as read."""
    from jixiao.domain.template_cells import TemplateError
    from jixiao.ingest.template import load_template

    with contextlib.suppress(TemplateError):
        load_template(data, name, None)


def probe_fill_table(data: bytes, name: str) -> None:
    """Open a filled monitoring or self-evaluation table and read its sheets as both readers do (the part
    that costs memory), discarding the result; bad cells are the page's to show, so they count as read."""
    from jixiao.ingest.fill_sheet import FillTableError, open_sheets

    with contextlib.suppress(FillTableError):
        open_sheets(data, name, FillTableError)
