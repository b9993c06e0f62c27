"""绩效自评 in the web system: a year's round opened from approved targets (and the last monitoring round),
自评表 scored by the core on every save, reviewed in rounds like monitoring, finance's 复核 with a reason,
published by the finance admin; the policy person by person.

Scores here are worked by hand (issue 13's rules) for the sample project of conftest (2021 framework):
改造教学楼数量 ≥6栋 and 单栋改造成本 ≤20万元 are 产出 (成本 shares 产出's 50), 师生满意度 ≥95% is 满意度;
there is no 效益, whose 30 goes to 产出 and 满意度 pro rata (50:10): weights 37.5, 37.5 and 15 (sum 90).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jixiao.web import policy
from jixiao.web.actions import ActionError, Invalid, StaleEdit
from jixiao.web.actions.monitoring import do_close_round, do_open_round, do_save_record
from jixiao.web.actions.review import do_transition
from jixiao.web.actions.selfeval import do_open_selfeval, do_rescore, do_save_selfeval
from jixiao.web.audit.models import AuditEvent
from jixiao.web.monitoring.draft import ActualDraft, RecordDraft
from jixiao.web.selfeval.draft import ScoreDraft
from jixiao.web.selfeval.models import SelfEvalRound, SelfEvaluation
from tests.web.conftest import DUE, approve


@pytest.fixture
def year_end(world, draft_project):
    """The region's 2024 self-evaluation, opened once the sample project is approved."""
    approve(world, draft_project)
    return do_open_selfeval(acting_user=world.admin, region=world.region, year=2024, due_date=DUE)


def sheet_of(round_: SelfEvalRound) -> SelfEvaluation:
    return round_.records.get(project__isnull=False)


def report(sheet: SelfEvaluation, executed: str = "108", **by_name: dict[str, Any]) -> RecordDraft:
    rows = sheet.indicators.filter(archived=False).order_by("position")
    return RecordDraft(
        goal_result="完成 5 栋教学楼改造",
        planned=sheet.planned,
        executed=Decimal(executed),
        indicators=[ScoreDraft(id=r.pk, **by_name.get(r.name, {})) for r in rows],
    )


BEHIND = {
    "改造教学楼数量": {"actual": "5栋", "causes": ["经费保障"], "cause_note": "资金晚到"},
    "单栋改造成本": {"actual": "18万元"},
    "师生满意度": {"actual": "96%"},
}


def save(world, sheet, draft, version=None):
    return do_save_selfeval(
        acting_user=world.editor_a1, target=sheet, draft=draft, expected_version=version or sheet.version
    )


def test_opening_makes_a_sheet_per_approved_target_with_the_default_weights(world, year_end):
    sheet = sheet_of(year_end)
    assert sheet.planned == Decimal("120") and sheet.stage == "填报中"
    weights = list(sheet.indicators.order_by("position").values_list("name", "weight"))
    assert weights == [("改造教学楼数量", 37.5), ("单栋改造成本", 37.5), ("师生满意度", 15.0)]
    assert AuditEvent.objects.filter(verb="create", target_type="SelfEvalRound", ok=True).count() == 1
    with pytest.raises(ActionError, match="已发起"):
        do_open_selfeval(acting_user=world.admin, region=world.region, year=2024, due_date=DUE)


@pytest.mark.parametrize("who", ["editor_a1", "reviewer_a", "finance", "other_finance"])
def test_only_the_regions_finance_admin_opens_one(world, who):
    with pytest.raises(policy.Refused):
        do_open_selfeval(acting_user=getattr(world, who), region=world.region, year=2024, due_date=DUE)


def test_the_last_monitoring_round_pre_fills_the_actuals_but_not_the_spending(world, draft_project):
    approve(world, draft_project)
    mid = do_open_round(acting_user=world.admin, region=world.region, year=2024, month=6, due_date=DUE)
    record = mid.records.get(project__isnull=False)
    rows = list(record.indicators.order_by("position"))
    draft = RecordDraft(
        goal_result="半年完成 2 栋",
        planned=Decimal("120"),
        adjusted=Decimal("110"),
        executed=Decimal("30"),
        indicators=[ActualDraft(id=rows[0].pk, actual="2栋", causes=["其他"], likelihood="确定能")],
    )
    do_save_record(acting_user=world.editor_a1, target=record, draft=draft, expected_version=1)
    sheet = sheet_of(do_open_selfeval(acting_user=world.admin, region=world.region, year=2024, due_date=DUE))
    first = sheet.indicators.get(name="改造教学楼数量")
    assert (sheet.adjusted, sheet.executed, sheet.goal_result) == (Decimal("110"), None, "半年完成 2 栋")
    assert (first.actual, first.causes, first.score) == ("2栋", ["其他"], 12.5)  # 2 ÷ 6 × 37.5


def test_saving_scores_by_the_rules(world, year_end):
    sheet = save(world, sheet_of(year_end), report(sheet_of(year_end), **BEHIND))
    scores = dict(sheet.indicators.values_list("name", "score"))
    # 5 ÷ 6 × 37.5 = 31.25; 18 ≤ 20 full; 96 ≥ 95 full
    assert scores == {"改造教学楼数量": 31.25, "单栋改造成本": 37.5, "师生满意度": 15.0}
    # budget 108 ÷ 120 × 10 = 9.00; total 83.75 + 9 = 92.75 → 优 → 优先保障
    assert (sheet.indicator_score, sheet.budget_score, sheet.total) == (83.75, 9.0, 92.75)
    assert (sheet.result, sheet.consequence, sheet.red, sheet.yellow) == ("优", "优先保障", False, False)
    edit = AuditEvent.objects.get(verb="edit", target_type="SelfEvaluation", target_id=sheet.pk)
    assert edit.detail["after"]["total"] == 92.75


def test_warnings_red_and_yellow(world, year_end):
    sheet = sheet_of(year_end)
    # execution 60 ÷ 120 = 50 % → yellow; indicator rate 83.75/90 = 93 % runs ahead of 50 % → red
    sheet = save(world, sheet, report(sheet, "60", **BEHIND))
    assert (sheet.red, sheet.yellow) == (True, True)
    assert {w["code"] for w in sheet.warnings} >= {"red", "yellow"}


def test_a_qualitative_score_outside_its_range_is_refused_with_the_range(world, year_end):
    sheet = sheet_of(year_end)
    sheet.indicators.filter(name="师生满意度").update(target="满意度较高")  # a qualitative target
    bad = {**BEHIND, "师生满意度": {"status": "部分达成", "own_score": 13.0}}
    with pytest.raises(Invalid) as err:
        save(world, sheet, report(sheet, **bad))
    assert err.value.problems == {
        "indicators.2.own_score": "“师生满意度”为部分达成，得分须在 9.00 至 12.00 分之间（不含 12.00），填写的是 13.00"
    }
    assert SelfEvaluation.objects.get(pk=sheet.pk).version == 1
    good = {**BEHIND, "师生满意度": {"status": "部分达成", "own_score": 10.5, "causes": ["其他"]}}
    saved = save(world, sheet, report(sheet, **good))
    assert saved.indicators.get(name="师生满意度").score == 10.5


def test_a_cause_is_required_where_points_are_lost_before_submitting(world, year_end):
    sheet = sheet_of(year_end)
    without = {**BEHIND, "改造教学楼数量": {"actual": "5栋"}}
    sheet = save(world, sheet, report(sheet, **without))  # saving is fine
    with pytest.raises(ActionError, match="改造教学楼数量.*须填写偏差原因"):
        do_transition(acting_user=world.editor_a1, target=sheet, verb="submit")
    sheet = save(world, sheet, report(sheet, **BEHIND))
    assert do_transition(acting_user=world.editor_a1, target=sheet, verb="submit").state == "submitted"


def test_a_stale_save_is_refused(world, year_end):
    sheet = sheet_of(year_end)
    save(world, sheet, report(sheet, **BEHIND))
    with pytest.raises(StaleEdit):
        save(world, sheet, report(sheet, "1", **BEHIND), version=1)
    assert SelfEvaluation.objects.get(pk=sheet.pk).executed == Decimal("108")


def submitted_to_finance(world, year_end) -> SelfEvaluation:
    sheet = save(world, sheet_of(year_end), report(sheet_of(year_end), **BEHIND))
    sheet = do_transition(acting_user=world.editor_a1, target=sheet, verb="submit")
    return do_transition(acting_user=world.reviewer_a, target=sheet, verb="dept_pass")


def test_finance_adjusts_a_score_with_a_reason_on_record_then_approves_and_publishes(world, year_end):
    sheet = submitted_to_finance(world, year_end)
    row = sheet.indicators.get(name="单栋改造成本")
    with pytest.raises(ActionError, match="理由"):
        do_rescore(acting_user=world.finance, target=sheet, item=row, score=30, reason=" ")
    with pytest.raises(ActionError, match="0 至 37.50"):
        do_rescore(acting_user=world.finance, target=sheet, item=row, score=40, reason="超出")
    with pytest.raises(policy.Refused):
        do_rescore(acting_user=world.editor_a1, target=sheet, item=row, score=30, reason="自己改")
    sheet = do_rescore(acting_user=world.finance, target=sheet, item=row, score=27.5, reason="成本核算有误")
    # 31.25 + 27.5 + 15 + 9 = 82.75 → 良; the unit's own total stays on the sheet
    assert (sheet.total, sheet.result, sheet.consequence, sheet.unit_total) == (82.75, "良", "保障", 92.75)
    event = AuditEvent.objects.get(verb="rescore", target_id=sheet.pk, ok=True)
    assert event.detail["reason"] == "成本核算有误" and "37.5 → 27.5" in event.message
    sheet = do_transition(acting_user=world.finance, target=sheet, verb="approve")
    assert sheet.grade == "" and sheet.state == "approved"
    with pytest.raises(policy.Refused):
        do_transition(acting_user=world.finance, target=sheet, verb="publish")
    sheet = do_transition(acting_user=world.admin, target=sheet, verb="publish")
    assert sheet.stage == "已公开" and SelfEvaluation.objects.visible_to(None).filter(pk=sheet.pk).exists()


def at_finance(world, year_end, executed: str) -> SelfEvaluation:
    sheet = save(world, sheet_of(year_end), report(sheet_of(year_end), executed, **BEHIND))
    sheet = do_transition(acting_user=world.editor_a1, target=sheet, verb="submit")
    return do_transition(acting_user=world.reviewer_a, target=sheet, verb="dept_pass")


def test_finance_lowering_scores_to_what_was_spent_clears_the_red_warning(world, year_end):
    # 100 of 120 spent: e = 0.833; s = 83.75, s/90 = 0.931 runs (0.931 − 0.833) ÷ 0.931 = 10.4 % ahead → red
    sheet = at_finance(world, year_end, "100")
    assert (sheet.red, sheet.yellow, sheet.budget_score) == (True, False, 8.33)
    row = sheet.indicators.get(name="单栋改造成本")
    sheet = do_rescore(acting_user=world.finance, target=sheet, item=row, score=30, reason="成本超支未计")
    # s = 31.25 + 30 + 15 = 76.25, s/90 = 0.847: (0.847 − 0.833) ÷ 0.847 = 1.6 % ≤ 5 % → no longer red
    stored = SelfEvaluation.objects.get(pk=sheet.pk)
    assert (stored.red, stored.total, stored.unit_total) == (False, 84.58, 92.08)
    assert "red" not in {w["code"] for w in stored.warnings}
    event = AuditEvent.objects.get(verb="rescore", target_id=sheet.pk, ok=True)
    assert event.detail["red"] == [True, False] and event.message.endswith("解除红色预警")
    # taking the adjustment back brings the unit's warning back with its score
    sheet = do_rescore(acting_user=world.finance, target=stored, item=row, score=None, reason="撤回")
    assert SelfEvaluation.objects.get(pk=sheet.pk).red is True


def test_finance_raising_a_score_past_what_was_spent_sets_the_red_warning(world, year_end):
    # 108 of 120: e = 0.9; s = 83.75, s/90 = 0.931 is 3.3 % ahead → no red
    sheet = at_finance(world, year_end, "108")
    assert sheet.red is False
    row = sheet.indicators.get(name="改造教学楼数量")
    sheet = do_rescore(acting_user=world.finance, target=sheet, item=row, score=37.5, reason="已全部完成")
    # s = 90, s/90 = 1: (1 − 0.9) ÷ 1 = 10 % > 5 % → red, from the adjusted scores
    stored = SelfEvaluation.objects.get(pk=sheet.pk)
    assert (stored.red, stored.total) == (True, 99.0)
    assert any(w["code"] == "red" and "高出 10.0%" in w["message"] for w in stored.warnings)
    event = AuditEvent.objects.get(verb="rescore", target_id=sheet.pk, ok=True)
    assert event.message.endswith("出现红色预警")


# --- the policy table for self-evaluation, person by person -----------------------------------------
PEOPLE = {
    "u1": "editor_a1", "u2": "editor_a2", "ub": "editor_b1", "da": "reviewer_a", "db": "reviewer_b",
    "fr": "finance", "fa": "admin", "of": "other_finance",
}  # fmt: skip
SEEN = "u1 da fr fa"
EVERYONE = " ".join(PEOPLE)
SELFEVAL_SPEC = {  # state → verb → who may (everyone else may not)
    "draft": {"view": SEEN, "edit": "u1", "submit": "u1"},
    "with_department": {"view": SEEN, "comment": SEEN, "dept_pass": "da", "dept_return": "da"},
    "with_finance": {
        "view": SEEN, "comment": SEEN, "return": "fr fa", "approve": "fr fa", "rescore": "fr fa",
    },
    "returned": {"view": SEEN, "edit": "u1", "submit": "u1", "comment": SEEN},
    "approved": {"view": SEEN, "comment": SEEN, "publish": "fa"},
    "published": {"view": EVERYONE, "comment": SEEN},
}  # fmt: skip
STEPS = {
    "draft": [],
    "with_department": [("u1", "submit")],
    "with_finance": [("u1", "submit"), ("da", "dept_pass")],
    "returned": [("u1", "submit"), ("da", "dept_pass"), ("fr", "return")],
    "approved": [("u1", "submit"), ("da", "dept_pass"), ("fr", "approve")],
    "published": [("u1", "submit"), ("da", "dept_pass"), ("fr", "approve"), ("fa", "publish")],
}


@pytest.mark.parametrize("state", list(SELFEVAL_SPEC))
def test_selfeval_policy_matrix(world, year_end, state):
    from django.contrib.auth.models import AnonymousUser

    sheet = save(world, sheet_of(year_end), report(sheet_of(year_end), **BEHIND))
    for who, verb in STEPS[state]:
        sheet = SelfEvaluation.objects.get(pk=sheet.pk)
        do_transition(acting_user=getattr(world, PEOPLE[who]), target=sheet, verb=verb, opinion="请核实")
    sheet = SelfEvaluation.objects.get(pk=sheet.pk)
    assert set(SELFEVAL_SPEC[state]) <= set(policy.POLICY["selfeval"])
    people = {**{k: getattr(world, v) for k, v in PEOPLE.items()}, "anon": AnonymousUser()}
    wrong = []
    for verb in policy.POLICY["selfeval"]:
        allowed = set(SELFEVAL_SPEC[state].get(verb, "").split())
        allowed |= {"anon"} if verb == "view" and state == "published" else set()
        for short, user in people.items():
            if policy.can(user, verb, sheet) is not (short in allowed):
                wrong.append((verb, short))
            if verb == "view":
                listed = SelfEvaluation.objects.visible_to(user).filter(pk=sheet.pk).exists()
                if listed is not (short in allowed):
                    wrong.append(("list", short))
    assert not wrong


def test_selfeval_round_policy(world):
    from django.contrib.auth.models import AnonymousUser

    round_ = do_open_selfeval(acting_user=world.admin, region=world.region, year=2024, due_date=DUE)
    people = {**{k: getattr(world, v) for k, v in PEOPLE.items()}, "anon": AnonymousUser()}
    seen = "u1 u2 ub da db fr fa"
    by_state = {  # state → verb → who may
        "open": {"view": seen, "create": "fa", "close": "fa"},
        "closed": {"view": seen, "create": "fa", "close": ""},
    }
    assert set(policy.POLICY["selfeval_round"]) == set(by_state["open"])
    wrong = []
    for state, spec in by_state.items():
        if state == "closed":
            round_ = do_close_round(acting_user=world.admin, round_=round_)
        assert round_.state == state
        wrong += [
            (state, verb, short)
            for verb in spec
            for short, user in people.items()
            if policy.can(user, verb, round_) is not (short in spec[verb].split())
        ]
    assert not wrong


def test_a_closed_round_takes_no_more_saving_but_review_goes_on(world, year_end):
    sheet = submitted_to_finance(world, year_end)
    draft_sheet = sheet_of(year_end)
    with pytest.raises(policy.Refused):
        do_close_round(acting_user=world.finance, round_=year_end)
    closed = do_close_round(acting_user=world.admin, round_=year_end)
    assert closed.state == "closed" and closed.closed_at is not None
    event = AuditEvent.objects.get(verb="close", target_type="SelfEvalRound", ok=True)
    assert event.message == f"结束{closed}"
    with pytest.raises(ActionError, match="已结束"):
        save(world, draft_sheet, report(draft_sheet, **BEHIND))
    with pytest.raises(policy.Refused):
        do_close_round(acting_user=world.admin, round_=closed)  # once
    approved = do_transition(acting_user=world.finance, target=sheet, verb="approve")
    assert approved.state == "approved"


# --- 结果应用: 整改事项 and last year's result at compile time ----------------------------------------
def approved_sheet(world, year_end) -> SelfEvaluation:
    sheet = submitted_to_finance(world, year_end)
    return do_transition(acting_user=world.finance, target=sheet, verb="approve")


def test_finance_sets_rectifications_and_the_unit_reports_them_done(world, year_end):
    from jixiao.web.actions.selfeval import (
        do_add_rectifications,
        do_finish_rectification,
        rectification_findings,
    )

    sheet = save(world, sheet_of(year_end), report(sheet_of(year_end), "60", **BEHIND))  # red and yellow
    found = [text for text, _ in rectification_findings(sheet)]
    assert len(found) == 2 and all("整改" in t for t in found)
    due = DUE.replace(year=2025)
    with pytest.raises(policy.Refused):
        do_add_rectifications(acting_user=world.editor_a1, target=sheet, due_date=due, items=[("x", None)])
    made = do_add_rectifications(
        acting_user=world.finance,
        target=sheet,
        due_date=due,
        items=[*((t, None) for t in found), ("补充台账", None)],
    )
    assert [m.owner for m in made] == ["第一中学"] * 3 and made[0].state == "open"
    with pytest.raises(ActionError, match="没有新的"):
        do_add_rectifications(
            acting_user=world.finance, target=sheet, due_date=due, items=[("补充台账", None)]
        )
    assert not policy.can(world.editor_a2, "done", made[0]) and not policy.can(world.finance, "done", made[0])
    with pytest.raises(ActionError, match="整改情况"):
        do_finish_rectification(acting_user=world.editor_a1, item=made[2], note=" ")
    done = do_finish_rectification(acting_user=world.editor_a1, item=made[2], note="台账已补齐")
    assert done.state == "done" and AuditEvent.objects.filter(verb="done", ok=True).count() == 1
    assert AuditEvent.objects.filter(verb="rectify", target_id=sheet.pk, ok=True).exists()


def test_last_years_result_and_open_items_are_shown_when_compiling_the_next_year(world, year_end):
    from jixiao.web.actions.projects import do_copy_project
    from jixiao.web.actions.selfeval import do_add_rectifications
    from jixiao.web.selfeval.last_year import last_year

    sheet = approved_sheet(world, year_end)
    do_add_rectifications(
        acting_user=world.finance,
        target=sheet,
        due_date=DUE.replace(year=2025),
        items=[("加快施工进度", None)],
    )
    copied = do_copy_project(acting_user=world.editor_a1, source=sheet.project, year=2025)
    (found,) = last_year(copied.unit, 2025, copied)
    assert (found.sheet.pk, found.sheet.result, [i.text for i in found.open_items]) == (
        sheet.pk,
        "优",
        ["加快施工进度"],
    )
    assert last_year(copied.unit, 2024, copied) == []


RECTIFICATION_SPEC = {  # state → verb → who may
    "open": {"view": "u1 da fr fa", "create": "fr fa", "done": "u1"},
    "done": {"view": "u1 da fr fa", "create": "fr fa"},
}


@pytest.mark.parametrize("state", list(RECTIFICATION_SPEC))
def test_rectification_policy_matrix(world, year_end, state):
    from jixiao.web.actions.selfeval import do_add_rectifications
    from jixiao.web.selfeval.models import Rectification

    sheet = sheet_of(year_end)
    (item,) = do_add_rectifications(
        acting_user=world.finance, target=sheet, due_date=DUE, items=[("补充台账", None)]
    )
    Rectification.objects.filter(pk=item.pk).update(state=state)
    item = Rectification.objects.get(pk=item.pk)
    assert set(policy.POLICY["rectification"]) == {"view", "create", "done"}
    wrong = []
    for verb in policy.POLICY["rectification"]:
        allowed = RECTIFICATION_SPEC[state].get(verb, "")
        for short, name in PEOPLE.items():
            if policy.can(getattr(world, name), verb, item) is not (short in allowed.split()):
                wrong.append((verb, short))
    for short, name in PEOPLE.items():
        listed = Rectification.objects.all().filter(pk=item.pk)
        if policy.restrict(listed, getattr(world, name)).exists() is not (short in SEEN.split()):
            wrong.append(("list", short))
    assert not wrong
