"""绩效自评 in a real browser (Playwright driving /usr/bin/chromium): a unit fills a 自评表, sees its score
live, is refused a qualitative score outside its range (the range named) and a submission with a missing
cause, corrects both and submits; the department passes; finance adjusts one score with a reason and
approves; the finance admin publishes; the public sees the result beside the project on the portal; next year's compile page (after copying last
year's project) shows its grade, score and the open 整改事项 finance set.
Screenshots go to /tmp/selfeval-*.png."""

from __future__ import annotations

import pytest

from jixiao.web.actions.review import do_transition
from jixiao.web.actions.selfeval import do_open_selfeval
from jixiao.web.selfeval.models import SelfEvaluation
from tests.web.conftest import DUE, approve
from tests.web.test_browser import Person, browser  # noqa: F401  (the module-scoped browser fixture)

pytestmark = pytest.mark.browser


def shot(person: Person, name: str) -> None:
    person.page.screenshot(path=f"/tmp/selfeval-{name}.png", full_page=True)


def test_a_self_evaluation_from_the_unit_to_the_portal(world, live_server, browser, draft_project):  # noqa: F811
    project = do_transition(acting_user=world.admin, target=approve(world, draft_project), verb="publish")
    round_ = do_open_selfeval(acting_user=world.admin, region=world.region, year=2024, due_date=DUE)
    sheet = round_.records.get()
    sheet.indicators.filter(name="师生满意度").update(
        target="满意度较高"
    )  # qualitative: a status and a score
    names = list(sheet.indicators.order_by("position").values_list("name", flat=True))
    at = {name: n for n, name in enumerate(names)}
    base = live_server.url

    editor = Person(browser, base, "editor_a1")
    page = editor.page
    page.click("#nav-selfeval")
    page.click(f"#selfeval-records a:has-text('{sheet.name}')")
    page.click("#edit")
    assert page.input_value("#id_planned") == "120"
    page.fill("#id_executed", "108")
    page.fill("#id_goal_result", "完成 5 栋教学楼改造，1 栋因资金晚到顺延。")
    page.fill(f"#id_ind-{at['改造教学楼数量']}-actual", "5栋")
    page.fill(f"#id_ind-{at['单栋改造成本']}-actual", "18万元")
    n = at["师生满意度"]
    page.select_option(f"#id_ind-{n}-status", "部分达成")
    page.fill(f"#id_ind-{n}-own_score", "13")
    page.wait_for_function(  # a function, not a string: the CSP forbids eval
        "() => document.querySelector('#live-score').innerText.includes('填写的是 13.00')"
    )
    live = page.inner_text("#live-score")
    assert "得分须在 9.00 至 12.00 分之间（不含 12.00）" in live and "总分" in live
    shot(editor, "1-live-score-out-of-range")
    page.click("#save")
    page.wait_for_selector("#selfeval-form")
    assert "得分须在 9.00 至 12.00 分之间" in page.inner_text(
        f"#ind-{sheet.indicators.get(name='师生满意度').pk}"
    )
    shot(editor, "2-refused-range")
    page.fill(f"#id_ind-{n}-own_score", "10.5")
    page.wait_for_function("() => !document.querySelector('#live-score').innerText.includes('须在 9.00')")
    page.click("#save")
    page.wait_for_selector("#indicators")
    editor.act("submit")
    refused = page.inner_text(".messages")
    assert "改造教学楼数量" in refused and "须填写偏差原因" in refused
    assert page.inner_text("#stage") == "填报中"
    shot(editor, "3-refused-cause")
    page.click("#edit")
    for name in ("改造教学楼数量", "师生满意度"):
        page.check(f"input[name=ind-{at[name]}-causes][value=经费保障]")
        page.fill(f"#id_ind-{at[name]}-cause_note", "上级补助资金 9 月才到位。")
    page.fill(f"#id_ind-{at['改造教学楼数量']}-measures", "下年度提前申请资金，倒排工期。")
    page.click("#save")
    page.wait_for_selector("#indicators")
    editor.act("submit")
    assert page.inner_text("#stage") == "主管部门审核"

    department = Person(browser, base, "reviewer_a")
    department.go(f"/work/selfeval/records/{sheet.pk}/")
    department.act("dept_pass")
    assert department.page.inner_text("#stage") == "财政审核"

    finance = Person(browser, base, "finance")
    fpage = finance.page
    finance.go(f"/work/selfeval/records/{sheet.pk}/")
    assert "审核等级" not in fpage.content()  # the grade comes from the score
    row = sheet.indicators.get(name="单栋改造成本")
    fpage.select_option("#rescore-item", str(row.pk))
    fpage.fill("#rescore-score", "27.5")
    fpage.fill("#rescore-reason", "单栋成本核算未含设备费，核减得分。")
    fpage.click("#rescore-save")
    fpage.wait_for_selector(".rescore-reason")
    # 31.25 + 27.5 + 10.5 + 9 = 78.25 → 中 (the unit's own 88.25 → 良 stays on record)
    assert "78.25" in fpage.inner_text("#record-total") and fpage.inner_text("#record-grade") == "中"
    assert "核减得分" in fpage.inner_text(".rescore-reason") and "核减得分" in fpage.inner_text("body")
    shot(finance, "4-finance-rescored")
    finance.act("approve")
    assert fpage.inner_text("#stage") == "完成"
    fpage.fill("input[name=text]", "补充单栋成本核算资料，明年编制时细化成本指标。")
    fpage.fill("#rectify-due", "2025-06-30")
    fpage.click("#rectify-save")
    fpage.wait_for_selector("#rectifications .rectifications")
    assert "补充单栋成本核算资料" in fpage.inner_text("#rectifications")
    shot(finance, "5-rectification")

    admin = Person(browser, base, "fin_admin")
    admin.go(f"/work/selfeval/rounds/{round_.pk}/")
    admin.page.wait_for_selector("#score-chart")
    assert admin.page.inner_text("a[data-grade=中][data-kind=projects]") == "1"
    admin.page.click("#publish-approved")
    admin.page.wait_for_selector(".messages")
    assert "已公开 1 张" in admin.page.inner_text(".messages")
    shot(admin, "6-results")
    assert SelfEvaluation.objects.get(pk=sheet.pk).stage == "已公开"

    public = Person(browser, base)
    public.go(f"/p/{project.pk}/")
    result = public.page.inner_text(f"#selfeval-{sheet.pk}")
    assert "2024 年度绩效自评结果" in result and "78.25" in result and "中" in result
    shot(public, "7-portal")

    editor.go(f"/work/projects/{project.pk}/")  # next year: copy last year's project and compile it
    page.fill("form[action$='/copy/'] input[name=year]", "2025")
    page.click("form[action$='/copy/'] button[type=submit]")
    page.wait_for_selector("#last-year")
    last = page.inner_text("#last-year")
    assert "78.25" in last and "中" in last and "压缩" in last and "补充单栋成本核算资料" in last
    shot(editor, "8-next-year-compile")
