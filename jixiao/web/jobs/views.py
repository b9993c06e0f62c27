"""后台任务 pages: the person's jobs, one job's progress (the page reloads itself while it runs, by the
``Refresh`` header: no script), its file, and starting a library rebuild."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
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


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = [latest(j) for j in policy.restrict(_jobs(), request.user)[:LISTED]]  # type: ignore[arg-type]
    response = render(request, "jobs/list.html", {"jobs": jobs})
    if any(j.status in (Status.QUEUED, Status.RUNNING) for j in jobs):
        response["Refresh"] = str(REFRESH_SECONDS * 3)
    return response


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
