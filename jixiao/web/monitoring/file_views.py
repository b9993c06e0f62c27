"""The files of a round in the work area, for both kinds (told by the URL's ``load``, a
:class:`~jixiao.web.actions.monitoring_upload.TableLoad`): the fill-in table of a record or of everything a
person has in a round (XLSX, pre-filled with what is saved) — 运行监控's 执行监控表, 绩效自评's 绩效自评表 —, its
upload filled in, a record's table with its results (bands, scores) as DOCX or PDF, and finance's report of a
round (DOCX, PDF, XLSX; the summary alone or in full: the monitoring report, the year's report for 人大).

Who gets what is what they see: a unit its records, a department reviewer its department's, finance the
region's (:meth:`visible_to`). An upload changes only what the uploader may edit, all of it or nothing
(:func:`jixiao.web.actions.monitoring_upload.do_load_table`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from jixiao.web import policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.monitoring_upload import TableLoad, TableRefused, do_load_table, read_table_upload
from jixiao.web.monitoring.files import FileKind, round_files
from jixiao.web.publishing.forms import CONTENT_TYPES, TemplateUploadForm
from jixiao.web.reporting.views import is_finance

RECORD_FORMATS = ("docx", "pdf")
REPORT_FORMATS = ("docx", "pdf", "xlsx")


class TableUploadForm(TemplateUploadForm):
    """The filled table (.xlsx)."""


TableUploadForm.base_fields["file"].label = "填好的表格（.xlsx）"


def _file(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    return response


def _records(request: HttpRequest, files: FileKind, round_: Any) -> list[Any]:
    rows = files.records().filter(**{files.round_field: round_, "archived": False}).visible_to(request.user)
    return list(rows.order_by("department__name", "name", "pk"))


def _drawn(request: HttpRequest, build: Callable[[], bytes], fmt: str, name: str, back: str) -> HttpResponse:
    """The file ``build`` draws, or back to ``back`` saying why not (a PDF needs a CJK font on the server)."""
    from jixiao.publish.pdf import MissingFontError

    try:
        return _file(build(), fmt, name)
    except MissingFontError as err:
        messages.error(request, f"无法生成 PDF：{err}")
        return redirect(back)


def _record_name(files: FileKind, record: Any) -> str:
    return f"{record.name}{files.table_name}（{files.round_span(getattr(record, files.round_field))}）"


@login_required
def record_table(request: HttpRequest, pk: int, load: TableLoad) -> HttpResponse:
    """The fill-in table of one record, pre-filled with what is saved."""
    files = load.files
    record = policy.get_visible(request.user, files.records(), pk)
    content = round_files(files, getattr(record, files.round_field), [record]).table()
    return _file(content, "xlsx", _record_name(files, record))


@login_required
def record_report(request: HttpRequest, pk: int, fmt: str, load: TableLoad) -> HttpResponse:
    """One record's table with its results (bands, scores), in words and colour (DOCX or PDF)."""
    if fmt not in RECORD_FORMATS:
        raise Http404(fmt)
    files = load.files
    record = policy.get_visible(request.user, files.records(), pk)
    drawn = round_files(files, getattr(record, files.round_field), [record])
    back = reverse(f"{files.home}-record", args=[pk])
    return _drawn(request, lambda: drawn.report(fmt), fmt, _record_name(files, record), back)


@login_required
def round_table(request: HttpRequest, pk: int, load: TableLoad) -> HttpResponse:
    """Every record of the round the person sees, in one workbook: a unit's, a department's, or (finance)
    the whole round's."""
    files = load.files
    round_ = policy.get_visible(request.user, files.rounds(), pk)
    records = _records(request, files, round_)
    if not records:
        messages.error(request, f"{round_}中没有您可以查看的{files.record_model.LABEL}。")
        return redirect(files.home)
    first = records[0]
    whose = "" if is_finance(request.user) else (first.unit.name if first.unit_id else first.department.name)
    name = f"{round_.region.name}{whose}{files.table_name}（{files.round_span(round_)}）"
    return _file(round_files(files, round_, records).table(), "xlsx", name)


@login_required
def round_report(request: HttpRequest, pk: int, fmt: str, load: TableLoad) -> HttpResponse:
    """Finance: the round's report, the summary alone with ``?summary=1``."""
    if fmt not in REPORT_FORMATS:
        raise Http404(fmt)
    files = load.files
    round_ = policy.get_visible(request.user, files.rounds(), pk)
    if not is_finance(request.user):
        raise policy.refuse(request.user, "report", round_, f"只有财政人员可以下载{files.report_name}报告。")
    summary_only = request.GET.get("summary") == "1"
    drawn = round_files(files, round_, _records(request, files, round_))
    title = f"{round_.region.name}{files.round_span(round_)}{files.report_name}{'情况汇总' if summary_only else '报告'}"
    back = reverse(f"{files.home}-round", args=[pk])
    return _drawn(request, lambda: drawn.report(fmt, summary_only=summary_only), fmt, title, back)


def _back(request: HttpRequest, files: FileKind) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse(files.home)


@login_required
@require_POST
def round_upload(request: HttpRequest, pk: int, load: TableLoad) -> HttpResponse:
    """The filled table uploaded: every sheet saved into its record, or nothing and every problem shown."""
    files = load.files
    round_ = policy.get_visible(request.user, files.rounds(), pk)
    form = TableUploadForm(request.POST, request.FILES)
    problems: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            read = read_table_upload(upload.read(), upload.name, files)
            saved = do_load_table(acting_user=request.user, round_=round_, upload=read, load=load)
        except TableRefused as err:
            form.add_error(None, str(err))
            problems = err.problems
        except (ActionError, policy.Refused) as err:
            form.add_error(None, str(err))
        else:
            names = "、".join(r.name for r in saved[:5]) + ("等" if len(saved) > 5 else "")
            label = files.record_model.LABEL
            messages.success(
                request,
                f"已从上传的{files.table_name}保存 {len(saved)} 张{label}：{names}。{files.results}已重新计算。",
            )
            return redirect(_back(request, files))
    context = {
        "round": round_,
        "form": form,
        "problems": problems,
        "next": _back(request, files),
        "files": files,
    }
    return render(request, "monitoring/upload.html", context, status=422)


def file_paths(prefix: str, load: TableLoad) -> list[Any]:
    """The file URLs of a kind under ``prefix`` (``work/monitoring/``), named after its list page."""
    name, kw = load.files.home, {"load": load}
    return [
        path(f"{prefix}rounds/<int:pk>/table.xlsx", round_table, kw, name=f"{name}-round-table"),
        path(f"{prefix}rounds/<int:pk>/report.<str:fmt>", round_report, kw, name=f"{name}-round-report"),
        path(f"{prefix}rounds/<int:pk>/upload/", round_upload, kw, name=f"{name}-upload"),
        path(f"{prefix}records/<int:pk>/table.xlsx", record_table, kw, name=f"{name}-table"),
        path(f"{prefix}records/<int:pk>/table.<str:fmt>", record_report, kw, name=f"{name}-report"),
    ]
