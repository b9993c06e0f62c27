"""Import through the registry: the bundled samples land without invented or doubled departments."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from jixiao.domain.organisations import name_key
from jixiao.web.actions.imports import UNNAMED_DEPARTMENT, do_import_document
from jixiao.web.demo import SAMPLES, sample_documents
from jixiao.web.organisations.models import Department, Region, Unit
from jixiao.web.targets.models import DepartmentTarget, Project
from tests.web.documents import small_document


@pytest.fixture(scope="module")
def samples():
    return sample_documents()


def test_the_three_samples_name_a_department_wherever_the_unit_is_known(world, samples):
    for doc in samples:
        name, code, _ = SAMPLES[doc.source.name]
        region, _ = Region.objects.get_or_create(name=name, defaults={"code": code})
        admin = world.admin if region == world.region else _admin(region)
        do_import_document(acting_user=admin, region=region, year=doc.year, document=doc)
    stored = Project.objects.filter(import_batch__isnull=False)
    assert stored.count() == sum(len(d.projects) for d in samples)
    assert not stored.filter(department__name=UNNAMED_DEPARTMENT).exists()
    for region in Region.objects.all():
        keys = Counter(name_key(d.name, region.name) for d in Department.objects.filter(region=region))
        assert [k for k, n in keys.items() if n > 1] == [], region.name
    liaocheng = Region.objects.get(name="聊城市")
    opera = Project.objects.get(region=liaocheng, unit__name="聊城市京剧院")
    assert opera.department.name == "聊城市文化和旅游局" and opera.department.code == "015"
    academy = Project.objects.filter(region=liaocheng, unit__name="聊城市农业科学院本级").first()
    assert academy.department.name == "聊城市农业科学院"
    linzi = Region.objects.get(name="临淄区")
    approval = Department.objects.get(region=linzi, name__endswith="行政审批服务局")
    assert approval.name == "淄博市临淄区行政审批服务局"
    assert approval.aliases == ["淄博市临淄区区行政审批服务局"]
    assert Project.objects.filter(department=approval).count() == 2
    # The department target of a body the projects also name is that one department.
    hr = DepartmentTarget.objects.get(region=liaocheng, department__name="聊城市人力资源和社会保障局")
    assert Project.objects.filter(department=hr.department).count() == 10


def _admin(region):
    from django.contrib.auth.models import User

    from jixiao.web.organisations.models import Profile, Role

    user = User.objects.create_user(f"admin-{region.pk}", password="x")
    Profile.objects.create(user=user, role=Role.FINANCE_ADMIN, region=region)
    return user


def test_a_second_document_printing_a_known_body_otherwise_reuses_it_and_learns_the_name(world):
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=small_document())
    doc = small_document(sha="b" * 64)
    doc = dataclasses.replace(
        doc,
        projects=tuple(
            dataclasses.replace(
                p, department="淄博市临淄区" + p.department.removeprefix("区"), department_code=None
            )
            for p in doc.projects
        ),
    )
    do_import_document(acting_user=world.admin, region=world.region, year=2023, document=doc)
    water = Department.objects.get(region=world.region, name="区水利局")
    assert water.aliases == ["淄博市临淄区水利局"]
    assert Department.objects.filter(region=world.region, name__contains="水利").count() == 1
    assert Unit.objects.filter(department=water, name="区水利事业服务中心").count() == 1


def test_the_demo_imports_the_samples_with_their_own_dates_and_no_invented_department(db, samples):
    from jixiao.web.demo import load_demo
    from jixiao.web.portal.models import DocumentDate

    load_demo(samples, monitoring=False)
    dates = {d.batch.source_name: d.label for d in DocumentDate.objects.select_related("batch")}
    assert dates == {"linzi-2022.txt": "2022年2月", "liaocheng-2022.txt": "2022年5月"}  # 淄川's states none
    assert not Project.objects.filter(department__name=UNNAMED_DEPARTMENT).exists()


def test_a_known_unit_printed_with_its_regions_name_is_that_unit_and_keeps_the_spelling(world):
    """第一中学 of 区教育局 printed as 临淄区第一中学 (its name key): no second unit; the spelling becomes an
    alias; an exact alias is found on the next import without the key."""
    doc = small_document(n_projects=2)
    renamed = dataclasses.replace(
        doc,
        projects=tuple(
            dataclasses.replace(p, unit="淄博市临淄区第一中学") if p.department == "区教育局" else p
            for p in doc.projects
        ),
    )
    do_import_document(acting_user=world.admin, region=world.region, year=2024, document=renamed)
    school = Project.objects.get(department=world.dept_a).unit
    assert school == world.unit_a1 and Unit.objects.filter(department=world.dept_a).count() == 2
    assert "淄博市临淄区第一中学" in Unit.objects.get(pk=world.unit_a1.pk).aliases
