"""The pages as a browser uses them: compile with the grid, review buttons, stale saves, refusals by URL."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from jixiao.web.audit.models import AuditEvent
from jixiao.web.targets.models import Project
from tests.web.conftest import PASSWORD


def login(client: Client, user: Any) -> Client:
    assert client.login(username=user.username, password=PASSWORD)
    return client


def grid_post(rows: list[dict[str, str]], **fields: str) -> dict[str, str]:
    data = {
        "name": "城乡供水一体化",
        "goal": "保障城乡居民饮水安全",
        "funds_total": "100",
        "funds_fiscal": "100",
        "funds_other": "0",
        "fund_type": "一般公共预算",
        "plan_6": "50",
        "plan_12": "100",
        "year": "2024",
        "ind-TOTAL_FORMS": str(len(rows)),
        "ind-INITIAL_FORMS": "0",
        "ind-MIN_NUM_FORMS": "0",
        "ind-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for n, row in enumerate(rows):
        for key, value in row.items():
            data[f"ind-{n}-{key}"] = value
    return data


ROWS = [
    {"position": "2", "level2": "数量指标", "name": "受益人口", "value": "≥12000人", "basis": "计划标准"},
    {"position": "1", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "≥95%"},
]


def test_editor_compiles_a_project_through_the_form(world, client):
    login(client, world.editor_a1)
    assert client.get("/work/projects/new/?year=2024").status_code == 200
    response = client.post("/work/projects/new/", grid_post(ROWS))
    assert response.status_code == 302
    project = Project.objects.get(name="城乡供水一体化")
    assert [i.name for i in project.live_indicators()] == ["群众满意度", "受益人口"]  # ordered by 序号
    assert project.spending_plan == [
        {"period": "6月底", "amount": 50.0},
        {"period": "12月底", "amount": 100.0},
    ]
    page = client.get(f"/work/projects/{project.pk}/").content.decode()
    assert "受益人口" in page and "报送审核" in page


def test_form_flags_an_unreadable_value_and_saves_nothing(world, client):
    login(client, world.editor_a1)
    rows = [dict(ROWS[0], value="达到95%，且不低于90%")]  # two values in one cell
    response = client.post("/work/projects/new/", grid_post(rows))
    assert response.status_code == 200
    assert "无法识别的指标值" in response.content.decode()
    assert not Project.objects.exists()


def test_value_check_says_how_a_value_was_understood(client):
    ok = client.get("/work/check-value/", {"ind-0-value": "≥95%"}).content.decode()
    assert "方向 ≥" in ok and "数值 95" in ok and "单位 %" in ok and "ok" in ok
    bad = client.get("/work/check-value/", {"ind-0-value": "≥abc9"}).content.decode()
    assert "无法识别" in bad and "bad" in bad
    warn = client.get("/work/check-value/", {"ind-3-value": "95%"}).content.decode()
    assert "未写比较方向" in warn


def test_indicator_row_adds_a_row_and_raises_the_total(world, client):
    login(client, world.editor_a1)
    html = client.get("/work/indicator-row/", {"n": "3", "framework": "2020"}).content.decode()
    assert 'name="ind-3-name"' in html and 'value="4"' in html and "hx-swap-oob" in html
    assert '<optgroup label="产出指标">' in html and "经济成本指标" not in html  # 2020 framework


def loaded_base(page: str) -> str:
    return re.search(r'name="merge_base" value="([^"]*)"', page).group(1)


def test_second_save_is_refused_and_comes_back_merged_field_by_field(world, client, draft_project):
    rows = [
        {"id": str(i.pk), "position": str(n), "level2": i.level2, "name": i.name, "value": i.value_raw}
        for n, i in enumerate(draft_project.live_indicators(), 1)
    ]
    alice, bob = login(Client(), world.editor_a1), login(Client(), world.editor_a1)
    url = f"/work/projects/{draft_project.pk}/edit/"
    alice_base = loaded_base(alice.get(url).content.decode())
    bob_base = loaded_base(bob.get(url).content.decode())
    rows_a = [dict(r) for r in rows]
    rows_a[0]["value"] = "≥7栋"
    posted = grid_post(rows_a, name="A 的修改", version="1", merge_base=alice_base)
    assert alice.post(url, posted).status_code == 302
    rows_b = [dict(r) for r in rows]
    rows_b[2]["value"] = "≥99%"
    response = bob.post(url, grid_post(rows_b, name="B 的修改", version="1", merge_base=bob_base))
    page = response.content.decode()
    assert response.status_code == 200 and "其他人已保存" in page
    saved = Project.objects.get(pk=draft_project.pk)
    assert saved.name == "A 的修改" and saved.live_indicators()[0].value_raw == "≥7栋"  # nothing overwritten
    conflicts = page[page.index('id="merge-conflicts"') : page.index('id="merge-taken"')]
    assert "A 的修改" in conflicts and "B 的修改" in conflicts  # both renamed: Bob chooses
    taken = page[page.index('id="merge-taken"') : page.index('<form method="post" novalidate>')]
    assert "≥7栋" in taken and "≥99%" not in taken  # Alice's value merged in, Bob's own kept quietly
    assert 'name="ind-0-value" id="id_ind-0-value" value="≥7栋"' in page
    assert 'name="ind-2-value" id="id_ind-2-value" value="≥99%"' in page
    assert 'name="version" value="2"' in page  # saving now is a deliberate save over version 2
    again = grid_post(rows_b, name="B 的修改", version="2", merge_base=loaded_base(page))
    again["ind-0-value"] = "≥7栋"
    assert bob.post(url, again).status_code == 302
    merged = Project.objects.get(pk=draft_project.pk)
    assert [i.value_raw for i in merged.live_indicators()] == ["≥7栋", "≤20万元", "≥99%"]


def test_a_stale_save_without_the_loaded_version_shows_every_difference_as_a_conflict(
    world, client, draft_project
):
    login(client, world.editor_a1)
    url = f"/work/projects/{draft_project.pk}/edit/"
    rows = [
        {"id": str(i.pk), "position": str(n), "level2": i.level2, "name": i.name, "value": i.value_raw}
        for n, i in enumerate(draft_project.live_indicators(), 1)
    ]
    assert client.post(url, grid_post(rows, name="先保存", version="1")).status_code == 302
    page = client.post(url, grid_post(rows, name="后保存", version="1", merge_base="forged")).content.decode()
    conflicts = page[page.index('id="merge-conflicts"') : page.index("</table>", page.index('id="merge-conflicts"'))]
    assert "先保存" in conflicts and "后保存" in conflicts
    assert Project.objects.get(pk=draft_project.pk).name == "先保存"


def test_other_unit_reading_or_editing_by_url_is_refused_and_logged(world, client, draft_project):
    login(client, world.editor_a2)
    for url in (f"/work/projects/{draft_project.pk}/", f"/work/projects/{draft_project.pk}/edit/"):
        assert client.get(url).status_code == 403
    response = client.post(f"/work/projects/{draft_project.pk}/edit/", grid_post(ROWS, version="1"))
    assert response.status_code == 403
    assert AuditEvent.objects.filter(actor=world.editor_a2, ok=False, project=draft_project).count() == 3
    assert Project.objects.get(pk=draft_project.pk).name == "校园安全设施改造项目"


def test_review_buttons_comment_and_diff_pages(world, client, draft_project):
    login(client, world.editor_a1)
    url = f"/work/projects/{draft_project.pk}/"
    client.post(url + "transition/", {"verb": "submit", "version": "1"})
    reviewer = login(Client(), world.reviewer_a)
    reviewer.post(url + "transition/", {"verb": "dept_pass"})
    finance = login(Client(), world.finance)
    indicator = draft_project.live_indicators()[0]
    finance.post(url + "comment/", {"item": str(indicator.pk), "text": "栋数偏少"})
    finance.post(url + "transition/", {"verb": "return", "grade": "中", "opinion": "请修改"})
    assert Project.objects.get(pk=draft_project.pk).state == "returned"
    edit = client.get(url + "edit/").content.decode()
    assert "栋数偏少" in edit and "请修改" in edit  # comments beside the fields
    rows = [
        {"id": str(i.pk), "position": str(n), "level2": i.level2, "name": i.name, "value": i.value_raw}
        for n, i in enumerate(draft_project.live_indicators(), 1)
    ]
    rows[0]["value"] = "≥9栋"
    version = str(Project.objects.get(pk=draft_project.pk).version)
    assert (
        client.post(url + "edit/", grid_post(rows, name="校园安全设施改造项目", version=version)).status_code
        == 302
    )
    client.post(url + "transition/", {"verb": "submit"})
    reviewer.post(url + "transition/", {"verb": "dept_pass"})
    page = finance.get(url).content.decode()
    assert "轮次差异" in page and "≥6栋" in page and "≥9栋" in page
    response = finance.post(url + "transition/", {"verb": "approve", "grade": "中"}, follow=True)
    assert "不能批复" in response.content.decode()
    finance.post(url + "transition/", {"verb": "approve", "grade": "优"})
    assert Project.objects.get(pk=draft_project.pk).state == "approved"


@pytest.mark.parametrize("who", [None, "editor_a1", "reviewer_a", "finance"])
def test_only_finance_admin_opens_import(world, client, who):
    if who:
        login(client, getattr(world, who))
    response = client.get("/work/import/")
    assert response.status_code == (302 if who is None else 403)


def test_import_preview_then_load_a_sample(world, client):
    from importlib import resources

    pytest.importorskip("jixiao.ingest")
    login(client, world.admin)
    data = (resources.files("jixiao") / "data" / "samples" / "zichuan-2023.txt").read_bytes()
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("zichuan-2023.txt", data, content_type="text/plain")
    preview = client.post("/work/import/", {"region": world.region.pk, "year": "", "file": upload})
    page = preview.content.decode()
    assert "预览" in page and "2023 年度" in page and "确认导入" in page and not Project.objects.exists()
    client.post("/work/import/", {"confirm": "1"})
    assert Project.objects.filter(region=world.region, year=2023, state="published").count() == 8


def test_portal_shows_only_published_and_finds_by_indicator_keyword(world, client, draft_project):
    from jixiao.web.actions.imports import do_import_document
    from tests.web.documents import small_document

    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=small_document())
    page = client.get("/", {"q": "水质达标"}).content.decode()
    assert "农村饮水安全工程1" in page and "中小学校舍维修2" in page and draft_project.name not in page
    assert client.get(f"/p/{draft_project.pk}/").status_code == 404
    published = Project.objects.get(name="农村饮水安全工程1")
    detail = client.get(f"/p/{published.pk}/").content.decode()
    assert "项目支出绩效目标表" in detail and "≥98%" in detail and "区水利事业服务中心" in detail
    dept = client.get("/departments/").content.decode()
    assert "区水利局" in dept


def test_review_engine_findings_stand_beside_the_indicator_they_concern(world, client):
    from jixiao.web.actions.projects import do_create_project
    from jixiao.web.workflow.findings import review_project
    from tests.web.conftest import sample_draft

    draft = sample_draft()
    draft.indicators[1].value = "≥95%"  # a cost indicator that is not an amount
    project = do_create_project(acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=draft)
    cost = project.live_indicators()[1]
    review = review_project(Project.objects.prefetch_related("indicators").get(pk=project.pk))
    assert any("成本" in f.title for f in review.by_indicator.get(cost.pk, []))
    assert review.score is not None and review.score.grade in "优良中差"
    login(client, world.editor_a1)
    page = client.get(f"/work/projects/{project.pk}/").content.decode()
    after_row = page[page.index(f'id="ind-{cost.pk}"') :]
    next_row = after_row.index('<tr id="ind-', 1)
    assert "审核引擎" in after_row[:next_row]  # between this indicator's row and the next
