"""后台任务 pages: the person's jobs, one job's progress (the page reloads itself while it runs, by the
``Refresh`` header: no script), its file, and starting a library rebuild."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from jixiao.web import policy
from jixiao.web.jobs.models import Job, Kind, Status
from jixiao.web.jobs.progress import latest
from jixiao.web.jobs.start import start_job

REFRESH_SECONDS = 1
LISTED = 50


def _jobs() -> object:
    return Job.objects.defer("result").select_related("owner")


def _again_when_busy(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page that reloads itself while a job runs must not stop at a busy database: the job's own writes
    can hold SQLite's lock past the reader's wait (the session is read before the view runs). Such a request
    is answered 503 with the same ``Refresh``, and the page comes back when the write is done."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except OperationalError:
            busy = HttpResponse(
                "数据库正忙，稍后自动刷新……", status=503, content_type="text/plain; charset=utf-8"
            )
            busy["Refresh"] = busy["Retry-After"] = str(REFRESH_SECONDS)
            return busy

    return wrapped


@_again_when_busy
@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = [latest(j) for j in policy.restrict(_jobs(), request.user)[:LISTED]]  # type: ignore[arg-type]
    response = render(request, "jobs/list.html", {"jobs": jobs})
    if any(j.status in (Status.QUEUED, Status.RUNNING) for j in jobs):
        response["Refresh"] = str(REFRESH_SECONDS * 3)
    return response


@_again_when_busy
@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = latest(policy.get_visible(request.user, _jobs(), pk))  # type: ignore[arg-type]
    response = render(request, "jobs/detail.html", {"job": job})
    if job.status in (Status.QUEUED, Status.RUNNING):
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@login_required
def job_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = policy.get_visible(request.user, Job.objects.all(), pk)
    if not job.finished_ok:
        messages.error(request, "该任务没有可下载的文件。")
        return redirect("work-job", pk=job.pk)
    response = HttpResponse(bytes(job.result), content_type=job.content_type)
    response["Content-Disposition"] = content_disposition_header(True, job.filename)
    return response


@login_required
@require_POST
def library_rebuild(request: HttpRequest) -> HttpResponse:
    from jixiao.web.library.models import WHOLE

    policy.require(request.user, "curate", WHOLE)
    job = start_job(acting_user=request.user, kind=Kind.LIBRARY, params={})
    return redirect("work-job", pk=job.pk)
