"""VAGUE-VALUE beyond words of direction: a 时效 with no time, a judgement with no standard, a percentage of
nothing — each beside the near case a reviewer accepts."""

from tests.review.builders import check, department, document, fired, ind, project, row


def _vague(*inds: object) -> list[int | None]:
    return fired(document(project(*inds)), "VAGUE-VALUE")  # type: ignore[arg-type]


def test_timeliness_without_a_time_limit() -> None:
    assert _vague(
        ind("时效", "设备维护及时性", "及时", 20),
        ind("时效", "资料处理及时性", "按时完成", 21),
        ind("时效", "档案资料管理", "11月底前", 22),
        ind("时效", "服务费发放及时性", "每月/次", 23),
        ind("时效", "2022年12月底前完成", "按时完成", 24),
        ind("时效", "故障处理及时性", "及时", 25, description="接报后24小时内修复"),
        ind("时效", "考核评估", "良及以上等级", 26),
    ) == [20, 21]


def test_a_day_in_a_word_is_no_time_limit() -> None:
    # 日常 holds 日 and 至2025年 a year, but neither says by when this year's work is done.
    assert _vague(
        ind("时效", "处理日常、突发环境卫生问题的及时性", "及时", 20), ind("时效", "至2025年", "及时", 21)
    ) == [20, 21]


def test_judgement_without_a_standard() -> None:
    assert _vague(
        ind("质量", "会计档案管理质量", "良好", 20),
        ind("质量", "民兵营基础设施规范化程度", "基本规范", 21),
        ind("质量", "道路清扫保洁质量", "达标", 22),
        ind("质量", "验收合格", "合格", 23),
        ind("质量", "绿道管养效果", "二级", 24),
        ind("质量", "公务活动拍摄影像质量", "影像资料焦点清晰、构图严谨", 25),
    ) == [20, 21, 22]


def test_percentage_of_nothing() -> None:
    assert _vague(
        ind("社会效益", "丰富社区妇女、儿童生活", "完成95%", 20),
        ind("社会效益", "城市环境市容市貌", "提升90%", 21),
        ind("经济效益", "品牌渔业基地效益", "增长7%", 22),
        ind("质量", "任务完成率", "完成95%", 23),
    ) == [20, 21]


def test_the_message_says_why() -> None:
    p = project(ind("时效", "设备维护及时性", "及时", 20))
    [finding] = [f for f in check(document(p)).findings if f.rule == "VAGUE-VALUE"]
    assert finding.message.endswith("时效指标没有写明时限")


def test_a_quantity_that_counts_nothing() -> None:
    p = project(
        ind("数量", "五指耙林区", "范围内", 20),
        ind("数量", "资料审核", "工程类和服务类两大类等", 21),
        ind("数量", "管养全街道市政公厕", "市政公厕43座", 22),
        ind("数量", "安全事故", "无", 23),
    )
    assert fired(document(p), "QUALITATIVE-FOR-NUMBER") == [20, 21]


def test_a_length_of_time_in_percent() -> None:
    p = project(
        ind("经济效益", "增加路灯使用寿命", "95%", 20),
        ind("经济效益", "延长设备使用寿命", "≥2年", 21),
    )
    assert fired(document(p), "UNIT-NAME-MISMATCH") == [20]


def test_a_count_in_chinese_numerals_is_a_number() -> None:
    p = project(
        ind("数量", "应急演练", "每年一次", 20),
        ind("数量", "培训", "两场", 21),
        ind("数量", "覆盖范围", "全街道", 22),
    )
    assert fired(document(p), "QUALITATIVE-FOR-NUMBER") == [22]


def test_a_task_is_the_base_of_its_completion() -> None:
    assert _vague(
        ind("质量", "年度任务完成情况", "完成100%", 20), ind("社会效益", "宣传工作", "完成90%", 21)
    ) == [21]


def test_a_value_that_describes_the_work() -> None:
    p = project(
        ind("质量", "档案整理质量", "按绩效考核要求进行档案管理及归档", 20),
        ind("社会效益", "城市建设项目流程审查和备案", "辖区城市更新项目完善备案工作", 21),
        ind("时效", "完成时间", "按时完成全年任务", 22),
    )
    assert fired(document(p), "VALUE-RESTATES-WORK") == [20, 21]


def test_a_department_row_judged_without_a_standard() -> None:
    d = department(annual=(row("档案管理质量", "良好", 90, duty_no=1), row("验收", "合格", 91, duty_no=1)))
    assert fired(document(project(), departments=(d,)), "DEPT-VAGUE-VALUE") == [90]
