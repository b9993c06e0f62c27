"""The system speaks Simplified Chinese to everyone: the back office whatever the browser asks, and the
error pages in the site's own layout."""

from __future__ import annotations

from typing import Any


def test_admin_answers_in_chinese_to_an_english_browser(world: Any, client: Any) -> None:
    page = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    text = page.content.decode()
    assert page.status_code == 200
    assert "用户名" in text and "Username" not in text


def _page(response: Any) -> str:
    text = response.content.decode()
    assert '<header class="top">' in text, "the error page is in the site's layout"
    return text


def test_a_missing_page_is_a_chinese_page_in_the_site_layout(world: Any, client: Any) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404 and "页面不存在" in _page(response)
    client.force_login(world.editor_a1)
    response = client.get("/work/projects/999999/")
    assert response.status_code == 404
    text = _page(response)
    assert "页面不存在" in text and "No Project" not in text and "工作台" in text


def test_a_refusal_says_why_in_chinese(world: Any, client: Any, draft_project: Any) -> None:
    client.force_login(world.editor_b1)
    response = client.get(f"/work/projects/{draft_project.pk}/")
    assert response.status_code in (403, 404)
    text = _page(response)
    assert "Forbidden" not in text and ("无权" in text or "页面不存在" in text)


def test_a_failed_csrf_check_is_a_chinese_page(world: Any) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.editor_a1)
    response = client.post("/work/projects/new/", {"name": "x"})
    assert response.status_code == 403
    text = _page(response)
    assert "页面已过期" in text and "verification failed" not in text


def test_the_server_error_page_needs_no_database(rf: Any) -> None:
    """No ``db`` fixture: a query would fail the test, as a page needing the broken database would fail."""
    from django.urls import get_resolver

    from jixiao.web import errors

    assert get_resolver().resolve_error_handler(500) is errors.server_error
    response = errors.server_error(rf.get("/work/"))
    assert response.status_code == 500
    text = _page(response)
    assert "系统错误" in text and "Server Error" not in text


def test_round_differences_name_money_and_spending_in_chinese() -> None:
    from jixiao.web.targets.diff import diff_snapshots

    old = {
        "funds": {"total": 120.0, "fiscal": 100.0, "other": 20.0, "midterm": None},
        "spending_plan": [{"period": "3月底", "amount": 10.0}, {"period": "12月底", "amount": 120.0}],
    }
    new = {
        "funds": {"total": 130.0, "fiscal": 110.0, "other": 20.0, "midterm": None},
        "spending_plan": [{"period": "3月底", "amount": 20.0}, {"period": "12月底", "amount": 130.0}],
    }
    changes = {c.label: (c.before, c.after) for c in diff_snapshots(old, new).fields}
    assert changes["资金"] == (
        "资金总额 120，财政资金 100，其他资金 20",
        "资金总额 130，财政资金 110，其他资金 20",
    )
    assert changes["资金支出计划"] == ("3月底 10万元；12月底 120万元", "3月底 20万元；12月底 130万元")


def test_a_department_pass_reads_whose_turn_it_became(world: Any, draft_project: Any) -> None:
    from jixiao.web.actions.review import do_transition
    from jixiao.web.audit.models import AuditEvent

    p = do_transition(acting_user=world.editor_a1, target=draft_project, verb="submit")
    do_transition(acting_user=world.reviewer_a, target=p, verb="dept_pass")
    event = AuditEvent.objects.get(verb="dept_pass")
    assert event.message == "主管部门审核通过：一上，待主管部门审核 → 待财政审核"


def _api_refusal(response: Any, status: int) -> dict[str, Any]:
    """The one shape of every API refusal: a Chinese sentence and the problems by readable field path."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"detail", "problems"} and isinstance(body["problems"], dict)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["detail"]), body
    return body


def test_an_anonymous_write_is_asked_to_sign_in_not_refused_for_csrf(world: Any, client: Any) -> None:
    body = _api_refusal(client.post("/api/projects", {"year": 2024}, content_type="application/json"), 401)
    assert "需要登录" in body["detail"] and "CSRF" not in body["detail"]
    wrong = client.get("/api/projects", HTTP_AUTHORIZATION="Bearer jx_nonsense")
    assert "需要登录" in _api_refusal(wrong, 401)["detail"]


def test_a_signed_in_write_without_the_csrf_token_is_refused_in_chinese(world: Any) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.editor_a1)
    response = client.post("/api/projects", {"year": 2024}, content_type="application/json")
    assert "CSRF 校验未通过" in _api_refusal(response, 403)["detail"]


def test_a_validation_error_names_each_field_in_chinese(world: Any, client: Any) -> None:
    from jixiao.web.organisations.models import ApiToken

    _, token = ApiToken.issue(world.editor_a1)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    sent = {"funds_total": "很多", "year": 1999}
    body = _api_refusal(client.post("/api/projects", sent, content_type="application/json", **auth), 422)
    assert body["problems"] == {"name": "必填", "funds_total": "应为数字", "year": "不能小于 2000"}
    assert body["detail"].startswith("请求数据有误：") and "Field required" not in body["detail"]
    page = _api_refusal(client.get("/api/projects?limit=abc"), 422)
    assert page["problems"] == {"limit": "应为整数"}


def test_missing_and_refused_things_answer_in_chinese(world: Any, client: Any, draft_project: Any) -> None:
    assert _api_refusal(client.get("/api/projects/999999"), 404)["detail"] == "项目不存在。"
    assert "没有这个 API 地址" in _api_refusal(client.get("/api/no-such-thing"), 404)["detail"]
    client.force_login(world.editor_b1)
    response = client.post(
        f"/api/projects/{draft_project.pk}/transitions", {"verb": "submit"}, content_type="application/json"
    )
    assert response.status_code in (403, 404)
    _api_refusal(response, response.status_code)


def test_comments_and_history_name_people_and_where_they_work(
    world: Any, client: Any, draft_project: Any
) -> None:
    from jixiao.web.actions.review import do_comment, do_transition

    for user, name in ((world.editor_a1, "王芳"), (world.reviewer_a, "李强")):
        user.first_name = name
        user.save()
    p = do_transition(acting_user=world.editor_a1, target=draft_project, verb="submit")
    do_comment(acting_user=world.reviewer_a, target=p, text="请细化数量指标", item=p.live_indicators()[0])
    do_comment(acting_user=world.reviewer_a, target=p, text="总体可行")
    client.force_login(world.reviewer_a)
    page = client.get(f"/work/projects/{p.pk}/").content.decode()
    assert "李强（区教育局）" in page and "王芳（第一中学）" in page  # comments, history, the header
    assert "reviewer_a" not in page and "editor_a1" not in page


def test_a_monitoring_difference_names_each_source_of_funds_in_chinese() -> None:
    from jixiao.web.monitoring.models import MonitoringRecord

    source = {"name": "财政拨款", "planned": 100.0, "adjusted": None, "executed": 40.0, "expected": 90.0}
    diff = MonitoringRecord.diff({"sources": [source]}, {"sources": [{**source, "executed": 55.0}]})
    assert [(c.label, c.after) for c in diff.fields] == [
        ("分资金来源", "财政拨款：年初预算数 100，执行数 55，全年预计执行数 90")
    ]
