"""运行监控 files in the work area: the fill-in 执行监控表 downloaded pre-filled, filled in with openpyxl and
uploaded back (the same values stored, bands computed; every bad cell named and nothing saved; another
unit's or a submitted record refused, nothing saved at all), and the 执行监控表 and the round's report with
their bands as DOCX, PDF and XLSX.

The sample project (conftest) at month 6: 改造教学楼数量 ≥6栋 pro-rated to 3, 单栋改造成本 ≤20万元,
师生满意度 ≥95%, 年初预算数 120 万元.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any
from urllib.parse import unquote

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.ingest.monitoring_table import read_monitoring_table
from jixiao.web.actions.monitoring import do_open_round, do_save_record
from jixiao.web.actions.projects import do_create_project
from jixiao.web.actions.review import do_transition
from jixiao.web.audit.models import AuditEvent
from jixiao.web.monitoring.models import MonitoringRecord
from tests.web.conftest import DUE, sample_draft
from tests.web.test_monitoring import ON_TRACK, record_of, report
from tests.web.test_views import login


def download(client: Any, url: str) -> openpyxl.Workbook:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def sheet_of(wb: openpyxl.Workbook, name: str) -> Any:
    """The worksheet whose 项目名称 is ``name``."""
    for ws in wb.worksheets[1:]:
        if any(c.value == name for row in ws.iter_rows(max_row=4) for c in row):
            return ws
    raise AssertionError(f"no sheet for {name}")


def row_of(ws: Any, column: str, text: str) -> int:
    return next(c.row for c in ws[column] if c.value == text)


def fill(ws: Any, executed: float | str, **by_name: dict[str, str]) -> None:
    """Type into the yellow cells as a unit would: 执行数 of the total row, and per indicator (三级指标 in
    column C) its actual (E), causes (F), note (G), likelihood (H) and measures (I)."""
    ws[f"E{row_of(ws, 'B', '年度资金总额')}"] = executed
    for name, values in by_name.items():
        r = row_of(ws, "C", name)
        for column, key in zip(
            "EFGHI", ("actual", "causes", "cause_note", "likelihood", "measures"), strict=True
        ):
            if key in values:
                ws[f"{column}{r}"] = values[key]


def upload(client: Any, round_pk: int, wb: openpyxl.Workbook, name: str = "执行监控表.xlsx") -> Any:
    out = io.BytesIO()
    wb.save(out)
    file = SimpleUploadedFile(name, out.getvalue())
    return client.post(
        f"/work/monitoring/rounds/{round_pk}/upload/", {"file": file, "next": "/work/monitoring/"}
    )


FILLED = {
    "改造教学楼数量": {
        "actual": "2栋",
        "causes": "经费保障、人员保障",
        "cause_note": "资金晚到",
        "likelihood": "有可能",
    },
    "单栋改造成本": {"actual": "18万元"},
    "师生满意度": {"actual": "96%", "measures": "加强宣传"},
}


def test_a_records_table_comes_pre_filled_with_what_is_saved(world, opened, client):
    record = record_of(opened)
    do_save_record(
        acting_user=world.editor_a1, target=record, draft=report(record, **ON_TRACK), expected_version=1
    )
    login(client, world.editor_a1)
    response = client.get(f"/work/monitoring/records/{record.pk}/table.xlsx")
    assert "执行监控表" in unquote(response["Content-Disposition"])
    actuals = read_monitoring_table(response.content)
    (project,) = actuals.projects
    assert (actuals.year, actuals.month) == (2024, 6)
    assert project.name == "校园安全设施改造项目" and project.budget.executed == 30
    assert [i.actual.raw for i in project.indicators] == ["2栋", "18万元", "96%"]
    assert project.indicators[0].likelihood.value == "确定能"


def test_the_list_and_the_record_page_offer_the_table(world, opened, client):
    record = record_of(opened)
    login(client, world.editor_a1)
    listed = client.get("/work/monitoring/").content.decode()
    assert f"/work/monitoring/rounds/{opened.pk}/table.xlsx" in listed
    assert f"/work/monitoring/rounds/{opened.pk}/upload/" in listed
    assert f"/work/monitoring/records/{record.pk}/table.xlsx" in listed
    page = client.get(f"/work/monitoring/records/{record.pk}/").content.decode()
    assert 'id="table-xlsx"' in page and 'id="table-pdf"' in page and "上传并保存" in page
    login(client, world.finance)
    assert "上传并保存" not in client.get(f"/work/monitoring/records/{record.pk}/").content.decode()


def test_export_fill_upload_stores_the_same_values_and_computes_the_bands(world, opened, client):
    record = record_of(opened)
    login(client, world.editor_a1)
    wb = download(client, f"/work/monitoring/rounds/{opened.pk}/table.xlsx")
    fill(sheet_of(wb, record.name), 45, **FILLED)
    response = upload(client, opened.pk, wb)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = MonitoringRecord.objects.get(pk=record.pk)
    assert saved.version == 2 and saved.executed == Decimal("45") and saved.planned == Decimal("120")
    rows = {r.name: r for r in saved.indicators.all()}
    built = rows["改造教学楼数量"]
    assert (built.actual, built.causes, built.cause_note, built.likelihood) == (
        "2栋",
        ["经费保障", "人员保障"],
        "资金晚到",
        "有可能",
    )
    assert rows["单栋改造成本"].actual == "18万元" and rows["师生满意度"].measures == "加强宣传"
    # 2 ÷ 3 = 66.7 → yellow; 18 ≤ 20 green; 96 ÷ 95 green; budget 45 ÷ 120 = 37.5 % ÷ 50 % = 75 → yellow
    assert {n: r.band for n, r in rows.items()} == {
        "改造教学楼数量": "yellow",
        "单栋改造成本": "green",
        "师生满意度": "green",
    }
    assert (saved.band, saved.budget_band) == ("yellow", "yellow")
    edit = AuditEvent.objects.get(verb="edit", target_type="MonitoringRecord", target_id=record.pk)
    assert edit.detail["via"] == "上传执行监控表" and "上传执行监控表" in edit.message
    assert AuditEvent.objects.filter(verb="load-monitoring-table", target_id=opened.pk, ok=True).count() == 1
    # downloaded again, the table reads back as what was stored
    again = read_monitoring_table(client.get(f"/work/monitoring/records/{record.pk}/table.xlsx").content)
    assert [i.actual.raw for i in again.projects[0].indicators] == ["2栋", "18万元", "96%"]


def test_three_bad_cells_are_all_named_by_sheet_and_cell_and_nothing_is_saved(world, opened, client):
    record = record_of(opened)
    login(client, world.editor_a1)
    wb = download(client, f"/work/monitoring/records/{record.pk}/table.xlsx")
    ws = sheet_of(wb, record.name)
    fill(ws, "三十", 改造教学楼数量={"actual": "2栋", "causes": "天气"}, 师生满意度={"likelihood": "也许"})
    response = upload(client, opened.pk, wb)
    page = response.content.decode()
    assert response.status_code == 422 and "整个文件未读入" in page
    total = row_of(ws, "B", "年度资金总额")
    for cell in (f"E{total}", f"F{row_of(ws, 'C', '改造教学楼数量')}", f"H{row_of(ws, 'C', '师生满意度')}"):
        assert f"{ws.title}!{cell}" in page
    assert page.count('class="finding error"') == 3
    assert MonitoringRecord.objects.get(pk=record.pk).version == 1
    assert not AuditEvent.objects.filter(verb="edit", target_type="MonitoringRecord").exists()


def _second_round(world: Any) -> Any:
    """A 1—7月 round with a record of each unit: A1's sample project and A2's 食堂改造项目, both approved."""
    approve_a2_project(world)
    return do_open_round(acting_user=world.admin, region=world.region, year=2024, month=7, due_date=DUE)


def approve_a2_project(world: Any) -> None:
    """A2's 食堂改造项目 of 2024, approved (beside A1's sample project)."""
    project = do_create_project(
        acting_user=world.editor_a2,
        unit=world.unit_a2,
        year=2024,
        draft=sample_draft(name="食堂改造项目", code="2024-301-002"),
    )
    for who, verb, extra in (
        (world.editor_a2, "submit", {}),
        (world.reviewer_a, "dept_pass", {}),
        (world.finance, "approve", {"grade": "优"}),
    ):
        project = do_transition(acting_user=who, target=project, verb=verb, **extra)


def test_another_units_sheet_is_refused_and_nothing_is_saved_at_all(world, opened, client):
    round_ = _second_round(world)
    login(client, world.finance)
    wb = download(client, f"/work/monitoring/rounds/{round_.pk}/table.xlsx")
    assert len(wb.worksheets) == 3  # 填报说明 and both units' records
    fill(sheet_of(wb, "校园安全设施改造项目"), 40, 单栋改造成本={"actual": "18万元"})
    fill(sheet_of(wb, "食堂改造项目"), 40, 单栋改造成本={"actual": "18万元"})
    login(client, world.editor_a2)
    page = upload(client, round_.pk, wb).content.decode()
    assert "校园安全设施改造项目" in page and "不是本单位" in page
    assert not MonitoringRecord.objects.filter(monitoring_round=round_, version__gt=1).exists()


def test_a_submitted_record_is_refused(world, opened, client):
    record = record_of(opened)
    do_save_record(
        acting_user=world.editor_a1, target=record, draft=report(record, **ON_TRACK), expected_version=1
    )
    login(client, world.editor_a1)
    wb = download(client, f"/work/monitoring/records/{record.pk}/table.xlsx")
    do_transition(
        acting_user=world.editor_a1, target=MonitoringRecord.objects.get(pk=record.pk), verb="submit"
    )
    fill(sheet_of(wb, record.name), 99)
    page = upload(client, opened.pk, wb).content.decode()
    assert "已报送（主管部门审核）" in page
    assert MonitoringRecord.objects.get(pk=record.pk).executed == Decimal("30")


def test_a_table_of_another_month_is_refused(world, opened, client):
    round_ = _second_round(world)
    login(client, world.editor_a1)
    wb = download(client, f"/work/monitoring/rounds/{opened.pk}/table.xlsx")
    page = upload(client, round_.pk, wb).content.decode()
    assert "1–6月" in page and "1–7月" in page


def _saved(world: Any, opened: Any) -> MonitoringRecord:
    record = record_of(opened)
    return do_save_record(
        acting_user=world.editor_a1, target=record, draft=report(record, **ON_TRACK), expected_version=1
    )


def test_a_records_table_as_docx_and_pdf_shows_its_bands(world, opened, client):
    import docx
    import pdfplumber

    record = _saved(world, opened)
    login(client, world.editor_a1)
    word = client.get(f"/work/monitoring/records/{record.pk}/table.docx")
    assert word.status_code == 200
    text = "\n".join(
        [p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs]
        + [
            c.text
            for t in docx.Document(io.BytesIO(word.content)).tables
            for row in t.rows
            for c in row.cells
        ]
    )
    assert "校园安全设施改造项目" in text and "黄灯" in text
    pdf = client.get(f"/work/monitoring/records/{record.pk}/table.pdf")
    with pdfplumber.open(io.BytesIO(pdf.content)) as doc:
        text = "".join(page.extract_text() or "" for page in doc.pages)
    assert "校园安全设施改造项目" in text and "黄灯" in text


@pytest.mark.parametrize("summary", ["", "?summary=1"])
def test_finance_downloads_the_rounds_report(world, opened, client, summary):
    import docx
    import pdfplumber

    _saved(world, opened)
    login(client, world.finance)
    base = f"/work/monitoring/rounds/{opened.pk}/report"
    dashboard = client.get(f"/work/monitoring/rounds/{opened.pk}/").content.decode()
    assert f"{base}.pdf?summary=1" in dashboard and f"{base}.docx" in dashboard
    word = docx.Document(io.BytesIO(client.get(f"{base}.docx{summary}").content))
    text = "".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    assert "校园安全设施改造项目" in text and "黄灯" in text
    with pdfplumber.open(io.BytesIO(client.get(f"{base}.pdf{summary}").content)) as doc:
        assert "校园安全设施改造项目" in "".join(page.extract_text() or "" for page in doc.pages)
    wb = openpyxl.load_workbook(io.BytesIO(client.get(f"{base}.xlsx{summary}").content))
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert any("校园安全设施改造项目" in c for c in cells) and any("黄灯" in c for c in cells)


def test_only_finance_downloads_the_rounds_report(world, opened, client):
    login(client, world.editor_a1)
    assert client.get(f"/work/monitoring/rounds/{opened.pk}/report.docx").status_code == 403
    login(client, world.other_finance)
    assert client.get(f"/work/monitoring/rounds/{opened.pk}/report.docx").status_code in (403, 404)
    assert client.get(f"/work/monitoring/records/{record_of(opened).pk}/table.xlsx").status_code in (403, 404)
