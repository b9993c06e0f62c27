"""The migrations that give a project (targets 0007) and a department target (targets 0008) their carried
lessons keep every other row both ways: back, the lessons and the links to the carried 整改事项 go (the 整改事项
themselves stay on the self-evaluation); forward again, nothing has lessons, and the next copy carries them
again."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jixiao.web.actions.departments import do_copy_department_target
from jixiao.web.actions.projects import do_copy_project
from jixiao.web.selfeval.models import Rectification
from jixiao.web.targets.models import DepartmentTarget, DepartmentTargetRow, Indicator, Project
from tests.web.test_department_lessons import department_sheet  # noqa: F401  (a fixture)
from tests.web.test_migrations import migrate
from tests.web.test_selfeval_lessons import poor_sheet  # noqa: F401  (a fixture)

BEFORE = [("targets", "0006_department_row_values")]


def rows() -> dict[str, set[tuple[object, ...]]]:
    return {
        "projects": {(p.pk, p.name, p.year, p.version, p.copied_from_id) for p in Project.objects.all()},
        "indicators": {(i.pk, i.project_id, i.name, i.value_raw) for i in Indicator.objects.all()},
        "rectifications": {(r.pk, r.record_id, r.text, r.state) for r in Rectification.objects.all()},
    }


@pytest.mark.django_db(transaction=True)
def test_the_lessons_come_and_go_with_their_migration(world, poor_sheet):  # noqa: F811
    copy = do_copy_project(acting_user=world.editor_a1, source=poor_sheet.project, year=2025)
    assert copy.lessons and copy.carried_rectifications.count() == 1
    before = rows()
    try:
        old = migrate(BEFORE)
        names = {f.name for f in old.get_model("targets", "Project")._meta.get_fields()}
        assert "lessons" not in names and "carried_rectifications" not in names
        assert old.get_model("targets", "Project").objects.filter(pk=copy.pk).exists()
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert rows() == before
    assert Project.objects.get(pk=copy.pk).lessons == ""
    assert not Project.objects.filter(carried_rectifications__isnull=False).exists()

    again = do_copy_project(acting_user=world.editor_a1, source=poor_sheet.project, year=2026)
    assert again.lessons.startswith("2024年度绩效自评：") and again.carried_rectifications.count() == 1


DEPARTMENT_BEFORE = [("targets", "0007_project_lessons")]


def department_rows() -> dict[str, set[tuple[object, ...]]]:
    return {
        "targets": {
            (t.pk, t.department_id, t.year, t.version, t.copied_from_id, t.strategic_goal)
            for t in DepartmentTarget.objects.all()
        },
        "rows": {
            (r.pk, r.target_id, r.table, r.name, r.value_raw) for r in DepartmentTargetRow.objects.all()
        },
        "rectifications": {(r.pk, r.record_id, r.text, r.state) for r in Rectification.objects.all()},
    }


@pytest.mark.django_db(transaction=True)
def test_a_department_targets_lessons_come_and_go_with_their_migration(world, department_sheet):  # noqa: F811
    source = department_sheet.department_target
    copy = do_copy_department_target(acting_user=world.reviewer_a, source=source, year=2025)
    assert copy.lessons and copy.carried_rectifications.count() == 1
    before = department_rows()
    try:
        old = migrate(DEPARTMENT_BEFORE)
        target = old.get_model("targets", "DepartmentTarget")
        names = {f.name for f in target._meta.get_fields()}
        assert "lessons" not in names and "carried_rectifications" not in names
        assert "lessons" in {f.name for f in old.get_model("targets", "Project")._meta.get_fields()}
        assert target.objects.filter(pk=copy.pk).exists()
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert department_rows() == before
    assert DepartmentTarget.objects.get(pk=copy.pk).lessons == ""
    assert not DepartmentTarget.objects.filter(carried_rectifications__isnull=False).exists()

    again = do_copy_department_target(acting_user=world.reviewer_a, source=source, year=2026)
    assert again.lessons.startswith("2024年度绩效自评：") and again.carried_rectifications.count() == 1
