"""Finance opens a submitted department target in a real browser (Playwright driving /usr/bin/chromium) and
sees the review engine's findings beside the rows they concern, with the department's score. Screenshots go
to /tmp/dept-review-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.web.actions.departments import do_create_department_target
from jixiao.web.actions.review import do_transition
from tests.web.test_browser import Person, browser  # noqa: F401  (the module-scoped browser fixture)
from tests.web.test_department_review import flawed_draft

pytestmark = pytest.mark.browser


def test_finance_sees_the_engine_findings_beside_the_rows(world, live_server, browser):  # noqa: F811
    target = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2024, draft=flawed_draft()
    )
    do_transition(acting_user=world.reviewer_a, target=target, verb="submit")

    finance = Person(browser, live_server.url, "finance")
    page = finance.page
    finance.go("/work/departments/")
    page.click(f"a[href='/work/departments/{target.pk}/']")
    page.wait_for_selector("#engine-review")
    assert page.inner_text("#state") == "一上"
    head = page.inner_text("#engine-review h2")
    assert "审核引擎意见" in head and "4 条" in head and "参考等级" in head

    def finding_after(name: str, table: str = "annual", n: int = 0) -> str:
        row = target.rows.filter(name=name, table=table).order_by("position", "id")[n]
        # the row's next line in the table is its finding
        return page.eval_on_selector(
            f"#row-{row.pk}",
            "tr => tr.nextElementSibling && tr.nextElementSibling.classList.contains('finding-row')"
            " ? tr.nextElementSibling.innerText : ''",
        )

    assert "部门比率指标超过100%" in finding_after("适龄儿童入学率")
    assert "≥105%超过100%" in finding_after("适龄儿童入学率")
    assert "部门指标值为模糊表述" in finding_after("教学质量")
    assert "战略目标表为≥99%，在年度目标表为≥98%" in finding_after("义务教育巩固率")
    assert "出现2次（≥20人、≥25人）" in finding_after("控辍保学劝返人数", n=1)
    assert finding_after("控辍保学劝返人数") == ""  # the first of the pair stays clean
    assert finding_after("家长满意度") == ""
    assert page.locator("tr.finding-row .finding.error").count() == 1

    page.screenshot(path="/tmp/dept-review-finance.png", full_page=True)
    page.locator("#row-" + str(target.rows.get(name="适龄儿童入学率").pk)).scroll_into_view_if_needed()
    page.screenshot(path="/tmp/dept-review-rows.png")
    assert Path("/tmp/dept-review-finance.png").stat().st_size > 10_000
    finance.close()
