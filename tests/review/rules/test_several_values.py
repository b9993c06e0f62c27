"""SEVERAL-VALUES-IN-ONE: a value that packs several targets into one row."""

from tests.review.builders import document, fired, ind, project


def test_several_targets_in_one_value() -> None:
    p = project(
        ind("数量", "行道树；一级绿地面积；二级绿地面积", "28515株；1241625.93㎡；63048.53㎡", 20),
        ind("数量", "开展实地走访宣传、制作简报", "实地走访约48次、简报每周一报", 21),
        ind("时效", "合同期限", "2023年1月1日至2023年12月31日", 22),
        ind("质量", "验收合格率", "≥95%，且不低于上年", 23),
    )
    assert fired(document(p), "SEVERAL-VALUES-IN-ONE") == [20, 21]
