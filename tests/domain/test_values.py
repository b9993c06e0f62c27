"""The target-value grammar reads every form seen in published disclosures, and never raises."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.values import (
    Op,
    ValueKind,
    format_number,
    format_target_value,
    is_deadline,
    is_unit,
    parse_target_value,
    value_problems,
)

CASES = [
    # printed cell, kind, op, number, upper, unit
    ("≥95%", "numeric", ">=", 95, None, "%"),
    ("=13 人", "numeric", "=", 13, None, "人"),
    ("≤85 万元", "numeric", "<=", 85, None, "万元"),
    ("≥ 80%", "numeric", ">=", 80, None, "%"),
    ("100 %", "numeric", None, 100, None, "%"),
    ("≧80%", "numeric", ">=", 80, None, "%"),
    ("≦46 处", "numeric", "<=", 46, None, "处"),
    ("€5%", "numeric", "<=", 5, None, "%"),
    ("-100%", "numeric", "=", 100, None, "%"),
    ("$\\geq 95\\%$", "numeric", ">=", 95, None, "%"),
    ("$\\leq 275$ 万", "numeric", "<=", 275, None, "万"),
    ("<b>≥</b> 5 天", "numeric", ">=", 5, None, "天"),
    ("≥53 <b>条</b>", "numeric", ">=", 53, None, "条"),
    ("≥2 ↑", "numeric", ">=", 2, None, "个"),
    ("≤2974. 16 元/月/人", "numeric", "<=", 2974.16, None, "元/月/人"),
    ("≥93.5 0分", "numeric", ">=", 93.5, None, "分"),
    ("1700 元/人/月", "numeric", None, 1700, None, "元/人/月"),
    ("5 万元/ 枚", "numeric", None, 5, None, "万元/枚"),
    ("≥400 套次/ 年", "numeric", ">=", 400, None, "套次/年"),
    ("≥5000万 元", "numeric", ">=", 5000, None, "万元"),
    ("9500 万美 元", "numeric", None, 9500, None, "万美元"),
    ("258. 5 亿元", "numeric", None, 258.5, None, "亿元"),
    ("1,200人", "numeric", None, 1200, None, "人"),
    ("约 300 人次/天", "numeric", None, 300, None, "人次/天"),
    ("≈ 15300 吨", "numeric", None, 15300, None, "吨"),
    ("79 岁左右", "numeric", None, 79, None, "岁"),
    ("950人以上", "numeric", ">=", 950, None, "人"),
    ("95%以上", "numeric", ">=", 95, None, "%"),
    ("不少 于 10 项", "numeric", ">=", 10, None, "项"),
    ("不低于90%", "numeric", ">=", 90, None, "%"),
    ("不超过5万元", "numeric", "<=", 5, None, "万元"),
    ("达到100%", "numeric", ">=", 100, None, "%"),
    ("3万以内", "numeric", "<=", 3, None, "万"),
    ("9.5/10 万", "numeric", None, 9.5, None, "/10万"),
    ("3.9‰", "numeric", None, 3.9, None, "‰"),
    ("54 μg/m <sup>3</sup>", "numeric", None, 54, None, "μg/m3"),
    ("≤1.5", "numeric", "<=", 1.5, None, None),
    ("1.4: 1", "numeric", None, 1.4, None, ":1"),
    ("≥1.8；1", "numeric", ">=", 1.8, None, ":1"),
    ("11 月底前", "numeric", "<=", 11, None, "月底"),
    ("10 月底前完成", "numeric", "<=", 10, None, "月底"),
    # deadlines as officials write them: the month is the number, the year stays in raw
    ("2027年10月底前", "numeric", "<=", 10, None, "月底"),
    ("2023年12月31日前", "numeric", "<=", 12, None, "月底"),
    ("2023年12月31日之前", "numeric", "<=", 12, None, "月底"),
    ("11月30日前完成", "numeric", "<=", 11, None, "月底"),
    ("2月28日前", "numeric", "<=", 2, None, "月底"),
    ("2023年12月30日前完成", "numeric", "<=", 12, None, "月30日"),
    ("每年10月前", "numeric", "<=", 10, None, "月底"),
    ("在11月底前完成", "numeric", "<=", 11, None, "月底"),
    ("2023年6月前", "numeric", "<=", 6, None, "月底"),
    ("2024年底前", "numeric", "<=", 12, None, "月底"),
    ("6月中旬前", "numeric", "<=", 6, None, "月中旬"),
    ("13月底前", "text", None, None, None, None),
    ("6月31日前", "text", None, None, None, None),
    # comparison words
    ("大于等于90%", "numeric", ">=", 90, None, "%"),
    ("大于或等于2份", "numeric", ">=", 2, None, "份"),
    ("小于或者等于6小时", "numeric", "<=", 6, None, "小时"),
    ("小于等于23,739,200.00", "numeric", "<=", 23739200, None, None),
    ("95%或以上", "numeric", ">=", 95, None, "%"),
    ("达到90%以上", "numeric", ">=", 90, None, "%"),
    ("不超20万", "numeric", "<=", 20, None, "万"),
    ("至多3次", "numeric", "<=", 3, None, "次"),
    # a letter O or l glued to digits puts the number in doubt: not read as 9 with unit "O%"
    ("≥9O%", "text", None, None, None, None),
    ("1O0%", "text", None, None, None, None),
    ("≥9l%", "text", None, None, None, None),
    ("1-2 年", "range", None, 1, 2, "年"),
    ("7-8月", "range", None, 7, 8, "月"),
    ("前2名", "rank", "<=", 2, None, "名"),
    ("显著", "qualitative", None, None, None, None),
    ("不发生", "qualitative", None, None, None, None),
    ("良及以上等级", "qualitative", None, None, None, None),
    ("完成省下达的目标(暂未下达)", "qualitative", None, None, None, None),
    ("提高 6%", "text", None, None, None, None),
    ("≥1200元/生/年 ≥1100人", "text", None, None, None, None),
    ("修复时间≤1 小时; 市县带宽达到 2Gbps", "text", None, None, None, None),
    ("11月15日至次年3月15日", "text", None, None, None, None),
    ("领导批示件数量*100%", "text", None, None, None, None),
    ("", "text", None, None, None, None),
]


@pytest.mark.parametrize(("cell", "kind", "op", "number", "upper", "unit"), CASES)
def test_reads_printed_values(cell, kind, op, number, upper, unit):
    value = parse_target_value(cell)
    assert (value.kind, value.op, value.number, value.upper, value.unit) == (
        ValueKind(kind),
        Op(op) if op else None,
        None if number is None else float(number),
        None if upper is None else float(upper),
        unit,
    )


def test_raw_keeps_the_printed_characters_without_spaces_or_markup():
    assert parse_target_value(" ≧ 80 %").raw == "≧80%"
    assert parse_target_value("$\\geq 95\\%$").raw == "≥95%"


@given(st.text())
def test_never_raises_and_keeps_raw(cell):
    value = parse_target_value(cell)
    assert isinstance(value.raw, str)
    if value.kind in (ValueKind.QUALITATIVE, ValueKind.TEXT):
        assert value.number is None


UNITS = st.sampled_from(["%", "人", "万元", "元/月/人", "人次/天", "亿元", "万亩", "个", "‰", "μg/m3", "/10万", ""])
OPS = st.sampled_from([None, Op.GE, Op.LE, Op.EQ, Op.GT, Op.LT])
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**9).map(float),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).map(float),
)


@given(OPS, NUMBERS, UNITS)
def test_round_trips_what_it_understands(op, number, unit):
    from jixiao.domain.values import TargetValue

    printed = format_target_value(TargetValue("x", ValueKind.NUMERIC, op, number, None, unit or None))
    value = parse_target_value(printed)
    assert (value.kind, value.op, value.number, value.unit) == (ValueKind.NUMERIC, op, number, unit or None)
    assert format_target_value(value) == printed


@given(NUMBERS, NUMBERS, st.sampled_from(["年", "月", "%", "人"]))
def test_round_trips_ranges(a, b, unit):
    low, high = sorted((a, b))
    value = parse_target_value(f"{format_number(low)}-{format_number(high)}{unit}")
    assert (value.kind, value.number, value.upper, value.unit) == (ValueKind.RANGE, low, high, unit)


# What officials write: accepted by every channel (see tests/web/test_validation_channels.py).
ACCEPTED = [
    "≥95%", "=13人", "≤85万元", "约300人次/天", "1-2年", "5%-10%", "前2名", "显著提升", "12月底前",
    "2027年10月底前", "2023年12月31日前", "每年10月前", "11月底前", "在11月底前完成", "11月15日至次年3月15日",
    "2023年1月1日至2023年12月31日", "大于等于90%", "不低于95%", "不少于3次", "达到90%以上", "≥3个社区",
    "≥100万kWh", "54μg/m3", "9.5/10万", "1.4:1", "≤3个工作日", "≥5km", "3.9‰",
]  # fmt: skip
# What is a typo or not a value, and what is said about it.
REFUSED = [
    ("≥9O%", "指标值“≥9O%”的数字中有字母 O（应为“≥90%”？）。"),
    ("1O0%", "指标值“1O0%”的数字中有字母 O（应为“100%”？）。"),
    ("≥9l%", "指标值“≥9l%”的数字中有字母 l（应为“≥91%”？）。"),
    ("95%%", "指标值“95%%”的百分号重复（应为“95%”？）。"),
    ("≥95%满意", "指标值“≥95%满意”中的“%满意”不是计量单位：单位写在数字之后（如 ≥95%、≤85万元），说明写入指标名称。"),
    ("≥1x", "指标值“≥1x”中的“x”不是计量单位：单位写在数字之后（如 ≥95%、≤85万元），说明写入指标名称。"),
    ("提高6%", "无法识别的指标值“提高6%”：请写成 ≥95%、=13人、≤85万元、1-2年、12月底前 或定性描述（如“显著提升”）。"),
    ("总成本不超过260万元", "指标值“总成本不超过260万元”前面是说明文字：指标值只写“≤260万元”，说明写入指标名称。"),
    ("演练活动不少于1场", "指标值“演练活动不少于1场”前面是说明文字：指标值只写“≥1场”，说明写入指标名称。"),
    ("", "请填写指标值。"),
]


@pytest.mark.parametrize("cell", ACCEPTED)
def test_what_officials_write_is_accepted(cell):
    assert value_problems(cell) == ()


@pytest.mark.parametrize(("cell", "problem"), REFUSED)
def test_typos_and_non_values_are_refused_with_a_fix(cell, problem):
    assert value_problems(cell) == (problem,)


@pytest.mark.parametrize(
    ("unit", "ok"),
    [("%", True), ("万元", True), ("元/人/年", True), ("/10万", True), ("万kWh", True), ("μg/m3", True),
     ("个社区", True), ("月底", True), (":1", True), ("%%", False), ("O%", False), ("%满意", False), ("x", False)],
)  # fmt: skip
def test_a_unit_is_a_measure_word_a_symbol_or_several_per_each_other(unit, ok):
    assert is_unit(unit) is ok


@pytest.mark.parametrize("cell", ["12月底前", "11月15日前", "6月中旬前"])
def test_deadlines_print_back_as_written(cell):
    value = parse_target_value(cell)
    assert is_deadline(value) and format_target_value(value) == cell
