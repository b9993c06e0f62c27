"""前后一致 rules: strategic vs annual, across projects, duplicates, references, stale years, numbering."""

from jixiao.domain import Reference
from tests.review.builders import department, document, fired, ind, project, row


def test_strategic_annual_mismatch() -> None:
    d = department(
        strategic=(
            row("集中供养率", "91%", 60),
            row("服务事项数量", "1000", 61),
            row("标准提升率", "——", 62),
        ),
        annual=(
            row("集中供养率", "≥80%", 70, duty_no=1),
            row("服务事项数量", "1000项", 71, duty_no=1),
            row("标准提升率", "10%", 72, duty_no=1),
        ),
    )
    assert fired(document(project(), departments=(d,)), "STRATEGIC-ANNUAL-MISMATCH") == [70]


def test_same_indicator_different_value_across_projects_of_one_department() -> None:
    a = project(
        ind("数量", "新增高标准农田面积", "≥64万亩", 20),
        name="高标准农田建设项目管理",
        department="农业农村局",
    )
    b = project(
        ind("数量", "新增高标准农田面积", "≥73万亩", 40),
        name="高标准农田项目市级财政配套资金",
        department="农业农村局",
    )
    c = project(ind("数量", "新增高标准农田面积", "≥10万亩", 60), name="别的", department="水利局")
    d = project(
        ind("数量", "新增高标准农田面积", "≥5万亩", 80), name="种质资源圃建设", department="农业农村局"
    )
    assert fired(document(a, b, c, d), "SAME-INDICATOR-DIFFERENT-VALUE") == [40]  # d is on another subject


def test_duplicate_indicator_within_a_category_only() -> None:
    p = project(
        ind("数量", "奖励新经济企业个数", "6家", 20),
        ind("数量", "奖励新经济企业个数", "9家", 21),
        ind("数量", "示范新品种", "3个", 22),
        ind("质量", "示范新品种", "100%", 23),
    )
    assert fired(document(p), "DUPLICATE-INDICATOR") == [21]


def test_target_below_reference() -> None:
    d = department(
        annual=(
            row(
                "空气质量优良天数比例",
                "57%",
                70,
                duty_no=1,
                reference=Reference(standard="66.30%", last_year="63.10%"),
            ),
            row("孕产妇死亡率", "9.5/10万", 71, duty_no=1, reference=Reference(last_year="8.1/10万")),
            row("接报处理警情数量", "≥7000起", 72, duty_no=1, reference=Reference(last_year="8800起")),
            row("发放贷款数额", "15亿元", 73, duty_no=1, reference=Reference(last_year="41亿元")),
            row("新增学位数", "≥450个", 74, duty_no=1, reference=Reference(last_year="1350个")),
            row("入境游客增幅", "0.00%", 75, duty_no=1, reference=Reference(last_year="-60.60%")),
            row("结案率", "≥95%", 76, duty_no=1, reference=Reference(standard="≥95%", last_year="95%")),
            row("归集金额数量", "15亿", 77, duty_no=1, reference=Reference(last_year="41亿元")),  # 亿 = 亿元
            row("资金运作收益", "2000万元", 78, duty_no=1, reference=Reference(last_year="0.25亿元")),
            row("培训人数", "15万人", 79, duty_no=1, reference=Reference(last_year="41万元")),  # not money
        )
    )
    assert fired(document(project(), departments=(d,)), "TARGET-BELOW-REFERENCE") == [70, 71, 73, 77]


def test_plan_period_and_year_stale() -> None:
    p = project(
        ind("数量", "2021年通过举办活动数量", "≥5次", 20),
        ind("数量", "奖励2021年国家级工业设计中心个数", "1家", 21),
        ind("质量", "增长率", "较2021年增长5%", 22),
        ind("数量", "2019年-2022年建设面积", "≥5万亩", 23),
        goal="落实“十三五”加快残疾人小康进程规划纲要，到2020年底实现目标",
    )
    doc = document(p, year=2022)
    assert fired(doc, "PLAN-PERIOD-STALE") == [1]
    assert fired(doc, "YEAR-STALE") == [1, 20]
    assert fired(document(p, year=2020), "PLAN-PERIOD-STALE") == []


def test_department_value_sense() -> None:
    d = department(
        annual=(
            row("散居孤儿纳入保障范围率", "≥15人", 70, duty_no=1),
            row("集中供养率", "≤60%", 71, duty_no=1),
            row("长者食堂建设数量", "≦46处", 72, duty_no=1),
            row("降低农商行不良率", "€5%", 73, duty_no=1),
            row("污染地块安全利用率", "完成省厅下达的目标(省厅暂未下达)", 74, duty_no=1),
            row("组内排名", "前2名", 75, duty_no=1),
        )
    )
    assert fired(document(project(), departments=(d,)), "DEPT-VALUE-SENSE") == [70, 71, 72, 74]


def test_department_stale_year_in_work_plan_source_only() -> None:
    d = department(
        annual=(
            row(
                "重点工作",
                "≥1次",
                70,
                duty_no=1,
                reference=Reference(standard="≥1次", standard_source="2021年消防救援队伍重点工作目标任务"),
            ),
            row(
                "低保标准",
                "≥35%",
                71,
                duty_no=1,
                reference=Reference(
                    standard="≥35%", standard_source="《2015年度绩效评价标准》(鲁民〔2015〕70号)"
                ),
            ),
            row("产值比重", "≥50%", 72, duty_no=1, explanation="按《统计目录》(2018年修订)计算"),
        )
    )
    assert fired(document(project(), departments=(d,)), "DEPT-YEAR-STALE") == [70]


def test_duty_numbering_gap() -> None:
    rows = tuple(row(f"指标{n}", "≥1次", 70 + i, duty_no=n) for i, n in enumerate([1, 1, 2, 4, 4, 5]))
    assert fired(document(project(), departments=(department(annual=rows),)), "DUTY-NUMBERING") == [73]
    ok = tuple(row(f"指标{n}", "≥1次", 70 + i, duty_no=n) for i, n in enumerate([1, 1, 1, 2, 2, 3, 3]))
    assert fired(document(project(), departments=(department(annual=ok),)), "DUTY-NUMBERING") == []
