"""The one django-tasks task: run a stored job by its id, recording how it ended on the job's row."""

from __future__ import annotations

import logging
import time

from django.db import OperationalError
from django.utils import timezone
from django_tasks import task

from jixiao.web.jobs.models import Job, Status
from jixiao.web.jobs.progress import Reporter
from jixiao.web.jobs.work import WORK, JobFailed

logger = logging.getLogger(__name__)

UNEXPECTED = "任务意外中止，请稍后重试；如仍失败，请联系系统管理员（错误已记录）。"


@task()
def run_job(job_id: int) -> str:
    """Run job ``job_id`` once. Its own failures end the job as failed (with a Chinese message), never the
    worker; the task itself then succeeds, since there is nothing a retry would do differently."""
    job = Job.objects.select_related("owner").get(pk=job_id)
    if job.status != Status.QUEUED:
        return job.status
    write_job(job_id, status=Status.RUNNING)
    reporter = Reporter(job_id)
    try:
        made = WORK[job.kind](job, reporter)
    except JobFailed as err:
        _finish(job_id, status=Status.FAILED, error=str(err))
    except Exception:
        logger.exception("job %s (%s) failed", job_id, job.kind)
        _finish(job_id, status=Status.FAILED, error=UNEXPECTED)
    else:
        fields = {"result": made[0], "filename": made[1], "content_type": made[2]} if made else {}
        _finish(job_id, status=Status.DONE, **fields)
    finally:
        reporter.forget()
    return str(Job.objects.values_list("status", flat=True).get(pk=job_id))


def _finish(job_id: int, **fields: object) -> None:
    write_job(job_id, finished=timezone.now(), **fields)


def write_job(job_id: int, attempts: int = 20, **fields: object) -> None:
    """Update the job's row, waiting out a busy database (SQLite locks while a page reads): a job must not
    be left 'running' because its last word met a lock."""
    for attempt in range(attempts):
        try:
            Job.objects.filter(pk=job_id).update(**fields)
            return
        except OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.1 * (attempt + 1))
