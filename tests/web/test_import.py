"""Import of a published disclosure: bulk load, published state, refusals, no double load."""

from __future__ import annotations

import pytest

from jixiao.web.actions import ActionError
from jixiao.web.actions.imports import do_import_document
from jixiao.web.audit.models import AuditEvent
from jixiao.web.organisations.models import Department, FiscalYear, Unit
from jixiao.web.policy import Refused
from jixiao.web.targets.models import DepartmentTarget, Indicator, Project
from tests.web.documents import small_document


def test_import_loads_projects_as_published(world, django_assert_max_num_queries):
    doc = small_document(n_projects=6)
    with django_assert_max_num_queries(30):  # bulk statements, not one round trip per row
        batch = do_import_document(acting_user=world.admin, region=world.region, year=2022, document=doc)
    assert (batch.project_count, batch.department_count, batch.warnings) == (
        6,
        1,
        [{"line": 99, "message": "未能识别的行"}],
    )
    projects = Project.objects.filter(import_batch=batch)
    assert projects.count() == 6 and set(projects.values_list("state", flat=True)) == {"published"}
    assert Indicator.objects.filter(project__import_batch=batch).count() == 24
    water = projects.get(name="农村饮水安全工程1")
    assert water.department.name == "区水利局" and water.unit.name == "区水利事业服务中心"
    assert water.live_indicators()[1].level1 == "产出指标" and water.live_indicators()[1].source_line == 12
    assert water.framework == "2020"
    assert Department.objects.filter(region=world.region, name="区教育局").count() == 1  # reused, not doubled
    assert Unit.objects.filter(name="区水利事业服务中心").count() == 1
    target = DepartmentTarget.objects.get(import_batch=batch)
    assert [r.name for r in target.rows.order_by("table")] == ["水质检测次数", "农村自来水普及率"]
    assert FiscalYear.objects.get(region=world.region, year=2022).framework == "2020"
    assert Project.objects.visible_to(None).filter(import_batch=batch).count() == 6
    assert AuditEvent.objects.get(verb="import").detail["projects"] == 6


def test_same_document_twice_is_refused(world):
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=small_document())
    with pytest.raises(ActionError, match="已导入过"):
        do_import_document(acting_user=world.admin, region=world.region, year=2022, document=small_document())


@pytest.mark.parametrize("who", ["finance", "editor_a1", "reviewer_a", "other_finance"])
def test_only_the_regions_finance_admin_imports(world, who):
    with pytest.raises(Refused):
        do_import_document(
            acting_user=getattr(world, who), region=world.region, year=2022, document=small_document()
        )
    assert not Project.objects.exists()
    assert AuditEvent.objects.filter(verb="import", ok=False).count() == 1
