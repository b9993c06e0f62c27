"""Starting a job: its row, owned by the person, and its task queued once the row is committed."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from jixiao.web.jobs.models import Job
from jixiao.web.jobs.work import describe


def start_job(*, acting_user: Any, kind: str, params: dict[str, Any]) -> Job:
    """Queue ``kind`` with ``params`` for ``acting_user``; the worker asks the policy when it runs it."""
    from jixiao.web.jobs.tasks import run_job

    with transaction.atomic():
        job = Job.objects.create(owner=acting_user, kind=kind, params=params, title=describe(kind, params))
        transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job
