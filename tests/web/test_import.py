"""Import of a published disclosure: bulk load, published state, refusals, no double load."""

from __future__ import annotations

import dataclasses

import pytest

from jixiao.domain import Source
from jixiao.web.actions import ActionError
from jixiao.web.actions.imports import do_import_document, read_upload
from jixiao.web.audit.models import AuditEvent
from jixiao.web.organisations.models import Department, FiscalYear, Unit
from jixiao.web.policy import Refused
from jixiao.web.targets.models import DepartmentTarget, ImportBatch, Indicator, Project
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


def test_a_new_year_takes_the_documents_framework_and_the_batch_names_who_loaded_it(world):
    batch = do_import_document(
        acting_user=world.admin, region=world.region, year=2023, document=small_document()
    )
    assert FiscalYear.objects.get(region=world.region, year=2023).framework == "2020"
    assert batch.created_by == world.admin
    assert None not in Project.objects.filter(import_batch=batch).values_list("published_at", flat=True)
    assert DepartmentTarget.objects.get(import_batch=batch).published_at is not None


def test_a_department_without_a_code_is_stored_with_an_empty_code(world):
    doc = small_document()
    doc = dataclasses.replace(
        doc,
        projects=tuple(dataclasses.replace(p, department_code=None) for p in doc.projects),
        departments=tuple(dataclasses.replace(d, name="区审计局", code=None) for d in doc.departments),
    )
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=doc)
    assert Department.objects.get(region=world.region, name="区水利局").code == ""
    assert Department.objects.get(region=world.region, name="区审计局").code == ""


def test_departments_are_matched_by_name_within_the_region_only(world):
    do_import_document(
        acting_user=world.other_finance, region=world.other_region, year=2022, document=small_document()
    )
    batch = do_import_document(
        acting_user=world.admin, region=world.region, year=2022, document=small_document("b" * 64)
    )
    places = {(p.department.region, p.department.name) for p in Project.objects.filter(import_batch=batch)}
    assert places == {(world.region, "区教育局"), (world.region, "区水利局")}
    assert DepartmentTarget.objects.get(import_batch=batch).department.region == world.region


def test_a_document_is_refused_only_when_it_holds_neither_projects_nor_department_targets(world):
    doc = small_document()
    with pytest.raises(ActionError, match="^文档中没有读到任何项目或部门目标，未导入。$"):
        do_import_document(
            acting_user=world.admin,
            region=world.region,
            year=2022,
            document=dataclasses.replace(doc, projects=(), departments=()),
        )
    for n, part in enumerate(({"projects": ()}, {"departments": ()})):
        one_kind = dataclasses.replace(doc, source=Source("x.txt", str(n) * 64), **part)
        do_import_document(acting_user=world.admin, region=world.region, year=2022, document=one_kind)
    assert ImportBatch.objects.count() == 2


def test_the_same_document_loads_once_per_region_and_year(world):
    for region, year, user in (
        (world.region, 2022, world.admin),
        (world.region, 2023, world.admin),
        (world.other_region, 2022, world.other_finance),
    ):
        do_import_document(acting_user=user, region=region, year=year, document=small_document())
    do_import_document(
        acting_user=world.admin, region=world.region, year=2022, document=small_document("c" * 64)
    )
    assert ImportBatch.objects.count() == 4


def test_an_unreadable_upload_is_refused_in_words(world):
    with pytest.raises(ActionError, match="^无法读取该文档："):
        read_upload(b"", "empty.txt")


def test_the_import_is_on_record_with_what_it_loaded(world):
    batch = do_import_document(
        acting_user=world.admin, region=world.region, year=2022, document=small_document()
    )
    event = AuditEvent.objects.get(verb="import")
    assert (event.actor, event.ok, event.target_type, event.target_id) == (
        world.admin,
        True,
        "ImportBatch",
        batch.pk,
    )
    assert event.message == "导入“test-2022.txt”：项目 2 个，部门 1 个"
    assert event.detail == {
        "sha256": "a" * 64,
        "projects": 2,
        "departments": 1,
        "warnings": 1,
        "distrusted": 0,
        "published": None,
    }


def test_rows_are_numbered_from_one_in_the_documents_order(world):
    batch = do_import_document(
        acting_user=world.admin, region=world.region, year=2022, document=small_document()
    )
    project = Project.objects.get(import_batch=batch, name="农村饮水安全工程1")
    assert [(i.position, i.name) for i in project.live_indicators()] == [
        (1, "受益人口"),
        (2, "工程总成本"),
        (3, "水质达标率"),
        (4, "群众满意度"),
    ]
    rows = DepartmentTarget.objects.get(import_batch=batch).rows.order_by("table", "position")
    assert [(r.table, r.position) for r in rows] == [("annual", 1), ("strategic", 1)]


def test_what_the_document_leaves_out_is_stored_empty_and_found_by_name_and_indicators(world):
    doc = small_document(n_projects=1)
    doc = dataclasses.replace(
        doc, title=None, issuer=None, projects=(dataclasses.replace(doc.projects[0], code=None),)
    )
    batch = do_import_document(acting_user=world.admin, region=world.region, year=2022, document=doc)
    assert (batch.title, batch.issuer) == ("", "")
    assert (
        Project.objects.get(import_batch=batch).search_text
        == "农村饮水安全工程1  受益人口 工程总成本 水质达标率 群众满意度"
    )
