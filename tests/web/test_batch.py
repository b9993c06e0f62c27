"""Batch review moves: tick items in the queue, confirm once, and each item goes through the same action
as a single move, with its own audit row; items that cannot move are reported with the reason."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.web.actions import ActionError
from jixiao.web.actions.batch import Chosen, do_batch, parse_chosen
from jixiao.web.actions.projects import do_create_project
from jixiao.web.actions.review import do_transition
from jixiao.web.audit.models import AuditEvent
from jixiao.web.targets.models import Project
from jixiao.web.workflow.states import Awaiting, State
from tests.web.conftest import sample_draft

PROJECTS = Project.objects.all()


def _submitted(world, editor, unit, name: str, passed: bool = True) -> Project:
    p = do_create_project(acting_user=editor, unit=unit, year=2024, draft=sample_draft(name=name))
    p = do_transition(acting_user=editor, target=p, verb="submit")
    if passed:
        reviewer = world.reviewer_a if unit.department_id == world.dept_a.pk else world.reviewer_b
        p = do_transition(acting_user=reviewer, target=p, verb="dept_pass")
    return p


@pytest.fixture
def three(world):
    """Three projects awaiting finance, from two departments."""
    return [
        _submitted(world, world.editor_a1, world.unit_a1, "校园安全设施改造项目"),
        _submitted(world, world.editor_a2, world.unit_a2, "课后服务补助项目"),
        _submitted(world, world.editor_b1, world.unit_b1, "基层医疗设备购置项目"),
    ]


def _chosen(projects) -> list[Chosen]:
    return [Chosen(p.pk, p.version) for p in projects]


def test_a_batch_approval_moves_each_item_by_the_single_action_with_its_own_audit_row(world, three):
    batch = do_batch(
        acting_user=world.finance, rows=PROJECTS, action="pass", chosen=_chosen(three), grade="良"
    )
    assert len(batch.done) == 3 and not batch.failed
    for p in three:
        p.refresh_from_db()
        assert (p.state, p.grade, p.awaiting) == (State.APPROVED, "良", Awaiting.NOBODY)
        row = AuditEvent.objects.get(target_type="Project", target_id=p.pk, verb="approve")
        assert row.ok and row.actor == world.finance and "等级 良" in row.message


def test_the_department_passes_its_own_and_the_others_are_reported_and_refused_on_record(world):
    mine = _submitted(world, world.editor_a1, world.unit_a1, "甲", passed=False)
    theirs = _submitted(world, world.editor_b1, world.unit_b1, "乙", passed=False)
    batch = do_batch(
        acting_user=world.reviewer_a, rows=PROJECTS, action="pass", chosen=_chosen([mine, theirs])
    )
    assert [p.chosen.pk for p in batch.done] == [mine.pk]
    (failed,) = batch.failed
    assert failed.chosen.pk == theirs.pk and "无权查看" in failed.problem
    mine.refresh_from_db()
    assert mine.awaiting == Awaiting.FINANCE


def test_an_item_the_person_may_see_but_not_move_is_refused_and_the_refusal_recorded(world, three):
    approved = do_transition(acting_user=world.finance, target=three[0], verb="approve", grade="优")
    batch = do_batch(
        acting_user=world.finance, rows=PROJECTS, action="pass", chosen=_chosen([approved]), grade="良"
    )
    (failed,) = batch.failed
    assert "不允许" in failed.problem
    assert AuditEvent.objects.filter(target_id=approved.pk, verb="approve", ok=False).exists()


def test_an_item_changed_since_it_was_chosen_is_reported_not_moved(world, three):
    chosen = _chosen(three)
    do_transition(acting_user=world.finance, target=three[1], verb="approve", grade="优")  # someone else
    batch = do_batch(acting_user=world.admin, rows=PROJECTS, action="pass", chosen=chosen, grade="良")
    assert {p.chosen.pk for p in batch.done} == {three[0].pk, three[2].pk}
    (stale,) = batch.failed
    assert stale.chosen.pk == three[1].pk and "已被他人修改" in stale.problem
    three[1].refresh_from_db()
    assert three[1].grade == "优"  # the other person's decision stands


def test_a_return_without_an_opinion_moves_nothing(world, three):
    with pytest.raises(ActionError, match="退回时请填写审核意见"):
        do_batch(acting_user=world.finance, rows=PROJECTS, action="return", chosen=_chosen(three), grade="中")
    assert not Project.objects.filter(state=State.RETURNED).exists()
    batch = do_batch(
        acting_user=world.finance,
        rows=PROJECTS,
        action="return",
        chosen=_chosen(three),
        grade="中",
        opinion="请细化数量指标。",
    )
    assert len(batch.done) == 3
    assert Project.objects.filter(state=State.RETURNED).count() == 3


def test_batch_publishing_is_the_finance_admins(world, three):
    approved = do_batch(
        acting_user=world.finance, rows=PROJECTS, action="pass", chosen=_chosen(three), grade="优"
    )
    versions = _chosen([p.target for p in approved.done])
    assert (
        len(do_batch(acting_user=world.finance, rows=PROJECTS, action="publish", chosen=versions).failed) == 3
    )
    assert len(do_batch(acting_user=world.admin, rows=PROJECTS, action="publish", chosen=versions).done) == 3
    assert Project.objects.filter(state=State.PUBLISHED).count() == 3


def test_chosen_items_are_read_from_the_checkboxes():
    assert parse_chosen(["3:2", "x:1", "3:5", "4:", "7:1"]) == [Chosen(3, 2), Chosen(7, 1)]


def test_the_queue_confirms_once_then_reports_each_item(world, three):
    client = Client()
    client.force_login(world.finance)
    queue = client.get("/work/").content.decode()
    assert 'id="batch-pass"' in queue and 'id="batch-publish"' not in queue
    items = [f"{p.pk}:{p.version}" for p in three]
    confirm = client.post("/work/batch/", {"kind": "project", "action": "pass", "item": items})
    page = confirm.content.decode()
    assert confirm.status_code == 200 and 'id="batch-confirm"' in page and "确认批量通过（3 项）" in page
    assert not Project.objects.filter(state=State.APPROVED).exists()  # nothing moves before confirming
    again = client.post("/work/batch/", {"kind": "project", "action": "pass", "item": items, "step": "do"})
    assert 'id="batch-error"' in again.content.decode() and "请选择审核等级" in again.content.decode()
    done = client.post(
        "/work/batch/", {"kind": "project", "action": "pass", "item": items, "step": "do", "grade": "优"}
    )
    assert "已完成 3 项" in done.content.decode()
    assert Project.objects.filter(state=State.APPROVED).count() == 3


def test_a_unit_editor_gets_no_batch_buttons_and_an_empty_choice_is_a_chinese_error(world, three):
    client = Client()
    client.force_login(world.editor_a1)
    assert 'id="batch-pass"' not in client.get("/work/").content.decode()
    empty = client.post("/work/batch/", {"kind": "project", "action": "pass"})
    assert empty.status_code == 400 and "请先勾选" in empty.content.decode()
    assert client.post("/work/batch/", {"kind": "nothing", "action": "pass"}).status_code == 400


def test_the_buttons_follow_the_policy_per_role_and_kind(world):
    from jixiao.web.actions.batch import batch_actions_for
    from jixiao.web.policy import actor_of

    def names(user, kind):
        return [name for name, _ in batch_actions_for(actor_of(user), kind)]

    assert names(world.reviewer_a, "project") == ["pass", "return"]
    assert names(world.finance, "project") == ["pass", "return"]
    assert names(world.admin, "project") == ["pass", "return", "publish"]
    assert names(world.editor_a1, "project") == []
    assert names(world.reviewer_a, "department_target") == []  # it submits its own; finance reviews them
    assert names(world.admin, "department_target") == ["pass", "return", "publish"]


def test_finance_approves_department_targets_in_a_batch_from_their_list(world):
    from jixiao.web.actions.departments import do_create_department_target
    from jixiao.web.targets.models import DepartmentTarget
    from tests.web.conftest import sample_department_draft

    targets = []
    for reviewer, department in ((world.reviewer_a, world.dept_a), (world.reviewer_b, world.dept_b)):
        t = do_create_department_target(
            acting_user=reviewer, department=department, year=2024, draft=sample_department_draft()
        )
        targets.append(do_transition(acting_user=reviewer, target=t, verb="submit"))
    client = Client()
    client.force_login(world.finance)
    assert 'id="batch-pass"' in client.get("/work/departments/").content.decode()
    items = [f"{t.pk}:{t.version}" for t in targets]
    done = client.post(
        "/work/batch/",
        {"kind": "department_target", "action": "pass", "item": items, "step": "do", "grade": "优"},
    )
    assert "已完成 2 项" in done.content.decode()
    assert DepartmentTarget.objects.filter(state=State.APPROVED).count() == 2
    reviewer = Client()
    reviewer.force_login(world.reviewer_a)
    assert 'id="batch-pass"' not in reviewer.get("/work/departments/").content.decode()
