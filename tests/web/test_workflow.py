"""The review cycle 二上二下 through the actions: who moves a project, what is kept per round."""

from __future__ import annotations

import pytest

from jixiao.web.actions import ActionError
from jixiao.web.actions.projects import do_save_project
from jixiao.web.actions.review import do_comment, do_transition
from jixiao.web.audit.models import AuditEvent
from jixiao.web.policy import Refused, allowed_transitions, can
from jixiao.web.targets.diff import diff_snapshots
from jixiao.web.targets.models import Project
from jixiao.web.workflow.models import Comment
from tests.web.conftest import sample_draft


def move(user, project, verb, **kw):
    return do_transition(acting_user=user, target=Project.objects.get(pk=project.pk), verb=verb, **kw)


def test_whole_cycle_two_up_two_down(world, draft_project):
    p = move(world.editor_a1, draft_project, "submit")
    assert (p.state, p.awaiting, p.round) == ("submitted", "department", 1)
    assert not can(world.finance, "view", p)  # the department reviews first
    p = move(world.reviewer_a, p, "dept_pass")
    assert (p.state, p.awaiting) == ("submitted", "finance")
    assert can(world.finance, "view", p)
    indicator = p.live_indicators()[0]
    do_comment(acting_user=world.finance, target=p, text="数量偏少，请核实", item=indicator)
    p = move(world.finance, p, "return", grade="中", opinion="请修改数量指标")
    assert (p.state, p.grade, p.awaiting) == ("returned", "中", "")

    draft = sample_draft()
    draft.indicators[0].value = "≥8栋"
    rows = p.live_indicators()
    for ind, row in zip(draft.indicators, rows, strict=True):
        ind.id = row.pk
    p = do_save_project(acting_user=world.editor_a1, project=p, draft=draft, expected_version=p.version)
    p = move(world.editor_a1, p, "submit")
    assert (p.state, p.round) == ("resubmitted", 2)
    p = move(world.reviewer_a, p, "dept_pass")
    versions = list(p.snapshots)
    diff = diff_snapshots(versions[0].snapshot, versions[1].snapshot)
    assert [(c.kind, c.name, c.changes[0].before, c.changes[0].after) for c in diff.indicators] == [
        ("changed", "改造教学楼数量", "≥6栋", "≥8栋")
    ]
    p = move(world.finance, p, "approve", grade="良")
    assert (p.state, p.grade) == ("approved", "良")
    p = move(world.admin, p, "publish")
    assert p.state == "published" and p.published_at is not None
    assert can(None, "view", p)
    verbs = list(AuditEvent.objects.filter(project=p, ok=True).order_by("id").values_list("verb", flat=True))
    assert verbs == [
        "create",
        "submit",
        "dept_pass",
        "comment",
        "return",
        "edit",
        "submit",
        "dept_pass",
        "approve",
        "publish",
    ]
    assert Comment.objects.filter(kind="project", object_id=p.pk).count() == 2


def test_finance_cannot_act_before_the_department(world, draft_project):
    move(world.editor_a1, draft_project, "submit")
    with pytest.raises(Refused):
        move(world.finance, draft_project, "approve", grade="优")


def test_other_department_reviewer_cannot_pass(world, draft_project):
    move(world.editor_a1, draft_project, "submit")
    with pytest.raises(Refused):
        move(world.reviewer_b, draft_project, "dept_pass")
    assert AuditEvent.objects.filter(actor=world.reviewer_b, ok=False).count() == 1


def test_grade_fair_or_poor_cannot_be_approved(world, draft_project):
    move(world.editor_a1, draft_project, "submit")
    move(world.reviewer_a, draft_project, "dept_pass")
    for grade in ("中", "差"):
        with pytest.raises(ActionError, match="不能批复"):
            move(world.finance, draft_project, "approve", grade=grade)
    with pytest.raises(ActionError, match="^请选择审核等级（优、良、中、差）。$"):
        move(world.finance, draft_project, "approve")
    with pytest.raises(ActionError, match="^退回时请填写审核意见。$"):
        move(world.finance, draft_project, "return", grade="差")
    assert Project.objects.get(pk=draft_project.pk).state == "submitted"


def test_submission_needs_goal_and_indicators(world):
    from jixiao.web.actions.projects import do_create_project

    p = do_create_project(
        acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=sample_draft(goal="", indicators=[])
    )
    with pytest.raises(ActionError, match="年度总体绩效目标、绩效指标"):
        move(world.editor_a1, p, "submit")


def test_adjustment_is_reviewed_again(world, draft_project):
    for user, verb, kw in (
        (world.editor_a1, "submit", {}),
        (world.reviewer_a, "dept_pass", {}),
        (world.finance, "approve", {"grade": "优"}),
        (world.admin, "publish", {}),
    ):
        move(user, draft_project, verb, **kw)
    p = move(world.editor_a1, draft_project, "adjust")
    assert p.state == "adjusting" and not can(None, "view", p)
    p = move(world.editor_a1, p, "submit")
    assert (p.state, p.awaiting, p.round) == ("adjust_submitted", "department", 2)
    p = move(world.reviewer_a, p, "dept_return", opinion="调整理由不充分")
    assert p.state == "adjusting"


def test_stale_transition_is_refused(world, draft_project):
    with pytest.raises(ActionError):
        move(world.editor_a1, draft_project, "submit", expected_version=0)
    assert Project.objects.get(pk=draft_project.pk).state == "draft"


def test_buttons_follow_role_and_state(world, draft_project):
    assert [t.verb for t in allowed_transitions(world.editor_a1, draft_project)] == ["submit"]
    assert allowed_transitions(world.reviewer_a, draft_project) == []
    p = move(world.editor_a1, draft_project, "submit")
    assert [t.verb for t in allowed_transitions(world.reviewer_a, p)] == ["dept_pass", "dept_return"]
    assert allowed_transitions(world.editor_a1, p) == []


def test_comment_on_indicator_of_other_project_is_refused(world, draft_project):
    from jixiao.web.actions.projects import do_create_project

    other = do_create_project(
        acting_user=world.editor_a2, unit=world.unit_a2, year=2024, draft=sample_draft()
    )
    submitted = move(world.editor_a1, draft_project, "submit")
    with pytest.raises(ActionError, match="不属于"):
        do_comment(acting_user=world.reviewer_a, target=submitted, text="x", item=other.live_indicators()[0])


def test_a_comment_keeps_its_author_role_round_and_indicator_and_is_on_record(world, draft_project):
    p = move(world.editor_a1, draft_project, "submit")
    indicator = p.live_indicators()[0]
    comment = do_comment(acting_user=world.reviewer_a, target=p, text="  请核实数量  ", item=indicator)
    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.kind, stored.object_id, stored.item_id, stored.author, stored.author_role) == (
        "project",
        p.pk,
        indicator.pk,
        world.reviewer_a,
        "department_reviewer",
    )
    assert (stored.round, stored.text) == (1, "请核实数量")
    event = AuditEvent.objects.get(verb="comment")
    assert (event.actor, event.project, event.message) == (
        world.reviewer_a,
        p,
        "对指标“改造教学楼数量”提出意见",
    )
    assert event.detail == {"comment": comment.pk, "item": indicator.pk, "text": "请核实数量", "round": 1}


def test_a_comment_on_the_whole_project_says_so_and_an_empty_one_is_refused(world, draft_project):
    p = move(world.editor_a1, draft_project, "submit")
    with pytest.raises(ActionError, match="^意见不能为空。$"):
        do_comment(acting_user=world.reviewer_a, target=p, text="  ")
    comment = do_comment(acting_user=world.reviewer_a, target=p, text="请补充测算依据")
    event = AuditEvent.objects.get(verb="comment")
    assert (event.message, event.detail["item"], comment.item_id) == ("对项目提出意见", None, None)


def test_each_move_is_on_record_with_its_states_grade_and_opinion(world, draft_project):
    move(world.editor_a1, draft_project, "submit")
    move(world.reviewer_a, draft_project, "dept_pass")
    p = move(world.finance, draft_project, "return", grade="中", opinion=" 请修改数量指标 ")
    event = AuditEvent.objects.get(verb="return")
    assert (event.actor, event.project) == (world.finance, p)
    assert event.message == "财政退回修改：一上 → 一下（等级 中：须修改完善后重新报送）"
    assert event.detail == {
        "from": "submitted",
        "to": "returned",
        "awaiting": "",
        "round": 1,
        "grade": "中",
        "opinion": "请修改数量指标",
    }


def test_a_submission_keeps_the_round_as_sent_and_the_grade_stays_until_the_next_decision(
    world, draft_project
):
    move(world.editor_a1, draft_project, "submit")
    move(world.reviewer_a, draft_project, "dept_pass")
    move(world.finance, draft_project, "return", grade="中", opinion="请修改")
    p = move(world.editor_a1, draft_project, "submit")
    assert (p.grade, p.published_at) == ("中", None)
    snapshots = list(p.snapshots)
    assert [(s.round, s.state, s.created_by) for s in snapshots] == [
        (1, "submitted", world.editor_a1),
        (2, "resubmitted", world.editor_a1),
    ]
    move(world.reviewer_a, p, "dept_pass")
    p = move(world.finance, p, "approve", grade="良")
    assert (p.grade, p.published_at) == ("良", None)  # published only by the publish move


def test_a_move_decided_on_an_outdated_state_is_refused_even_with_the_current_version(world, draft_project):
    seen = Project.objects.get(pk=draft_project.pk)  # still a draft in this person's hands
    move(world.editor_a1, draft_project, "submit")
    with pytest.raises(ActionError):
        do_transition(acting_user=world.editor_a1, target=seen, verb="submit", expected_version=2)
    assert Project.objects.get(pk=draft_project.pk).round == 1


def test_a_kind_without_grades_keeps_none_even_when_one_is_sent(world, opened):
    from jixiao.web.actions.monitoring import do_save_record
    from tests.web.test_monitoring import ON_TRACK, record_of, report

    record = record_of(opened)
    do_save_record(
        acting_user=world.editor_a1, target=record, draft=report(record, **ON_TRACK), expected_version=1
    )
    for user, verb in (
        (world.editor_a1, "submit"),
        (world.reviewer_a, "dept_pass"),
        (world.finance, "approve"),
    ):
        record = do_transition(
            acting_user=user, target=type(record).objects.get(pk=record.pk), verb=verb, grade="优"
        )
    event = AuditEvent.objects.get(verb="approve", target_id=record.pk, target_type="MonitoringRecord")
    assert (record.grade, event.detail["grade"]) == ("", "")
    assert "等级" not in event.message
