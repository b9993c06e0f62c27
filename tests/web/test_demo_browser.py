"""In a real browser on the demo (Playwright, /usr/bin/chromium): each role logs in and finds on its work page
the item the demo left waiting for it — made through the real actions (jixiao.web.demo_work) — and opens it.
Screenshots go with the other browser tests'."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from jixiao.web.demo import DEMO_PASSWORD, load_demo, sample_documents
from jixiao.web.targets.models import Project
from jixiao.web.workflow.states import Awaiting, State
from tests.web.test_browser import Person, browser  # noqa: F401  (the module's browser fixture)

pytestmark = pytest.mark.browser

# Who logs in, and which of the demo's waiting projects that person must find.
WAITING = {
    "danwei": {"state": State.RETURNED},
    "zhuguan": {"awaiting": Awaiting.DEPARTMENT},
    "caizheng": {"awaiting": Awaiting.FINANCE},
    "guanli": {"state": State.APPROVED},
}


def _login(person: Person, username: str) -> None:
    person.go("/accounts/login/")
    person.page.fill("input[name=username]", username)
    person.page.fill("input[name=password]", DEMO_PASSWORD)
    person.page.click("form button[type=submit]")
    person.page.wait_for_url("**/work/**")


def test_every_role_finds_its_waiting_work_in_the_demo(
    live_server,
    browser,  # noqa: F811
    fast_password_hasher,
):
    load_demo(sample_documents(), monitoring=False)
    for username, where in WAITING.items():
        user = User.objects.get(username=username)
        waiting = Project.objects.filter(archived=False, **where).visible_to(user).order_by("-year", "pk")
        assert waiting.exists(), f"the demo left nothing waiting for {username}"
        project = waiting.first()
        assert project is not None
        person = Person(browser, live_server.url)
        _login(person, username)
        person.page.wait_for_selector(f"text={project.name}")
        person.shot(f"demo-waiting-{username}")
        person.page.click(f"a:has-text('{project.name}')")
        person.page.wait_for_selector("h1")
        assert project.name in person.page.inner_text("body")
