"""On a phone (375×812): the unit editor compiles a project, the indicator grid shown as one card per
indicator (each cell labelled, nothing wider than the screen), adds an indicator and saves."""

from __future__ import annotations

import pytest

from jixiao.web.targets.models import Project
from tests.web.conftest import PASSWORD
from tests.web.test_browser import browser  # noqa: F401  (the shared browser fixture)

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def label_of(page, selector):
    """The label a card shows above a cell (its ::before content)."""
    return page.eval_on_selector(selector, "e => getComputedStyle(e.closest('td'), '::before').content")


def test_a_unit_editor_compiles_a_project_on_a_phone(world, live_server, browser, tmp_path):  # noqa: F811
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "editor_a1")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/work/**")
    page.goto(live_server.url + "/work/projects/new/?year=2024")

    assert not page.is_visible("table.grid thead")  # cards, not columns
    row = page.locator("tr.indicator-row").first.bounding_box()
    assert row["x"] >= 0 and row["x"] + row["width"] <= PHONE["width"]
    assert label_of(page, "#id_ind-0-name") == '"三级指标"'
    assert label_of(page, "#id_ind-0-value") == '"指标值"'
    assert page.is_visible("#help-project-funds_total")  # the 填报说明 beside the field
    page.click("#indicator-help summary")
    assert "≥95%" in page.inner_text("#indicator-help")

    page.fill("#id_name", "社区养老服务补助")
    page.select_option("#id_fund_type", "一般公共预算")
    page.fill("#id_funds_total", "30")
    page.fill("#id_funds_fiscal", "30")
    page.fill("#id_funds_other", "0")
    page.fill("#id_goal", "为辖区 200 名高龄老人提供助餐服务，老人满意度不低于 90%。")
    page.fill("#id_plan_12", "30")
    page.select_option("#id_ind-0-level2", "数量指标")
    page.fill("#id_ind-0-name", "助餐服务人数")
    page.fill("#id_ind-0-value", "≥200人")
    page.wait_for_selector("#id_ind-0-value-check .value-check.ok")
    page.tap("#add-row")
    page.wait_for_selector("#id_ind-1-name")
    page.select_option("#id_ind-1-level2", "服务对象满意度指标")
    page.fill("#id_ind-1-name", "老人满意度")
    page.fill("#id_ind-1-value", "≥90%")
    page.wait_for_selector("#id_ind-1-value-check .value-check.ok")
    added = page.locator("tr.indicator-row").nth(1).bounding_box()
    assert added["x"] + added["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    page.screenshot(path=str(tmp_path / "phone-01-compile.png"), full_page=True)

    page.tap("#save")
    page.wait_for_selector("#state")
    project = Project.objects.get(name="社区养老服务补助")
    assert [(i.name, i.value_raw) for i in project.live_indicators()] == [
        ("助餐服务人数", "≥200人"),
        ("老人满意度", "≥90%"),
    ]
    page.screenshot(path=str(tmp_path / "phone-02-saved.png"), full_page=True)
    context.close()


def test_on_a_desktop_the_grid_stays_a_table_with_help_in_its_headers(world, live_server, browser, tmp_path):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "editor_a1")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/work/**")
    page.goto(live_server.url + "/work/projects/new/?year=2024")
    assert page.is_visible("table.grid thead")
    assert "≥6栋" in page.inner_text("table.grid thead")
    assert label_of(page, "#id_ind-0-name") == "none"  # no card labels
    page.screenshot(path=str(tmp_path / "desktop-01-compile.png"), full_page=True)
    context.close()
