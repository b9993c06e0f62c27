"""填报模板 for a unit: download the Excel template, upload it filled, preview, then load.

Mirrors the import page: the upload is kept in the data directory under its SHA-256 between preview and
confirmation, so what is loaded is byte for byte what was previewed, and the versions of the drafts it
updates are the versions the preview showed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from jixiao.web import policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.templates import TemplateRefused, do_load_template
from jixiao.web.organisations.models import FiscalYear, Unit
from jixiao.web.params import year_param
from jixiao.web.publishing.forms import CONTENT_TYPES, TemplateUploadForm
from jixiao.web.publishing.upload import plan_template, prefilled_document
from jixiao.web.targets.import_views import _upload_path
from jixiao.web.targets.models import Project
from jixiao.web.uploads import check_upload
from jixiao.web.years import compile_year

SESSION_KEY = "jixiao_template"


def _unit(request: HttpRequest) -> Unit:
    actor = policy.actor_of(request.user)
    unit = Unit.objects.select_related("department").filter(pk=actor.unit_id).first()
    if unit is None or not policy.can(request.user, "create", Project.new_in(unit)):
        raise policy.refuse(request.user, "load-template", unit, "只有单位填报人员可以下载和上传填报模板。")
    return unit


def _years(unit: Unit) -> list[int]:
    years = set(FiscalYear.objects.filter(region_id=unit.department.region_id).values_list("year", flat=True))
    return sorted(years | {compile_year()}, reverse=True)


def download_template(unit: Unit, year: int) -> HttpResponse:
    from jixiao.publish.template import write_template

    doc = prefilled_document(unit, year)
    content = write_template(doc, department=unit.department.name, year=year)
    response = HttpResponse(content, content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = content_disposition_header(True, f"{unit.name}{year}年度填报模板.xlsx")
    return response


def _confirm(request: HttpRequest, unit: Unit, pending: dict[str, Any]) -> HttpResponse:
    try:
        data = _upload_path(pending["sha"]).read_bytes()
    except FileNotFoundError:
        messages.error(request, "上传的文件已失效，请重新上传。")
        return redirect("work-template")
    plan = plan_template(data, pending["name"], unit, pending.get("year"))
    previewed = {int(k): v for k, v in pending["previewed"].items()}
    try:
        stored = do_load_template(acting_user=request.user, unit=unit, plan=plan, previewed=previewed)
    except TemplateRefused as err:
        return render(request, "publishing/template.html", _context(unit, plan=plan, error=str(err)))
    except (ActionError, policy.Refused) as err:
        messages.error(request, str(err))
        return redirect("work-template")
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        f"已导入填报模板：新建草稿 {len(plan.created)} 个，更新草稿 {len(plan.updated)} 个（共 {len(stored)} 个项目）。",
    )
    return redirect("/work/?view=all")


def _context(unit: Unit, **extra: Any) -> dict[str, Any]:
    years = _years(unit)
    return {"unit": unit, "years": years, "year": years[0], "form": TemplateUploadForm(), **extra}


@login_required
def unit_template(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    if request.method == "GET" and request.GET.get("download"):
        return download_template(unit, year_param(request.GET) or _years(unit)[0])
    pending = request.session.get(SESSION_KEY)
    if request.method == "POST" and request.POST.get("confirm") and pending:
        return _confirm(request, unit, pending)
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            check_upload(data, upload.name, "template")
        except ActionError as err:
            form.add_error("file", str(err))
            return render(request, "publishing/template.html", _context(unit, form=form))
        plan = plan_template(data, upload.name, unit)
        if not plan.errors:
            _upload_path(plan.sha256).write_bytes(data)
            request.session[SESSION_KEY] = {
                "sha": plan.sha256,
                "name": upload.name,
                "year": plan.year,
                "previewed": {str(p.existing.pk): p.version for p in plan.updated},
            }
        return render(request, "publishing/template.html", _context(unit, plan=plan, form=form))
    return render(request, "publishing/template.html", _context(unit, form=form))
