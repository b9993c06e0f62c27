"""结果应用 carried by "copy last year" for department targets (issue 13 §4), as for projects
(test_selfeval_lessons.py): a copy of a department target whose department-wide self-evaluation (部门整体支出
绩效自评表) was approved carries the annual indicators that lost points with their 偏差原因 and 改进措施, and
the 整改事项 still open, linked to the source; the copy's audit row says what was carried; the compile and
review pages show it read-only. A department target without a finished self-evaluation carries nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.web.actions.departments import do_copy_department_target, do_create_department_target
from jixiao.web.actions.review import do_transition
from jixiao.web.actions.selfeval import (
    do_add_rectifications,
    do_finish_rectification,
    do_open_selfeval,
    do_save_selfeval,
)
from jixiao.web.audit.models import AuditEvent
from jixiao.web.monitoring.draft import RecordDraft
from jixiao.web.selfeval.draft import ScoreDraft
from jixiao.web.selfeval.models import SelfEvaluation
from jixiao.web.targets.models import DepartmentTarget
from tests.web.conftest import DUE, sample_department_draft
from tests.web.test_views import login

FELL_SHORT = {
    "适龄儿童入学率": {
        "actual": "98%",
        "causes": ["其他"],
        "cause_note": "部分儿童随迁外地",
        "measures": "与流入地教育部门核对学籍",
    },
    "控辍保学劝返人数": {"actual": "20人"},
}


def approved_target(world, year: int = 2024) -> DepartmentTarget:
    """Department A's targets of ``year``, compiled by its reviewer and approved by finance."""
    target = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=year, draft=sample_department_draft()
    )
    target = do_transition(acting_user=world.reviewer_a, target=target, verb="submit")
    return do_transition(acting_user=world.finance, target=target, verb="approve", grade="良")


def filled(world, target: DepartmentTarget) -> SelfEvaluation:
    """The department's 2024 自评表, filled by its reviewer: 100 of 200 万元 spent, one indicator short."""
    round_ = do_open_selfeval(acting_user=world.admin, region=world.region, year=2024, due_date=DUE)
    sheet = round_.records.get(department_target=target)
    rows = sheet.indicators.filter(archived=False).order_by("position")
    draft = RecordDraft(
        goal_result="基本完成",
        planned=Decimal("200"),
        adjusted=Decimal("200"),
        executed=Decimal("100"),
        indicators=[ScoreDraft(id=r.pk, **FELL_SHORT.get(r.name, {})) for r in rows],
    )
    return do_save_selfeval(
        acting_user=world.reviewer_a, target=sheet, draft=draft, expected_version=sheet.version
    )


@pytest.fixture
def department_sheet(world) -> SelfEvaluation:
    """Department A's approved 2024 department-wide self-evaluation, with two 整改事项 (one done)."""
    sheet = filled(world, approved_target(world))
    sheet = do_transition(acting_user=world.reviewer_a, target=sheet, verb="submit")  # finance's turn at once
    sheet = do_transition(acting_user=world.finance, target=sheet, verb="approve")
    items = do_add_rectifications(
        acting_user=world.finance,
        target=sheet,
        due_date=DUE.replace(year=2025),
        items=[("加快预算执行", None), ("核对学籍台账", None)],
    )
    do_finish_rectification(acting_user=world.reviewer_a, item=items[1], note="台账已核对")
    return sheet


def test_a_copy_carries_the_lost_points_with_causes_and_measures_and_the_open_items(world, department_sheet):
    source = department_sheet.department_target
    copy = do_copy_department_target(acting_user=world.reviewer_a, source=source, year=2025)

    lines = copy.lessons.splitlines()
    total, grade = department_sheet.total, department_sheet.result
    assert lines[0] == f"2024年度绩效自评：总分 {total:.2f}，等级 {grade}（{department_sheet.consequence}）。"
    assert lines[1] == "预算执行率 50.0%，得分 5.00 / 10.00。"
    assert lines[2] == "失分指标："
    (short,) = lines[3:]
    assert short.startswith("1. 基础教育 / 适龄儿童入学率：年度指标值 =100%，实际完成值 98%，得分 ")
    assert short.endswith("偏差原因：其他；部分儿童随迁外地；改进措施：与流入地教育部门核对学籍")
    assert "控辍保学劝返人数" not in copy.lessons  # full marks: nothing to learn

    carried = list(copy.carried_rectifications.all())
    assert [(i.text, i.record_id) for i in carried] == [("加快预算执行", department_sheet.pk)]

    event = AuditEvent.objects.get(target_type="DepartmentTarget", target_id=copy.pk, verb="create")
    assert event.message == (
        "新建 2025 年度部门整体绩效目标，带入上年度绩效自评的经验教训（1 项失分指标、1 项未完成的整改事项）"
    )
    assert event.detail == {
        "copied_from": source.pk,
        "rows": 3,
        "lessons": {
            "selfeval": department_sheet.pk,
            "total": total,
            "grade": grade,
            "indicators": ["适龄儿童入学率"],
            "rectifications": [carried[0].pk],
        },
    }


def test_a_copy_without_a_finished_self_evaluation_carries_nothing(world):
    source = approved_target(world)
    copy = do_copy_department_target(acting_user=world.reviewer_a, source=source, year=2025)
    assert copy.lessons == "" and not copy.carried_rectifications.exists()
    event = AuditEvent.objects.get(target_type="DepartmentTarget", target_id=copy.pk, verb="create")
    assert event.detail == {"copied_from": source.pk, "rows": 3}

    sheet = filled(world, source)
    do_transition(acting_user=world.reviewer_a, target=sheet, verb="submit")  # under review: not yet a lesson
    again = do_copy_department_target(acting_user=world.reviewer_a, source=source, year=2026)
    assert again.lessons == "" and not again.carried_rectifications.exists()


def test_the_compile_and_review_pages_show_the_lessons_and_the_items_as_they_stand(
    world, client, department_sheet
):
    login(client, world.reviewer_a)
    copied = client.post("/work/departments/new/", {"year": "2025", "copy": "1"}, follow=True)
    text = copied.content.decode()
    assert "已复制 2024 年度目标为 2025 年度草稿，已带入上年度绩效自评的经验教训，请修改后保存。" in text
    assert 'id="lessons"' in text and "改进措施：与流入地教育部门核对学籍" in text
    assert "加快预算执行" in text and "核对学籍台账" not in text  # done before the copy: not carried
    assert f'href="/work/selfeval/records/{department_sheet.pk}/"' in text
    assert 'name="lessons"' not in text  # read-only: not a field of the form

    copy = DepartmentTarget.objects.get(department=world.dept_a, year=2025)
    item = copy.carried_rectifications.get()
    do_finish_rectification(acting_user=world.reviewer_a, item=item, note="已按月调度")
    do_transition(acting_user=world.reviewer_a, target=copy, verb="submit")
    login(client, world.finance)
    review = client.get(f"/work/departments/{copy.pk}/").content.decode()
    assert 'id="lessons"' in review and "偏差原因：其他；部分儿童随迁外地" in review
    assert "加快预算执行" in review and "已整改" in review and "已按月调度" in review  # the source's state
    assert 'name="note"' not in review  # reported done on the self-evaluation, not here


def test_a_target_copied_empty_shows_no_lessons(world, client, department_sheet):
    login(client, world.reviewer_a)
    client.post("/work/departments/new/", {"year": "2025"})  # new, not a copy
    target = DepartmentTarget.objects.get(department=world.dept_a, year=2025)
    assert (
        target.lessons == ""
        and 'id="lessons"' not in client.get(f"/work/departments/{target.pk}/edit/").content.decode()
    )
