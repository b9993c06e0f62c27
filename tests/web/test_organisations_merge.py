"""Merging duplicate departments: references move, units of one name fold, names become aliases, on record;
the registry page proposes the pairs that are one body."""

from __future__ import annotations

import pytest

from jixiao.web.actions import ActionError
from jixiao.web.audit.models import AuditEvent
from jixiao.web.organisations.merge import do_merge_departments
from jixiao.web.organisations.models import Department, Profile, Unit
from jixiao.web.policy import Refused
from jixiao.web.targets.models import Project
from tests.web.conftest import sample_draft


def login(client, user):
    """Signed in as ``user`` (the session alone: these tests are not about signing in)."""
    client.force_login(user)
    return client


@pytest.fixture
def doubled(world):
    from jixiao.web.actions.projects import do_create_project

    twin = Department.objects.create(
        region=world.region, name="淄博市临淄区教育局", code="", aliases=["教育局"]
    )
    same_unit = Unit.objects.create(department=twin, name="第一中学")
    other_unit = Unit.objects.create(department=twin, name="第三中学", code="301003")
    project = do_create_project(
        acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=sample_draft()
    )
    Project.objects.filter(pk=project.pk).update(department=twin, unit=same_unit)
    return twin, same_unit, other_unit, project


def test_merge_moves_every_reference_and_is_on_record(world, doubled):
    twin, same_unit, other_unit, project = doubled
    moved = do_merge_departments(acting_user=world.admin, keep=world.dept_a, duplicate=twin)
    project.refresh_from_db()
    assert (project.department, project.unit) == (
        world.dept_a,
        world.unit_a1,
    )  # 第一中学 folded into its twin
    assert Unit.objects.get(pk=other_unit.pk).department == world.dept_a
    assert (
        not Unit.objects.filter(pk=same_unit.pk).exists()
        and not Department.objects.filter(pk=twin.pk).exists()
    )
    world.dept_a.refresh_from_db()
    assert world.dept_a.aliases == ["淄博市临淄区教育局", "教育局"] and world.dept_a.code == "301"
    assert (moved["Project.department"], moved["Project.unit"], moved["Unit.department"]) == (1, 1, 1)
    event = AuditEvent.objects.get(verb="merge-department")
    assert event.actor == world.admin and event.detail["merged"]["name"] == "淄博市临淄区教育局"
    assert Profile.objects.filter(department=world.dept_a).count() == 3  # the people stay where they were


def test_only_the_regions_finance_admin_merges_within_one_region(world, doubled):
    twin = doubled[0]
    with pytest.raises(Refused):
        do_merge_departments(acting_user=world.finance, keep=world.dept_a, duplicate=twin)
    other = Department.objects.filter(region=world.other_region).first()
    with pytest.raises(ActionError, match="同一行政区划"):
        do_merge_departments(acting_user=world.admin, keep=world.dept_a, duplicate=other)
    with pytest.raises(ActionError):
        do_merge_departments(acting_user=world.admin, keep=world.dept_a, duplicate=world.dept_a)
    assert Department.objects.filter(pk=twin.pk).exists()


def test_the_registry_page_proposes_the_pair_and_merges_it(world, client, doubled):
    twin = doubled[0]
    login(client, world.admin)
    page = client.get("/work/organisations/").content.decode()
    assert "疑似重复的部门（1 组）" in page and "保留“淄博市临淄区教育局”" in page
    response = client.post(
        "/work/organisations/merge/", {"keep": world.dept_a.pk, "duplicate": twin.pk}, follow=True
    )
    assert "并入“区教育局”" in response.content.decode()
    assert not Department.objects.filter(pk=twin.pk).exists()


def test_a_reviewer_sees_the_registry_but_cannot_merge(world, client, doubled):
    login(client, world.finance)
    page = client.get("/work/organisations/").content.decode()
    assert "疑似重复的部门" in page and 'id="merge-form"' not in page
    client.post("/work/organisations/merge/", {"keep": world.dept_a.pk, "duplicate": doubled[0].pk})
    assert Department.objects.filter(pk=doubled[0].pk).exists()
    assert client.get("/work/organisations/", follow=False).status_code == 200
    login(client, world.editor_a1)
    assert client.get("/work/organisations/").status_code == 403


def test_an_alias_added_by_the_admin_places_the_next_import_there(world, client):
    import dataclasses

    from jixiao.web.actions.imports import do_import_document
    from tests.web.documents import small_document

    login(client, world.admin)
    client.post(f"/work/organisations/{world.dept_a.pk}/alias/", {"alias": " 临淄区教育和体育局 "})
    world.dept_a.refresh_from_db()
    assert world.dept_a.aliases == ["临淄区教育和体育局"]
    assert AuditEvent.objects.get(verb="alias-department").detail == {"alias": "临淄区教育和体育局"}
    doc = small_document()
    doc = dataclasses.replace(
        doc, projects=tuple(dataclasses.replace(p, department="临淄区教育和体育局") for p in doc.projects)
    )
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=doc)
    assert Project.objects.filter(department=world.dept_a).count() == 2
    assert not Department.objects.filter(name="临淄区教育和体育局").exists()


def test_an_alias_taken_by_another_department_or_blank_is_refused(world, client):
    login(client, world.admin)
    page = client.post(
        f"/work/organisations/{world.dept_a.pk}/alias/", {"alias": "区卫生健康局"}, follow=True
    )
    assert "已是“区卫生健康局”的名称或别名；如为同一部门，请合并" in page.content.decode()
    page = client.post(f"/work/organisations/{world.dept_a.pk}/alias/", {"alias": "  "}, follow=True)
    assert "请填写别名" in page.content.decode()
    login(client, world.finance)
    client.post(f"/work/organisations/{world.dept_a.pk}/alias/", {"alias": "教育局"})
    world.dept_a.refresh_from_db()
    assert world.dept_a.aliases == [] and not AuditEvent.objects.filter(verb="alias-department").exists()


def test_the_api_lists_a_departments_aliases(world, client, doubled):
    listed = client.get("/api/departments", {"region": world.region.pk}).json()["items"]
    assert {d["name"]: d["aliases"] for d in listed}["淄博市临淄区教育局"] == ["教育局"]
    assert {d["name"]: d["aliases"] for d in listed}["区教育局"] == []
