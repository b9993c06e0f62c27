"""The monitoring form and review in monitoring's own terms: the 当前完成情况 checked as typed by the targets'
value check (its understanding under the field), and the review buttons and history in the words of the
monitoring cycle (报送 … 财政审核通过（完成）, 填报中 → 主管部门审核), while the targets keep theirs."""

from __future__ import annotations

import re

from jixiao.web.actions.monitoring import do_save_record
from jixiao.web.audit.models import AuditEvent
from tests.web.conftest import approve
from tests.web.test_monitoring import ON_TRACK, record_of, report
from tests.web.test_views import login


def test_the_actual_is_checked_as_typed_by_the_targets_value_check(world, opened, client):
    record = record_of(opened)
    login(client, world.editor_a1)
    form = client.get(f"/work/monitoring/records/{record.pk}/edit/").content.decode()
    assert 'hx-get="/work/check-value/"' in form and 'name="act-0-actual"' in form
    assert 'id="id_act-0-actual-check"' in form and 'class="value-slot"' in form
    counted = client.get("/work/check-value/", {"act-0-actual": "350人次"}).content.decode()
    assert "数值 350" in counted and "单位 人次" in counted and "ok" in counted
    assert "未写比较方向" not in counted  # an actual is a value reached, not a target with a direction
    bad = client.get("/work/check-value/", {"act-1-actual": "≥abc9"}).content.decode()
    assert "无法识别" in bad and "bad" in bad
    # the targets' grid still asks for a direction
    assert "未写比较方向" in client.get("/work/check-value/", {"ind-0-value": "95%"}).content.decode()


def _buttons(page: str) -> list[str]:
    return re.findall(r'<button type="submit" class="[^"]*">([^<]+)</button>', page)


def test_a_monitoring_records_review_speaks_the_monitoring_cycles_words(world, opened, client):
    record = record_of(opened)
    do_save_record(
        acting_user=world.editor_a1, target=record, draft=report(record, **ON_TRACK), expected_version=1
    )
    page = f"/work/monitoring/records/{record.pk}/"
    login(client, world.editor_a1)
    assert "报送" in _buttons(client.get(page).content.decode())
    client.post(f"{page}transition/", {"verb": "submit", "version": "2"})
    login(client, world.reviewer_a)
    assert _buttons(client.get(page).content.decode())[:2] == ["主管部门审核通过", "主管部门退回"]
    client.post(f"{page}transition/", {"verb": "dept_pass", "version": "3"})
    login(client, world.finance)
    shown = client.get(page).content.decode()
    assert "财政退回修改" in _buttons(shown) and "财政审核通过（完成）" in _buttons(shown)
    assert "批复" not in "".join(_buttons(shown))
    response = client.post(f"{page}transition/", {"verb": "approve", "version": "4"}, follow=True)
    assert "财政审核通过（完成）：已完成" in response.content.decode()
    lines = list(
        AuditEvent.objects.filter(target_type="MonitoringRecord", verb__in=["submit", "dept_pass", "approve"])
        .order_by("id")
        .values_list("message", flat=True)
    )
    assert lines == [
        "报送：填报中 → 主管部门审核",
        "主管部门审核通过：主管部门审核 → 财政审核",
        "财政审核通过（完成）：财政审核 → 完成",
    ]
    history = client.get(page).content.decode()
    assert "主管部门审核通过：主管部门审核 → 财政审核" in history and "一上" not in history


def test_a_project_keeps_the_targets_words(world, draft_project, client):
    login(client, world.editor_a1)
    page = f"/work/projects/{draft_project.pk}/"
    assert "报送审核" in _buttons(client.get(page).content.decode())
    approved = approve(world, draft_project)
    messages = list(
        AuditEvent.objects.filter(target_type="Project", verb__in=["submit", "dept_pass", "approve"])
        .order_by("id")
        .values_list("message", flat=True)
    )
    assert (
        messages[0] == "报送审核：草稿 → 一上"
        and messages[1] == "主管部门审核通过：一上，待主管部门审核 → 待财政审核"
    )
    assert messages[2].startswith("财政审核通过 (批复)：一上 → 二下")
    assert approved.stage == "二下"
