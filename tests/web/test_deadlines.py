"""Deadlines per round: the finance admin sets them (audited); each person sees what they have due or overdue,
and finance how much is still outstanding in the region."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from jixiao.web.actions import ActionError
from jixiao.web.actions.deadlines import do_set_deadline
from jixiao.web.actions.projects import do_create_project
from jixiao.web.actions.review import do_transition
from jixiao.web.audit.models import AuditEvent
from jixiao.web.policy import Refused
from jixiao.web.workflow.deadlines import Deadline
from jixiao.web.workflow.due import due_for, region_of
from tests.web.conftest import sample_draft

TODAY = dt.date(2024, 3, 10)


def _set(world, round_: str, due: dt.date, kind: str = "project", user=None):
    return do_set_deadline(
        acting_user=user or world.admin,
        region=world.region,
        year=2024,
        kind=kind,
        round=round_,
        due_date=due,
    )


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_finance_admin_sets_and_moves_a_deadline_on_record(world):
    _set(world, "submit", dt.date(2024, 3, 1))
    moved = _set(world, "submit", dt.date(2024, 3, 20))
    assert Deadline.objects.get().due_date == moved.due_date == dt.date(2024, 3, 20)
    rows = AuditEvent.objects.filter(verb="deadline", ok=True).order_by("id")
    assert [(r.detail["before"], r.detail["after"]) for r in rows] == [
        (None, "2024-03-01"),
        ("2024-03-01", "2024-03-20"),
    ]
    assert "原为 2024-03-01" in rows.last().message


@pytest.mark.parametrize("who", ["finance", "reviewer_a", "editor_a1", "other_finance"])
def test_only_the_regions_finance_admin_sets_deadlines(world, who):
    with pytest.raises(Refused):
        _set(world, "submit", dt.date(2024, 3, 1), user=getattr(world, who))
    assert not Deadline.objects.exists()
    assert AuditEvent.objects.filter(verb="deadline", ok=False).count() == 1


def test_a_department_target_has_no_department_review_round(world):
    with pytest.raises(ActionError, match="没有“主管部门审核”环节"):
        _set(world, "dept_review", dt.date(2024, 3, 1), kind="department_target")


def test_each_role_sees_what_it_has_due_and_finance_what_is_outstanding(world, draft_project):
    do_create_project(acting_user=world.editor_a2, unit=world.unit_a2, year=2024, draft=sample_draft())
    do_transition(acting_user=world.editor_a1, target=draft_project, verb="submit")
    _set(world, "submit", dt.date(2024, 3, 1))  # past: the second school's draft is overdue
    _set(world, "dept_review", dt.date(2024, 3, 31))

    def due(user):
        return {d.deadline.round: d for d in due_for(user, region_of(user), TODAY)}

    editor = due(world.editor_a2)
    assert editor["submit"].count == 1 and editor["submit"].overdue and editor["submit"].days_over == 9
    assert editor["dept_review"].count == 0 and editor["submit"].outstanding is None
    assert due(world.editor_a1)["submit"].count == 0  # already submitted
    reviewer = due(world.reviewer_a)
    assert reviewer["dept_review"].count == 1 and not reviewer["dept_review"].overdue
    assert reviewer["dept_review"].items == [draft_project]
    assert due(world.reviewer_b)["dept_review"].count == 0  # another department's
    finance = due(world.admin)
    assert finance["submit"].outstanding == 1 and finance["dept_review"].outstanding == 1
    assert finance["submit"].overdue  # someone in the region is late
    assert due(world.other_finance) == {}  # deadlines are per region


def test_the_work_page_lists_what_is_overdue_and_the_deadline_page_sets_one(world, draft_project):
    _set(world, "submit", dt.date.today() - dt.timedelta(days=30))  # past
    page = _client(world.editor_a1).get("/work/").content.decode()
    assert 'id="due-list"' in page and "已逾期" in page and draft_project.name in page
    assert 'id="due-list"' not in _client(world.reviewer_b).get("/work/").content.decode()  # nothing due

    admin = _client(world.admin)
    response = admin.post(
        "/work/deadlines/",
        {"year": "2024", "kind": "project", "round": "finance_review", "due_date": "2024-05-31"},
    )
    assert response.status_code == 302
    assert Deadline.objects.filter(round="finance_review", due_date=dt.date(2024, 5, 31)).exists()
    assert 'id="deadline-form"' in admin.get("/work/deadlines/").content.decode()
    assert 'id="deadline-form"' not in _client(world.finance).get("/work/deadlines/").content.decode()


def test_a_bad_date_is_an_error_in_chinese_and_changes_nothing(world):
    page = _client(world.admin).post(
        "/work/deadlines/", {"year": "2024", "kind": "project", "round": "submit", "due_date": "明天"}
    )
    assert page.status_code == 200 and "请检查截止日期的填写" in page.content.decode()
    assert not Deadline.objects.exists()


def test_posting_a_deadline_without_the_right_is_refused(world):
    response = _client(world.finance).post(
        "/work/deadlines/", {"year": "2024", "kind": "project", "round": "submit", "due_date": "2024-05-31"}
    )
    assert response.status_code == 403
    assert not Deadline.objects.exists()


def test_the_demo_dates_its_rounds_so_each_role_sees_work_due(db, fast_password_hasher):
    from django.contrib.auth.models import User
    from django.utils import timezone

    from jixiao.web.demo import load_demo, sample_documents

    load_demo(sample_documents(), monitoring=False)
    today = timezone.localdate()

    def due(username):
        user = User.objects.get(username=username)
        return {(d.deadline.kind, d.deadline.round): d for d in due_for(user, region_of(user), today)}

    assert due("zhuguan")[("project", "dept_review")].count >= 1
    assert due("caizheng")[("project", "finance_review")].count >= 1
    assert due("danwei")[("project", "resubmit")].count >= 1
    assert due("danwei")[("project", "submit")].days_left == -7
    assert AuditEvent.objects.filter(verb="deadline", ok=True).count() == Deadline.objects.count() == 5
    load_demo([], monitoring=False)
    assert Deadline.objects.count() == 5  # once
    page = _client(User.objects.get(username="zhuguan")).get("/work/").content.decode()
    assert 'id="due-list"' in page and "还剩 7 天" in page


def test_without_a_year_deadlines_over_a_year_old_are_history(world, draft_project):
    _set(world, "submit", dt.date(2023, 1, 31))
    assert due_for(world.editor_a1, world.region, TODAY) == []
    assert [d.deadline.round for d in due_for(world.editor_a1, world.region, TODAY, year=2024)] == ["submit"]
