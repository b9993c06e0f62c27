"""Names as the library compares them: printings of one name agree, wordings of one measure agree, and the
measure class keeps rates, counts, money and time apart."""

import pytest

from jixiao.library import canonical_name, measure_class, normalise_name
from jixiao.library.text import bigrams, numerals, words


@pytest.mark.parametrize(
    ("printed", "normalised"),
    [
        ("受益群众满意度", "受益群众满意度"),
        (" 受益群众 满意度 ", "受益群众满意度"),
        ("受益群众满意度（%）", "受益群众满意度"),
        ("受益群众满意度(%)", "受益群众满意度"),
        ("其中：项目成本（万元）", "项目成本"),
        ("ＰＭ２．５浓度", "pm2.5浓度"),
        ("资金拨付、使用及时率。", "资金拨付使用及时率"),
        ("“双随机”抽查率", "双随机抽查率"),
    ],
)
def test_normalise_name(printed, normalised):
    assert normalise_name(printed) == normalised


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("设备维护及时性", "设备维护及时率"),
        ("设备维护及时率", "设备维护及时率"),
        ("群众满意率", "群众满意度"),
        ("资金使用合规性", "资金使用合规性"),  # not a measure with a 率 form
        ("受益人数", "受益人数"),
    ],
)
def test_canonical_name(name, canonical):
    assert canonical_name(name) == canonical


@pytest.mark.parametrize(
    ("name", "measure"),
    [
        ("受益率", "rate"),
        ("受益人数", "count"),
        ("群众满意度", "rate"),
        ("服务质量", "other"),  # ends in 量 but is no count
        ("发放数量", "count"),
        ("项目成本", "money"),
        ("补助标准", "money"),
        ("完成时间", "time"),
    ],
)
def test_measure_class(name, measure):
    assert measure_class(name) == measure


def test_numerals_tell_apart_names_that_differ_only_in_them():
    assert numerals("一级路清扫保洁面积") != numerals("二级路清扫保洁面积")
    assert numerals("PM2.5浓度") == "pm25"


def test_words_and_bigrams():
    assert "经费" in words("学前生均公用经费")
    assert words("") == ()
    assert bigrams("学前生均") == ("学前", "前生", "生均")
