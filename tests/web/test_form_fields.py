"""The fields of real project forms through the web system: 长期目标, 实施期限, 项目类型, 是否新增项目, 分配方式,
政策依据, 测算依据, 项目总金额（中期规划） and each indicator's 评（扣）分标准 — imported, compiled, merged,
compared between rounds, copied, shown, served by the API, exported and loaded from the template."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from jixiao.web.actions.imports import do_import_document
from jixiao.web.actions.projects import do_copy_project, do_create_project, do_save_project
from jixiao.web.audit.models import AuditEvent
from jixiao.web.publishing.document import region_document
from jixiao.web.targets.diff import diff_snapshots
from jixiao.web.targets.models import Project
from jixiao.web.targets.snapshot import snapshot
from tests.web.conftest import sample_draft
from tests.web.documents import form_document, stored_form
from tests.web.test_api import bearer
from tests.web.test_views import grid_post, loaded_base, login

FORM = {
    "long_term_goal": "三年内完成全部校舍安全改造",
    "period": "2024年-2026年",
    "project_type": "15 其他经费",
    "allocation": "项目法",
    "policy_basis": "《中小学校舍安全工程实施方案》",
    "calculation_basis": "6栋×20万元",
}
LABELS = (
    "长期目标",
    "实施期限",
    "项目类型",
    "是否新增项目",
    "分配方式",
    "政策依据",
    "测算依据",
    "项目总金额（中期规划，万元）",
    "评（扣）分标准",
)


def form_draft(**changes: Any) -> Any:
    draft = sample_draft(**{**FORM, "is_new": True, "funds_midterm": Decimal("360"), **changes})
    draft.indicators[0].scoring = "每少1栋扣2分"
    return draft


def fresh(project: Any) -> Any:
    return (
        Project.objects.prefetch_related("indicators").select_related("department", "unit").get(pk=project.pk)
    )


def test_import_stores_them_and_the_export_conversion_gives_them_back(world):
    doc = form_document()
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=doc)
    stored = Project.objects.get(name=doc.projects[0].name)
    assert (stored.period, stored.is_new, stored.funds_midterm, stored.allocation) == (
        "2023年-2025年",
        False,
        Decimal("3900"),
        "因素法",
    )
    assert stored.live_indicators()[0].scoring == "达到12000人得满分，每少1000人扣1分"
    other = Project.objects.get(name=doc.projects[1].name)
    assert (other.period, other.is_new, other.funds_midterm) == ("", None, None)
    # what `jixiao export --db`, the stored review and the template's pre-fill read
    assert region_document(world.region, 2022).projects == stored_form(doc).projects


def test_stored_targets_publish_them_and_read_back(world):
    """`jixiao export --db` and the 公开文档 page draw stored targets with the publish writers."""
    from jixiao.ingest.html import read_html
    from jixiao.publish import document, html

    doc = form_document()
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=doc)
    stored = region_document(world.region, 2022)
    back = read_html(html.write(document.build(stored)), "out.html")
    assert back.projects == document.carried(stored, back.source).projects
    assert back.projects[0].period == "2023年-2025年" and back.projects[0].indicators[0].scoring


def test_create_save_and_audit_keep_them(world):
    project = do_create_project(
        acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=form_draft()
    )
    p = fresh(project)
    assert {k: getattr(p, k) for k in FORM} == FORM
    assert (p.is_new, p.funds_midterm, p.live_indicators()[0].scoring) == (
        True,
        Decimal("360"),
        "每少1栋扣2分",
    )
    draft = form_draft(period="2024年-2027年", is_new=False)
    for ind, row in zip(draft.indicators, p.live_indicators(), strict=True):
        ind.id = row.pk
    draft.indicators[0].scoring = "每少1栋扣3分"
    do_save_project(acting_user=world.editor_a1, project=p, draft=draft, expected_version=1)
    event = AuditEvent.objects.get(project=project, verb="edit")
    assert (event.detail["before"]["period"], event.detail["after"]["period"]) == (
        "2024年-2026年",
        "2024年-2027年",
    )
    assert event.detail["after"]["is_new"] is False and event.detail["changed_fields"] == 2
    assert event.detail["after"]["indicators"][0]["scoring"] == "每少1栋扣3分"


def test_round_differences_name_them_in_chinese(world):
    project = do_create_project(
        acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=form_draft()
    )
    before = snapshot(fresh(project))
    draft = form_draft(is_new=False, funds_midterm=Decimal("400"), policy_basis="")
    for ind, row in zip(draft.indicators, fresh(project).live_indicators(), strict=True):
        ind.id = row.pk
    draft.indicators[0].scoring = "每少1栋扣3分"
    do_save_project(acting_user=world.editor_a1, project=project, draft=draft, expected_version=1)
    diff = diff_snapshots(before, snapshot(fresh(project)))
    fields = {c.label: (c.before, c.after) for c in diff.fields}
    assert fields["是否新增项目"] == ("是", "否")
    assert fields["政策依据"] == ("《中小学校舍安全工程实施方案》", "")
    assert "中期资金总额 400" in fields["资金"][1]
    (changed,) = diff.indicators
    assert [(c.label, c.before, c.after) for c in changed.changes] == [
        ("评（扣）分标准", "每少1栋扣2分", "每少1栋扣3分")
    ]


def test_copy_to_next_year_copies_them(world):
    project = do_create_project(
        acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=form_draft()
    )
    copy = fresh(do_copy_project(acting_user=world.editor_a1, source=fresh(project), year=2025))
    assert {k: getattr(copy, k) for k in FORM} == FORM
    assert (copy.is_new, copy.funds_midterm, copy.live_indicators()[0].scoring) == (
        True,
        Decimal("360"),
        "每少1栋扣2分",
    )


ROW = {
    "position": "1",
    "level2": "数量指标",
    "name": "受益人口",
    "value": "≥12000人",
    "scoring": "每少1000人扣1分",
}


def test_the_compile_form_shows_saves_and_reloads_them(world, client):
    login(client, world.editor_a1)
    page = client.get("/work/projects/new/?year=2024").content.decode()
    assert all(label in page for label in LABELS)
    assert '<option value="是">是</option>' in page and '<option value="否">否</option>' in page
    response = client.post("/work/projects/new/", grid_post([ROW], **FORM, is_new="否", funds_midterm="300"))
    assert response.status_code == 302
    p = Project.objects.get(name="城乡供水一体化")
    assert {k: getattr(p, k) for k in FORM} == FORM
    assert (p.is_new, p.funds_midterm, p.live_indicators()[0].scoring) == (
        False,
        Decimal("300"),
        "每少1000人扣1分",
    )
    edit = client.get(f"/work/projects/{p.pk}/edit/").content.decode()
    assert 'value="2024年-2026年"' in edit and '<option value="否" selected>否</option>' in edit
    assert 'value="300"' in edit and 'value="每少1000人扣1分"' in edit


def test_the_form_refuses_an_unreadable_yes_no_or_amount(world, client):
    login(client, world.editor_a1)
    response = client.post("/work/projects/new/", grid_post([ROW], is_new="也许", funds_midterm="三千"))
    page = response.content.decode()
    assert response.status_code == 200 and not Project.objects.exists()
    assert 'id="id_is_new_error"' in page and 'id="id_funds_midterm_error"' in page


def test_a_stale_save_merges_them_field_by_field(world, client):
    project = do_create_project(
        acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=form_draft()
    )
    rows = [
        {
            "id": str(i.pk),
            "position": str(n),
            "level2": i.level2,
            "name": i.name,
            "value": i.value_raw,
            "scoring": i.scoring,
        }
        for n, i in enumerate(fresh(project).live_indicators(), 1)
    ]
    fields = {**FORM, "is_new": "是", "funds_midterm": "360", "name": project.name}
    alice, bob = login(Client(), world.editor_a1), login(Client(), world.editor_a1)
    url = f"/work/projects/{project.pk}/edit/"
    alice_base, bob_base = (loaded_base(c.get(url).content.decode()) for c in (alice, bob))
    rows_a = [dict(r) for r in rows]
    rows_a[0]["scoring"] = "每少1栋扣5分"
    posted = grid_post(rows_a, **{**fields, "period": "2024年-2028年"}, version="1", merge_base=alice_base)
    assert alice.post(url, posted).status_code == 302
    page = bob.post(url, grid_post(rows, **{**fields, "is_new": "否"}, version="1", merge_base=bob_base))
    page = page.content.decode()
    taken = page[page.index('id="merge-taken"') : page.index('<form method="post" novalidate>')]
    assert "实施期限" in taken and "2024年-2028年" in taken and "评（扣）分标准" in taken
    assert 'value="2024年-2028年"' in page and 'value="每少1栋扣5分"' in page  # Alice's, merged in
    assert '<option value="否" selected>否</option>' in page  # Bob's own, kept
    again = grid_post([], version="2", merge_base=loaded_base(page))
    again.update({k: v for k, v in _form_values(page).items()})
    assert bob.post(url, again).status_code == 302
    saved = fresh(project)
    assert (saved.period, saved.is_new, saved.live_indicators()[0].scoring) == (
        "2024年-2028年",
        False,
        "每少1栋扣5分",
    )


def _form_values(page: str) -> dict[str, str]:
    """The values a browser would post back from the merged form (inputs, selected options, textareas)."""
    import html
    import re

    values = {
        m[0]: html.unescape(m[1])
        for m in re.findall(r'<input type="(?:text|number|hidden)" name="([^"]+)"[^>]*?value="([^"]*)"', page)
    }
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        values[name] = html.unescape(chosen[1]) if chosen else ""
    for name, body in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        values[name] = html.unescape(body.strip("\n"))
    values.pop("csrfmiddlewaretoken", None)
    return values


def test_the_public_page_shows_them_only_when_present(world, client):
    doc = form_document()
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=doc)
    with_fields = Project.objects.get(name=doc.projects[0].name)
    page = client.get(f"/p/{with_fields.pk}/").content.decode()
    for text in (
        "实施期限",
        "2023年-2025年",
        "是否新增项目",
        "否",
        "项目总金额（中期规划，万元）",
        "3900",
        "政策依据",
        "测算依据",
        "长期目标",
        "评（扣）分标准：达到12000人得满分",
    ):
        assert text in page, text
    without = client.get(f"/p/{Project.objects.get(name=doc.projects[1].name).pk}/").content.decode()
    assert not any(label in without for label in LABELS)


def test_the_api_reads_and_writes_them(world, client):
    body = {
        "year": 2024,
        "name": "API 项目",
        "funds_total": "10",
        "funds_fiscal": "10",
        "funds_other": "0",
        **FORM,
        "is_new": True,
        "funds_midterm": "30",
        "indicators": [
            {"level2": "数量指标", "name": "培训人次", "value": "≥300人次", "scoring": "每少10人次扣1分"}
        ],
    }
    auth = bearer(world.editor_a1)
    created = client.post("/api/projects", body, content_type="application/json", **auth)
    assert created.status_code == 201, created.content
    data = created.json()
    assert {k: data[k] for k in FORM} == FORM
    assert (data["is_new"], data["funds_midterm"], data["indicators"][0]["scoring"]) == (
        True,
        30.0,
        "每少10人次扣1分",
    )
    update = {**body, "version": 1, "is_new": None, "period": "2024年"}
    del update["year"]
    saved = client.put(f"/api/projects/{data['id']}", update, content_type="application/json", **auth).json()
    assert (saved["is_new"], saved["period"]) == (None, "2024年")
    assert client.get(f"/api/projects/{data['id']}", **auth).json()["period"] == "2024年"
    bad = client.post(
        "/api/projects", {**body, "funds_midterm": "-1"}, content_type="application/json", **auth
    )
    assert bad.status_code == 422


def test_the_openapi_schema_describes_them(client):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    for shape in ("ProjectOut", "ProjectCreate", "ProjectUpdate"):
        assert {*FORM, "is_new", "funds_midterm"} <= set(schemas[shape]["properties"]), shape
    assert (
        "scoring" in schemas["IndicatorIn"]["properties"]
        and "scoring" in schemas["IndicatorOut"]["properties"]
    )


def test_a_filled_template_loads_them_into_the_draft(world):
    from jixiao.web.actions.templates import do_load_template
    from jixiao.web.publishing.upload import plan_template
    from tests.web.test_publishing_template import filled, school_project

    p = school_project()
    p = dataclasses.replace(
        p,
        period="2024年",
        is_new=True,
        policy_basis="《实验室建设标准》",
        funds=dataclasses.replace(p.funds, midterm=240.0),
        indicators=(dataclasses.replace(p.indicators[0], scoring="每少1个扣2分"), *p.indicators[1:]),
    )
    plan = plan_template(filled(p), "第一中学.xlsx", world.unit_a1)
    assert not plan.errors, plan.errors
    (stored,) = do_load_template(acting_user=world.editor_a1, unit=world.unit_a1, plan=plan, previewed={})
    stored = fresh(stored)
    assert (stored.period, stored.is_new, stored.policy_basis, stored.funds_midterm) == (
        "2024年",
        True,
        "《实验室建设标准》",
        Decimal("240"),
    )
    assert stored.live_indicators()[0].scoring == "每少1个扣2分"


@pytest.mark.parametrize(
    "cell,value,message", [("I4", "可能", "是否新增项目 '可能'"), ("I7", "三千", "'三千' 不是有效数值")]
)
def test_a_bad_template_cell_is_named_and_nothing_loads(world, cell, value, message):
    from jixiao.web.publishing.upload import plan_template
    from tests.web.test_publishing_template import filled, school_project

    def edit(wb: Any) -> None:
        wb["项目1"][cell] = value

    plan = plan_template(filled(school_project(), edit=edit), "第一中学.xlsx", world.unit_a1)
    assert any(str(e).startswith(f"项目1!{cell}: ") and message in str(e) for e in plan.errors)
