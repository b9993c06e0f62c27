"""What indicator names and units mean: rates, counts, money, adverse measures.

Rules judge a value against what its name asks for (a 率 wants a percentage, a 人数 wants people), so the
vocabulary lives here once. The word lists are the ones Chinese performance tables use across regions; they
follow the grammar of the names (a name ending in 率 is a rate), not any one document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jixiao.domain import Indicator, Level2, TargetValue, ValueKind
from jixiao.domain.taxonomy import COST_CATEGORIES
from jixiao.domain.text import clean
from jixiao.domain.values import Op

_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_PUNCT = re.compile(r"[\s,，、。.;；:：“”\"'‘’《》<>\-—_/]")

RATE_ENDINGS = ("率", "比例", "比率", "占比", "比重", "百分比", "增速", "增幅", "降幅", "达标率")
COUNT_ENDINGS = (
    "人数",
    "个数",
    "次数",
    "件数",
    "户数",
    "场次",
    "家数",
    "台数",
    "座数",
    "项数",
    "期数",
    "篇数",
    "场数",
    "人次",
    "数量",
)
NOT_COUNT_ENDINGS = ("指数", "系数", "倍数", "分数", "总数额")
SATISFACTION_WORDS = ("满意度", "满意率", "满意程度", "满意")
TIMELINESS_WORDS = ("及时率", "及时性", "完成时间", "完成时限", "办结时限", "按时完成率", "时效性")
# A higher number is worse for these measures: ≤ is the right direction for them.
ADVERSE_WORDS = (
    "死亡",
    "事故",
    "发生",
    "投诉",
    "差错",
    "错误",
    "失误",
    "违规",
    "违纪",
    "违法",
    "超标",
    "故障",
    "损失",
    "流失",
    "返贫",
    "空置",
    "成本",
    "费用",
    "时间",
    "时限",
    "用时",
    "周期",
    "时长",
    "浓度",
    "排放",
    "能耗",
    "误差",
    "偏差",
    "倍差",  # 城乡低保标准倍差: the gap between town and country is to narrow
    "差距",
    "不合格",
    "缺陷",
    "逾期",
    "拖欠",
    "发病",
    "感染",
    "伤亡",
    "火灾",
    "病退",
    "上访",
    "案发",
    "欠薪",
    "失业率",
    "隐患",
    "负债",
    "亏损",
    "闲置",
    "延误",
    "超期",
    "积压",
    "拥堵",
    "滞留",
    "不良",
    "辍学",
    "期限",
    "等待",
    "排队",
    "办结时",
    "办理时",
    "成灾",
    "突发",
    "受灾",
    "灾害损失",
    "用工",
    "编制",
)
# A measure of reduction (浓度下降比例, 减排量) is better when larger, whatever it reduces; a name that
# only starts with the verb (降低不良率) still measures the adverse thing.
_REDUCTION_MEASURE = re.compile(
    r"(?:下降|降低|减少|压减|减排|节约|节省)(?:比例|比率|率|幅度|量|额|数)$|降幅$"
)
GROWTH_WORDS = ("增长", "增速", "增幅", "提高", "提升", "增加", "上升", "同比", "环比", "倍")
PEOPLE_UNITS = frozenset({"人", "万人", "人次", "万人次", "户", "万户", "名", "位", "人/年", "人次/年"})
COUNT_UNITS = frozenset(
    {
        "个",
        "次",
        "场",
        "期",
        "台",
        "套",
        "处",
        "座",
        "项",
        "批",
        "篇",
        "部",
        "家",
        "所",
        "件",
        "份",
        "条",
        "张",
        "辆",
        "株",
        "只",
        "卷",
        "笔",
        "起",
        "对",
        "本",
        "站",
        "支",
        "种",
        "类",
        "个村",
        "万场",
        "万套",
        "场次",
        "批次",
        "万件",
        "万份",
        "万条",
        "万张",
    }
)
AREA_UNITS = frozenset({"亩", "万亩", "平方米", "万平方米", "公顷", "平方公里", "公里", "千米", "米", "万米"})
# Units of what is counted or measured out (things, people, area): the rules ask this of nearly every value.
COUNTED_UNITS = COUNT_UNITS | PEOPLE_UNITS | AREA_UNITS
MONEY_UNITS: dict[str, float] = {
    "元": 1e-4,
    "千元": 0.1,
    "万元": 1.0,
    "万": 1.0,
    "亿元": 1e4,
    "亿": 1e4,
}


_CJK = re.compile(r"[\u4e00-\u9fff]")

# What a name asks for depends on the name alone, and the rules ask it of the same names many times over
# (each indicator name tens of times per review): the answers are cached, as normalize_name's are.
_by_name = lru_cache(maxsize=1 << 16)


@_by_name
def is_meaningful_name(name: str) -> bool:
    """At least two Chinese characters: a stray OCR glyph (``ı``, ``T``) or a value in the name slot is not
    an indicator, so rules say nothing about it (the reader warns about such rows)."""
    return len(_CJK.findall(name)) >= 2


@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """A name as a key: markup, brackets, punctuation and spaces removed. Cached: the rules ask it of the
    same indicator names many times over (about 300 calls per project)."""
    text = _BRACKETED.sub("", clean(name))
    return _PUNCT.sub("", text)


def _core(name: str) -> str:
    return normalize_name(name)


@_by_name
def is_rate_name(name: str) -> bool:
    """The name asks for a rate or share (…率, …比例, …占比)."""
    core = _core(name)
    return core.endswith(RATE_ENDINGS)


@_by_name
def is_count_name(name: str) -> bool:
    """The name asks for a count (…人数, …个数, …数量)."""
    core = _core(name)
    if core.endswith(NOT_COUNT_ENDINGS):
        return False
    return core.endswith(COUNT_ENDINGS)


@_by_name
def is_satisfaction_name(name: str) -> bool:
    core = _core(name)
    return any(w in core for w in SATISFACTION_WORDS) and "不满意" not in core


@_by_name
def is_timeliness_name(name: str) -> bool:
    core = _core(name)
    return any(w in core for w in TIMELINESS_WORDS)


@_by_name
def is_adverse_name(name: str) -> bool:
    """A measure where less is better (死亡率, 投诉率, 成本…): its target is an upper bound."""
    core = _core(name)
    return any(w in core for w in ADVERSE_WORDS) and not _REDUCTION_MEASURE.search(core)


# A length of time (使用寿命, 服务年限): measured in years, months or days, never in percent.
DURATION_WORDS = ("寿命", "年限", "时长", "工期", "使用期")


@_by_name
def is_duration_name(name: str) -> bool:
    core = _core(name)
    return any(w in core for w in DURATION_WORDS) and not is_rate_name(name)


@_by_name
def is_growth_name(name: str) -> bool:
    core = _core(name)
    return any(w in core for w in GROWTH_WORDS)


def is_percent(value: TargetValue) -> bool:
    return value.kind is ValueKind.NUMERIC and value.unit in ("%", "％")


def is_lower_bound(value: TargetValue) -> bool:
    return value.op in (Op.GE, Op.GT)


def is_upper_bound(value: TargetValue) -> bool:
    return value.op in (Op.LE, Op.LT)


def money_factor(unit: str | None) -> float | None:
    """Factor from a money unit to 万元, or ``None`` if the unit is not an amount of money."""
    if unit is None:
        return None
    return MONEY_UNITS.get(unit)


def money_in_wan(value: TargetValue) -> float | None:
    """The value as an amount in 万元 (``43007833元`` → 4300.7833), or ``None`` if it is not money."""
    if value.kind is not ValueKind.NUMERIC or value.number is None:
        return None
    factor = money_factor(value.unit)
    return None if factor is None else value.number * factor


_STANDARD_ENDINGS = ("标准", "单价", "定额", "均投入", "均经费", "均成本", "均费用")
_STANDARD_MARKS = ("每", "人均", "生均", "户均", "亩均", "单次", "单位成本")
_TOTAL_ENDINGS = ("总成本", "成本", "总额", "合计", "总计", "总投资")
_PER_ONE = re.compile(r"(?:^|[^\d.])1(人次|人|个|次|件|亩|户|名|所|家)的")


@_by_name
def is_standard_name(name: str) -> bool:
    """The cost is a unit standard (补助标准, 每人年经费, 亩均投入, 鉴定1人次的费用), not a total."""
    core = _core(name)
    if core.endswith(_STANDARD_ENDINGS) or _PER_ONE.search(core):
        return True
    return any(m in core for m in _STANDARD_MARKS) and not core.endswith(_TOTAL_ENDINGS)


@dataclass(frozen=True, slots=True)
class UnitCost:
    """A cost per something (元/亩, 万元/人/年): the amount in 万元 per one ``per`` per year."""

    wan_per_unit: float
    per: str
    yearly_factor: float


_TIME_PER_YEAR = {"年": 1.0, "月": 12.0, "季度": 4.0, "季": 4.0}
_STANDARD_NAME_PER = {
    "人均": "人",
    "生均": "人",
    "每人": "人",
    "户均": "户",
    "每户": "户",
    "亩均": "亩",
    "每亩": "亩",
}


def unit_cost(ind: Indicator) -> UnitCost | None:
    """Read a cost indicator as a unit cost, from a ``money/thing[/time]`` unit or a 人均/亩均 name."""
    value = ind.value
    if value.kind is not ValueKind.NUMERIC or value.number is None or not value.unit:
        return None
    parts = value.unit.split("/")
    factor = money_factor(parts[0])
    if factor is None:
        return None
    amount = value.number * factor
    per: str | None = None
    yearly = 1.0
    for part in parts[1:]:
        if part in _TIME_PER_YEAR:
            yearly *= _TIME_PER_YEAR[part]
        elif part == "天":
            return None  # daily rates depend on how many days are served; no sound product
        elif per is None:
            per = "人" if part in ("生", "名", "位") else part
    if per is None and is_standard_name(ind.name):
        core = _core(ind.name)
        per = next((p for word, p in _STANDARD_NAME_PER.items() if word in core), None)
        if per is None and (m := _PER_ONE.search(core)):
            per = m.group(1)
    if per is None:
        return None
    return UnitCost(amount, per, yearly)


def quantity_in(value: TargetValue, per: str) -> float | None:
    """The value as a number of ``per`` (``5万亩`` for 亩 → 50000), or ``None`` if the units differ."""
    if value.kind is not ValueKind.NUMERIC or value.number is None or not value.unit:
        return None
    unit = value.unit
    if unit == per or (per == "人" and unit in ("人次", "名", "位")):
        return value.number
    if unit == "万" + per or (per == "人" and unit == "万人次"):
        return value.number * 1e4
    return None


def bigrams(text: str) -> set[str]:
    core = _core(text)
    return {core[i : i + 2] for i in range(len(core) - 1)}


def is_cost(ind: Indicator) -> bool:
    return ind.level2 in COST_CATEGORIES


def is_quantity(ind: Indicator) -> bool:
    return ind.level2 is Level2.QUANTITY


# Who a project serves. 满意度指标 measure 服务对象或项目受益人 (财预〔2021〕101号); a project whose texts name
# people outside the unit (市民, 居民, 青少年) or a facility the public uses (公园, 路灯, 公厕) has such
# recipients to ask. A unit's own bookkeeping, canteen or archives has none.
PUBLIC_WORDS = (
    "市民",
    "群众",
    "居民",
    "公众",
    "村民",
    "游客",
    "老人",
    "老年",
    "儿童",
    "青少年",
    "青年",
    "妇女",
    "学生",
    "患者",
    "残疾",
    "农户",
    "农民",
    "服务对象",
    "受益",
    "家庭",
    "公园",
    "绿道",
    "广场",
    "公厕",
    "路灯",
    "道路",
    "市容",
    "清扫",
    "保洁",
    "垃圾",
    "公共场所",
    "公共区域",
    "人居环境",
)


def names_public(texts: tuple[str | None, ...]) -> list[str]:
    """The words in ``texts`` that show a project serves people outside the unit (empty: none do)."""
    joined = "".join(t for t in texts if t)
    return [w for w in PUBLIC_WORDS if w in joined]
