"""运行监控 in the web system: a round opened from approved targets, records filled in with bands computed by
the core, reviewed in rounds like targets, with the policy's roles and a full history.

Bands in these tests are computed by hand (issue 12's rules) for the sample project of conftest: month 6,
改造教学楼数量 ≥6栋 (a count: pro-rated), 单栋改造成本 ≤20万元 (lower is better), 师生满意度 ≥95% (a rate),
年初预算数 120 万元.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jixiao.web import policy
from jixiao.web.actions import ActionError, Invalid, StaleEdit
from jixiao.web.actions.departments import do_create_department_target
from jixiao.web.actions.monitoring import do_close_round, do_open_round, do_publish_round, do_save_record
from jixiao.web.actions.review import do_comment, do_transition
from jixiao.web.audit.models import AuditEvent
from jixiao.web.monitoring.draft import ActualDraft, RecordDraft
from jixiao.web.monitoring.models import MonitoringRecord, MonitoringRound
from tests.web.conftest import DUE, sample_department_draft


def record_of(round_: MonitoringRound) -> MonitoringRecord:
    return round_.records.get(project__isnull=False)


def report(record: MonitoringRecord, executed: str = "30", **by_name: dict[str, Any]) -> RecordDraft:
    """A draft reporting ``by_name[indicator name]`` (fields of :class:`ActualDraft`) for each indicator."""
    rows = record.indicators.filter(archived=False).order_by("position")
    return RecordDraft(
        goal_result="已完成 2 栋教学楼改造",
        planned=record.planned,
        executed=Decimal(executed),
        expected=Decimal("120"),
        indicators=[ActualDraft(id=r.pk, **by_name.get(r.name, {})) for r in rows],
    )


ON_TRACK = {
    "改造教学楼数量": {
        "actual": "2栋",
        "causes": ["其他"],
        "likelihood": "确定能",
        "cause_note": "暑期集中施工",
    },
    "单栋改造成本": {"actual": "18万元"},
    "师生满意度": {"actual": "96%"},
}


def test_opening_a_round_makes_a_record_per_approved_target_filled_from_it(world, opened, draft_project):
    record = record_of(opened)
    assert record.project_id == draft_project.pk and record.unit_id == world.unit_a1.pk
    assert record.planned == Decimal("120") and record.goal.startswith("完成全部教学楼")
    rows = list(record.indicators.order_by("position").values_list("level2", "name", "target"))
    assert rows == [
        ("数量指标", "改造教学楼数量", "≥6栋"),
        ("经济成本指标", "单栋改造成本", "≤20万元"),
        ("服务对象满意度指标", "师生满意度", "≥95%"),
    ]
    assert record.stage == "填报中" and record.version == 1
    assert AuditEvent.objects.filter(verb="create", target_type="MonitoringRound", ok=True).count() == 1


def test_a_draft_project_gets_no_record_and_a_round_opens_once_per_month(world, draft_project):
    round_ = do_open_round(acting_user=world.admin, region=world.region, year=2024, month=6, due_date=DUE)
    assert round_.records.count() == 0
    with pytest.raises(ActionError, match="已发起"):
        do_open_round(acting_user=world.admin, region=world.region, year=2024, month=6, due_date=DUE)
    with pytest.raises(ActionError, match="1 至 11 月"):
        do_open_round(acting_user=world.admin, region=world.region, year=2024, month=12, due_date=DUE)


@pytest.mark.parametrize("who", ["editor_a1", "reviewer_a", "finance", "other_finance"])
def test_only_the_regions_finance_admin_opens_a_round(world, who):
    with pytest.raises(policy.Refused):
        do_open_round(acting_user=getattr(world, who), region=world.region, year=2024, month=6, due_date=DUE)


def test_saving_computes_the_bands_by_the_rules(world, opened):
    record = record_of(opened)
    saved = do_save_record(
        acting_user=world.editor_a1, target=record, draft=report(record, **ON_TRACK), expected_version=1
    )
    bands = dict(saved.indicators.values_list("name", "band"))
    # 2 ÷ (6 × 6/12) = 66.7 → yellow; 18 ≤ 20 → green; 96 ÷ 95 = 101 → green
    assert bands == {"改造教学楼数量": "yellow", "单栋改造成本": "green", "师生满意度": "green"}
    progress = dict(saved.indicators.values_list("name", "progress"))
    assert progress["改造教学楼数量"] == pytest.approx(200 / 3)
    # budget: 30 ÷ 120 = 25 % against a time progress of 50 % → 50 → red
    assert (saved.band, saved.budget_band) == ("yellow", "red")
    assert saved.budget_ratio == pytest.approx(50) and saved.execution_rate == pytest.approx(25)
    edit = AuditEvent.objects.get(verb="edit", target_type="MonitoringRecord", target_id=record.pk)
    assert edit.detail["after"]["executed"] == 30.0 and edit.detail["before"]["executed"] is None


def test_a_stale_save_is_refused_and_nothing_is_overwritten(world, opened):
    record = record_of(opened)
    do_save_record(
        acting_user=world.editor_a1, target=record, draft=report(record, **ON_TRACK), expected_version=1
    )
    with pytest.raises(StaleEdit):
        do_save_record(
            acting_user=world.editor_a1,
            target=record,
            draft=report(record, executed="99"),
            expected_version=1,
        )
    assert MonitoringRecord.objects.get(pk=record.pk).executed == Decimal("30")


def test_every_bad_entry_is_reported_at_once_and_nothing_saved(world, opened):
    record = record_of(opened)
    bad = {
        "改造教学楼数量": {"actual": "2栋", "causes": ["天气"]},
        "单栋改造成本": {"actual": "18万元", "likelihood": "也许"},
        "师生满意度": {"actual": "96%", "status": "完成"},
    }
    with pytest.raises(Invalid) as err:
        do_save_record(
            acting_user=world.editor_a1, target=record, draft=report(record, "-1", **bad), expected_version=1
        )
    assert set(err.value.problems) == {
        "executed",
        "indicators.0.causes",
        "indicators.1.likelihood",
        "indicators.2.status",
    }
    assert MonitoringRecord.objects.get(pk=record.pk).version == 1


def test_a_red_or_yellow_indicator_needs_its_cause_and_likelihood_before_submitting(world, opened):
    record = record_of(opened)
    without = {**ON_TRACK, "改造教学楼数量": {"actual": "2栋"}}
    do_save_record(
        acting_user=world.editor_a1, target=record, draft=report(record, **without), expected_version=1
    )
    with pytest.raises(ActionError, match="改造教学楼数量"):
        do_transition(
            acting_user=world.editor_a1, target=MonitoringRecord.objects.get(pk=record.pk), verb="submit"
        )
    record = MonitoringRecord.objects.get(pk=record.pk)
    do_save_record(
        acting_user=world.editor_a1, target=record, draft=report(record, **ON_TRACK), expected_version=2
    )
    submitted = do_transition(
        acting_user=world.editor_a1, target=MonitoringRecord.objects.get(pk=record.pk), verb="submit"
    )
    assert submitted.stage == "主管部门审核" and submitted.round == 1


def test_the_review_rounds_department_then_finance_without_a_grade(world, opened):
    record = record_of(opened)
    do_save_record(
        acting_user=world.editor_a1, target=record, draft=report(record, **ON_TRACK), expected_version=1
    )
    record = do_transition(
        acting_user=world.editor_a1, target=MonitoringRecord.objects.get(pk=record.pk), verb="submit"
    )
    with pytest.raises(policy.Refused):  # finance waits for the department
        do_transition(acting_user=world.finance, target=record, verb="return", opinion="x")
    record = do_transition(acting_user=world.reviewer_a, target=record, verb="dept_pass")
    assert record.stage == "财政审核"
    with pytest.raises(ActionError, match="审核意见"):
        do_transition(acting_user=world.finance, target=record, verb="return")
    record = do_transition(acting_user=world.finance, target=record, verb="return", opinion="请说明施工进度")
    assert record.stage == "退回修改" and record.grade == ""
    record = do_transition(acting_user=world.editor_a1, target=record, verb="submit")
    record = do_transition(acting_user=world.reviewer_a, target=record, verb="dept_pass")
    record = do_transition(acting_user=world.finance, target=record, verb="approve")
    assert record.stage == "完成" and record.round == 2 and record.snapshots.count() == 2
    verbs = [e.verb for e in record.history()]
    assert verbs[:3] == ["approve", "dept_pass", "submit"] and "edit" in verbs


@pytest.mark.parametrize(
    ("who", "sees", "edits"),
    [
        ("editor_a1", True, True),
        ("editor_a2", False, False),
        ("editor_b1", False, False),
        ("reviewer_a", True, False),
        ("reviewer_b", False, False),
        ("finance", True, False),
        ("other_finance", False, False),
    ],
)
def test_who_sees_and_fills_a_units_record(world, opened, who, sees, edits):
    record, user = record_of(opened), getattr(world, who)
    assert MonitoringRecord.objects.visible_to(user).filter(pk=record.pk).exists() is sees
    assert policy.can(user, "edit", record) is edits
    if not edits:
        with pytest.raises(policy.Refused):
            do_save_record(
                acting_user=user, target=record, draft=report(record, **ON_TRACK), expected_version=1
            )
        assert AuditEvent.objects.filter(ok=False, verb="edit", actor=user, target_id=record.pk).exists()


def test_a_department_reports_on_its_own_targets_and_finance_reviews_at_once(world):
    target = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2024, draft=sample_department_draft()
    )
    target = do_transition(acting_user=world.reviewer_a, target=target, verb="submit")
    do_transition(acting_user=world.finance, target=target, verb="approve", grade="良")
    round_ = do_open_round(acting_user=world.admin, region=world.region, year=2024, month=6, due_date=DUE)
    record = round_.records.get(department_target=target)
    assert record.owner_department_id == world.dept_a.pk and record.unit_id is None
    assert [r.name for r in record.indicators.order_by("position")] == ["适龄儿童入学率", "控辍保学劝返人数"]
    assert policy.can(world.reviewer_a, "edit", record) and not policy.can(world.reviewer_b, "edit", record)
    assert not policy.can(world.editor_a1, "edit", record)
    rows = record.indicators.order_by("position")
    draft = RecordDraft(
        executed=Decimal("0"),
        indicators=[ActualDraft(id=r.pk, actual=a) for r, a in zip(rows, ["100%", "20人"], strict=True)],
    )
    do_save_record(acting_user=world.reviewer_a, target=record, draft=draft, expected_version=1)
    record = MonitoringRecord.objects.get(pk=record.pk)
    record = do_transition(acting_user=world.reviewer_a, target=record, verb="submit")
    assert record.stage == "财政审核"


def test_comments_follow_the_policy(world, opened):
    record = record_of(opened)
    with pytest.raises(policy.Refused):  # nothing to comment on before it is sent
        do_comment(acting_user=world.finance, target=record, text="请补充")
    do_save_record(
        acting_user=world.editor_a1, target=record, draft=report(record, **ON_TRACK), expected_version=1
    )
    record = do_transition(
        acting_user=world.editor_a1, target=MonitoringRecord.objects.get(pk=record.pk), verb="submit"
    )
    comment = do_comment(acting_user=world.reviewer_a, target=record, text="进度偏慢，请说明")
    assert comment.kind == "monitoring" and comment.round == 1
    with pytest.raises(policy.Refused):
        do_comment(acting_user=world.reviewer_b, target=record, text="x")


def test_a_closed_round_takes_no_more_changes_and_can_then_be_published(world, opened):
    record = record_of(opened)
    with pytest.raises(policy.Refused):
        do_close_round(acting_user=world.finance, round_=opened)
    with pytest.raises(policy.Refused):  # only a closed round is published
        do_publish_round(acting_user=world.admin, round_=opened)
    closed = do_close_round(acting_user=world.admin, round_=opened)
    assert closed.state == "closed" and closed.closed_at is not None
    with pytest.raises(ActionError, match="已结束"):
        do_save_record(
            acting_user=world.editor_a1, target=record, draft=report(record, **ON_TRACK), expected_version=1
        )
    published = do_publish_round(acting_user=world.admin, round_=closed)
    assert published.state == "published"


# --- the policy table for monitoring, person by person ----------------------------------------------
PEOPLE = {
    "u1": "editor_a1", "u2": "editor_a2", "ub": "editor_b1", "da": "reviewer_a", "db": "reviewer_b",
    "fr": "finance", "fa": "admin", "of": "other_finance",
}  # fmt: skip
SEEN = "u1 da fr fa"
MONITORING_SPEC = {  # state → verb → who may (everyone else may not)
    "draft": {"view": SEEN, "edit": "u1", "submit": "u1"},
    "with_department": {"view": SEEN, "comment": SEEN, "dept_pass": "da", "dept_return": "da"},
    "with_finance": {"view": SEEN, "comment": SEEN, "return": "fr fa", "approve": "fr fa"},
    "returned": {"view": SEEN, "edit": "u1", "submit": "u1", "comment": SEEN},
    "accepted": {"view": SEEN, "comment": SEEN},
}
STEPS = {
    "draft": [],
    "with_department": [("u1", "submit")],
    "with_finance": [("u1", "submit"), ("da", "dept_pass")],
    "returned": [("u1", "submit"), ("da", "dept_pass"), ("fr", "return")],
    "accepted": [("u1", "submit"), ("da", "dept_pass"), ("fr", "approve")],
}


@pytest.mark.parametrize("state", list(MONITORING_SPEC))
def test_monitoring_policy_matrix(world, opened, state):
    record = record_of(opened)
    do_save_record(
        acting_user=world.editor_a1, target=record, draft=report(record, **ON_TRACK), expected_version=1
    )
    for who, verb in STEPS[state]:
        record = MonitoringRecord.objects.get(pk=record.pk)
        do_transition(acting_user=getattr(world, PEOPLE[who]), target=record, verb=verb, opinion="请核实")
    record = MonitoringRecord.objects.get(pk=record.pk)
    assert set(MONITORING_SPEC[state]) <= set(policy.POLICY["monitoring"])
    wrong = []
    for verb in policy.POLICY["monitoring"]:
        allowed = set(MONITORING_SPEC[state].get(verb, "").split())
        for short, name in PEOPLE.items():
            user = getattr(world, name)
            if policy.can(user, verb, record) is not (short in allowed):
                wrong.append((verb, short))
            if verb == "view":
                listed = MonitoringRecord.objects.visible_to(user).filter(pk=record.pk).exists()
                if listed is not (short in allowed):
                    wrong.append(("list", short))
    assert not wrong


ROUND_SPEC = {  # round state → verb → who may; "anon" is the public
    "open": {"view": "u1 u2 ub da db fr fa", "create": "fa", "close": "fa"},
    "closed": {"view": "u1 u2 ub da db fr fa", "create": "fa", "publish": "fa"},
    "published": {"view": "u1 u2 ub da db fr fa of anon", "create": "fa"},
}


@pytest.mark.parametrize("state", list(ROUND_SPEC))
def test_monitoring_round_policy_matrix(world, state):
    from django.contrib.auth.models import AnonymousUser

    round_ = do_open_round(acting_user=world.admin, region=world.region, year=2024, month=6, due_date=DUE)
    MonitoringRound.objects.filter(pk=round_.pk).update(state=state)
    round_ = MonitoringRound.objects.get(pk=round_.pk)
    people = {**{k: getattr(world, v) for k, v in PEOPLE.items()}, "anon": AnonymousUser()}
    assert set(policy.POLICY["monitoring_round"]) == {"view", "create", "close", "publish"}
    wrong = [
        (verb, short)
        for verb in policy.POLICY["monitoring_round"]
        for short, user in people.items()
        if policy.can(user, verb, round_) is not (short in ROUND_SPEC[state].get(verb, "").split())
    ]
    assert not wrong


def test_what_the_columns_cannot_hold_is_refused_in_words_not_by_the_database(world, opened):
    record = record_of(opened)
    draft = report(record, executed="1000000000000", **{"师生满意度": {"actual": "好" * 301}})
    with pytest.raises(Invalid) as err:
        do_save_record(acting_user=world.editor_a1, target=record, draft=draft, expected_version=1)
    assert set(err.value.problems) == {"executed", "indicators.2.actual"}
    assert "过大" in err.value.problems["executed"] and "300 字" in err.value.problems["indicators.2.actual"]
