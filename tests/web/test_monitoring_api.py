"""The monitoring API: rounds and records with the pages' permissions, version-checked saves (409), every
problem at once (422), refusals (403), the review endpoints, and the results in the ``jixiao monitor`` shape."""

from __future__ import annotations

from typing import Any

from jixiao.web.audit.models import AuditEvent
from jixiao.web.monitoring.models import MonitoringRecord, MonitoringRound
from tests.web.conftest import approve
from tests.web.test_api import bearer
from tests.web.test_monitoring import record_of

JSON = "application/json"


def body(record: MonitoringRecord, version: int = 1, executed: str = "30", **by_name: dict[str, Any]) -> dict:
    rows = record.indicators.filter(archived=False).order_by("position")
    return {
        "version": version,
        "goal_result": "已完成 2 栋",
        "planned": "120",
        "executed": executed,
        "expected": "120",
        "indicators": [{"id": r.pk, **by_name.get(r.name, {})} for r in rows],
    }


REPORT = {
    "改造教学楼数量": {
        "actual": "0.5栋",
        "causes": ["经费保障"],
        "likelihood": "有可能",
        "measures": "加快拨付",
    },
    "单栋改造成本": {"actual": "18万元"},
    "师生满意度": {"actual": "96%"},
}


def test_the_paths_are_published(client):
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert {
        "/api/monitoring/rounds",
        "/api/monitoring/rounds/{round_id}",
        "/api/monitoring/rounds/{round_id}/close",
        "/api/monitoring/rounds/{round_id}/publish",
        "/api/monitoring/records",
        "/api/monitoring/records/{record_id}",
        "/api/monitoring/records/{record_id}/results",
        "/api/monitoring/records/{record_id}/transitions",
        "/api/monitoring/records/{record_id}/comments",
    } <= paths


def test_the_finance_admin_opens_closes_and_publishes_a_round(world, client, draft_project):
    approve(world, draft_project)
    new = {"year": 2024, "month": 6, "due_date": "2024-07-15", "note": "半年监控"}
    refused = client.post("/api/monitoring/rounds", new, content_type=JSON, **bearer(world.finance))
    assert refused.status_code == 403 and not MonitoringRound.objects.exists()
    auth = bearer(world.admin)
    made = client.post("/api/monitoring/rounds", new, content_type=JSON, **auth)
    assert made.status_code == 201, made.content
    data = made.json()
    assert data["records"] == 1 and data["time_progress"] == 50 and data["summary"]["stages"]["填报中"] == 1
    again = client.post("/api/monitoring/rounds", new, content_type=JSON, **auth)
    assert again.status_code == 400 and "已发起" in again.json()["detail"]
    rid = data["id"]
    assert client.get("/api/monitoring/rounds").json() == []  # the public sees no open round
    assert client.get(f"/api/monitoring/rounds/{rid}").status_code == 403
    assert client.post(f"/api/monitoring/rounds/{rid}/publish", **auth).status_code == 403  # close first
    assert client.post(f"/api/monitoring/rounds/{rid}/close", **auth).json()["state"] == "closed"
    assert client.post(f"/api/monitoring/rounds/{rid}/publish", **auth).json()["state"] == "published"
    public = client.get(f"/api/monitoring/rounds/{rid}").json()
    assert public["summary"]["records"] == 1 and public["summary"]["bands"]["projects"]["none"] == 1


def test_records_are_listed_read_and_saved_as_the_pages_allow(world, client, opened):
    record = record_of(opened)
    listed = client.get("/api/monitoring/records", **bearer(world.editor_a1)).json()
    assert listed["count"] == 1 and listed["items"][0]["stage"] == "填报中"
    assert client.get("/api/monitoring/records", **bearer(world.editor_a2)).json()["count"] == 0
    assert client.get(f"/api/monitoring/records/{record.pk}").status_code == 403  # the public
    url = f"/api/monitoring/records/{record.pk}"
    refused = client.put(url, body(record, **REPORT), content_type=JSON, **bearer(world.reviewer_a))
    assert refused.status_code == 403
    assert AuditEvent.objects.filter(actor=world.reviewer_a, verb="edit", ok=False).exists()
    auth = bearer(world.editor_a1)
    saved = client.put(url, body(record, **REPORT), content_type=JSON, **auth)
    assert saved.status_code == 200, saved.content
    data = saved.json()
    assert (data["version"], data["band"], data["budget_band"]) == (2, "red", "red")
    bands = {i["name"]: (i["band"], round(i["progress"], 1)) for i in data["indicators"]}
    assert bands["改造教学楼数量"] == ("red", 16.7) and bands["师生满意度"][0] == "green"
    stale = client.put(url, body(record, executed="99", **REPORT), content_type=JSON, **auth)
    assert stale.status_code == 409 and "第 1 版" in stale.json()["detail"]
    bad = {"改造教学楼数量": {"causes": ["天气"]}, "师生满意度": {"likelihood": "也许", "status": "完成"}}
    invalid = client.put(url, body(record, version=2, executed="-5", **bad), content_type=JSON, **auth)
    assert invalid.status_code == 422
    assert set(invalid.json()["problems"]) == {
        "executed",
        "indicators.0.causes",
        "indicators.2.likelihood",
        "indicators.2.status",
    }
    assert MonitoringRecord.objects.get(pk=record.pk).version == 2


def test_the_review_endpoints_and_the_results(world, client, opened):
    record = record_of(opened)
    url = f"/api/monitoring/records/{record.pk}"
    editor, department, finance = bearer(world.editor_a1), bearer(world.reviewer_a), bearer(world.finance)
    client.put(url, body(record, **REPORT), content_type=JSON, **editor)
    moved = client.post(f"{url}/transitions", {"verb": "submit"}, content_type=JSON, **editor)
    assert moved.status_code == 200 and moved.json()["stage"] == "主管部门审核"
    early = client.post(f"{url}/transitions", {"verb": "approve"}, content_type=JSON, **finance)
    assert early.status_code == 403
    client.post(f"{url}/transitions", {"verb": "dept_pass"}, content_type=JSON, **department)
    item = record.indicators.get(name="改造教学楼数量").pk
    said = client.post(
        f"{url}/comments", {"text": "请说明经费", "item_id": item}, content_type=JSON, **finance
    )
    assert said.status_code == 201 and said.json()["item_id"] == item
    returned = client.post(
        f"{url}/transitions", {"verb": "return", "opinion": "进度偏慢"}, content_type=JSON, **finance
    )
    assert returned.json()["stage"] == "退回修改"
    assert [c["text"] for c in client.get(f"{url}/comments", **editor).json()] == ["请说明经费", "进度偏慢"]
    results = client.get(f"{url}/results", **finance).json()
    assert results["name"] == "校园安全设施改造项目" and results["band"] == "red"
    assert results["budget"]["time_progress"] == 50 and results["budget"]["execution_rate"] == 25
    assert results["budget"]["ratio"] == 50 and results["budget"]["band"] == "red"
    assert [(i["name"], i["band"]) for i in results["indicators"]][:2] == [
        ("改造教学楼数量", "red"),
        ("单栋改造成本", "green"),
    ]
    assert client.get(f"{url}/results").status_code == 403
