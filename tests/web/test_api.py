"""The REST API: same permissions as the pages, tokens and sessions, stale edits, errors as JSON."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jixiao.web.audit.models import AuditEvent
from jixiao.web.organisations.models import ApiToken
from jixiao.web.targets.models import Project
from tests.web.conftest import PASSWORD
from tests.web.test_selfeval_lessons import poor_sheet  # noqa: F401  (a fixture)


def bearer(user: Any) -> dict[str, str]:
    _, token = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


BODY = {
    "year": 2024,
    "name": "API 新建项目",
    "goal": "目标",
    "funds_total": "10",
    "funds_fiscal": "10",
    "funds_other": "0",
    "spending_plan": [{"period": "6月底", "amount": "5"}],
    "indicators": [{"level2": "数量指标", "name": "培训人次", "value": "≥300人次", "basis": "计划标准"}],
}


def test_openapi_schema_is_published(client):
    schema = client.get("/api/openapi.json").json()
    assert {
        "/api/projects",
        "/api/projects/{project_id}",
        "/api/projects/{project_id}/transitions",
        "/api/projects/{project_id}/comments",
        "/api/imports",
        "/api/regions",
        "/api/departments",
    } <= set(schema["paths"])
    assert client.get("/api/docs").status_code == 200


def test_public_lists_only_published(world, client, draft_project):
    assert client.get("/api/projects").json() == {"items": [], "count": 0}
    assert client.get(f"/api/projects/{draft_project.pk}").status_code == 403
    assert client.get("/api/regions").json()[0]["name"] in ("临淄区", "淄川区")


def test_editor_creates_updates_and_submits_with_a_token(world, client):
    auth = bearer(world.editor_a1)
    created = client.post("/api/projects", BODY, content_type="application/json", **auth)
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["state"] == "draft" and data["indicators"][0]["value"]["op"] == ">="
    pid, ind = data["id"], data["indicators"][0]["id"]
    update = {
        **BODY,
        "version": 1,
        "indicators": [{"id": ind, "level2": "数量指标", "name": "培训人次", "value": "≥500人次"}],
    }
    del update["year"]
    ok = client.put(f"/api/projects/{pid}", update, content_type="application/json", **auth)
    assert ok.status_code == 200 and ok.json()["version"] == 2
    assert ok.json()["indicators"][0]["id"] == ind
    stale = client.put(f"/api/projects/{pid}", update, content_type="application/json", **auth)
    assert stale.status_code == 409 and "其他人已保存" in stale.json()["detail"]
    bad = client.put(
        f"/api/projects/{pid}",
        {
            **update,
            "version": 2,
            "indicators": [{"level2": "数量指标", "name": "x", "value": "达到95%，且不低于90%"}],
        },
        content_type="application/json",
        **auth,
    )
    assert bad.status_code == 422 and "indicators.0.value" in bad.json()["problems"]
    moved = client.post(
        f"/api/projects/{pid}/transitions", {"verb": "submit"}, content_type="application/json", **auth
    )
    assert moved.status_code == 200 and moved.json()["state"] == "submitted"
    assert AuditEvent.objects.filter(project_id=pid, via="api", ok=True).count() == 3


def test_other_unit_cannot_read_or_change_by_api_and_is_logged(world, client, draft_project):
    auth = bearer(world.editor_a2)
    assert client.get(f"/api/projects/{draft_project.pk}", **auth).status_code == 403
    body = {**BODY, "version": 1}
    del body["year"]
    assert (
        client.put(
            f"/api/projects/{draft_project.pk}", body, content_type="application/json", **auth
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/api/projects/{draft_project.pk}/transitions",
            {"verb": "submit"},
            content_type="application/json",
            **auth,
        ).status_code
        == 403
    )
    assert AuditEvent.objects.filter(actor=world.editor_a2, ok=False, via="api").count() == 3
    assert Project.objects.get(pk=draft_project.pk).state == "draft"


def test_writes_need_credentials(world, client, draft_project):
    assert client.post("/api/projects", BODY, content_type="application/json").status_code == 401
    bad = {"HTTP_AUTHORIZATION": "Bearer nope"}
    assert client.get("/api/projects", **bad).status_code == 401
    assert (
        client.post(
            f"/api/projects/{draft_project.pk}/comments", {"text": "x"}, content_type="application/json"
        ).status_code
        == 401
    )


def test_session_writes_need_the_csrf_token(world, draft_project):
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="editor_a1", password=PASSWORD)
    response = client.post(
        f"/api/projects/{draft_project.pk}/transitions", {"verb": "submit"}, content_type="application/json"
    )
    assert response.status_code in (401, 403)
    assert Project.objects.get(pk=draft_project.pk).state == "draft"


def test_review_through_the_api_with_comments(world, client, draft_project):
    pid = draft_project.pk
    ind = draft_project.live_indicators()[0].pk

    def post(user: Any, path: str, body: dict[str, Any]) -> Any:
        return client.post(
            f"/api/projects/{pid}{path}", body, content_type="application/json", **bearer(user)
        )

    assert post(world.editor_a1, "/transitions", {"verb": "submit"}).status_code == 200
    assert post(world.finance, "/transitions", {"verb": "approve", "grade": "优"}).status_code == 403
    assert post(world.reviewer_a, "/transitions", {"verb": "dept_pass"}).status_code == 200
    assert post(world.finance, "/comments", {"text": "请细化", "indicator_id": ind}).status_code == 201
    assert post(world.finance, "/transitions", {"verb": "approve", "grade": "差"}).status_code == 400
    assert (
        post(world.finance, "/transitions", {"verb": "approve", "grade": "良"}).json()["state"] == "approved"
    )
    assert post(world.admin, "/transitions", {"verb": "publish"}).json()["state"] == "published"
    comments = client.get(f"/api/projects/{pid}/comments", **bearer(world.editor_a1)).json()
    assert [(c["indicator_id"], c["text"]) for c in comments] == [(ind, "请细化")]
    assert client.get(f"/api/projects/{pid}/comments").json() == []  # internal to the review
    public = client.get("/api/projects", {"q": "师生满意度"}).json()
    assert [p["id"] for p in public["items"]] == [pid]


@pytest.mark.parametrize(
    "who,status", [("admin", 201), ("finance", 403), ("editor_a1", 403), ("other_finance", 403)]
)
def test_import_by_api(world, client, who, status):
    from importlib import resources

    from django.core.files.uploadedfile import SimpleUploadedFile

    data = (resources.files("jixiao") / "data" / "samples" / "zichuan-2023.txt").read_bytes()
    response = client.post(
        "/api/imports",
        {"region": world.region.pk, "file": SimpleUploadedFile("zichuan-2023.txt", data)},
        **bearer(getattr(world, who)),
    )
    assert response.status_code == status, response.content
    if status == 201:
        assert response.json()["project_count"] == 8 and response.json()["year"] == 2023


def test_token_issue_needs_a_session_or_token(world, client):
    assert client.post("/api/tokens").status_code == 401
    client.login(username="finance", password=PASSWORD)
    response = client.post("/api/tokens", {"name": "脚本"})
    token = response.json()["token"]
    assert response.status_code == 201 and token.startswith("jx_")
    assert Client().get("/api/projects", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_what_the_read_endpoints_answer(world, client, draft_project):
    """The whole JSON of a project in the list, its detail, an indicator, a comment and a department target:
    the output schemas read the stored rows (related names, floats for amounts, the parsed value)."""
    from jixiao.web.actions.departments import do_create_department_target
    from tests.web.conftest import DUTY, sample_department_draft

    auth = bearer(world.editor_a1)
    pid = draft_project.pk
    ind = draft_project.live_indicators()[0]
    place = {
        "region_id": world.region.pk,
        "year": 2024,
        "department_id": world.dept_a.pk,
        "department": "区教育局",
    }
    review = {"state": "draft", "state_label": "草稿", "round": 0, "grade": "", "version": 1}
    summary = {
        "id": pid,
        **place,
        "unit": "第一中学",
        "code": "2024-301-001",
        "name": "校园安全设施改造项目",
        "fund_type": "一般公共预算",
        "funds_total": 120.0,
        **review,
        "awaiting": "",
    }
    assert client.get("/api/projects", **auth).json() == {"items": [summary], "count": 1}
    indicator = {
        "id": ind.pk,
        "position": 1,
        "level1": "产出指标",
        "level2": "数量指标",
        "name": "改造教学楼数量",
        "description": "",
        "scoring": "",
        "value": {"raw": "≥6栋", "kind": "numeric", "op": ">=", "number": 6.0, "upper": None, "unit": "栋"},
        "basis": "计划标准",
    }
    detail = client.get(f"/api/projects/{pid}", **auth).json()
    assert {k: v for k, v in detail.items() if k != "indicators"} == {
        **summary,
        "category": "特定目标类项目",
        "funds_fiscal": 100.0,
        "funds_other": 20.0,
        "purpose": "更新监控与消防设施",
        "goal": "完成全部教学楼安全设施改造，师生安全事故零发生。",
        **dict.fromkeys(("long_term_goal", "period", "project_type", "allocation"), ""),
        **dict.fromkeys(("policy_basis", "calculation_basis"), ""),
        "is_new": None,
        "funds_midterm": None,
        "lessons": "",
        "carried_rectifications": [],
        "spending_plan": [
            {"period": p, "amount": a}
            for p, a in (("3月底", 20.0), ("6月底", 60.0), ("10月底", 100.0), ("12月底", 120.0))
        ],
    }
    assert detail["indicators"][0] == indicator and len(detail["indicators"]) == 3
    assert client.get(f"/api/projects/{pid}/indicators", **auth).json()[0] == indicator

    client.post(
        f"/api/projects/{pid}/transitions", {"verb": "submit"}, content_type="application/json", **auth
    )
    said = client.post(
        f"/api/projects/{pid}/comments",
        {"text": "请细化", "item_id": ind.pk},
        content_type="application/json",
        **auth,
    ).json()
    assert said.pop("created_at")
    assert said == {
        "id": said["id"],
        "item_id": ind.pk,
        "indicator_id": ind.pk,
        "author": "editor_a1",
        "round": 1,
        "text": "请细化",
    }

    target = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2024, draft=sample_department_draft()
    )
    auth = bearer(world.reviewer_a)
    listed = {"id": target.pk, **place, **review}
    assert client.get("/api/department-targets", **auth).json() == {"items": [listed], "count": 1}
    got = client.get(f"/api/department-targets/{target.pk}", **auth).json()
    assert [r["name"] for r in got["strategic"]] == ["义务教育巩固率"]
    assert [r["name"] for r in got["annual"]] == ["适龄儿童入学率", "控辍保学劝返人数"]
    annual = got["annual"][0]
    assert annual == {
        "id": annual["id"],
        "table": "annual",
        "position": 1,
        "no": None,
        **DUTY,
        "name": "适龄儿童入学率",
        "value": {"raw": "=100%", "kind": "numeric", "op": "=", "number": 100.0, "upper": None, "unit": "%"},
        "explanation": "",
        "reference": {
            "standard": "100%",
            "standard_source": "省义务教育标准",
            "years": {"2023": "100%"},
            "last_year": "100%",
        },
        "note": "",
        "activity": "组织秋季招生",
        "budget_project": "义务教育公用经费",
        "office": "基础教育科",
    }
    assert {k: v for k, v in got.items() if k not in ("strategic", "annual")} == {
        **listed,
        "strategic_goal": "到 2025 年，全区义务教育优质均衡发展。",
        "lessons": "",
        "carried_rectifications": [],
    }


def test_a_copys_carried_lessons_and_rectifications_in_the_api(world, client, poor_sheet):  # noqa: F811
    """结果应用 carried by 复制上年目标: the project's read-only lessons and the 整改事项 linked to last year's
    self-evaluation, as they stand now; the public, once the copy is published, gets neither."""
    from jixiao.web.actions.projects import do_copy_project
    from jixiao.web.actions.review import do_transition
    from jixiao.web.actions.selfeval import do_finish_rectification
    from tests.web.conftest import approve

    copy = do_copy_project(acting_user=world.editor_a1, source=poor_sheet.project, year=2025)
    item = copy.carried_rectifications.get()
    got = client.get(f"/api/projects/{copy.pk}", **bearer(world.editor_a1)).json()
    assert got["lessons"] == copy.lessons and got["lessons"].startswith("2024年度绩效自评：总分 ")
    assert "改进措施：提前下达资金，按月调度进度" in got["lessons"]
    carried = {
        "id": item.pk,
        "selfeval_id": poor_sheet.pk,
        "selfeval": "校园安全设施改造项目",
        "text": "加快施工进度",
        "owner": "第一中学",
        "due_date": "2025-07-15",
        "state": "open",
        "state_label": "整改中",
        "done_note": "",
    }
    assert got["carried_rectifications"] == [carried]
    assert "lessons" not in client.get("/api/projects", **bearer(world.editor_a1)).json()["items"][0]

    do_finish_rectification(acting_user=world.editor_a1, item=item, note="已按月调度")
    copy = approve(world, copy)
    do_transition(acting_user=world.admin, target=copy, verb="publish")
    done = {**carried, "state": "done", "state_label": "已整改", "done_note": "已按月调度"}
    assert client.get(f"/api/projects/{copy.pk}", **bearer(world.finance)).json()[
        "carried_rectifications"
    ] == [done]
    public = Client().get(f"/api/projects/{copy.pk}").json()
    assert public["lessons"] == "" and public["carried_rectifications"] == []
