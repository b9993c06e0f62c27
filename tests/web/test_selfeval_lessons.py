"""结果应用 carried by "copy last year" (issue 13 §4): a copy of a project whose self-evaluation was approved
carries the indicators that lost points with their 偏差原因 and 改进措施, and the 整改事项 still open, linked
to the source; the copy's audit row says what was carried; the compile and review pages show it read-only.
A project without a finished self-evaluation carries nothing."""

from __future__ import annotations

import pytest

from jixiao.web.actions.projects import do_copy_project
from jixiao.web.actions.review import do_transition
from jixiao.web.actions.selfeval import do_add_rectifications, do_finish_rectification, do_open_selfeval
from jixiao.web.audit.models import AuditEvent
from jixiao.web.selfeval.models import SelfEvaluation
from tests.web.conftest import DUE, approve
from tests.web.test_selfeval import report, save, sheet_of
from tests.web.test_views import login

FELL_SHORT = {
    "改造教学楼数量": {
        "actual": "3栋",
        "causes": ["经费保障"],
        "cause_note": "资金晚到",
        "measures": "提前下达资金，按月调度进度",
    },
    "单栋改造成本": {
        "actual": "30万元",
        "causes": ["其他"],
        "cause_note": "材料涨价",
        "measures": "严格按标准控制单栋成本",
    },
    "师生满意度": {"actual": "96%"},
}


@pytest.fixture
def poor_sheet(world, draft_project) -> SelfEvaluation:
    """The sample project's 2024 self-evaluation, graded 差 or 中, approved, with two 整改事项 (one done)."""
    approve(world, draft_project)
    round_ = do_open_selfeval(acting_user=world.admin, region=world.region, year=2024, due_date=DUE)
    sheet = save(world, sheet_of(round_), report(sheet_of(round_), "60", **FELL_SHORT))
    for who, verb in (
        (world.editor_a1, "submit"),
        (world.reviewer_a, "dept_pass"),
        (world.finance, "approve"),
    ):
        sheet = do_transition(acting_user=who, target=sheet, verb=verb)
    items = do_add_rectifications(
        acting_user=world.finance,
        target=sheet,
        due_date=DUE.replace(year=2025),
        items=[("加快施工进度", None), ("补充改造台账", None)],
    )
    do_finish_rectification(acting_user=world.editor_a1, item=items[1], note="台账已补齐")
    return sheet


def test_a_copy_carries_the_lost_points_with_causes_and_measures_and_the_open_items(world, poor_sheet):
    assert poor_sheet.result in ("差", "中")
    copy = do_copy_project(acting_user=world.editor_a1, source=poor_sheet.project, year=2025)

    lines = copy.lessons.splitlines()
    assert lines[0] == (
        f"2024年度绩效自评：总分 {poor_sheet.total:.2f}，等级 {poor_sheet.result}（{poor_sheet.consequence}）。"
    )
    assert lines[1] == "预算执行率 50.0%，得分 5.00 / 10.00。"
    assert lines[2] == "失分指标："
    quantity, cost = lines[3:]
    assert quantity.startswith("1. 数量指标 / 改造教学楼数量：年度指标值 ≥6栋，实际完成值 3栋，得分 ")
    assert quantity.endswith("偏差原因：经费保障；资金晚到；改进措施：提前下达资金，按月调度进度")
    assert cost.startswith("2. 经济成本指标 / 单栋改造成本：年度指标值 ≤20万元，实际完成值 30万元，")
    assert cost.endswith("偏差原因：其他；材料涨价；改进措施：严格按标准控制单栋成本")
    assert "师生满意度" not in copy.lessons  # full marks: nothing to learn

    carried = list(copy.carried_rectifications.all())
    assert [(i.text, i.record_id) for i in carried] == [("加快施工进度", poor_sheet.pk)]  # the source's row

    event = AuditEvent.objects.get(project=copy, verb="create")
    assert event.message == (
        "新建项目“校园安全设施改造项目”，带入上年度绩效自评的经验教训（2 项失分指标、1 项未完成的整改事项）"
    )
    assert event.detail == {
        "copied_from": poor_sheet.project_id,
        "lessons": {
            "selfeval": poor_sheet.pk,
            "total": poor_sheet.total,
            "grade": poor_sheet.result,
            "indicators": ["改造教学楼数量", "单栋改造成本"],
            "rectifications": [carried[0].pk],
        },
    }


def test_a_copy_of_a_project_without_a_finished_self_evaluation_carries_nothing(world, draft_project):
    approved = approve(world, draft_project)
    copy = do_copy_project(acting_user=world.editor_a1, source=approved, year=2025)
    assert copy.lessons == "" and not copy.carried_rectifications.exists()
    assert AuditEvent.objects.get(project=copy, verb="create").detail == {"copied_from": approved.pk}

    round_ = do_open_selfeval(acting_user=world.admin, region=world.region, year=2024, due_date=DUE)
    sheet = save(world, sheet_of(round_), report(sheet_of(round_), "60", **FELL_SHORT))
    do_transition(acting_user=world.editor_a1, target=sheet, verb="submit")  # under review: not yet a lesson
    again = do_copy_project(acting_user=world.editor_a1, source=approved, year=2026)
    assert again.lessons == "" and not again.carried_rectifications.exists()


def test_the_compile_and_review_pages_show_the_lessons_and_the_items_as_they_stand(world, client, poor_sheet):
    login(client, world.editor_a1)
    copied = client.post(f"/work/projects/{poor_sheet.project_id}/copy/", {"year": "2025"}, follow=True)
    text = copied.content.decode()
    assert "已复制为 2025 年度草稿，已带入上年度绩效自评的经验教训，请修改后保存。" in text
    assert 'id="lessons"' in text and "改进措施：提前下达资金，按月调度进度" in text
    assert "加快施工进度" in text and "补充改造台账" not in text  # done before the copy: not carried
    assert f'href="/work/selfeval/records/{poor_sheet.pk}/"' in text

    copy = poor_sheet.project.__class__.objects.get(year=2025)
    item = copy.carried_rectifications.get()
    do_finish_rectification(acting_user=world.editor_a1, item=item, note="已按月调度")
    copy = do_transition(acting_user=world.editor_a1, target=copy, verb="submit")
    copy = do_transition(acting_user=world.reviewer_a, target=copy, verb="dept_pass")
    login(client, world.finance)
    review = client.get(f"/work/projects/{copy.pk}/").content.decode()
    assert 'id="lessons"' in review and "偏差原因：经费保障；资金晚到" in review
    assert "加快施工进度" in review and "已整改" in review and "已按月调度" in review  # the source's state
    assert 'name="note"' not in review  # reported done on the self-evaluation, not here


def test_the_lessons_field_is_not_in_the_editors_form(world, client, poor_sheet):
    copy = do_copy_project(acting_user=world.editor_a1, source=poor_sheet.project, year=2025)
    login(client, world.editor_a1)
    page = client.get(f"/work/projects/{copy.pk}/edit/")
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    assert "lessons" not in data and 'name="lessons"' not in page.content.decode()
