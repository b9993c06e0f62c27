"""In a real browser on the demo (Playwright, /usr/bin/chromium): finance ticks two projects in its queue,
approves them in one batch with one confirmation, then downloads the queue as XLSX and reads it with openpyxl.
The dashboard and the deadlines page are looked at on the way; screenshots go with the other browser tests'."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import User

from jixiao.web.actions.projects import do_create_project
from jixiao.web.actions.review import do_transition
from jixiao.web.demo import DEMO_PASSWORD, load_demo, sample_documents
from jixiao.web.organisations.models import Profile
from jixiao.web.targets.models import Project
from jixiao.web.workflow.states import Awaiting, State
from tests.web.conftest import sample_draft
from tests.web.test_browser import Person, browser  # noqa: F401  (the module's browser fixture)

pytestmark = pytest.mark.browser


def _waiting_for_finance() -> list[Project]:
    """What waits for 临淄区's finance in the demo, topped up to two projects passed by their department,
    made through the actions as the demo's people would, in the latest year the demo holds."""
    editor, reviewer = User.objects.get(username="danwei"), User.objects.get(username="zhuguan")
    unit = Profile.objects.get(user=editor).unit
    waiting = list(
        Project.objects.filter(region=unit.department.region, awaiting=Awaiting.FINANCE, archived=False)
    )
    year = (
        Project.objects.filter(region=unit.department.region)
        .order_by("-year")
        .values_list("year", flat=True)[0]
    )
    for name, money in (("智慧校园网络升级项目", "36"), ("老旧小区路灯改造项目", "58"))[len(waiting) :]:
        draft = sample_draft(name=name, funds_total=Decimal(money), funds_fiscal=Decimal(money))
        draft.funds_other = Decimal("0")
        p = do_create_project(acting_user=editor, unit=unit, year=year, draft=draft)
        p = do_transition(acting_user=editor, target=p, verb="submit")
        waiting.append(do_transition(acting_user=reviewer, target=p, verb="dept_pass"))
    return waiting


def _login(person: Person, username: str) -> None:
    person.go("/accounts/login/")
    person.page.fill("input[name=username]", username)
    person.page.fill("input[name=password]", DEMO_PASSWORD)
    person.page.click("form button[type=submit]")
    person.page.wait_for_url("**/work/**")


def test_finance_approves_a_batch_and_exports_the_queue_in_the_demo(
    live_server,
    browser,  # noqa: F811
    fast_password_hasher,
):
    load_demo(sample_documents(), monitoring=False)
    made = _waiting_for_finance()
    finance = Person(browser, live_server.url)
    _login(finance, "caizheng")
    page = finance.page
    for p in made:
        page.check(f"input[name=item][value='{p.pk}:{p.version}']")
    finance.shot("batch-queue")
    page.click("#batch-pass")
    page.wait_for_selector("#batch-confirm")
    assert f"确认批量通过（{len(made)} 项）" in page.inner_text("#batch-do")
    page.select_option("#batch-grade", "良")
    finance.shot("batch-confirm")
    page.click("#batch-do")
    page.wait_for_selector("#batch-summary")
    assert f"已完成 {len(made)} 项" in page.inner_text("#batch-summary")
    finance.shot("batch-done")
    for p in made:
        p.refresh_from_db()
        assert (p.state, p.grade, p.awaiting) == (State.APPROVED, "良", Awaiting.NOBODY)

    finance.go("/work/?view=all&state=approved")
    with page.expect_download() as download:
        page.click("#export-xlsx")
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    rows = list(book.active.iter_rows(values_only=True))
    header = rows[0]
    assert header[0] == "项目名称" and "审核等级" in header
    names = {r[0] for r in rows[1:]}
    assert {p.name for p in made} <= names
    assert {r[header.index("状态")] for r in rows[1:]} == {"二下"}

    finance.go("/work/dashboard/")
    page.wait_for_selector("#chart-states")
    assert page.inner_text("#board-scope").startswith("临淄区")
    finance.shot("dashboard-finance")
    finance.go("/work/deadlines/")
    finance.shot("deadlines-finance")
    finance.close()
