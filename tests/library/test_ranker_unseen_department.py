"""Suggestions for a project whose department the library has never seen: what carries over is what the
project's own words name and what many departments measure."""

from jixiao.domain import Level2
from jixiao.library import Library, suggest

from .builders import document, indicator, project

GENERIC = (
    indicator("项目完成及时率", "100%", Level2.TIMELINESS),
    indicator("服务对象满意度", "≥95%", Level2.SATISFACTION),
    indicator("项目总成本", "≤50万元", Level2.COST),
)


def library() -> Library:
    lib = Library()
    projects = [
        # Six departments share the generic indicators.
        *(
            project(
                f"{area}日常运转", *GENERIC, department=f"{place}{area}局", goal=f"保障{area}工作正常运转"
            )
            for place, area in zip(
                "甲乙丙丁戊己", ("水利", "交通", "商务", "统计", "审计", "林业"), strict=True
            )
        ),
        # 培训人次 is held, but by a project whose name and goal never say 培训.
        project(
            "社区服务中心运转",
            indicator("培训人次", "≥300人次", Level2.QUANTITY),
            indicator("社区活动场次", "≥12场", Level2.QUANTITY),
            department="庚县民政局",
            goal="保障社区服务中心正常运行",
        ),
        # One department files 档案整理数量 as often as the generic ones are filed, and nobody else does.
        *(
            project(
                f"档案业务{i}",
                indicator("档案整理数量", "≥1000卷", Level2.QUANTITY),
                department="辛县档案馆",
                goal="档案业务",
            )
            for i in range(6)
        ),
    ]
    lib.add_document(document("held.txt", *projects))
    return lib


def test_an_indicator_named_by_the_projects_words_is_suggested_without_its_department():
    found = suggest(
        library(),
        "农民职业技能培训",
        goal="组织农民参加技能培训，提升就业能力",
        department="壬县农业农村局",
        top=5,
    )
    names = [s.name for s in found]
    assert "培训人次" in names
    assert "档案整理数量" not in names[: names.index("培训人次")]


def test_an_indicator_many_departments_use_ranks_above_one_a_single_department_uses_as_often():
    found = [s.name for s in suggest(library(), "城市照明设施维护", department="壬县城市管理局", top=10)]
    assert "档案整理数量" not in found[:3]
    for name in ("项目完成及时率", "服务对象满意度", "项目总成本"):
        assert name in found[:3]
