"""A name of one or two characters (项目, 及时 — what a reader sometimes takes for an indicator's name) is inside
almost every project's text: appearing there earns it nothing."""

from jixiao.domain import Level2
from jixiao.library import Library, suggest

from .builders import document, indicator, project


def library() -> Library:
    projects = [
        project(
            f"{area}项目",
            indicator(f"{area}设施完好率", "≥95%", Level2.QUALITY),
            indicator("服务对象满意度", "≥90%", Level2.SATISFACTION),
            department=f"{place}县{area}局",
            goal=f"做好{area}项目",
        )
        for place, area in zip("甲乙丙", ("水利", "交通", "林业"), strict=True)
    ]
    # A stray word filed as an indicator by one department, a real measure by three; the new project's words
    # hold the stray word (项目), not the measure.
    projects.append(project("档案整理", indicator("项目", "3个", Level2.QUANTITY), department="丁县档案馆"))
    projects += [
        project(
            "档案整理", indicator("档案整理卷数", "≥1000卷", Level2.QUANTITY), department=f"{place}县档案馆"
        )
        for place in "戊己庚"
    ]
    lib = Library()
    lib.add_document(document("held.txt", *projects))
    return lib


def test_a_two_character_name_inside_the_projects_words_is_not_lifted_by_them():
    found = [s.name for s in suggest(library(), "城市照明维护项目", goal="做好路灯维护项目", top=10)]
    assert "项目" in found  # still offered, as any held cluster may be
    assert found.index("档案整理卷数") < found.index("项目")
