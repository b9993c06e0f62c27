"""指标归类 and 指标值合理 rules on built cases: each fires on the problem and not on its sound twin."""

from tests.review.builders import document, fired, ind, project, rules_hit


def test_rate_in_quantity() -> None:
    p = project(
        ind("数量", "劳务派遣在职率", "100%", 20),
        ind("数量", "新增外资企业数量", "≥10%", 21),
        ind("数量", "劳务派遣人员数量", "=13人", 22),
    )
    assert fired(document(p), "RATE-IN-QUANTITY") == [20, 21]


def test_satisfaction_outside_and_not_a_measure() -> None:
    p = project(ind("社会效益", "提升群众文化满意度", "≥80%", 20), ind("满意度", "水产养殖单位", "≥90%", 21))
    doc = document(p)
    assert fired(doc, "SATISFACTION-OUTSIDE") == [20]
    assert fired(doc, "SATISFACTION-NOT-MEASURE") == [21]


def test_timeliness_outside_and_non_time_in_timeliness() -> None:
    p = project(
        ind("数量", "资金拨付及时率", "100%", 20),
        ind("时效", "考核评估结果", "良及以上等级", 21),
        ind("时效", "会议交通成本", "5万元", 22),
        ind("时效", "完成时间", "12月底前", 23),
    )
    doc = document(p)
    assert fired(doc, "TIMELINESS-OUTSIDE") == [20]
    assert fired(doc, "NOT-TIME-IN-TIMELINESS") == [21, 22]


def test_output_in_effect() -> None:
    p = project(
        ind("社会效益", "示范基地", "5个", 20),
        ind("社会效益", "就业率", "≥100人", 21),
        ind("社会效益", "带动农户增收人数", "≥100人", 22),
        ind("经济效益", "新增就业岗位", "50个", 23),
    )
    assert fired(document(p), "OUTPUT-IN-EFFECT") == [20, 21]


def test_cost_not_amount() -> None:
    p = project(
        ind("成本", "成本控制率", "≥90%", 20),
        ind("成本", "党情乡情感受度", "提高", 21),
        ind("成本", "补贴标准", "5万元/枚", 22),
    )
    assert fired(document(p), "COST-NOT-AMOUNT") == [20, 21]


def test_operator_direction() -> None:
    p = project(
        ind("质量", "项目完成达标率", "≤100%", 20),
        ind("质量", "有害生物成灾率", "≤1%", 21),  # adverse: ≤ is right
        ind("质量", "系统正常运行率", "≥100%", 22),
        ind("数量", "90-99岁老人人数", "≤3000人", 23),
        ind("数量", "宣传保障临时用工数", "≤95人", 24),  # a cap on hired labour is a cost control
        ind("成本", "每人年经费", "≥7200元", 25),
        ind("成本", "人员经费", "≤50万元", 26),
    )
    doc = document(p)
    assert fired(doc, "OPERATOR-UPPER-ON-RATE") == [20]
    assert fired(doc, "OPERATOR-AT-LEAST-100") == [22]
    assert fired(doc, "OPERATOR-UPPER-ON-OUTPUT") == [23]
    assert fired(doc, "OPERATOR-LOWER-ON-COST") == [25]


def test_unit_name_mismatch() -> None:
    p = project(
        ind("质量", "散居孤儿纳入保障范围率", "≥15人", 20),
        ind("数量", "维护次数", "≥4%", 21),
        ind("质量", "婚姻档案扫描录入率", "≥150.9万页", 22),
        ind("经济效益", "销售额增长率", "≥10%", 23),
    )
    assert fired(document(p), "UNIT-NAME-MISMATCH") == [20, 21]  # 万页 is no known count unit


def test_satisfaction_thresholds_follow_the_profile() -> None:
    p = project(
        ind("满意度", "用人单位满意度", "≥70%", 20),
        ind("满意度", "患者满意度", "≧80%", 21),
        ind("满意度", "群众满意度", "120%", 22),
    )
    doc = document(p)
    assert fired(doc, "SATISFACTION-LOW") == [20]
    assert fired(doc, "RATE-OVER-100") == [22]
    from tests.review.builders import check

    strict = [f.line for f in check(doc, "strict").findings if f.rule == "SATISFACTION-LOW"]
    assert strict == [20, 21]


def test_satisfaction_without_operator_is_a_hint() -> None:
    p = project(ind("满意度", "离休干部满意度", "99.3%", 20), ind("满意度", "企业满意度", "100%", 21))
    assert fired(document(p), "SATISFACTION-NO-OPERATOR") == [20]


def test_growth_rates_may_exceed_100() -> None:
    p = project(ind("经济效益", "销售额增长率", "150%", 20))
    assert fired(document(p), "RATE-OVER-100") == []


def test_qualitative_vague_and_deferred() -> None:
    p = project(
        ind("质量", "健康知识知晓率", "提高", 20),
        ind("社会效益", "防汛减灾能力", "显著提高", 21),
        ind("质量", "规模性致贫返贫率", "不发生", 22),
        ind("质量", "工作开展", "完成省下达的目标(暂未下达)", 23),
        ind("质量", "工程验收", "合格", 24),
    )
    doc = document(p)
    assert fired(doc, "QUALITATIVE-FOR-NUMBER") == [20]
    assert fired(doc, "VAGUE-VALUE") == [21]
    assert fired(doc, "TARGET-DEFERRED") == [23]


def test_quantitative_share_is_a_strict_rule() -> None:
    # No national rule sets a minimum share of 定量 indicators: only the strict profile asks for one.
    words = [ind("社会效益", f"效果{i}", "显著", 30 + i) for i in range(8)]
    share = [
        (r, n) for r, n in rules_hit(document(project(*words)), "strict") if r == "QUANTITATIVE-SHARE-LOW"
    ]
    assert share == [("QUANTITATIVE-SHARE-LOW", 1)]
    assert fired(document(project(*words)), "QUANTITATIVE-SHARE-LOW") == []
    few = rules_hit(document(project(*words[:3])), "strict")
    assert "QUANTITATIVE-SHARE-LOW" not in [r for r, _ in few]


def test_value_restating_the_work_or_the_name() -> None:
    p = project(
        ind("经济效益", "增加值增长", "提供技术服务", 20),
        ind("社会效益", "安全性提高", "为畜产品质量提供技术支撑", 21),
        ind("可持续", "动物疫病防控能力提高", "提高动物疫病防控能力", 22),
        ind("质量", "运维维护巡检", "保障乡镇空气站正常运行", 23),  # a state that can be checked
        ind("社会效益", "群众安全感", "群众安全感达到95%以上", 24),  # has a level
        ind("社会效益", "生态环境", "显著改善", 25),  # short: VAGUE-VALUE's case
    )
    assert fired(document(p), "VALUE-RESTATES-WORK") == [20, 21, 22]
