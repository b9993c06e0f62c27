"""A department reviewer compiles the department's targets in a real browser (Playwright driving
/usr/bin/chromium); finance approves, the finance admin publishes, the public reads them. The edit page's
screenshot is kept with the others in ``out/screenshots``."""

from __future__ import annotations

import pytest

from jixiao.web.targets.models import DepartmentTarget
from tests.web.test_browser import Person, browser  # noqa: F401  (the module-scoped browser fixture)

pytestmark = pytest.mark.browser


def test_department_reviewer_compiles_and_the_public_reads(world, live_server, browser):  # noqa: F811
    base = live_server.url
    reviewer = Person(browser, base, "reviewer_a")
    page = reviewer.page
    page.click("#department-targets")
    page.fill("#new-year", "2024")
    page.click("#new-department-target button[type=submit]")
    page.wait_for_selector("#department-form")
    page.fill("#id_strategic_goal", "到 2025 年，全区义务教育优质均衡发展，学前教育普及普惠。")

    page.click("#add-str")
    page.wait_for_selector("#id_str-0-name")
    page.fill("#id_str-0-no", "1")
    page.fill("#id_str-0-name", "义务教育巩固率")
    page.fill("#id_str-0-value", "≥99%")
    page.fill("#id_str-0-planned", "99%")
    page.fill("#id_str-0-ref_y1", "98.6%")
    page.fill("#id_str-0-ref_y2", "98.9%")
    checked = page.wait_for_selector("#id_str-0-value-check .value-check.ok")
    assert "方向 ≥" in checked.inner_text() and "单位 %" in checked.inner_text()

    page.click("#add-ann")
    page.wait_for_selector("#id_ann-0-name")
    assert page.inner_text("label[for=id_ann-0-ref_y2]") == "2023年值"  # years follow the target year
    page.fill("#id_ann-0-duty_no", "1")
    page.fill("#id_ann-0-duty_area", "基础教育")
    page.fill("#id_ann-0-duty", "义务教育管理")
    page.fill("#id_ann-0-duty_goal", "保障适龄儿童按时入学")
    page.fill("#id_ann-0-name", "适龄儿童入学率")
    page.fill("#id_ann-0-value", "达到95%，且不低于90%")  # two values in one cell: flagged as typed
    flagged = page.wait_for_selector("#id_ann-0-value-check .value-check.bad")
    assert "无法识别" in flagged.inner_text()
    page.fill("#id_ann-0-value", "=100%")
    page.wait_for_selector("#id_ann-0-value-check .value-check.ok")
    page.fill("#id_ann-0-standard", "100%")
    page.fill("#id_ann-0-standard_source", "省义务教育办学标准")
    page.fill("#id_ann-0-ref_y1", "99.8%")
    page.fill("#id_ann-0-ref_y2", "100%")
    page.fill("#id_ann-0-activity", "组织秋季招生，落实控辍保学")
    page.fill("#id_ann-0-budget_project", "义务教育公用经费")
    page.fill("#id_ann-0-office", "基础教育科")
    page.click("#add-ann")  # the second row of the same duty starts with the duty above
    page.wait_for_selector("#id_ann-1-name")
    assert page.input_value("#id_ann-1-duty_area") == "基础教育"
    page.fill("#id_ann-1-name", "控辍保学劝返人数")
    page.fill("#id_ann-1-value", "≥20人")
    page.wait_for_selector("#id_ann-1-value-check .value-check.ok")
    reviewer.shot("07-department-compile")
    page.click("#save")
    page.wait_for_selector("#state")
    target = DepartmentTarget.objects.get(department=world.dept_a, year=2024)
    annual = target.rows.get(name="适龄儿童入学率")
    assert annual.value_raw == "=100%" and annual.reference["years"] == {"2022": "99.8%", "2023": "100%"}
    assert target.rows.get(name="控辍保学劝返人数").duty == "义务教育管理"
    reviewer.act("submit")
    assert page.inner_text("#state") == "一上"

    finance = Person(browser, base, "finance")
    finance.go(f"/work/departments/{target.pk}/")
    finance.act("approve", grade="优")
    assert finance.page.inner_text("#state") == "二下"
    admin = Person(browser, base, "fin_admin")
    admin.go(f"/work/departments/{target.pk}/")
    admin.act("publish")
    assert admin.page.inner_text("#state") == "已公开"

    public = Person(browser, base, phone=True)
    public.go("/departments/")
    public.page.click("text=区教育局")
    public.page.wait_for_selector("h1")
    text = public.page.inner_text("main")
    assert (
        "适龄儿童入学率" in text and "=100%" in text and "2023年值：100%" in text and "义务教育巩固率" in text
    )
    public.shot("08-public-department-phone")
    for person in (reviewer, finance, admin, public):
        person.close()
