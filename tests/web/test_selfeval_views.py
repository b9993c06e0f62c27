"""绩效自评 pages as each person uses them: opening a round, the unit's form (the live score, a qualitative
score outside its range refused with the range), the review page with finance's 复核, the results page with
its grade counts, warnings and scatter, and the portal's published result beside the project."""

from __future__ import annotations

from typing import Any

from jixiao.web.actions.review import do_transition
from jixiao.web.actions.selfeval import do_open_selfeval
from jixiao.web.selfeval.models import SelfEvaluation
from tests.web.conftest import DUE, approve
from tests.web.test_selfeval import BEHIND, approved_sheet, report, save, sheet_of
from tests.web.test_views import login


def form_post(sheet: SelfEvaluation, executed: str = "108", **by_name: Any) -> dict:
    rows = list(sheet.indicators.filter(archived=False).order_by("position"))
    data: dict[str, Any] = {
        "planned": "120",
        "executed": executed,
        "goal_result": "完成 5 栋",
        "version": str(sheet.version),
        "ind-TOTAL_FORMS": str(len(rows)),
        "ind-INITIAL_FORMS": str(len(rows)),
    }
    for n, row in enumerate(rows):
        data[f"ind-{n}-id"] = str(row.pk)
        for key, value in by_name.get(row.name, {}).items():
            data[f"ind-{n}-{key}"] = value
    return data


def opened(world, draft_project) -> SelfEvaluation:
    approve(world, draft_project)
    return sheet_of(do_open_selfeval(acting_user=world.admin, region=world.region, year=2024, due_date=DUE))


def test_finance_admin_opens_a_round_from_the_list(world, client, draft_project):
    approve(world, draft_project)
    login(client, world.admin)
    assert 'id="open-selfeval"' in client.get("/work/selfeval/").content.decode()
    done = client.post("/work/selfeval/rounds/new/", {"year": "2024", "due_date": "2025-01-31"}, follow=True)
    assert "已发起临淄区 2024年度绩效自评：1 张绩效自评表" in done.content.decode()


def test_the_form_scores_live_and_refuses_a_score_outside_its_range(world, client, draft_project):
    sheet = opened(world, draft_project)
    sheet.indicators.filter(name="师生满意度").update(target="满意度较高")
    login(client, world.editor_a1)
    page = client.get(f"/work/selfeval/records/{sheet.pk}/edit/").content.decode()
    assert 'hx-post="/work/selfeval/records/' in page and "得分随输入即时计算" in page
    live = {**BEHIND, "师生满意度": {"status": "部分达成", "own_score": "13"}}
    panel = client.post(f"/work/selfeval/records/{sheet.pk}/score/", form_post(sheet, **live))
    text = panel.content.decode()
    assert "得分须在 9.00 至 12.00 分之间（不含 12.00）" in text and 'id="score-' in text
    assert SelfEvaluation.objects.get(pk=sheet.pk).version == 1  # nothing saved
    refused = client.post(f"/work/selfeval/records/{sheet.pk}/edit/", form_post(sheet, **live))
    assert "得分须在 9.00 至 12.00 分之间" in refused.content.decode()
    fine = {**BEHIND, "师生满意度": {"status": "部分达成", "own_score": "10.5", "causes": "其他"}}
    saved = client.post(f"/work/selfeval/records/{sheet.pk}/edit/", form_post(sheet, **fine), follow=True)
    assert "已保存" in saved.content.decode()
    # 31.25 + 37.5 + 10.5 + 9 = 88.25 → 良
    assert SelfEvaluation.objects.get(pk=sheet.pk).total == 88.25


def test_finance_rescores_on_the_review_page_and_the_results_count_it(world, client, draft_project):
    sheet = opened(world, draft_project)
    sheet = save(world, sheet, report(sheet, **BEHIND))
    sheet = do_transition(acting_user=world.editor_a1, target=sheet, verb="submit")
    sheet = do_transition(acting_user=world.reviewer_a, target=sheet, verb="dept_pass")
    login(client, world.finance)
    page = client.get(f"/work/selfeval/records/{sheet.pk}/").content.decode()
    assert 'id="rescore"' in page and "财政审核通过" in page and "审核等级" not in page
    row = sheet.indicators.get(name="单栋改造成本")
    missing = client.post(
        f"/work/selfeval/records/{sheet.pk}/rescore/",
        {"item": row.pk, "score": "27.5", "reason": ""},
        follow=True,
    )
    assert "调整得分须填写理由" in missing.content.decode()
    done = client.post(
        f"/work/selfeval/records/{sheet.pk}/rescore/",
        {"item": row.pk, "score": "27.5", "reason": "成本核算有误"},
        follow=True,
    ).content.decode()
    assert "财政复核：成本核算有误" in done and "82.75" in done and "经财政复核调整" in done
    results = client.get(f"/work/selfeval/rounds/{sheet.selfeval_round_id}/").content.decode()
    assert 'id="score-chart"' in results and 'data-grade="良"' in results and "区教育局" in results


def test_the_portal_shows_a_published_result_beside_the_project(world, client, draft_project):
    sheet = approved_sheet(world, opened(world, draft_project).selfeval_round)
    project = draft_project
    do_transition(acting_user=world.admin, target=type(project).objects.get(pk=project.pk), verb="publish")
    assert "绩效自评结果" not in client.get(f"/p/{project.pk}/").content.decode()
    login(client, world.admin)
    client.post(f"/work/selfeval/rounds/{sheet.selfeval_round_id}/publish/")
    client.logout()
    page = client.get(f"/p/{project.pk}/").content.decode()
    assert "2024 年度绩效自评结果" in page and "92.75" in page


def test_the_compile_page_shows_last_years_grade_and_open_rectification(world, client, draft_project):
    from jixiao.web.actions.projects import do_copy_project

    sheet = approved_sheet(world, opened(world, draft_project).selfeval_round)
    login(client, world.finance)
    page = client.get(f"/work/selfeval/records/{sheet.pk}/").content.decode()
    assert 'id="rectify-form"' in page
    made = client.post(
        f"/work/selfeval/records/{sheet.pk}/rectify/",
        {"text": "补齐改造验收资料", "due_date": "2025-06-30"},
        follow=True,
    )
    assert "已提出 1 项整改事项" in made.content.decode()
    copied = do_copy_project(acting_user=world.editor_a1, source=draft_project, year=2025)
    login(client, world.editor_a1)
    compile_page = client.get(f"/work/projects/{copied.pk}/edit/").content.decode()
    assert 'id="last-year"' in compile_page and "92.75" in compile_page and "补齐改造验收资料" in compile_page
    mine = client.get("/work/selfeval/").content.decode()
    assert "补齐改造验收资料" in mine and "报告完成" in mine


def test_a_stale_save_comes_back_merged(world, client, draft_project):
    import re

    sheet = opened(world, draft_project)
    login(client, world.editor_a1)
    edit = f"/work/selfeval/records/{sheet.pk}/edit/"
    base = re.search(r'name="merge_base" value="([^"]+)"', client.get(edit).content.decode())[1]
    # Someone else saves first: the spending figure and one indicator.
    save(world, sheet, report(sheet, "108", **BEHIND))
    mine = form_post(sheet, "100", **{"师生满意度": {"actual": "97%", "measures": "加强宣传"}})
    page = client.post(edit, {**mine, "version": "1", "merge_base": base}).content.decode()
    assert 'id="stale"' in page and "第 2 版" in page
    assert 'id="merge-conflicts"' in page and "执行数" in page  # both changed it
    assert 'id="merge-taken"' in page and "改造教学楼数量" in page  # only they did: merged in
    assert 'value="5栋"' in page and 'value="100"' in page and 'value="97%"' in page
    assert SelfEvaluation.objects.get(pk=sheet.pk).executed == 108
    # saving the merge again is deliberate: it goes in over version 2
    again = re.search(r'name="merge_base" value="([^"]+)"', page)[1]
    merged = form_post(SelfEvaluation.objects.get(pk=sheet.pk), "100", **BEHIND)
    assert client.post(edit, {**merged, "merge_base": again}).status_code == 302
    assert SelfEvaluation.objects.get(pk=sheet.pk).executed == 100
