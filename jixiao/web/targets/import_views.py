"""Import a published disclosure through the browser: upload, preview what was read, then load.

The preview says what the load will do and what looks wrong before anything is stored: a document of
another region or year, where each department goes in the registry (a known one or a new entry), the
review engine's findings, and the 公开时间 the portal will show.

The upload is kept in the data directory under its SHA-256 between preview and confirmation, so the
document loaded is byte for byte the one previewed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jixiao.domain import Document
from jixiao.domain.organisations import region_differs
from jixiao.domain.stated_date import StatedDate
from jixiao.domain.validation import check_document
from jixiao.web import policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.imports import do_import_document, read_upload, stated_date_of
from jixiao.web.organisations.models import Region
from jixiao.web.organisations.registry import describe, names_in, plan_for
from jixiao.web.portal.distrust import in_document
from jixiao.web.settings import data_dir

ENGINE_SHOWN = 100  # findings listed in the preview; the count covers all
# What jixiao.ingest reads (text converted from PDF, and the cell formats), as the label says.
ACCEPTED = ".txt,.md,.markdown,.text,.tsv,.pdf,.docx,.xlsx,.xlsm,.html,.htm"


class ImportForm(forms.Form):
    region = forms.ModelChoiceField(label="行政区划", queryset=Region.objects.all())
    year = forms.IntegerField(
        label="预算年度（留空则取文档中的年度）", min_value=2000, max_value=2100, required=False
    )
    file = forms.FileField(
        label="公开文档（.txt / .md / .pdf / .docx / .xlsx / .html）",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )
    published_on = forms.DateField(
        label="公开日期（文档未写明时填写，门户的公开时间取文档所载日期）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def _upload_path(sha: str) -> Path:
    folder = data_dir() / "uploads"
    folder.mkdir(exist_ok=True)
    return folder / f"{sha}.bin"


def summary(document: Document) -> dict[str, Any]:
    return {
        "title": document.title,
        "issuer": document.issuer,
        "year": document.year,
        "framework": document.framework.value,
        "projects": document.projects[:200],
        "project_count": len(document.projects),
        "departments": document.departments,
        "indicator_count": sum(len(p.indicators) for p in document.projects),
        "total_funds": document.total_funds,
        "warnings": document.warnings,
        # Published documents are facts: what a compile form would refuse is shown here, not refused.
        "problems": check_document(document),
    }


def _published(data: bytes, name: str, entered: Any) -> tuple[StatedDate | None, bool]:
    """The document's own date when its text states one, else the date entered (not stated)."""
    found = stated_date_of(data, name)
    if found is not None:
        return found, True
    if entered:
        return StatedDate(entered.year, entered.month, entered.day), False
    return None, False


def notices(document: Document, region: Region, year: int) -> list[str]:
    """What the finance admin should know before loading: another region's or year's document."""
    found = []
    other = region_differs(region.name, names_in(document))
    if other:
        found.append(
            f"文档中的部门和单位名称属于“{other}”，与所选的行政区划“{region.name}”不一致；请确认是否导入到了错误的地区。"
        )
    if document.year and document.year != year:
        found.append(f"文档的预算年度是 {document.year} 年，与所选的 {year} 年度不一致。")
    return found


def engine_findings(document: Document) -> dict[str, Any]:
    """The review engine's findings on the document, errors first, as the preview lists them."""
    from jixiao.review import check_document as review

    report = review(document)
    ranked = sorted(report.findings, key=lambda f: f.severity.rank)
    return {"counts": report.count_by_severity(), "findings": ranked[:ENGINE_SHOWN], "total": len(ranked)}


def load_pending(user: Any, pending: dict[str, Any], progress: Any = None) -> Any:
    """Load the previewed upload as ``pending`` (the session's note of it) says; the import batch. Raises
    ``FileNotFoundError`` when the kept upload is gone, ``ActionError`` or ``Refused`` as the import does;
    ``progress`` hears of the reading and the loading (a background job's page)."""
    report = progress or (lambda done, total, what: None)
    report(0, 3, f"读取文档：{pending['name']}")
    document = read_upload(_upload_path(pending["sha"]).read_bytes(), pending["name"])
    report(1, 3, f"写入数据库：项目 {len(document.projects)} 个、部门 {len(document.departments)} 个")
    published = pending.get("published")
    return do_import_document(
        acting_user=user,
        region=Region.objects.get(pk=pending["region"]),
        year=pending["year"],
        document=document,
        published=StatedDate(*published) if published else None,
        published_stated=pending.get("stated", False),
    )


def _load_in_background(request: HttpRequest, pending: dict[str, Any]) -> HttpResponse:
    """A large document is loaded by a background job, whose page shows how far it has got."""
    from jixiao.web.jobs.models import Kind
    from jixiao.web.jobs.start import start_job

    region = Region.objects.get(pk=pending["region"])
    job = start_job(
        acting_user=request.user, kind=Kind.IMPORT, params={**pending, "region_name": region.name}
    )
    request.session.pop("jixiao_import", None)
    messages.info(request, "文档较大，将在后台导入；完成后本页显示结果。")
    return redirect("work-job", pk=job.pk)


def import_admin(request: HttpRequest) -> Any:
    """The person's actor when they may import into their region (the finance admin); else refused."""
    actor = policy.actor_of(request.user)
    home = Region(pk=actor.region_id)
    if not policy.can(request.user, "import", home):
        raise policy.refuse(request.user, "import", home, "只有财政管理员可以导入公开文档。")
    return actor


def limit_regions(form: forms.Form, actor: Any) -> None:
    """An import form offers the person's own region; a superuser any."""
    form.fields["region"].queryset = (  # type: ignore[attr-defined]
        Region.objects.filter(pk=actor.region_id) if not actor.superuser else Region.objects.all()
    )


@login_required
def import_document(request: HttpRequest) -> HttpResponse:
    actor = import_admin(request)
    form = ImportForm(request.POST or None, request.FILES or None, initial={"region": actor.region_id})
    limit_regions(form, actor)
    pending = request.session.get("jixiao_import")
    if request.method == "POST" and request.POST.get("confirm") and pending:
        if pending.get("projects", 0) > settings.JIXIAO_BACKGROUND_IMPORT_FROM:
            return _load_in_background(request, pending)
        try:
            batch = load_pending(request.user, pending)
        except (ActionError, policy.Refused, FileNotFoundError) as err:
            messages.error(
                request,
                str(err) if not isinstance(err, FileNotFoundError) else "上传的文件已失效，请重新上传。",
            )
            return redirect("work-import")
        request.session.pop("jixiao_import", None)
        messages.success(request, f"已导入 {batch.project_count} 个项目、{batch.department_count} 个部门。")
        return redirect("/work/?view=all")
    preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            document = read_upload(data, upload.name)
        except ActionError as err:
            form.add_error("file", str(err))
        else:
            year = form.cleaned_data.get("year") or document.year
            if not year:
                form.add_error("year", "文档中没有读到预算年度，请填写。")
            else:
                sha = hashlib.sha256(data).hexdigest()
                _upload_path(sha).write_bytes(data)
                region = form.cleaned_data["region"]
                published, stated = _published(data, upload.name, form.cleaned_data.get("published_on"))
                request.session["jixiao_import"] = {
                    "sha": sha,
                    "name": upload.name,
                    "year": year,
                    "region": region.pk,
                    "published": [published.year, published.month, published.day] if published else None,
                    "stated": stated,
                    "projects": len(document.projects),
                }
                placed = plan_for(region, document)
                preview = {
                    **summary(document),
                    "target_year": year,
                    "region": region,
                    "name": upload.name,
                    "notices": notices(document, region, year),
                    "published": published,
                    "published_stated": stated,
                    "placements": [(p, describe(p)) for p in placed.placements],
                    "new_departments": sum(1 for p in placed.placements if p.id is None),
                    "engine": engine_findings(document),
                    "distrusted": in_document(document),
                }
    return render(request, "work/import.html", {"form": form, "preview": preview})
