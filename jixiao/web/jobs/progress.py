"""How far a job has got, reported by the code doing the work and read by the job's page.

The work reports ``(done, total, message)``. Outside a transaction the row is updated at once, so a page
served by any process sees it. Work that runs inside one transaction (the library rebuild) cannot show an
uncommitted row to other connections, so the latest report is also kept in this process, where the page of
``jixiao serve`` (whose worker is a thread of the same process) reads it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import OperationalError, connection

from jixiao.web.jobs.models import Job

logger = logging.getLogger(__name__)

Report = Callable[[int, int, str], None]

_lock = threading.Lock()
_latest: dict[int, tuple[int, int, str]] = {}


@dataclass
class Reporter:
    """A :data:`Report` for one job; writes at most every ``every`` seconds, and always the last step."""

    job_id: int
    every: float = 0.2
    _written: float = 0.0
    # The transactions already open when the job began (the tests' own): only deeper ones hide the row.
    _depth: int = field(default_factory=lambda: len(connection.atomic_blocks))

    def __call__(self, done: int, total: int, message: str) -> None:
        with _lock:
            _latest[self.job_id] = (done, total, message[:200])
        now = time.monotonic()
        if len(connection.atomic_blocks) > self._depth or (now - self._written < self.every and done < total):
            return
        self._written = now
        try:
            Job.objects.filter(pk=self.job_id).update(done=done, total=total, message=message[:200])
        except OperationalError:  # a busy database: the next report writes, the work goes on
            logger.debug("job %s: progress not written (database busy)", self.job_id)

    def forget(self) -> None:
        with _lock:
            _latest.pop(self.job_id, None)


def latest(job: Job) -> Job:
    """``job`` with the progress this process last heard of it, when that is further than its row."""
    with _lock:
        seen = _latest.get(job.pk)
    if seen is not None and seen[0] >= job.done:
        job.done, job.total, job.message = seen
    return job
