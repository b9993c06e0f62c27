"""运行监控 files in the work area: the fill-in 执行监控表 of a record or of everything a person has in a round
(XLSX, pre-filled with what is saved), its upload filled in, the 执行监控表 of a record with its bands
(DOCX, PDF) and finance's report of a round (DOCX, PDF, XLSX; the summary alone or in full).

Who gets what is what they see: a unit its records, a department reviewer its department's, finance the
region's (:meth:`visible_to`). An upload changes only what the uploader may edit, all of it or nothing
(:func:`jixiao.web.actions.monitoring_upload.do_load_monitoring_table`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from jixiao.domain import monitoring_cells as M
from jixiao.web import policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.monitoring_upload import TableRefused, do_load_monitoring_table, read_table_upload
from jixiao.web.monitoring.files import round_files
from jixiao.web.monitoring.models import MonitoringRecord, MonitoringRound
from jixiao.web.monitoring.views import LIVE_ROWS, RECORDS, ROUNDS, is_finance
from jixiao.web.publishing.forms import CONTENT_TYPES, TemplateUploadForm

RECORD_FORMATS = ("docx", "pdf")
REPORT_FORMATS = ("docx", "pdf", "xlsx")


class TableUploadForm(TemplateUploadForm):
    """The filled 执行监控表 (.xlsx)."""


TableUploadForm.base_fields["file"].label = "填好的执行监控表（.xlsx）"


def _file(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    return response


def _span(round_: MonitoringRound) -> str:
    return f"{round_.year}年{M.month_span(round_.month)}"


def _records(request: HttpRequest, round_: MonitoringRound) -> list[MonitoringRecord]:
    rows = RECORDS.filter(monitoring_round=round_, archived=False).visible_to(request.user)
    return list(rows.prefetch_related(LIVE_ROWS).order_by("department__name", "name", "pk"))


def _drawn(request: HttpRequest, build: Callable[[], bytes], fmt: str, name: str, back: str) -> HttpResponse:
    """The file ``build`` draws, or back to ``back`` saying why not (a PDF needs a CJK font on the server)."""
    from jixiao.publish.pdf import MissingFontError

    try:
        return _file(build(), fmt, name)
    except MissingFontError as err:
        messages.error(request, f"无法生成 PDF：{err}")
        return redirect(back)


@login_required
def record_table(request: HttpRequest, pk: int) -> HttpResponse:
    """The fill-in 执行监控表 of one record, pre-filled with what is saved."""
    record = policy.get_visible(request.user, RECORDS, pk)
    content = round_files(record.monitoring_round, [record]).table()
    return _file(content, "xlsx", f"{record.name}执行监控表（{_span(record.monitoring_round)}）")


@login_required
def record_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """One record's 执行监控表 with its bands, in words and colour (DOCX or PDF)."""
    if fmt not in RECORD_FORMATS:
        raise Http404(fmt)
    record = policy.get_visible(request.user, RECORDS, pk)
    files = round_files(record.monitoring_round, [record])
    name = f"{record.name}执行监控表（{_span(record.monitoring_round)}）"
    return _drawn(request, lambda: files.report(fmt), fmt, name, f"/work/monitoring/records/{pk}/")


@login_required
def round_table(request: HttpRequest, pk: int) -> HttpResponse:
    """Every record of the round the person sees, in one workbook: a unit's, a department's, or (finance)
    the whole round's."""
    round_ = policy.get_visible(request.user, ROUNDS, pk)
    records = _records(request, round_)
    if not records:
        messages.error(request, f"{round_}中没有您可以查看的监控表。")
        return redirect("work-monitoring")
    first = records[0]
    whose = "" if is_finance(request.user) else (first.unit.name if first.unit_id else first.department.name)
    name = f"{round_.region.name}{whose}执行监控表（{_span(round_)}）"
    return _file(round_files(round_, records).table(), "xlsx", name)


@login_required
def round_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Finance: the round's report, the summary alone with ``?summary=1``."""
    if fmt not in REPORT_FORMATS:
        raise Http404(fmt)
    round_ = policy.get_visible(request.user, ROUNDS, pk)
    if not is_finance(request.user):
        raise policy.refuse(request.user, "report", round_, "只有财政人员可以下载运行监控报告。")
    summary_only = request.GET.get("summary") == "1"
    files = round_files(round_, _records(request, round_))
    title = f"{round_.region.name}{_span(round_)}预算绩效运行监控{'情况汇总' if summary_only else '报告'}"
    back = f"/work/monitoring/rounds/{pk}/"
    return _drawn(request, lambda: files.report(fmt, summary_only=summary_only), fmt, title, back)


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/work/monitoring/"


@login_required
@require_POST
def round_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """The filled 执行监控表 uploaded: every sheet saved into its record, or nothing and every problem shown."""
    round_ = policy.get_visible(request.user, ROUNDS, pk)
    form = TableUploadForm(request.POST, request.FILES)
    problems: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            saved = do_load_monitoring_table(
                acting_user=request.user, round_=round_, upload=read_table_upload(upload.read(), upload.name)
            )
        except TableRefused as err:
            form.add_error(None, str(err))
            problems = err.problems
        except (ActionError, policy.Refused) as err:
            form.add_error(None, str(err))
        else:
            names = "、".join(r.name for r in saved[:5]) + ("等" if len(saved) > 5 else "")
            messages.success(
                request, f"已从上传的执行监控表保存 {len(saved)} 张监控表：{names}。亮灯已重新计算。"
            )
            return redirect(_back(request))
    return render(
        request,
        "monitoring/upload.html",
        {"round": round_, "form": form, "problems": problems, "next": _back(request)},
        status=422,
    )
