"""Placing a document's departments in a registry: known bodies under other names, blank 主管部门 cells."""

from __future__ import annotations

from jixiao.domain import Department as DocDepartment
from jixiao.domain import Document, Project, Source
from jixiao.domain.registry_match import UNNAMED_DEPARTMENT, Entry, plan


def doc(*projects: Project, departments: tuple[str, ...] = ()) -> Document:
    return Document(
        source=Source("t.txt", "0" * 64),
        projects=projects,
        departments=tuple(DocDepartment(name=n) for n in departments),
    )


def project(department=None, code=None, unit=None, unit_code=None) -> Project:
    return Project(name="项目", department=department, department_code=code, unit=unit, unit_code=unit_code)


REGISTRY = [Entry(1, "临淄区综合行政执法局", "508"), Entry(2, "临淄区民政局", "401", ("区民政局",))]


def test_known_bodies_under_other_names_are_the_registrys():
    placed = plan(
        "临淄区",
        REGISTRY,
        [],
        doc(project("淄博市临淄区综合行政执法局"), project("区民政局"), project("淄博市临淄区区民政局")),
    )
    assert [(p.id, p.name) for p in placed.projects] == [
        (1, "临淄区综合行政执法局"),
        (2, "临淄区民政局"),
        (2, "临淄区民政局"),
    ]
    assert placed.projects[1].how == "登记的别名"
    assert placed.projects[0].aliases == ["淄博市临淄区综合行政执法局"]


def test_an_unknown_name_with_a_known_code_is_that_department():
    placed = plan("临淄区", REGISTRY, [], doc(project("临淄区城市管理局", "508")))
    assert placed.projects[0].id == 1 and "508" in placed.projects[0].how


def test_variants_new_to_the_registry_become_one_department_named_without_the_doubled_prefix():
    placed = plan(
        "临淄区",
        [],
        [],
        doc(project("淄博市临淄区区行政审批服务局"), project("淄博市临淄区行政审批服务局")),
    )
    assert len(placed.placements) == 1
    assert placed.placements[0].name == "淄博市临淄区行政审批服务局"
    assert placed.placements[0].aliases == ["淄博市临淄区区行政审批服务局"]


def test_a_blank_department_is_found_from_the_code_the_unit_or_the_unit_itself():
    placed = plan(
        "聊城市",
        [Entry(7, "聊城市教育和体育局", "025")],
        [Entry(30, "聊城市京剧院", "015013", (), 9), Entry(31, "x", "", (), None)],
        doc(
            project("聊城市文化和旅游局", "015", "聊城市文化和旅游局本级"),
            project(None, "015", "聊城市杂技团"),  # the document names 015 elsewhere
            project(None, "025", "聊城市特殊教育学校"),  # the registry knows 025
            project(None, "003", "聊城市农业科学院本级"),  # the office names its department
            project(None, "043", "聊城市公共就业和人才服务中心"),
            project(None, "043", "聊城市人力资源和社会保障局"),  # a unit that is a known department
            project(None, None, "聊城市法律援助中心"),  # a 一级预算单位
            project(None, None, None),
            departments=("聊城市人力资源和社会保障局",),
        ),
    )
    names = [p.name for p in placed.projects]
    assert names == [
        "聊城市文化和旅游局",
        "聊城市文化和旅游局",
        "聊城市教育和体育局",
        "聊城市农业科学院",
        "聊城市人力资源和社会保障局",
        "聊城市人力资源和社会保障局",
        "聊城市法律援助中心",
        UNNAMED_DEPARTMENT,
    ]
    assert placed.projects[3].code == "003" and "本级" in placed.projects[3].how
    assert placed.projects[6].how == "一级预算单位（单位即部门）"
    assert placed.projects[4] is placed.targets[0]


def test_a_registered_unit_brings_its_department():
    placed = plan(
        "聊城市",
        [Entry(9, "聊城市文化和旅游局", "")],
        [Entry(30, "聊城市京剧院", "", (), 9)],
        doc(project(None, None, "聊城市京剧院")),
    )
    assert placed.projects[0].id == 9 and "京剧院" in placed.projects[0].how
