"""The self-evaluation API: rounds and 自评表 with the pages' permissions, version-checked saves (409), every
problem at once with the allowed range (422), finance's 复核, the review moves, and the results in the
``jixiao evaluate`` shape."""

from __future__ import annotations

from typing import Any

from jixiao.web.audit.models import AuditEvent
from jixiao.web.selfeval.models import SelfEvalRound
from tests.web.conftest import approve
from tests.web.test_api import bearer
from tests.web.test_selfeval import BEHIND

JSON = "application/json"


def body(sheet: Any, version: int = 1, executed: str = "108", **by_name: dict[str, Any]) -> dict:
    rows = sheet.indicators.filter(archived=False).order_by("position")
    return {
        "version": version,
        "goal_result": "完成 5 栋",
        "planned": "120",
        "executed": executed,
        "indicators": [{"id": r.pk, **by_name.get(r.name, {})} for r in rows],
    }


def test_the_paths_are_published(client):
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert {
        "/api/selfeval/rounds",
        "/api/selfeval/rounds/{round_id}",
        "/api/selfeval/records",
        "/api/selfeval/records/{record_id}",
        "/api/selfeval/records/{record_id}/results",
        "/api/selfeval/records/{record_id}/rescore",
        "/api/selfeval/records/{record_id}/transitions",
        "/api/selfeval/records/{record_id}/comments",
    } <= paths


def test_a_year_through_the_api(world, client, draft_project):
    approve(world, draft_project)
    new = {"year": 2024, "due_date": "2025-01-31", "note": "年度自评"}
    assert (
        client.post("/api/selfeval/rounds", new, content_type=JSON, **bearer(world.finance)).status_code
        == 403
    )
    made = client.post("/api/selfeval/rounds", new, content_type=JSON, **bearer(world.admin))
    assert made.status_code == 201, made.content
    assert made.json()["month"] == 12 and made.json()["summary"]["grades"]["projects"]["none"] == 1
    sheet = SelfEvalRound.objects.get().records.get()
    url = f"/api/selfeval/records/{sheet.pk}"
    assert client.get(url).status_code == 403  # the public, before publishing
    unit = bearer(world.editor_a1)
    qualitative = sheet.indicators.get(name="师生满意度")
    qualitative.target = "满意度较高"
    qualitative.save()
    bad = {**BEHIND, "师生满意度": {"status": "达成", "own_score": 5}}
    refused = client.put(url, body(sheet, **bad), content_type=JSON, **unit)
    assert refused.status_code == 422
    assert refused.json()["problems"] == {
        "indicators.2.own_score": "“师生满意度”为达成，得分须在 12.00 至 15.00 分之间，填写的是 5.00"
    }
    good = {**BEHIND, "师生满意度": {"status": "达成", "own_score": 15}}
    saved = client.put(url, body(sheet, **good), content_type=JSON, **unit)
    assert saved.status_code == 200, saved.content
    # 31.25 + 37.5 + 15 + 9 = 92.75 → 优
    assert (saved.json()["total"], saved.json()["result"], saved.json()["consequence"]) == (
        92.75,
        "优",
        "优先保障",
    )
    assert client.put(url, body(sheet, **good), content_type=JSON, **unit).status_code == 409
    results = client.get(f"{url}/results", **unit).json()
    assert results["grade"] == "优" and results["budget_score"] == 9.0
    assert [i["weight"] for i in results["indicators"]] == [37.5, 37.5, 15.0]
    for who, verb in ((world.editor_a1, "submit"), (world.reviewer_a, "dept_pass")):
        moved = client.post(f"{url}/transitions", {"verb": verb}, content_type=JSON, **bearer(who))
        assert moved.status_code == 200, moved.content
    row = sheet.indicators.get(name="单栋改造成本")
    fin = bearer(world.finance)
    no_reason = {"indicator_id": row.pk, "score": 30, "reason": ""}
    assert client.post(f"{url}/rescore", no_reason, content_type=JSON, **fin).status_code == 400
    adjusted = client.post(
        f"{url}/rescore", {**no_reason, "reason": "成本超支"}, content_type=JSON, **fin
    ).json()
    assert (adjusted["total"], adjusted["unit_total"], adjusted["result"]) == (85.25, 92.75, "良")
    assert AuditEvent.objects.filter(verb="rescore", ok=True, detail__reason="成本超支").exists()
    approved = client.post(f"{url}/transitions", {"verb": "approve"}, content_type=JSON, **fin)
    assert approved.json()["state"] == "approved"
    admin = bearer(world.admin)
    assert (
        client.post(f"{url}/transitions", {"verb": "publish"}, content_type=JSON, **admin).status_code == 200
    )
    public = client.get(url).json()
    assert public["stage"] == "已公开" and public["indicators"][1]["adjusted_score"] == 30
    assert client.get("/api/selfeval/records?grade=良").json()["count"] == 1
