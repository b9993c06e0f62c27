"""Migrations keep data: a database filled by the demo and a review cycle of each kind, taken back to the
schema before the shared review core (per-kind comment and version tables, department snapshots inside
audit rows) and forward again, keeps every comment, round snapshot and audit row."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jixiao.web.actions.departments import do_create_department_target, do_save_department_target
from jixiao.web.actions.projects import do_create_project, do_save_project
from jixiao.web.actions.review import do_comment, do_transition
from jixiao.web.audit.models import AuditEvent
from jixiao.web.demo import load_demo, sample_documents
from jixiao.web.targets.models import DepartmentTarget, DepartmentTargetRow, Indicator, Project
from jixiao.web.workflow.models import Comment, RoundSnapshot
from tests.web.conftest import sample_department_draft, sample_draft

# The schema before the shared review core.
BEFORE = [("workflow", "0001_initial"), ("targets", "0004_project_form_fields")]


def migrate(targets: list[tuple[str, str]]) -> Any:
    """Migrate the test database to ``targets``; the models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([*targets, ("audit", "0001_initial")]).apps


def review_cycles() -> None:
    """What the demo's people do: a project and the department's targets, each returned once and resubmitted."""
    editor, reviewer, finance = (User.objects.get(username=n) for n in ("danwei", "zhuguan", "caizheng"))
    unit = editor.profile.unit
    project = do_create_project(acting_user=editor, unit=unit, year=2025, draft=sample_draft())
    do_transition(acting_user=editor, target=project, verb="submit")
    do_transition(acting_user=reviewer, target=project, verb="dept_pass")
    do_comment(acting_user=finance, target=project, text="栋数偏少", item=project.live_items().first())
    do_transition(acting_user=finance, target=project, verb="return", grade="中", opinion="请修改数量")
    draft = sample_draft(goal="改过的目标")
    for ind, row in zip(draft.indicators, project.live_indicators(), strict=True):
        ind.id = row.pk
    do_save_project(acting_user=editor, project=project, draft=draft, expected_version=project.version)
    do_transition(acting_user=editor, target=project, verb="submit")

    target = do_create_department_target(
        acting_user=reviewer, department=unit.department, year=2025, draft=sample_department_draft()
    )
    do_transition(acting_user=reviewer, target=target, verb="submit")
    row = target.rows.get(name="适龄儿童入学率")
    do_comment(acting_user=finance, target=target, text="请补充上年实际值", item=row)
    do_transition(acting_user=finance, target=target, verb="return", grade="中", opinion="请完善参考值")
    fixed = sample_department_draft()
    fixed.strategic_goal = "改过的战略目标"
    do_save_department_target(
        acting_user=reviewer, target=target, draft=fixed, expected_version=target.version
    )
    do_transition(acting_user=reviewer, target=target, verb="submit")


def comments() -> set[tuple[Any, ...]]:
    return {
        (c.kind, c.object_id, c.item_id, c.author_id, c.round, c.text, c.created_at, c.archived)
        for c in Comment.objects.all()
    }


def snapshots() -> set[tuple[Any, ...]]:
    return {
        (s.kind, s.object_id, s.round, s.state, repr(s.snapshot), s.created_by_id)
        for s in RoundSnapshot.objects.all()
    }


def audit() -> dict[int, tuple[Any, ...]]:
    return {
        e.pk: (e.verb, e.ok, e.target_type, e.target_id, e.project_id, e.actor_id, e.message, e.at, e.detail)
        for e in AuditEvent.objects.all()
    }


def counts() -> dict[str, int]:
    models = (Project, Indicator, DepartmentTarget, DepartmentTargetRow)
    return {m.__name__: m.objects.count() for m in models}


@pytest.mark.django_db(transaction=True)
def test_the_demo_keeps_its_comments_snapshots_and_audit_rows_both_ways(fast_password_hasher, monkeypatch):
    # The demo's waiting work is left out: what is counted below is what review_cycles makes.
    monkeypatch.setattr("jixiao.web.demo.make_waiting_work", lambda *a, **k: None)
    load_demo(sample_documents(), monitoring=False)  # monitoring came after the schema this goes back to
    review_cycles()
    before = comments(), snapshots(), audit(), counts()
    assert len(before[0]) == 4 and len(before[1]) == 4  # a comment and an opinion, two rounds, each kind
    under_review = DepartmentTarget.objects.get(year=2025)
    assert (under_review.state, under_review.awaiting) == ("resubmitted", "finance")

    try:
        old = migrate(BEFORE)
        old_comments = old.get_model("workflow", "Comment").objects
        assert old_comments.count() == 2 and old_comments.filter(indicator__isnull=False).count() == 1
        assert old.get_model("targets", "DepartmentComment").objects.filter(row__isnull=False).count() == 1
        assert old.get_model("targets", "DepartmentComment").objects.count() == 2
        versions = old.get_model("targets", "ProjectVersion").objects.order_by("round")
        assert [v.round for v in versions] == [1, 2] and versions[1].snapshot["goal"] == "改过的目标"
        submits = old.get_model("audit", "AuditEvent").objects.filter(
            target_type="DepartmentTarget", verb="submit"
        )
        kept = sorted((e.detail["round"], e.detail["snapshot"]["strategic_goal"]) for e in submits)
        assert kept == [(1, "到 2025 年，全区义务教育优质均衡发展。"), (2, "改过的战略目标")]
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    after = comments(), snapshots(), audit(), counts()
    assert after[0] == before[0]
    assert after[1] == before[1]
    assert after[3] == before[3]
    assert set(after[2]) == set(before[2])
    for pk, row in before[2].items():
        detail = dict(after[2][pk][-1])
        if row[:3] == ("submit", True, "DepartmentTarget"):
            detail.pop("snapshot")  # the previous schema kept it here, and it stays on record
        assert (*after[2][pk][:-1], detail) == row, pk
    assert DepartmentTarget.objects.get(year=2025).awaiting == "finance"
    # department rows keep their values as understood, read again from what was typed
    row = DepartmentTargetRow.objects.get(target__year=2025, name="适龄儿童入学率", archived=False)
    assert (row.value_kind, row.value_op, row.value_number, row.value_unit) == ("numeric", "=", 100.0, "%")
