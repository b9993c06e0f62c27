"""For every role, every page and API endpoint: what may be seen or done. Refusals are logged.

``draft`` is unit A1's draft; ``submitted`` is another A1 project waiting for the department. Finance sees
neither yet; unit A2 and department B never do; the public only reaches what is published.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404
from django.test import Client

from jixiao.web import policy
from jixiao.web.actions.projects import do_create_project
from jixiao.web.actions.review import do_transition
from jixiao.web.audit.models import AuditEvent
from jixiao.web.organisations.models import ApiToken
from jixiao.web.targets.models import DepartmentTarget, Project
from tests.web.conftest import PASSWORD, sample_draft

PEOPLE = [
    "public",
    "editor_a1",
    "editor_a2",
    "editor_b1",
    "reviewer_a",
    "reviewer_b",
    "finance",
    "admin",
    "other_finance",
]
EVERYONE = set(PEOPLE) - {"public"}

# (url template, who gets 200); the public is sent to the login page (302) by the work area, and
# everyone else gets 403.
PAGES = [
    ("/work/", EVERYONE),
    ("/work/projects/new/?year=2024", {"editor_a1", "editor_a2", "editor_b1"}),
    ("/work/import/", {"admin", "other_finance"}),
    ("/work/projects/{draft}/", {"editor_a1"}),
    ("/work/projects/{draft}/edit/", {"editor_a1"}),
    ("/work/projects/{submitted}/", {"editor_a1", "reviewer_a"}),
    ("/work/projects/{submitted}/edit/", set()),
]
API = [
    ("/api/projects/{draft}", {"editor_a1"}),
    ("/api/projects/{draft}/indicators", {"editor_a1"}),
    ("/api/projects/{draft}/comments", {"editor_a1"}),
    ("/api/projects/{submitted}", {"editor_a1", "reviewer_a"}),
]


@pytest.fixture
def projects(world: Any, draft_project: Any) -> dict[str, int]:
    submitted = do_create_project(
        acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=sample_draft(name="已报送项目")
    )
    do_transition(acting_user=world.editor_a1, target=submitted, verb="submit")
    return {"draft": draft_project.pk, "submitted": submitted.pk}


def client_for(world: Any, who: str) -> Client:
    client = Client()
    if who != "public":
        assert client.login(username=getattr(world, who).username, password=PASSWORD)
    return client


@pytest.mark.parametrize("who", PEOPLE)
def test_pages_by_role(world, projects, who):
    client = client_for(world, who)
    for template, allowed in PAGES:
        url = template.format(**projects)
        expected = 200 if who in allowed else (302 if who == "public" else 403)
        assert client.get(url).status_code == expected, (who, url)
    for pk in projects.values():
        assert client.get(f"/p/{pk}/").status_code == 404  # the portal shows published targets only


@pytest.mark.parametrize("who", PEOPLE)
def test_api_reads_by_role(world, projects, who):
    client = Client()
    headers = {}
    if who != "public":
        headers["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(getattr(world, who))[1]}"
    for template, allowed in API:
        url = template.format(**projects)
        assert client.get(url, **headers).status_code == (200 if who in allowed else 403), (who, url)
    listed = {p["id"] for p in client.get("/api/projects", **headers).json()["items"]}
    expected = {"editor_a1": set(projects.values()), "reviewer_a": {projects["submitted"]}}.get(who, set())
    assert listed == expected, who


@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_department_reviewer_passes_by_page_or_api(world, projects, who):
    pk = projects["submitted"]
    page = client_for(world, who).post(f"/work/projects/{pk}/transition/", {"verb": "dept_pass"})
    state = Project.objects.get(pk=pk).awaiting
    assert state == ("finance" if who == "reviewer_a" else "department"), who
    if who != "reviewer_a":
        assert page.status_code in (302, 403)
    if who == "public":
        return
    token = ApiToken.issue(getattr(world, who))[1]
    response = Client().post(
        f"/api/projects/{pk}/transitions",
        {"verb": "dept_pass"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    # refused for everyone: the others never may, and the reviewer's turn ended with the pass above
    assert response.status_code == 403, who


def test_refusals_are_logged_with_the_request(world, projects):
    client = client_for(world, "editor_a2")
    client.get(f"/work/projects/{projects['draft']}/edit/", HTTP_X_REQUEST_ID="probe-1")
    event = AuditEvent.objects.get(ok=False, actor=world.editor_a2)
    assert (event.verb, event.project_id, event.request_id, event.via) == (
        "view",
        projects["draft"],
        "probe-1",
        "web",
    )
    assert event.path == f"/work/projects/{projects['draft']}/edit/"
    assert event.message == "无权查看该项目。"


def test_a_refusal_says_why_in_words_and_is_on_record(world, projects):
    draft = Project.objects.get(pk=projects["draft"])
    submitted = Project.objects.get(pk=projects["submitted"])
    cases = [
        (None, "edit", draft, "请先登录。"),
        (world.editor_a2, "edit", draft, "无权查看该项目。"),
        (world.editor_a1, "dept_pass", submitted, "当前角色或项目状态不允许此操作。"),
        (world.reviewer_a, "create", Project.new_in(world.unit_a1), "只有本单位的单位填报人员可以新建项目。"),
        (
            world.editor_a1,
            "create",
            DepartmentTarget.new_in(world.dept_a),
            "只有本部门的主管部门审核人员可以编制部门整体绩效目标。",
        ),
        (world.editor_a1, "import", world.region, "当前角色或地区状态不允许此操作。"),
    ]
    for user, verb, target, message in cases:
        with pytest.raises(policy.Refused, match=f"^{message}$"):
            policy.require(user, verb, target)
        event = AuditEvent.objects.filter(ok=False).latest("id")
        assert (event.verb, event.message) == (verb, message)
        assert event.project_id == (target.pk if isinstance(target, Project) else None)


def test_a_missing_thing_is_not_found_in_words(world):
    for queryset, message in (
        (Project.objects.all(), "项目不存在。"),
        (DepartmentTarget.objects.all(), "部门整体绩效目标不存在。"),
    ):
        with pytest.raises(Http404, match=f"^{message}$"):
            policy.get_visible(world.editor_a1, queryset, 999)
