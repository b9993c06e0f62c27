"""The monitoring form and review in monitoring's own terms: the 当前完成情况 checked as typed by the targets'
value check (its understanding under the field), and the review buttons and history in the words of the
monitoring cycle (报送 … 财政审核通过（完成）, 填报中 → 主管部门审核), while the targets keep theirs."""

from __future__ import annotations

from tests.web.test_monitoring import record_of
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
