"""Real users in a real browser (Playwright driving /usr/bin/chromium): the whole cycle, and two people
saving the same project. Screenshots of the main pages are kept in ``out/screenshots`` (or
``$JIXIAO_SCREENSHOT_DIR``) as test artefacts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jixiao.web.targets.models import Project
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.browser
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(
    os.environ.get("JIXIAO_SCREENSHOT_DIR") or Path(__file__).resolve().parents[2] / "out" / "screenshots"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Person:
    """One user in their own browser context (own cookies), with the live server's address."""

    def __init__(self, browser: Any, base: str, username: str | None = None, phone: bool = False) -> None:
        size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        self.context = browser.new_context(viewport=size, locale="zh-CN")
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.base = base
        if username:
            self.go("/accounts/login/")
            self.page.fill("input[name=username]", username)
            self.page.fill("input[name=password]", PASSWORD)
            self.page.click("form button[type=submit]")
            self.page.wait_for_url("**/work/**")

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def act(self, verb: str, grade: str | None = None, opinion: str | None = None) -> None:
        form = self.page.locator(f"form.transition[data-verb={verb}]")
        if grade:
            form.locator("select[name=grade]").select_option(grade)
        if opinion:
            form.locator("textarea[name=opinion]").fill(opinion)
        form.locator("button[type=submit]").click()
        self.page.wait_for_load_state()

    def close(self) -> None:
        self.context.close()


def test_whole_cycle_as_real_users(world, live_server, browser):
    base = live_server.url
    editor = Person(browser, base, "editor_a1")
    editor.go("/work/projects/new/?year=2024")
    page = editor.page
    page.fill("#id_name", "职业技能提升培训")
    page.select_option("#id_fund_type", "一般公共预算")
    page.fill("#id_funds_total", "50")
    page.fill("#id_funds_fiscal", "50")
    page.fill("#id_funds_other", "0")
    page.fill("#id_goal", "全年培训城乡劳动者 300 人次，培训合格率不低于 90%。")
    page.fill("#id_plan_6", "20")
    page.fill("#id_plan_12", "50")
    page.select_option("#id_ind-0-level2", "数量指标")
    page.fill("#id_ind-0-name", "培训人次")
    page.fill("#id_ind-0-value", "≥300人次")
    page.wait_for_selector("#id_ind-0-value-check .value-check.ok")
    page.click("#add-row")
    page.wait_for_selector("#id_ind-1-name")
    page.select_option("#id_ind-1-level2", "服务对象满意度指标")
    page.fill("#id_ind-1-name", "学员满意度")
    page.fill("#id_ind-1-value", "达到95%，且不低于90%")  # two values in one cell: flagged as typed
    flagged = page.wait_for_selector("#id_ind-1-value-check .value-check.bad")
    assert "无法识别" in flagged.inner_text()
    editor.shot("01-compile-flagged-value")
    page.fill("#id_ind-1-value", "≥95%")
    checked = page.wait_for_selector("#id_ind-1-value-check .value-check.ok")
    assert "方向 ≥" in checked.inner_text() and "单位 %" in checked.inner_text()
    page.click("#save")
    page.wait_for_selector("#state")
    project = Project.objects.get(name="职业技能提升培训")
    assert [i.name for i in project.live_indicators()] == ["培训人次", "学员满意度"]
    editor.act("submit")
    assert page.inner_text("#state") == "一上"

    reviewer = Person(browser, base, "reviewer_a")
    reviewer.go(f"/work/projects/{project.pk}/")
    reviewer.act("dept_pass")

    finance = Person(browser, base, "finance")
    finance.go("/work/")
    finance.page.click("text=职业技能提升培训")
    finance.page.select_option("#comment-form select[name=item]", label="数量指标 / 培训人次")
    finance.page.fill("#comment-form textarea[name=text]", "培训人次偏少，请对照上年实际提高")
    finance.page.click("#comment-form button[type=submit]")
    finance.page.wait_for_selector(".comment")
    finance.act("return", grade="中", opinion="请按意见修改数量指标后重新报送")
    assert finance.page.inner_text("#state") == "一下"
    finance.shot("02-review-returned")

    editor.go(f"/work/projects/{project.pk}/")
    editor.page.click("#edit")
    comment = editor.page.wait_for_selector(".comment-row .comment")
    assert "培训人次偏少" in comment.inner_text()
    editor.shot("03-editor-sees-comment")
    editor.page.fill("#id_ind-0-value", "≥400人次")
    editor.page.click("#save")
    editor.page.wait_for_selector("#state")
    editor.act("submit")
    assert editor.page.inner_text("#state") == "二上"
    reviewer.go(f"/work/projects/{project.pk}/")
    reviewer.act("dept_pass")

    finance.go(f"/work/projects/{project.pk}/")
    diff = finance.page.inner_text("#round-diff")
    assert "培训人次" in diff and "≥300人次" in diff and "≥400人次" in diff
    finance.shot("04-finance-sees-round-diff")
    finance.act("approve", grade="优")
    assert finance.page.inner_text("#state") == "二下"

    admin = Person(browser, base, "fin_admin")
    admin.go(f"/work/projects/{project.pk}/")
    admin.act("publish")
    assert admin.page.inner_text("#state") == "已公开"

    public = Person(browser, base, phone=True)
    public.go("/")
    public.page.fill("#f-q", "学员满意度")
    public.page.click("#search button[type=submit]")
    public.page.click("text=职业技能提升培训")
    public.page.wait_for_selector("table.official")
    table = public.page.inner_text("main")
    assert "≥400人次" in table and "学员满意度" in table and "区教育局" in table
    assert "培训人次偏少" not in table  # review opinions are not public
    public.shot("05-public-project-phone")
    for person in (editor, reviewer, finance, admin, public):
        person.close()


def test_two_people_saving_the_same_project(world, live_server, browser, draft_project):
    base = live_server.url
    first, second = Person(browser, base, "editor_a1"), Person(browser, base, "editor_a1")
    url = f"/work/projects/{draft_project.pk}/edit/"
    first.go(url)
    second.go(url)
    first.page.fill("#id_ind-0-value", "≥7栋")
    first.page.fill("#id_goal", "完成 6 栋教学楼安防改造")
    first.page.click("#save")
    first.page.wait_for_selector("#state")
    second.page.fill("#id_ind-2-value", "≥99%")
    second.page.fill("#id_goal", "完成教学楼安防改造，师生满意")
    second.page.click("#save")
    stale = second.page.wait_for_selector("#stale")
    assert "其他人已保存" in stale.inner_text()
    saved = Project.objects.get(pk=draft_project.pk)
    assert [i.value_raw for i in saved.live_indicators()] == ["≥7栋", "≤20万元", "≥95%"]  # not overwritten
    # the form comes back merged: the first person's indicator value taken in, the second's own kept
    assert second.page.input_value("#id_ind-0-value") == "≥7栋"
    assert second.page.input_value("#id_ind-2-value") == "≥99%"
    # both changed the goal: the second person's text stays until they pick the saved one
    conflicts = second.page.inner_text("#merge-conflicts")
    assert "年度总体绩效目标" in conflicts and "完成 6 栋教学楼安防改造" in conflicts
    assert second.page.input_value("#id_goal") == "完成教学楼安防改造，师生满意"
    second.shot("06-stale-edit-merged")
    second.page.click("#merge-conflicts input[data-value='完成 6 栋教学楼安防改造']")
    assert second.page.input_value("#id_goal") == "完成 6 栋教学楼安防改造"
    second.page.click("#save")
    second.page.wait_for_selector("#state")
    merged = Project.objects.get(pk=draft_project.pk)
    assert [i.value_raw for i in merged.live_indicators()] == ["≥7栋", "≤20万元", "≥99%"]
    assert merged.goal == "完成 6 栋教学楼安防改造" and merged.version == 3
    first.close()
    second.close()
