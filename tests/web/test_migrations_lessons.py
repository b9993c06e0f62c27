"""The migration that gives a project its carried lessons (targets 0007) keeps every other row both ways: back,
the lessons and the links to the carried 整改事项 go (the 整改事项 themselves stay on the self-evaluation);
forward again, every project has no lessons, and the next copy carries them again."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jixiao.web.actions.projects import do_copy_project
from jixiao.web.selfeval.models import Rectification
from jixiao.web.targets.models import Indicator, Project
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
