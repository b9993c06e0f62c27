"""绩效自评 files in the work area, through the pieces monitoring's files use: the fill-in 绩效自评表 downloaded
pre-filled, filled in with openpyxl and uploaded back (the same values stored and the same scores as typed in
the form; every bad cell named and nothing saved; another unit's or a submitted 自评表 refused, nothing saved
at all), a 自评表 as DOCX and PDF with its scores, and finance's year report for 人大 as DOCX, PDF and XLSX.

The sample project (conftest) at the year end, weights 37.5, 37.5 and 15 (tests/web/test_selfeval.py):
5 of 6 栋 scores 31.25, 18 ≤ 20万元 37.5, 96 ≥ 95% 15; 108 of 120 万元 spent 9.00; total 92.75, 优.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any
from urllib.parse import unquote

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.ingest.selfeval_table import read_selfeval_table
from jixiao.web.actions.review import do_transition
from jixiao.web.actions.selfeval import do_open_selfeval, do_rescore
from jixiao.web.audit.models import AuditEvent
from jixiao.web.selfeval.models import SelfEvalRound, SelfEvaluation
from tests.web.conftest import DUE, approve
from tests.web.test_monitoring_files import approve_a2_project, download, row_of, sheet_of
from tests.web.test_selfeval import BEHIND, report, save
from tests.web.test_selfeval import sheet_of as record_of
from tests.web.test_views import login


@pytest.fixture
def year_end(world, draft_project):
    approve(world, draft_project)
    return do_open_selfeval(acting_user=world.admin, region=world.region, year=2024, due_date=DUE)


def fill(ws: Any, executed: float | str, **by_name: dict[str, Any]) -> None:
    """Type into the yellow cells as a unit would: 全年执行数 of the total row, and per indicator (三级指标 in
    column C) its 实际完成值 (E), 完成情况 (F), 分值 (G), 得分 (H), 偏差原因 (I), 分析 (J) and 改进措施 (K)."""
    ws[f"E{row_of(ws, 'B', '年度资金总额')}"] = executed
    keys = ("actual", "status", "weight", "score", "causes", "cause_note", "measures")
    for name, values in by_name.items():
        r = row_of(ws, "C", name)
        for column, key in zip("EFGHIJK", keys, strict=True):
            if key in values:
                ws[f"{column}{r}"] = values[key]


def upload(client: Any, round_pk: int, wb: openpyxl.Workbook, name: str = "绩效自评表.xlsx") -> Any:
    out = io.BytesIO()
    wb.save(out)
    file = SimpleUploadedFile(name, out.getvalue())
    return client.post(f"/work/selfeval/rounds/{round_pk}/upload/", {"file": file, "next": "/work/selfeval/"})


FILLED = {
    "改造教学楼数量": {
        "actual": "5栋",
        "causes": "经费保障",
        "cause_note": "资金晚到",
        "measures": "提前拨付",
    },
    "单栋改造成本": {"actual": "18万元"},
    "师生满意度": {"actual": "96%"},
}


def test_export_fill_upload_stores_the_same_values_and_scores_as_the_form(world, year_end, client):
    sheet = record_of(year_end)
    login(client, world.editor_a1)
    wb = download(client, f"/work/selfeval/rounds/{year_end.pk}/table.xlsx")
    fill(sheet_of(wb, sheet.name), 108, **FILLED)
    response = upload(client, year_end.pk, wb)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = SelfEvaluation.objects.get(pk=sheet.pk)
    assert saved.version == 2 and saved.executed == Decimal("108") and saved.planned == Decimal("120")
    rows = {r.name: r for r in saved.indicators.all()}
    built = rows["改造教学楼数量"]
    assert (built.actual, built.causes, built.cause_note, built.measures) == (
        "5栋",
        ["经费保障"],
        "资金晚到",
        "提前拨付",
    )
    assert {n: r.score for n, r in rows.items()} == {
        "改造教学楼数量": 31.25,
        "单栋改造成本": 37.5,
        "师生满意度": 15.0,
    }
    assert all(r.own_weight is None for r in rows.values())  # no 分值 typed: the defaults stand
    assert (saved.budget_score, saved.total, saved.result) == (9.0, 92.75, "优")
    # the same report typed into the form scores the same
    typed = SelfEvaluation.objects.get(pk=sheet.pk)
    typed = save(world, typed, report(typed, **BEHIND))
    assert (typed.total, typed.result, typed.red, typed.yellow) == (
        saved.total,
        saved.result,
        saved.red,
        saved.yellow,
    )
    edits = AuditEvent.objects.filter(verb="edit", target_type="SelfEvaluation", target_id=sheet.pk)
    edit = edits.order_by("pk").first()
    assert edit.detail["via"] == "上传绩效自评表" and "上传绩效自评表" in edit.message
    assert AuditEvent.objects.filter(verb="load-selfeval-table", target_id=year_end.pk, ok=True).count() == 1


def test_a_records_table_comes_pre_filled_with_what_is_saved_and_reads_back(world, year_end, client):
    sheet = save(world, record_of(year_end), report(record_of(year_end), **BEHIND))
    login(client, world.editor_a1)
    response = client.get(f"/work/selfeval/records/{sheet.pk}/table.xlsx")
    assert "绩效自评表（2024年度）" in unquote(response["Content-Disposition"])
    actuals = read_selfeval_table(response.content)
    (project,) = actuals.projects
    assert (actuals.year, actuals.month) == (2024, 12)
    assert project.name == "校园安全设施改造项目" and project.budget.executed == 108
    assert [i.actual.raw for i in project.indicators] == ["5栋", "18万元", "96%"]
    assert [c.value for c in project.indicators[0].causes] == ["经费保障"]
    # uploaded back unchanged, nothing moves but the version
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert upload(client, year_end.pk, wb).status_code == 302
    again = SelfEvaluation.objects.get(pk=sheet.pk)
    assert (again.version, again.total, again.executed) == (3, 92.75, Decimal("108"))


def test_own_weights_and_a_qualitative_score_come_through_the_table(world, year_end, client):
    sheet = record_of(year_end)
    sheet.indicators.filter(name="师生满意度").update(target="满意度较高")  # qualitative
    login(client, world.editor_a1)
    wb = download(client, f"/work/selfeval/records/{sheet.pk}/table.xlsx")
    fill(
        sheet_of(wb, sheet.name),
        108,
        改造教学楼数量={"actual": "6栋", "weight": 40},
        单栋改造成本={"actual": "18万元", "weight": 30},
        师生满意度={
            "status": "部分达成",
            "weight": 20,
            "score": 14,
            "causes": "其他",
            "cause_note": "个别投诉",
        },
    )
    assert upload(client, year_end.pk, wb).status_code == 302
    rows = {r.name: r for r in SelfEvaluation.objects.get(pk=sheet.pk).indicators.all()}
    assert {n: (r.own_weight, r.weight, r.score) for n, r in rows.items()} == {
        "改造教学楼数量": (40.0, 40.0, 40.0),
        "单栋改造成本": (30.0, 30.0, 30.0),
        "师生满意度": (20.0, 20.0, 14.0),
    }
    assert (rows["师生满意度"].status, rows["师生满意度"].own_score) == ("部分达成", 14.0)


def test_bad_cells_are_all_named_by_sheet_and_cell_and_nothing_is_saved(world, year_end, client):
    sheet = record_of(year_end)
    login(client, world.editor_a1)
    wb = download(client, f"/work/selfeval/records/{sheet.pk}/table.xlsx")
    ws = sheet_of(wb, sheet.name)
    fill(
        ws,
        "一百",
        改造教学楼数量={"actual": "5栋", "causes": "天气", "weight": "十分"},
        师生满意度={"status": "差不多"},
    )
    response = upload(client, year_end.pk, wb)
    page = response.content.decode()
    assert response.status_code == 422 and "绩效自评表有 4 处问题，整个文件未读入" in page
    built, liked = row_of(ws, "C", "改造教学楼数量"), row_of(ws, "C", "师生满意度")
    for cell in (f"E{row_of(ws, 'B', '年度资金总额')}", f"G{built}", f"I{built}", f"F{liked}"):
        assert f"{ws.title}!{cell}" in page
    assert page.count('class="finding error"') == 4
    assert SelfEvaluation.objects.get(pk=sheet.pk).version == 1
    assert not AuditEvent.objects.filter(verb="edit", target_type="SelfEvaluation").exists()


def test_a_qualitative_score_outside_its_range_refuses_the_file_with_the_range(world, year_end, client):
    sheet = record_of(year_end)
    sheet.indicators.filter(name="师生满意度").update(target="满意度较高")
    login(client, world.editor_a1)
    wb = download(client, f"/work/selfeval/records/{sheet.pk}/table.xlsx")
    fill(sheet_of(wb, sheet.name), 108, 师生满意度={"status": "部分达成", "score": 13})
    page = upload(client, year_end.pk, wb).content.decode()
    assert "得分须在 9.00 至 12.00 分之间" in page
    assert SelfEvaluation.objects.get(pk=sheet.pk).version == 1


def _two_units(world: Any) -> Any:
    """The 2024 self-evaluation with a 自评表 of each unit: A1's sample project and A2's 食堂改造项目."""
    approve_a2_project(world)
    return do_open_selfeval(acting_user=world.admin, region=world.region, year=2024, due_date=DUE)


def test_another_units_sheet_is_refused_and_nothing_is_saved_at_all(world, draft_project, client):
    approve(world, draft_project)
    round_ = _two_units(world)
    login(client, world.finance)
    wb = download(client, f"/work/selfeval/rounds/{round_.pk}/table.xlsx")
    assert len(wb.worksheets) == 3  # 填报说明 and both units' 自评表
    fill(sheet_of(wb, "校园安全设施改造项目"), 100, 单栋改造成本={"actual": "18万元"})
    fill(sheet_of(wb, "食堂改造项目"), 100, 单栋改造成本={"actual": "18万元"})
    login(client, world.editor_a2)
    page = upload(client, round_.pk, wb).content.decode()
    assert "校园安全设施改造项目" in page and "不是本单位（本部门）填报的绩效自评表" in page
    assert not SelfEvaluation.objects.filter(selfeval_round=round_, version__gt=1).exists()
    # a unit's own workbook holds its own 自评表 only
    mine = download(client, f"/work/selfeval/rounds/{round_.pk}/table.xlsx")
    assert [ws.title for ws in mine.worksheets[1:]] and len(mine.worksheets) == 2


def test_a_submitted_sheet_is_refused_with_its_stage(world, year_end, client):
    sheet = save(world, record_of(year_end), report(record_of(year_end), **BEHIND))
    login(client, world.editor_a1)
    wb = download(client, f"/work/selfeval/records/{sheet.pk}/table.xlsx")
    do_transition(acting_user=world.editor_a1, target=SelfEvaluation.objects.get(pk=sheet.pk), verb="submit")
    fill(sheet_of(wb, sheet.name), 99)
    page = upload(client, year_end.pk, wb).content.decode()
    assert "已报送（主管部门审核）" in page
    assert SelfEvaluation.objects.get(pk=sheet.pk).executed == Decimal("108")


def test_the_list_record_and_results_pages_offer_the_files(world, year_end, client):
    sheet = record_of(year_end)
    login(client, world.editor_a1)
    listed = client.get("/work/selfeval/").content.decode()
    for url in (
        f"rounds/{year_end.pk}/table.xlsx",
        f"rounds/{year_end.pk}/upload/",
        f"records/{sheet.pk}/table.xlsx",
    ):
        assert f"/work/selfeval/{url}" in listed
    page = client.get(f"/work/selfeval/records/{sheet.pk}/").content.decode()
    assert 'id="table-xlsx"' in page and 'id="table-docx"' in page and "上传填好的绩效自评表" in page
    login(client, world.finance)
    assert "上传并保存" not in client.get(f"/work/selfeval/records/{sheet.pk}/").content.decode()
    results = client.get(f"/work/selfeval/rounds/{year_end.pk}/").content.decode()
    assert f"/work/selfeval/rounds/{year_end.pk}/report.pdf?summary=1" in results
    assert f"/work/selfeval/rounds/{year_end.pk}/report.xlsx" in results


def _text_of_docx(content: bytes) -> str:
    import docx

    doc = docx.Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _text_of_pdf(content: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(content)) as doc:
        return "".join(page.extract_text() or "" for page in doc.pages)


def _at_finance(world: Any, year_end: Any) -> SelfEvaluation:
    sheet = save(world, record_of(year_end), report(record_of(year_end), **BEHIND))
    sheet = do_transition(acting_user=world.editor_a1, target=sheet, verb="submit")
    return do_transition(acting_user=world.reviewer_a, target=sheet, verb="dept_pass")


def test_a_records_table_as_docx_and_pdf_shows_its_scores_with_finances_review(world, year_end, client):
    sheet = _at_finance(world, year_end)
    row = sheet.indicators.get(name="单栋改造成本")
    do_rescore(acting_user=world.finance, target=sheet, item=row, score=27.5, reason="成本核算有误")
    login(client, world.editor_a1)
    word = client.get(f"/work/selfeval/records/{sheet.pk}/table.docx")
    assert word.status_code == 200
    text = _text_of_docx(word.content)
    # 31.25 + 27.5 + 15 + 9 = 82.75 → 良: the file says what the page says
    assert "校园安全设施改造项目" in text and "27.50" in text and "82.75" in text and "良" in text
    text = _text_of_pdf(client.get(f"/work/selfeval/records/{sheet.pk}/table.pdf").content)
    assert "校园安全设施改造项目" in text and "82.75" in text


@pytest.mark.parametrize("summary", ["", "?summary=1"])
def test_finance_downloads_the_year_report_for_the_peoples_congress(world, year_end, client, summary):
    _at_finance(world, year_end)
    login(client, world.finance)
    base = f"/work/selfeval/rounds/{year_end.pk}/report"
    word = client.get(f"{base}.docx{summary}")
    name = unquote(word["Content-Disposition"])
    assert ("绩效自评情况汇总" if summary else "绩效自评报告") in name and "2024年度" in name
    text = _text_of_docx(word.content)
    assert "自评等级分布" in text and "区教育局" in text  # 按主管部门汇总
    assert ("校园安全设施改造项目" in text) is not bool(summary)  # the 自评表 follow the report in full
    assert "自评等级分布" in _text_of_pdf(client.get(f"{base}.pdf{summary}").content)
    wb = openpyxl.load_workbook(io.BytesIO(client.get(f"{base}.xlsx{summary}").content))
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert any("自评等级分布" in c for c in cells) and any("92.75" in c for c in cells)


def test_only_finance_downloads_the_year_report(world, year_end, client):
    login(client, world.editor_a1)
    assert client.get(f"/work/selfeval/rounds/{year_end.pk}/report.docx").status_code == 403
    login(client, world.other_finance)
    assert client.get(f"/work/selfeval/rounds/{year_end.pk}/report.docx").status_code in (403, 404)
    assert client.get(f"/work/selfeval/records/{record_of(year_end).pk}/table.xlsx").status_code in (403, 404)


def test_the_finance_admin_ends_the_round_from_the_results_page_and_uploads_stop(world, year_end, client):
    sheet = record_of(year_end)
    login(client, world.editor_a1)
    wb = download(client, f"/work/selfeval/records/{sheet.pk}/table.xlsx")
    fill(sheet_of(wb, sheet.name), 108, **FILLED)
    login(client, world.finance)
    assert 'id="close-round"' not in client.get(f"/work/selfeval/rounds/{year_end.pk}/").content.decode()
    client.post(f"/work/selfeval/rounds/{year_end.pk}/close/")
    assert SelfEvalRound.objects.get(pk=year_end.pk).state == "open"
    assert AuditEvent.objects.filter(actor=world.finance, verb="close", ok=False).exists()
    login(client, world.admin)
    page = client.get(f"/work/selfeval/rounds/{year_end.pk}/").content.decode()
    assert 'id="close-round"' in page
    done = client.post(f"/work/selfeval/rounds/{year_end.pk}/close/", follow=True).content.decode()
    assert "已结束填报" in done and 'id="close-round"' not in done
    login(client, world.editor_a1)
    refused = upload(client, year_end.pk, wb).content.decode()
    assert "已结束，不能再上传绩效自评表" in refused
    assert SelfEvaluation.objects.get(pk=sheet.pk).version == 1
