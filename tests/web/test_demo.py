"""The demo data set: the three samples imported through the import action, and one account per role."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import models

from jixiao.web import policy
from jixiao.web.demo import DEMO_PASSWORD, load_demo, sample_documents
from jixiao.web.monitoring.models import MonitoringIndicator, MonitoringRecord, MonitoringRound
from jixiao.web.organisations.models import Profile, Role
from jixiao.web.targets.models import ImportBatch, Project


def test_demo_loads_the_samples_once_with_accounts_for_every_role(db, fast_password_hasher):
    accounts = load_demo(sample_documents())
    assert {b.source_name for b in ImportBatch.objects.all()} == {
        "linzi-2022.txt",
        "liaocheng-2022.txt",
        "zichuan-2023.txt",
    }
    assert Project.objects.filter(state="published").count() > 100  # and the waiting work (below)
    roles = {a.role for a in accounts}
    assert {r.label for r in Role} <= roles
    for a in accounts:
        assert User.objects.get(username=a.username).check_password(DEMO_PASSWORD)
    editor = Profile.objects.get(user__username="danwei")
    reviewer = Profile.objects.get(user__username="zhuguan")
    assert editor.unit.department == reviewer.department and editor.region.name == "临淄区"
    # loading again adds nothing
    again = load_demo([])
    assert ImportBatch.objects.count() == 3 and [a.username for a in again] == [a.username for a in accounts]


def test_the_demo_has_a_generated_monitoring_round_per_region_with_every_band(db, fast_password_hasher):
    load_demo(sample_documents())
    rounds = MonitoringRound.objects.all()
    assert {r.region.name for r in rounds} == {"临淄区", "聊城市", "淄川区"}
    assert all(r.month == 6 and "随机生成" in r.note for r in rounds)
    records = MonitoringRecord.objects.all()
    assert {r.band for r in records} >= {"red", "yellow", "green", "blue"}
    assert {r.budget_band for r in records} >= {"red", "yellow", "green"}
    stages = {r.stage for r in records}
    assert {"填报中", "主管部门审核", "财政审核", "退回修改", "完成"} <= stages
    # red and yellow indicators that were sent carry their cause and likelihood, as a submission must
    behind = MonitoringIndicator.objects.filter(band__in=["red", "yellow"]).exclude(record__state="draft")
    assert behind.exists() and not behind.filter(likelihood="").exists()
    editor = User.objects.get(username="danwei")
    due = MonitoringRecord.objects.visible_to(editor).filter(state="draft")
    assert due.exists() and all(policy.can(editor, "edit", r) for r in due)
    reviewer = User.objects.get(username="zhuguan")
    waiting = MonitoringRecord.objects.visible_to(reviewer).filter(awaiting="department")
    assert any(policy.can(reviewer, "dept_pass", r) for r in waiting)
    load_demo([])
    assert MonitoringRound.objects.count() == 3


def test_the_demo_has_a_generated_self_evaluation_per_region_with_every_grade_and_warning(
    db, fast_password_hasher
):
    from jixiao.web.selfeval.models import SelfEvalRound, SelfEvaluation, SelfEvaluationIndicator

    load_demo(sample_documents())
    rounds = SelfEvalRound.objects.all()
    assert {r.region.name for r in rounds} == {"临淄区", "聊城市", "淄川区"}
    assert all("随机生成" in r.note for r in rounds)
    sent = SelfEvaluation.objects.exclude(state="draft")
    assert {r.result for r in sent} >= {"优", "良", "中", "差"}
    assert sent.filter(red=True).exists() and sent.filter(yellow=True).exists()
    assert {"主管部门审核", "财政审核", "完成", "已公开"} <= {r.stage for r in sent}
    # what was sent is as a submission must be: nothing the core asks the unit to correct
    assert all(r.submit_problem() is None for r in sent.filter(state="submitted")[:20])
    lost = SelfEvaluationIndicator.objects.filter(record__in=sent, score__lt=models.F("weight"))
    assert lost.exists() and not lost.filter(causes=[]).exists()
    editor = User.objects.get(username="danwei")
    assert any(policy.can(editor, "edit", r) for r in SelfEvaluation.objects.visible_to(editor))
    reviewer = User.objects.get(username="zhuguan")
    waiting = SelfEvaluation.objects.visible_to(reviewer).filter(awaiting="department")
    assert any(policy.can(reviewer, "dept_pass", r) for r in waiting)
    assert SelfEvaluation.objects.visible_to(None).exists()  # the portal has published results
    load_demo([])
    assert SelfEvalRound.objects.count() == 3


def test_every_role_finds_work_waiting_in_the_year_new_projects_get(db, fast_password_hasher):
    """Made through the actions: each item has its submissions, moves and comments in the audit log."""
    from jixiao.web.audit.models import AuditEvent
    from jixiao.web.targets.models import DepartmentTarget
    from jixiao.web.workflow.models import Comment
    from jixiao.web.years import compile_year

    accounts = {a.username: a for a in load_demo(sample_documents(), monitoring=False)}
    year = compile_year()
    editor, reviewer = (User.objects.get(username=u) for u in ("danwei", "zhuguan"))
    finance, admin = (User.objects.get(username=u) for u in ("caizheng", "guanli"))
    work = Project.objects.filter(year=year)
    at_department = work.get(awaiting="department")
    assert at_department.stage == "一上" and policy.can(reviewer, "dept_pass", at_department)
    at_finance = work.get(awaiting="finance")
    assert policy.can(finance, "approve", at_finance) and not policy.can(reviewer, "dept_pass", at_finance)
    returned = work.get(state="returned")
    assert policy.can(editor, "edit", returned)
    assert Comment.objects.filter(kind="project", object_id=returned.pk, item_id__isnull=False).exists()
    approved = work.get(state="approved")
    assert policy.can(admin, "publish", approved) and not policy.can(finance, "publish", approved)
    target = DepartmentTarget.objects.get(year=year)
    assert target.awaiting == "finance" and policy.can(finance, "approve", target)
    verbs = set(AuditEvent.objects.filter(project=returned).values_list("verb", flat=True))
    assert {"create", "submit", "dept_pass", "comment", "return"} <= verbs
    # the banner says what each finds, by name
    assert at_department.name in accounts["zhuguan"].waiting
    assert returned.name in accounts["danwei"].waiting and "退回修改" in accounts["danwei"].waiting
    assert (
        at_finance.name in accounts["caizheng"].waiting
        and target.department.name in accounts["caizheng"].waiting
    )
    assert approved.name in accounts["guanli"].waiting and "待公开" in accounts["guanli"].waiting
    # loading again makes no second set
    load_demo([], monitoring=False)
    assert Project.objects.filter(year=year).count() == work.count() == 4


def test_a_new_project_gets_the_demo_year_and_the_editor_may_choose_another(db, fast_password_hasher, client):
    from jixiao.web.years import compile_year

    load_demo(sample_documents(), monitoring=False)
    client.force_login(User.objects.get(username="danwei"))
    page = client.get("/work/projects/new/").content.decode()
    year = compile_year()
    assert f'<option value="{year}" selected>' in page  # the year the demo's work sits in
    assert '<option value="2022">' in page  # the sample's year, opened by the import
    chosen = client.get("/work/projects/new/?year=2022").content.decode()
    assert "2022 年度" in chosen and '<input type="hidden" name="year" value="2022">' in chosen
