"""EXPLANATION-CONTRADICTS-VALUE and GOAL-COPIED-FROM-OTHER-PROJECT."""

from tests.review.builders import document, fired, ind, project


def test_an_explanation_that_counts_another_output() -> None:
    p = project(
        ind("数量", "开展青少年活动", "不少于24场", 20, description="宣传稿不少于2篇"),
        ind("数量", "感知系统覆盖范围", "13个社区", 21, description="感知系统覆盖范围13个社区"),
        ind("数量", "组织开展工伤案卷评查会", "≥1场", 22, description="每年召开不少于1次工伤案卷评查会"),
        ind("数量", "培训场次", "24场", 23, description="其中线上10场、线下14场"),
        ind(
            "数量", "妇儿友好类活动", "≥12场", 24, description="根据《儿童友好型城市战略规划（2018-2035年）》"
        ),
    )
    assert fired(document(p), "EXPLANATION-CONTRADICTS-VALUE") == [20]


_GOAL = "严格按照《深圳市公共区域环境卫生质量和管理要求》规定的生活垃圾压缩、转运的运营标准，建立完备的日常运行管理制度"


def test_the_later_of_two_projects_with_one_long_goal() -> None:
    first = project(name="垃圾清运经费", goal=_GOAL, line=10)
    copy = project(name="公园广场公厕管养经费", goal=_GOAL, line=40)
    own = project(
        name="道路绿化管养经费", goal="完成园林绿化管养工作，全面提升松岗街道市政道路环境质量", line=70
    )
    assert fired(document(first, copy, own), "GOAL-COPIED-FROM-OTHER-PROJECT") == [40]


def test_short_or_spending_goals_and_the_same_project_twice_are_not_copies() -> None:
    spend = "该项目经费按财务制度，经相关部门审核后，按时支出相关费用。11月底达到98%"
    pairs = [
        (project(name="甲", goal="完成培训任务", line=10), project(name="乙", goal="完成培训任务", line=40)),
        (project(name="甲", goal=spend, line=10), project(name="乙", goal=spend, line=40)),
        (project(name="甲", goal=_GOAL, line=10), project(name="甲", goal=_GOAL, line=40)),
    ]
    assert all(fired(document(a, b), "GOAL-COPIED-FROM-OTHER-PROJECT") == [] for a, b in pairs)
