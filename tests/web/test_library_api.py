"""``/api/library``: search, a cluster with its targets, suggestions in the ``jixiao recommend`` JSON shape,
and finance's curation, with the pages' permissions; and ``jixiao recommend`` / ``jixiao library show``
reading the web database when ``--library`` is omitted."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from jixiao.web.actions.imports import do_import_document
from jixiao.web.audit.models import AuditEvent
from jixiao.web.library.models import CurationFact
from tests.web.conftest import approve
from tests.web.documents import small_document
from tests.web.test_api import bearer


def imported(world, n=4):
    do_import_document(
        acting_user=world.admin, region=world.region, year=2022, document=small_document(n_projects=n)
    )


def test_the_paths_are_published(client):
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert {
        "/api/library/clusters",
        "/api/library/clusters/{key}",
        "/api/library/suggestions",
        "/api/library/curation",
    } <= paths


def test_search_and_a_cluster_the_public_sees_published_targets_only(world, client, draft_project):
    imported(world)
    approve(world, draft_project)
    found = client.get("/api/library/clusters", {"q": "满意度"}).json()
    assert [c["name"] for c in found] == ["群众满意度"]
    c = found[0]
    assert (c["level2"], c["direction"], c["typical_value"], c["projects"]) == (
        "服务对象满意度指标",
        "≥",
        "≥90%",
        4,
    )
    assert c["distribution"]["median"] == 90 and c["regions"] == ["临淄区"]
    signed_in = client.get("/api/library/clusters", {"q": "满意度"}, **bearer(world.editor_b1)).json()
    assert {c["name"] for c in signed_in} == {"群众满意度", "师生满意度"}
    one = client.get("/api/library/clusters/群众满意度").json()
    assert len(one["targets"]) == 4 and one["targets"][0]["value"] == "≥90%"
    assert client.get("/api/library/clusters/师生满意度").status_code == 404
    assert client.get("/api/library/clusters/师生满意度", **bearer(world.editor_b1)).status_code == 200


def test_suggestions_have_the_recommend_shape_and_the_years_framework(world, client):
    imported(world)
    body = {"name": "农村饮水安全工程", "goal": "保障饮水安全", "framework": "2021", "top": 5}
    out = client.post("/api/library/suggestions", body, content_type="application/json").json()
    assert list(out) == ["suggestions"] and len(out["suggestions"]) == 5
    assert set(out["suggestions"][0]) == {"level1", "level2", "name", "typical_value", "support", "score"}
    cost = next(s for s in out["suggestions"] if s["name"] == "工程总成本")
    assert cost["level2"] == "经济成本指标"
    duty = {"name": "水质监测", "kind": "department", "top": 3}
    out = client.post("/api/library/suggestions", duty, content_type="application/json").json()
    assert out["suggestions"][0]["name"] == "水质检测次数"
    assert (
        client.post("/api/library/suggestions", {"top": 0}, content_type="application/json").status_code
        == 422
    )


def test_curation_by_a_finance_admin_audited_and_refused_to_others(world, client):
    imported(world)
    merge = {"action": "merge", "name": "群众满意度", "other": "水质达标率"}
    r = client.post(
        "/api/library/curation", merge, content_type="application/json", **bearer(world.other_finance)
    )
    assert r.status_code == 201, r.content
    out = r.json()
    assert out["created_by"] == "other_finance" and set(out["cluster"]["names"]) == {
        "群众满意度",
        "水质达标率",
    }
    assert AuditEvent.objects.filter(verb="curate", ok=True, via="api").count() == 1
    mark = {"action": "mark", "name": "群众满意度", "text": "共性"}
    r = client.post("/api/library/curation", mark, content_type="application/json", **bearer(world.editor_a1))
    assert r.status_code == 403
    assert client.post("/api/library/curation", mark, content_type="application/json").status_code == 401
    bad = {"action": "mark", "name": "群众满意度", "text": "很重要"}
    r = client.post("/api/library/curation", bad, content_type="application/json", **bearer(world.admin))
    assert r.status_code == 400 and "共性" in r.json()["detail"]
    assert CurationFact.objects.count() == 1
    listed = client.get("/api/library/curation", **bearer(world.editor_a1)).json()
    assert [f["action"] for f in listed] == ["merge"]
    assert client.get("/api/library/curation").status_code == 403
    found = client.get("/api/library/clusters", {"q": "水质达标率"}).json()
    assert {n for n, _ in found[0]["names"]} == {"群众满意度", "水质达标率"}


def test_the_commands_use_the_web_database_without_a_library_file(world):
    from jixiao.cli import app

    imported(world)
    runner = CliRunner()
    out = runner.invoke(app, ["recommend", "--name", "农村饮水安全工程", "--top", "3", "--format", "json"])
    assert out.exit_code == 0, out.output
    suggestions = json.loads(out.stdout)["suggestions"]
    assert len(suggestions) == 3 and {"name", "typical_value", "support"} <= set(suggestions[0])
    shown = runner.invoke(app, ["library", "show", "--query", "满意度"])
    assert shown.exit_code == 0 and "指标库 网站数据库" in shown.stdout and "群众满意度" in shown.stdout
