"""运行监控 pages as each person uses them: the list, opening a round, the record's form (bands after saving,
every problem at once, a stale save merged), the review page and its moves, the finance dashboard, the
portal's published summary. Refusals are 403s on record."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from jixiao.web.actions.monitoring import do_close_round, do_publish_round, do_save_record
from jixiao.web.actions.review import do_transition
from jixiao.web.audit.models import AuditEvent
from jixiao.web.monitoring.models import MonitoringRecord, MonitoringRound
from tests.web.test_monitoring import ON_TRACK, record_of, report
from tests.web.test_views import login


def form_post(record: MonitoringRecord, executed: str = "30", version: int = 1, **by_name: Any) -> dict:
    """The record form as posted: the funds block and one grid row per indicator (``by_name`` fills them)."""
    rows = list(record.indicators.filter(archived=False).order_by("position"))
    data: dict[str, Any] = {
        "planned": "120",
        "executed": executed,
        "expected": "120",
        "goal_result": "已完成 2 栋教学楼改造",
        "version": str(version),
        "act-TOTAL_FORMS": str(len(rows)),
        "act-INITIAL_FORMS": str(len(rows)),
    }
    for n, row in enumerate(rows):
        data[f"act-{n}-id"] = str(row.pk)
        for key, value in by_name.get(row.name, {}).items():
            data[f"act-{n}-{key}"] = value
    return data


RED = {  # 0.5栋 of 6 at month 6: 0.5 ÷ 3 = 16.7 % → red
    "改造教学楼数量": {"actual": "0.5栋"},
    "单栋改造成本": {"actual": "18万元"},
    "师生满意度": {"actual": "96%"},
}


def edit_url(record: MonitoringRecord) -> str:
    return f"/work/monitoring/records/{record.pk}/edit/"


def test_finance_admin_sees_the_rounds_and_opens_one(world, client, draft_project):
    from tests.web.conftest import approve

    approve(world, draft_project)
    login(client, world.admin)
    page = client.get("/work/monitoring/").content.decode()
    assert 'id="open-round"' in page and "还没有运行监控批次" in page
    bad = client.post(
        "/work/monitoring/rounds/new/", {"year": "2024", "month": "12", "due_date": "2024-07-15"}
    )
    assert bad.status_code == 200 and MonitoringRound.objects.count() == 0
    response = client.post(
        "/work/monitoring/rounds/new/",
        {"year": "2024", "month": "6", "due_date": "2024-07-15", "note": "半年"},
    )
    round_ = MonitoringRound.objects.get()
    assert response.url == f"/work/monitoring/rounds/{round_.pk}/" and round_.records.count() == 1
    listed = client.get("/work/monitoring/").content.decode()
    assert "1—6 月" in listed and "结束填报" in listed


@pytest.mark.parametrize("who", ["editor_a1", "reviewer_a", "finance"])
def test_only_the_finance_admin_may_open_a_round(world, client, who):
    user = getattr(world, who)
    login(client, user)
    assert 'id="open-round"' not in client.get("/work/monitoring/").content.decode()
    response = client.post(
        "/work/monitoring/rounds/new/", {"year": "2024", "month": "6", "due_date": "2024-07-15"}
    )
    assert response.status_code == 403 and not MonitoringRound.objects.exists()
    assert AuditEvent.objects.filter(actor=user, verb="create", ok=False).exists()


def test_a_unit_sees_its_due_record_overdue_in_red_and_others_do_not(world, client, opened):
    record = record_of(opened)  # due 2024-07-15: long past, still 填报中
    page = login(client, world.editor_a1).get("/work/monitoring/").content.decode()
    assert record.name in page and 'class="overdue"' in page and "已逾期" in page and "填报中" in page
    other = login(Client(), world.editor_a2).get("/work/monitoring/").content.decode()
    assert record.name not in other and "没有需要填报" in other
    assert login(Client(), world.editor_a2).get(f"/work/monitoring/records/{record.pk}/").status_code == 403
    assert AuditEvent.objects.filter(actor=world.editor_a2, verb="view", ok=False).exists()
    assert Client().get("/work/monitoring/").status_code == 302  # to the login page


def test_the_form_is_prefilled_and_saving_shows_each_indicators_band(world, client, opened):
    record = record_of(opened)
    login(client, world.editor_a1)
    form = client.get(edit_url(record)).content.decode()
    assert 'name="planned"' in form and 'value="120"' in form and "≥6栋" in form and "1—6 月" in form
    assert form.count('name="act-0-causes"') == 5  # the five causes as checkboxes
    response = client.post(edit_url(record), form_post(record, **RED))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response.url).content.decode()
    assert '<span class="light red">红灯</span>' in page and '<span class="light green">绿灯</span>' in page
    assert "16.7%" in page and "25.0%" in page  # the indicator's progress, the execution rate 30 ÷ 120
    assert MonitoringRecord.objects.get(pk=record.pk).band == "red"
    again = client.get(edit_url(record)).content.decode()
    assert "报送前须填写偏差原因和完成目标可能性" in again


def test_every_bad_value_is_shown_beside_its_field_at_once(world, client, opened):
    record = record_of(opened)
    login(client, world.editor_a1)
    bad = {"改造教学楼数量": {"actual": "2栋", "likelihood": "也许"}, "师生满意度": {"actual": "96%"}}
    data = {**form_post(record, executed="-1", **bad), "planned": "abc"}
    page = client.post(edit_url(record), data).content.decode()
    assert "执行数不能为负数" in page and "输入一个数字" in page and "也许 不在可用的选项中" in page
    assert page.count('class="errorlist') == 3  # executed, planned, likelihood: all at once
    assert MonitoringRecord.objects.get(pk=record.pk).version == 1


def test_a_stale_save_comes_back_merged(world, client, opened):
    record = record_of(opened)
    login(client, world.editor_a1)
    loaded = client.get(edit_url(record)).content.decode()
    base = re.search(r'name="merge_base" value="([^"]+)"', loaded)[1]
    # Someone else saves first: the spending figure and one indicator.
    do_save_record(
        acting_user=world.editor_a1,
        target=record,
        draft=report(record, executed="45", **ON_TRACK),
        expected_version=1,
    )
    mine = form_post(record, executed="50", **{"师生满意度": {"actual": "97%", "measures": "加强宣传"}})
    mine["planned"] = "120"
    page = client.post(edit_url(record), {**mine, "merge_base": base}).content.decode()
    assert 'id="stale"' in page and "第 2 版" in page
    assert 'id="merge-conflicts"' in page and "执行数" in page  # both changed it
    assert 'id="merge-taken"' in page and "改造教学楼数量" in page  # only they did: merged in
    assert 'value="2栋"' in page and 'value="50"' in page
    assert MonitoringRecord.objects.get(pk=record.pk).executed == 45


def submit_with(client: Client, record: MonitoringRecord, verb: str, **extra: str) -> str:
    response = client.post(
        f"/work/monitoring/records/{record.pk}/transition/", {"verb": verb, **extra}, follow=True
    )
    return response.content.decode()


def test_the_review_cycle_through_the_pages(world, opened):
    record = record_of(opened)
    editor = login(Client(), world.editor_a1)
    editor.post(edit_url(record), form_post(record, **RED))
    refused = submit_with(editor, record, "submit")
    assert "请填写偏差原因和完成目标可能性" in refused and "改造教学楼数量" in refused
    fixed = {
        **RED,
        "改造教学楼数量": {"actual": "0.5栋", "causes": ["经费保障", "其他"], "likelihood": "有可能"},
    }
    editor.post(edit_url(record), form_post(record, version=2, **fixed))
    assert "报送：已完成" in submit_with(editor, record, "submit")
    department = login(Client(), world.reviewer_a)
    page = department.get(f"/work/monitoring/records/{record.pk}/").content.decode()
    assert 'data-verb="dept_pass"' in page and "经费保障、其他" in page
    submit_with(department, record, "dept_pass")
    finance = login(Client(), world.finance)
    page = finance.get(f"/work/monitoring/records/{record.pk}/").content.decode()
    assert 'data-verb="return"' in page and 'name="grade"' not in page  # no grade for monitoring
    item = MonitoringRecord.objects.get(pk=record.pk).indicators.get(name="改造教学楼数量")
    finance.post(
        f"/work/monitoring/records/{record.pk}/comment/", {"text": "请说明经费何时到位", "item": item.pk}
    )
    assert "财政退回修改：已完成" in submit_with(finance, record, "return", opinion="进度偏慢，请补充措施")
    seen = editor.get(edit_url(record)).content.decode()
    assert "请说明经费何时到位" in seen and "进度偏慢，请补充措施" in seen
    assert MonitoringRecord.objects.get(pk=record.pk).stage == "退回修改"


def test_the_dashboard_counts_lists_and_draws_the_chart(world, client, opened):
    record = record_of(opened)
    do_save_record(
        acting_user=world.editor_a1, target=record, draft=report(record, **ON_TRACK), expected_version=1
    )
    login(client, world.finance)
    page = client.get(f"/work/monitoring/rounds/{opened.pk}/").content.decode()
    counts = re.search(r'data-band="yellow" data-kind="projects">.*?<b>(\d+)</b>', page)[1]
    assert counts == "1"
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="execution-chart"' in page
    assert (
        "时间进度 50.0%" in page and "区教育局" in page and f"?department={world.dept_a.pk}#records" in page
    )
    assert 'id="behind"' in page and "暑期集中施工" in page and f"#ind-{record.indicators.first().pk}" in page
    assert 'id="overdue"' in page and "第一中学" in page  # still 填报中 after the due date
    filtered = client.get(f"/work/monitoring/rounds/{opened.pk}/?band=green").content.decode()
    assert "已筛选：0 张" in filtered
    other = login(Client(), world.other_finance).get(f"/work/monitoring/rounds/{opened.pk}/")
    assert other.status_code == 403


def test_closing_and_publishing_put_the_summary_on_the_portal(world, client, opened):
    record = record_of(opened)
    do_save_record(
        acting_user=world.editor_a1, target=record, draft=report(record, **ON_TRACK), expected_version=1
    )
    assert "尚无公开" in Client().get("/monitoring/").content.decode()
    login(client, world.admin)
    client.post(f"/work/monitoring/rounds/{opened.pk}/close/")
    assert "公开结果" in client.get("/work/monitoring/").content.decode()
    client.post(f"/work/monitoring/rounds/{opened.pk}/publish/")
    assert MonitoringRound.objects.get(pk=opened.pk).state == "published"
    portal = Client().get("/monitoring/").content.decode()
    assert str(opened) in portal and 'data-band="yellow">1<' in portal and "25.0%" in portal


def test_the_finance_reviewer_cannot_close_a_round(world, client, opened):
    login(client, world.finance)
    client.post(f"/work/monitoring/rounds/{opened.pk}/close/", follow=True)
    assert MonitoringRound.objects.get(pk=opened.pk).state == "open"
    assert AuditEvent.objects.filter(actor=world.finance, verb="close", ok=False).exists()


def test_a_department_fills_its_own_record_and_the_unit_cannot(world, client, opened):
    from jixiao.web.actions.departments import do_create_department_target
    from tests.web.conftest import sample_department_draft

    target = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2024, draft=sample_department_draft()
    )
    target = do_transition(acting_user=world.reviewer_a, target=target, verb="submit")
    do_transition(acting_user=world.finance, target=target, verb="approve", grade="良")
    do_close_round(acting_user=world.admin, round_=opened)
    do_publish_round(acting_user=world.admin, round_=opened)
    from jixiao.web.actions.monitoring import do_open_round

    round_ = do_open_round(
        acting_user=world.admin, region=world.region, year=2024, month=9, due_date=opened.due_date
    )
    own = round_.records.get(department_target=target)
    page = login(client, world.reviewer_a).get("/work/monitoring/").content.decode()
    assert "区教育局" in page and f"/work/monitoring/records/{own.pk}/" in page
    assert client.get(edit_url(own)).status_code == 200
    assert login(Client(), world.editor_a1).get(edit_url(own)).status_code == 403
