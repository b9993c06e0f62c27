"""Work spread over processes (``--jobs``) with results in input order, so output equals a one-process run.

Review and scoring are CPU-bound pure Python: threads would share one core, so the commands use processes.
Items go out in small batches and at most a few batches per process are in flight: the caller consumes
results as they come, and memory holds only a window of items and results, never the whole input at once.
Workers start by ``forkserver`` (not ``fork``): the parent may run a progress-bar thread or hold a database
connection, which a forked child must not inherit.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Annotated, Any, TypeVar

import typer

T = TypeVar("T")
R = TypeVar("R")

BATCH = 4  # items per task: enough to amortise pickling, small enough to keep both cores busy to the end
WINDOW = 4  # batches in flight per process


# jixiao evaluate's --jobs: one process unless asked. Its input is one document, read in this process, so the
# records sent to the workers and their scores sent back are pickled dataclasses, which cost more than the
# scoring (a generated 50 k year: 43.9 CPU-s in one process, 93.7 with --jobs 2; docs/scale.md).
JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="评分的并行进程数 (默认: 1; 进程间传递的开销常大于评分本身)"),
]


def default_jobs() -> int:
    """The cores this process may run on (``--jobs``'s default)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _run_batch(fn: Callable[[T], R], batch: list[T]) -> list[R]:
    return [fn(item) for item in batch]


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    setup: Callable[..., None] | None = None,
    setup_args: tuple[Any, ...] = (),
    batch: int = BATCH,
) -> Iterator[R]:
    """``fn`` over ``items`` in ``jobs`` processes, yielded in the order of ``items``.

    ``fn`` must be a module-level function (it is pickled by name); ``setup(*setup_args)`` runs once in each
    process first (e.g. to load a profile or a library into a module global), and in this process when
    ``jobs`` is 1, where nothing is spawned. An exception in ``fn`` is raised here, at its item.
    """
    if jobs <= 1:
        if setup is not None:
            setup(*setup_args)
        yield from map(fn, items)
        return
    context = multiprocessing.get_context("forkserver")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=setup, initargs=setup_args)
    try:
        pending: deque[Future[list[R]]] = deque()
        source = iter(items)
        while chunk := list(islice(source, batch)):
            pending.append(pool.submit(_run_batch, fn, chunk))
            if len(pending) >= jobs * WINDOW:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:  # on an error or an early stop, the batches not started are dropped
        pool.shutdown(cancel_futures=True)


def records_mapper(jobs: int | None, batch: int) -> Callable[[Callable[[T], R], list[T]], Iterator[R]]:
    """A ``map`` for a scorer's records over ``jobs`` processes (default: this one), in ``batch``-sized tasks;
    in this process when the records fill no more than one task, where spawning would cost more than it saves.
    """
    wanted = jobs or 1

    def mapper(fn: Callable[[T], R], items: list[T]) -> Iterator[R]:
        return ordered_map(fn, items, wanted if len(items) > batch else 1, batch=batch)

    return mapper
