"""Equivalent names cluster together; names that measure something else stay apart, whatever the order."""

import pytest

from jixiao.domain import Level2
from jixiao.library import Library

from .builders import document, indicator, project


def clustered(*names_values: tuple[str, str]) -> Library:
    lib = Library()
    lib.add_document(document("a.txt", project("项目", *(indicator(n, v) for n, v in names_values))))
    return lib


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("受益群众满意度", "≥95%"), ("群众满意度", "≥90%")),
        (("设备维护及时性", "≥95%"), ("设备维护及时率", "100%")),
        (("项目成本", "≤85万元"), ("项目总成本", "≤120万元")),
        (("群众满意度", "≥90%"), ("群众满意率", "≥90%")),
        (("资金拨付及时率", "100%"), ("资金拨付及时性", "及时")),
    ],
)
def test_equivalents_cluster(a, b):
    lib = clustered(a, b)
    assert lib.cluster_key(a[0]) == lib.cluster_key(b[0])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("受益人数", "≥100人"), ("受益率", "≥90%")),  # a count is not a rate
        (("覆盖人数", "≥500人"), ("覆盖率", "100%")),
        (("满意度", "≥90%"), ("群众满意度", "≥90%")),  # too short to stand for any satisfaction
        (("学生满意度", "≥90%"), ("家长满意度", "≥90%")),  # other respondents
        (("一级路清扫保洁面积", "100㎡"), ("二级路清扫保洁面积", "100㎡")),  # numerals differ
        (("项目成本", "≤85万元"), ("项目完成率", "100%")),
        (("维修及时率", "≥95%"), ("维修及时率完成时间", "≤3天")),
    ],
)
def test_counter_examples_stay_apart(a, b):
    lib = clustered(a, b)
    assert lib.cluster_key(a[0]) != lib.cluster_key(b[0])


def test_units_and_directions_guard_links():
    lib = clustered(("补助资金到位率", "100%"), ("补助资金到位", "=300万元"))
    assert lib.cluster_key("补助资金到位率") != lib.cluster_key("补助资金到位")


def test_clusters_do_not_depend_on_order():
    names = [
        ("受益群众满意度", "≥95%"),
        ("群众满意度", "≥90%"),
        ("办事群众满意度", "≥85%"),
        ("学生满意度", "≥90%"),
    ]
    forward, backward = clustered(*names), clustered(*reversed(names))
    assert {k: forward.members(k) for k in forward.cluster_keys()} == {
        k: backward.members(k) for k in backward.cluster_keys()
    }


def test_an_unseen_name_finds_its_cluster():
    lib = clustered(("群众满意度", "≥90%"))
    assert lib.find_cluster("受益群众满意度") == lib.cluster_key("群众满意度")
    assert lib.find_cluster("受益人数") is None
    assert indicator("群众满意度", "≥90%", Level2.SATISFACTION).name == "群众满意度"
