"""三级指标 names: a sentence of work or a name holding its own target is too long; a judgement or a bare noun
names no measure."""

from tests.review.builders import document, fired, ind, project


def test_a_sentence_or_a_target_in_the_name() -> None:
    p = project(
        ind("数量", "完成12个未治理城中村前期项目论证研究", "12个城中村", 20),
        ind(
            "质量",
            "对2021年及2022年文书、会计、照片、录音、录像等实物相关档案进行整理及归档",
            "按要求归档",
            21,
        ),
        ind("生态效益", "推广环境治理和生物防制，减少药物使用，保护环境提升程度", "明显", 22),
        ind("数量", "社区老年人日间照料中心、农村幸福院运营奖补项目应补尽补率", "100%", 23),
        ind("数量", "松岗五指耙水库区域绿道2号线的区域绿道", "1.2公里", 24),
        ind("数量", "城中村前期论证数量", "≥12个", 25),
    )
    assert fired(document(p), "INDICATOR-NAME-TOO-LONG") == [20, 21, 22]


def test_a_name_that_is_a_value_or_a_bare_noun() -> None:
    p = project(
        ind("数量", "项目", "55个", 20),
        ind("质量", "良好", "良好", 21),
        ind("时效", "及时", "及时", 22),
        ind("质量", "验收合格", "合格", 23),
        ind("成本", "成本", "≤10万元", 24),
    )
    assert fired(document(p), "INDICATOR-NAME-UNCLEAR") == [20, 21, 22]
