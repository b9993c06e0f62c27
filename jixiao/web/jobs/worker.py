"""Running the queued jobs: a worker thread for ``jixiao serve`` (and the browser tests), or every pending
job now, in this thread (the tests). Production may instead run ``jixiao manage db_worker``."""

from __future__ import annotations

import logging
import threading
import time

from django.db import close_old_connections
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger(__name__)

_started: threading.Thread | None = None
_running: Worker | None = None
_lock = threading.Lock()


def _worker(*, batch: bool, interval: float = 0.5) -> Worker:
    return Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"jixiao-{threading.get_ident()}",
        excluded_queue_names=[],
    )


def start_worker_thread(interval: float = 0.5) -> threading.Thread:
    """Start the process's worker thread once (a daemon: it ends with the server)."""
    global _started, _running
    with _lock:
        if _started is None or not _started.is_alive():
            worker = _running = _worker(batch=False, interval=interval)

            def run() -> None:
                # A database error the worker does not expect (not a lock, which it waits out) must not end
                # the thread for the life of the server: log it, wait, and go on.
                while worker.running:
                    try:
                        worker.run()
                    except Exception:
                        logger.exception("background-job worker: error, going on")
                        time.sleep(interval)
                    finally:
                        close_old_connections()

            _started = threading.Thread(target=run, name="jixiao-jobs", daemon=True)
            _started.start()
        return _started


def stop_worker_thread() -> None:
    """Let the worker thread finish its job and end (the tests, before their database goes)."""
    with _lock:
        thread, worker = _started, _running
    if worker is not None:
        worker.running = False
    if thread is not None:
        thread.join(timeout=10)


def run_pending() -> None:
    """Run every queued job now, in this thread, then return.

    The worker checks its connections the way a process of its own would (``close_old_connections``), which
    closes a connection inside a transaction — this thread's, perhaps a test's. Here the caller's connection
    is kept: the check is left out for the run."""
    check = db_worker.close_old_connections
    db_worker.close_old_connections = lambda **_: None  # type: ignore[assignment]
    try:
        _worker(batch=True, interval=0).run()
    finally:
        db_worker.close_old_connections = check
