"""Import many disclosures at once (a folder's files): one background job reads each file in the isolated
child reader and reports per file; loading happens only when the admin asked for it, through the same import
action as a single file (so the audit and the organisation registry apply).

The uploads are kept under their SHA-256, as single uploads are between preview and confirmation, so the
job (and a later loading job) reads byte for byte what was chosen. A file the reader refuses is reported
with the reader's Chinese error and never stops the others.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import TooManyFilesSent
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.web import policy
from jixiao.web.actions import ActionError
from jixiao.web.jobs.models import Job, Kind, Status
from jixiao.web.jobs.progress import Report
from jixiao.web.organisations.models import Region
from jixiao.web.targets.import_views import (
    ACCEPTED,
    _published,
    _upload_path,
    engine_findings,
    import_admin,
    limit_regions,
)

NO_YEAR = "文档中没有读到预算年度，请单独导入并填写年度。"


class ManyFiles(forms.ClearableFileInput):
    allow_multiple_selected = True


class ManyFilesField(forms.FileField):
    """Several files from one input (a folder's files); each is checked as a single upload would be."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = data if isinstance(data, list | tuple) else [data]
        return [super(ManyFilesField, self).clean(f, initial) for f in files if f]


class ImportManyForm(forms.Form):
    region = forms.ModelChoiceField(label="行政区划", queryset=Region.objects.all())
    year = forms.IntegerField(
        label="预算年度（留空则取各文档中的年度）", min_value=2000, max_value=2100, required=False
    )
    files = ManyFilesField(
        label="多个公开文档（可多选）",
        required=False,
        widget=ManyFiles(attrs={"accept": ACCEPTED, "multiple": True}),
    )
    folder = ManyFilesField(
        label="或选择一个文件夹（读取其中全部文件）",
        required=False,
        widget=ManyFiles(attrs={"multiple": True, "webkitdirectory": True}),
    )
    load = forms.BooleanField(
        label="读取后直接导入（不勾选则只读取并报告结果，确认后再导入）", required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["files"] = [*(cleaned.get("files") or []), *(cleaned.get("folder") or [])]
        if not cleaned["files"] and not self.errors:
            raise forms.ValidationError("请选择要导入的文件或文件夹。")
        return cleaned


def _allowed(user: Any, region: Region) -> bool:
    return policy.can(user, "import", region)


@login_required
def import_many(request: HttpRequest) -> HttpResponse:
    """The form's files are kept and one job reads them; the person goes to the job's page."""
    from jixiao.web.jobs.start import start_job

    actor = import_admin(request)
    try:
        form = ImportManyForm(
            request.POST or None, request.FILES or None, initial={"region": actor.region_id}
        )
    except TooManyFilesSent:
        messages.error(request, f"一次最多选择 {settings.DATA_UPLOAD_MAX_NUMBER_FILES} 个文件，请分批导入。")
        form = ImportManyForm(initial={"region": actor.region_id})
    limit_regions(form, actor)
    if request.method == "POST" and form.is_valid():
        files = []
        for upload in form.cleaned_data["files"]:
            data = upload.read()
            sha = hashlib.sha256(data).hexdigest()
            _upload_path(sha).write_bytes(data)
            files.append({"sha": sha, "name": upload.name})
        region = form.cleaned_data["region"]
        params = {
            "files": files,
            "region": region.pk,
            "region_name": region.name,
            "year": form.cleaned_data.get("year"),
            "load": form.cleaned_data["load"],
        }
        job = start_job(acting_user=request.user, kind=Kind.IMPORT_MANY, params=params)
        return redirect("work-job", pk=job.pk)
    return render(request, "work/import_many.html", {"form": form})


@login_required
@require_POST
def load_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Load the files a finished reading job read without error: one more job, loading only those."""
    from jixiao.web.jobs.start import start_job

    job = policy.get_visible(
        request.user, Job.objects.all(), pk
    )  # outside the transaction: a refusal is audited
    region = Region.objects.get(pk=job.params["region"])
    if not _allowed(request.user, region):
        raise policy.refuse(request.user, "import", region, "只有财政管理员可以导入公开文档。")
    with transaction.atomic():  # two clicks at once start one loading job
        job = Job.objects.select_for_update().get(pk=job.pk)
        good = [r for r in job.params.get("results", []) if r.get("ok")]
        if job.params.get("loading_job"):  # clicked again: the loading already started
            return redirect("work-job", pk=job.params["loading_job"])
        if job.kind != Kind.IMPORT_MANY or job.status != Status.DONE or job.params.get("load") or not good:
            return redirect("work-job", pk=job.pk)
        files = [{"sha": r["sha"], "name": r["name"]} for r in good]
        again = start_job(
            acting_user=request.user,
            kind=Kind.IMPORT_MANY,
            params={**job.params, "files": files, "load": True, "results": []},
        )
        Job.objects.filter(pk=job.pk).update(params={**job.params, "loading_job": again.pk})
    return redirect("work-job", pk=again.pk)


def read_one(owner: Any, region: Region, params: dict[str, Any], file: dict[str, str]) -> dict[str, Any]:
    """One file's result: read (its counts and the engine's error count) and, if asked, loaded; or why not."""
    from jixiao.web.actions.imports import do_import_document, read_upload

    result: dict[str, Any] = {"name": file["name"], "sha": file["sha"], "ok": False}
    try:
        data = _upload_path(file["sha"]).read_bytes()
        document = read_upload(data, file["name"])
    except FileNotFoundError:
        return {**result, "error": "上传的文件已失效，请重新上传。"}
    except ActionError as err:
        return {**result, "error": str(err)}
    year = params.get("year") or document.year
    if not year:
        return {**result, "error": NO_YEAR}
    result.update(
        ok=True,
        year=year,
        projects=len(document.projects),
        departments=len(document.departments),
        indicators=sum(len(p.indicators) for p in document.projects),
        engine_errors=engine_findings(document)["counts"].get("error", 0),
    )
    if params.get("load"):
        published, stated = _published(data, file["name"], None)
        try:
            batch = do_import_document(
                acting_user=owner,
                region=region,
                year=year,
                document=document,
                published=published,
                published_stated=stated,
            )
        except (ActionError, policy.Refused) as err:
            return {**result, "ok": False, "error": f"导入失败：{err}"}
        result["loaded"] = batch.project_count
    return result


def run(job: Job, report: Report) -> None:
    """The job's work: each file in turn, its progress 读取 i/n：文件名, the results kept on the job."""
    from jixiao.web.jobs.tasks import write_job
    from jixiao.web.jobs.work import JobFailed

    region = Region.objects.filter(pk=job.params["region"]).first()
    if region is None or not _allowed(job.owner, region):
        raise JobFailed("您已无权向该地区导入公开文档。")
    files = job.params["files"]
    results = []
    for i, file in enumerate(files, start=1):
        report(i - 1, len(files), f"读取 {i}/{len(files)}：{file['name']}")
        results.append(read_one(job.owner, region, job.params, file))
        write_job(job.pk, params={**job.params, "results": results})  # the page lists them as they come
    good = sum(1 for r in results if r["ok"])
    verb = "导入" if job.params.get("load") else "读取"
    report(
        len(files), len(files), f"共 {len(files)} 个文件：{verb}成功 {good} 个，失败 {len(files) - good} 个。"
    )
