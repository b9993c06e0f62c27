"""运行监控 in a real browser (Playwright driving /usr/bin/chromium): a unit fills a record with a red
indicator, is refused when submitting without its cause, adds cause and likelihood and submits; the
department passes it; finance sees it red on the dashboard, opens it and returns it with a comment; the
unit sees the comment. Screenshots go to /tmp/monitoring-*.png."""

from __future__ import annotations

from typing import Any

import pytest

from jixiao.web.monitoring.models import MonitoringRecord
from tests.web.test_browser import Person, browser  # noqa: F401  (the module-scoped browser fixture)

pytestmark = pytest.mark.browser


def shot(person: Person, name: str) -> None:
    person.page.screenshot(path=f"/tmp/monitoring-{name}.png", full_page=True)


def row_of(record: MonitoringRecord, name: str) -> int:
    """The grid index of the indicator called ``name`` (the grid follows the indicators' order)."""
    names = list(
        record.indicators.filter(archived=False).order_by("position", "id").values_list("name", flat=True)
    )
    return names.index(name)


def test_a_red_indicator_from_the_unit_to_finance_and_back(world, live_server, browser, opened):  # noqa: F811
    record: Any = opened.records.get(project__isnull=False)
    base, n = live_server.url, row_of(record, "改造教学楼数量")
    editor = Person(browser, base, "editor_a1")
    page = editor.page
    page.click("#nav-monitoring")
    page.wait_for_selector("#record-list")
    assert "已逾期" in page.inner_text("#record-list")
    page.click(f"#record-list a:has-text('{record.name}')")
    page.click("#edit")
    assert page.input_value("#id_planned") == "120"
    page.fill("#id_adjusted", "120")
    page.fill("#id_executed", "30")
    page.fill("#id_expected", "110")
    page.fill("#id_goal_result", "已完成 1 栋教学楼改造，其余正在招标。")
    page.fill(f"#id_act-{n}-actual", "0.5栋")
    page.fill(f"#id_act-{row_of(record, '单栋改造成本')}-actual", "18万元")
    page.fill(f"#id_act-{row_of(record, '师生满意度')}-actual", "96%")
    page.click("#save")
    page.wait_for_selector("#indicators")
    red = page.inner_text(f"#ind-{record.indicators.get(name='改造教学楼数量').pk}")
    assert "红灯" in red and "16.7%" in red
    assert page.inner_text("#record-band") == "红灯" and page.inner_text("#budget-band") == "红灯"
    shot(editor, "1-unit-saved-red")
    editor.act("submit")
    refused = page.inner_text(".messages")
    assert "请填写偏差原因和完成目标可能性" in refused and "改造教学楼数量" in refused
    assert page.inner_text("#stage") == "填报中"
    page.click("#edit")
    page.check(f"input[name=act-{n}-causes][value=经费保障]")
    page.fill(f"#id_act-{n}-cause_note", "上级补助资金 7 月到位，主体施工集中在暑期。")
    page.select_option(f"#id_act-{n}-likelihood", "有可能")
    page.fill(f"#id_act-{n}-measures", "资金到位后倒排工期，9 月底前完成其余改造。")
    shot(editor, "2-unit-form")
    page.click("#save")
    page.wait_for_selector("#indicators")
    editor.act("submit")
    assert page.inner_text("#stage") == "主管部门审核"

    department = Person(browser, base, "reviewer_a")
    department.go(f"/work/monitoring/records/{record.pk}/")
    department.act("dept_pass")
    assert department.page.inner_text("#stage") == "财政审核"

    finance = Person(browser, base, "finance")
    finance.page.click("#nav-monitoring")
    finance.page.click("#round-list a >> nth=0")
    finance.page.wait_for_selector("#execution-chart")
    assert finance.page.inner_text("a[data-band=red][data-kind=projects] b") == "1"
    behind = finance.page.inner_text("#behind")
    assert record.name in behind and "经费保障" in behind and "倒排工期" in behind
    shot(finance, "3-finance-dashboard")
    finance.page.click(f"#behind a:has-text('{record.name}') >> nth=0")
    finance.page.wait_for_selector("#indicators")
    finance.page.select_option("#comment-form select[name=item]", label="数量指标 / 改造教学楼数量")
    finance.page.fill("#comment-form textarea[name=text]", "资金到位时间请附拨付文件。")
    finance.page.click("#comment-form button[type=submit]")
    finance.page.wait_for_selector(".comment")
    finance.act("return", opinion="预算执行偏慢，请补充分月支出计划。")
    assert finance.page.inner_text("#stage") == "退回修改"
    shot(finance, "4-finance-returned")

    editor.go(f"/work/monitoring/records/{record.pk}/edit/")
    seen = editor.page.inner_text("main")
    assert "资金到位时间请附拨付文件" in seen and "请补充分月支出计划" in seen
    shot(editor, "5-unit-sees-comment")
    for person in (editor, department, finance):
        person.close()
