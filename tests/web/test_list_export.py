"""Every list as XLSX: the page's own filters, all matching rows (not one page), Chinese headers, and text
that stays text whatever it begins with."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client

from jixiao.web import exports
from jixiao.web.actions.projects import do_create_project
from jixiao.web.actions.review import do_transition
from jixiao.web.actions.selfeval import do_open_selfeval
from jixiao.web.exports import Column
from jixiao.web.targets.models import Project
from tests.web.conftest import DUE, approve, sample_department_draft, sample_draft
from tests.web.test_selfeval import sheet_of

INJECTION = '=HYPERLINK("http://evil.example","点我")'


def _client(user=None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def _sheet(response) -> list[list]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == exports.XLSX
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(r) for r in book.active.iter_rows(values_only=True)]


def _submitted(world, name: str) -> Project:
    p = do_create_project(
        acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=sample_draft(name=name)
    )
    p = do_transition(acting_user=world.editor_a1, target=p, verb="submit")
    return do_transition(acting_user=world.reviewer_a, target=p, verb="dept_pass")


def test_the_queue_exports_with_the_pages_filters_and_chinese_headers(world):
    for i in range(33):  # more than one page of 30
        _submitted(world, f"校舍维修项目{i:02d}")
    _submitted(world, "课后服务补助项目")
    rows = _sheet(_client(world.finance).get("/work/", {"q": "校舍", "format": "xlsx"}))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["项目名称", "项目编码", "预算年度"] and "资金总额（万元）" in header
    assert len(body) == 33 and all(r[0].startswith("校舍维修项目") for r in body)
    state = header.index("状态")
    assert {r[state] for r in body} == {"一上"} and body[0][header.index("资金总额（万元）")] == 120


def test_the_queue_page_links_its_export_with_the_same_filters(world):
    page = (
        _client(world.finance)
        .get("/work/", {"q": "校舍", "state": "submitted", "page": "2"})
        .content.decode()
    )
    link = page.split('id="export-xlsx"')[0].rsplit('href="', 1)[1]
    assert "q=%E6%A0%A1%E8%88%8D" in link and "state=submitted" in link and "format=xlsx" in link
    assert "page=" not in link


def test_text_from_documents_cannot_become_a_formula():
    body = exports.workbook("列表", [Column("名称", lambda r: r)], [INJECTION, "+1", "@SUM(A1)"])
    book = openpyxl.load_workbook(io.BytesIO(body))
    cells = [r[0] for r in book.active.iter_rows(min_row=2)]
    assert [c.value for c in cells] == [INJECTION, "+1", "@SUM(A1)"]
    assert {c.data_type for c in cells} == {"s"}


def test_a_department_reviewer_exports_only_its_departments_targets(world, department_target):
    rows = _sheet(_client(world.reviewer_a).get("/work/departments/", {"format": "xlsx"}))
    assert rows[0][0] == "部门" and [r[0] for r in rows[1:]] == ["区教育局"]
    assert len(_sheet(_client(world.reviewer_b).get("/work/departments/", {"format": "xlsx"}))) == 1


def test_the_portal_search_exports_only_published_projects_with_its_filters(world, draft_project):
    published = do_transition(acting_user=world.admin, target=approve(world, draft_project), verb="publish")
    _submitted(world, "未公开项目")
    rows = _sheet(_client().get("/", {"q": published.name[:4], "format": "xlsx"}))
    assert [r[0] for r in rows[1:]] == [published.name]
    assert "状态" not in rows[0] and rows[0][-1] == "公开时间"
    assert len(_sheet(_client().get("/", {"q": "没有这个", "format": "xlsx"}))) == 1


def test_self_evaluation_lists_export(world, draft_project):
    approve(world, draft_project)
    sheet = sheet_of(do_open_selfeval(acting_user=world.admin, region=world.region, year=2024, due_date=DUE))
    mine = _sheet(_client(world.editor_a1).get("/work/selfeval/", {"format": "xlsx"}))
    assert [r[0] for r in mine[1:]] == [sheet.name] and "自评等级" in mine[0]
    results = _sheet(
        _client(world.admin).get(f"/work/selfeval/rounds/{sheet.selfeval_round_id}/", {"format": "xlsx"})
    )
    assert [r[0] for r in results[1:]] == [sheet.name]


@pytest.fixture
def department_target(world):
    from jixiao.web.actions.departments import do_create_department_target

    return do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2024, draft=sample_department_draft()
    )


def test_a_monitoring_rounds_records_export_with_the_pages_band_filter(world, opened):
    rows = _sheet(_client(world.admin).get(f"/work/monitoring/rounds/{opened.pk}/", {"format": "xlsx"}))
    assert len(rows) == 2 and "指标灯" in rows[0] and rows[1][rows[0].index("监控批次")] == str(opened)
    green = _client(world.admin).get(
        f"/work/monitoring/rounds/{opened.pk}/", {"band": "green", "format": "xlsx"}
    )
    assert len(_sheet(green)) == 1  # nothing is green yet: the header alone
    assert len(_sheet(_client(world.editor_a1).get("/work/monitoring/", {"format": "xlsx"}))) == 2


def test_the_portals_department_targets_export_with_the_pages_filters(world, department_target):
    t = do_transition(acting_user=world.reviewer_a, target=department_target, verb="submit")
    t = do_transition(acting_user=world.finance, target=t, verb="approve", grade="优")
    do_transition(acting_user=world.admin, target=t, verb="publish")
    rows = _sheet(_client().get("/departments/", {"q": "巩固率", "format": "xlsx"}))
    assert rows[0] == ["部门", "预算年度", "行政区划", "指标行数", "公开时间"]
    assert [r[:4] for r in rows[1:]] == [["区教育局", 2024, "临淄区", 3]]
    assert len(_sheet(_client().get("/departments/", {"q": "没有这个", "format": "xlsx"}))) == 1
