"""The grammar of target values (指标值).

A value cell says how much, in which direction, of what: ``≥95%``, ``=13人``, ``≤85万元``, ``约300人次/天``,
``1-2年``, ``前2名``, ``12月底前``, ``显著``. :func:`parse_target_value` reads any cell into a :class:`TargetValue`
and never raises: what it cannot understand is kept as ``kind="text"`` with the raw string, so nothing is lost.

A deadline (``2027年10月底前``, ``2023年12月31日前``, ``每年10月前``, ``11月底前``) reads as ``≤`` its month with a
unit saying which part of the month: ``月底`` (底, 末, the month's last day, or the month alone), ``月初``,
``月上旬``/``月中旬``/``月下旬``, or ``月15日`` for another day; a year or 每年 stays in ``raw`` only.

:func:`value_problems` says what is wrong with a value someone typed: unreadable, a letter O or l inside a
number (``≥9O%``), a doubled percent sign (``95%%``), a unit that is not a unit (``≥95%满意``). Every channel
that takes values checks them through it (see :mod:`jixiao.domain.validation`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from jixiao.domain.text import clean


class ValueKind(StrEnum):
    NUMERIC = "numeric"
    RANGE = "range"
    RANK = "rank"
    QUALITATIVE = "qualitative"
    TEXT = "text"


class Op(StrEnum):
    GE = ">="
    LE = "<="
    EQ = "="
    GT = ">"
    LT = "<"


OP_SYMBOLS: dict[Op, str] = {Op.GE: "≥", Op.LE: "≤", Op.EQ: "=", Op.GT: ">", Op.LT: "<"}


@dataclass(frozen=True, slots=True)
class TargetValue:
    """指标值: what was printed (``raw``) and how it was understood."""

    raw: str
    kind: ValueKind
    op: Op | None = None
    number: float | None = None
    upper: float | None = None
    unit: str | None = None

    @property
    def is_quantitative(self) -> bool:
        return self.kind in (ValueKind.NUMERIC, ValueKind.RANGE, ValueKind.RANK)


# Leading operators (tried longest first). ``None`` marks an approximation (约, ≈): no direction.
_PREFIX_OPS: tuple[tuple[str, Op | None], ...] = tuple(sorted((
    ("不低于", Op.GE), ("不少于", Op.GE), ("不小于", Op.GE), ("不高于", Op.LE), ("不超过", Op.LE),
    ("不大于", Op.LE), ("不多于", Op.LE), ("至少", Op.GE), ("达到", Op.GE), ("大于", Op.GT),
    ("高于", Op.GT), ("多于", Op.GT), ("超过", Op.GT), ("突破", Op.GT), ("小于", Op.LT), ("低于", Op.LT),
    ("少于", Op.LT), ("控制在", Op.LE), (">=", Op.GE), ("<=", Op.LE), ("≥", Op.GE), ("≤", Op.LE),
    ("≧", Op.GE), ("≦", Op.LE), ("⩾", Op.GE), ("⩽", Op.LE), ("=", Op.EQ), (">", Op.GT), ("<", Op.LT),
    ("≈", None), ("约", None), ("大约", None),
    ("大于等于", Op.GE), ("大于或等于", Op.GE), ("大于或者等于", Op.GE), ("小于等于", Op.LE),
    ("小于或等于", Op.LE), ("小于或者等于", Op.LE), ("不超", Op.LE), ("最少", Op.GE), ("最多", Op.LE),
    ("至多", Op.LE), ("等于", Op.EQ),
    # OCR: € is a misread ≤; a leading - before a number is a misread = (negative targets do not occur).
    ("€", Op.LE), ("-", Op.EQ),
), key=lambda pair: -len(pair[0])))
_SUFFIX_OPS: tuple[tuple[str, Op | None], ...] = (
    ("及以上", Op.GE), ("或以上", Op.GE), ("以上", Op.GE), ("及以下", Op.LE), ("或以下", Op.LE),
    ("以下", Op.LE), ("以内", Op.LE), ("之内", Op.LE), ("左右", None),
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_NUMERIC = re.compile(rf"^(?P<number>{_NUMBER})(?P<unit>.*)$")
_RANGE = re.compile(
    rf"^(?P<low>{_NUMBER})(?P<unit1>[^\d\-~～—–至到]{{0,6}}?)(?:-|~|～|—|–|至|到)(?P<high>{_NUMBER})(?P<unit>.*)$"
)
_RANK = re.compile(r"^(?:排名|排)?(?P<where>前|第)(?P<number>\d+)(?P<unit>名|位)?$")
_RATIO = re.compile(rf"^(?P<number>{_NUMBER})[:：;；](?P<den>1)$")
# By a month, or a day or part of it, of a year, of every year, or of the plan's year.
_DEADLINE = re.compile(
    r"^(?:在|于)?(?:每年|(?:19|20)\d{2}年度?)?(?P<month>\d{1,2})月份?"
    r"(?:(?P<part>底|末|初|上旬|中旬|下旬)|(?P<day>\d{1,2})[日号])?"
    r"(?:前|之前|以前|止|为止)?(?:完成)?$"
)
_YEAR_END = re.compile(r"^(?:在|于)?(?:19|20)\d{2}年(?:底|末|年底)(?:前|之前|以前)?(?:完成)?$")
# A period of dates: accepted as written, not reduced to numbers.
_DATE = r"(?:(?:19|20)\d{2}年)?(?:次年)?\d{1,2}月(?:\d{1,2}[日号]|底|末|初)?"
_DATE_PERIOD = re.compile(rf"^(?:(?:19|20)\d{{2}}年)?{_DATE}(?:-|~|～|—|–|至|到){_DATE}$")
_PART_UNITS = {"底": "月底", "末": "月底", "初": "月初", "上旬": "月上旬", "中旬": "月中旬", "下旬": "月下旬"}
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DEADLINE_UNIT = re.compile(r"^月(?:底|初|上旬|中旬|下旬|\d{1,2}日)$")
# Characters that never occur in a unit but do in a sentence or a second value.
_NOT_IN_UNIT = set("<>=≥≤≧≦;；,，、。()（）:：前后完成为的及和或是于超达低高不增减提升降")
_UNIT_WITH_DIGIT = re.compile(r"^/\d+[万千百亿]?|.*[A-Za-zμ][23²³]$")
_OCR_UNITS = {"↑": "个"}
# A letter O, o, l or I glued to a digit: a typed or OCR'd 0 or 1 (≥9O%, 1O0%, 9l%), never a unit.
_LETTER_IN_NUMBER = re.compile(r"(?<=\d)[OolI](?=[\d%‰.]|$|[^\x00-\x7f])|(?<![A-Za-z])[OolI](?=\d)")
_LETTER_DIGITS = {"O": "0", "o": "0", "l": "1", "I": "1"}


def _analysis_form(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw)
    return text.replace("µ", "μ")


def _read_unit(unit: str) -> tuple[bool, str | None]:
    """Whether ``unit`` reads as a unit, and the unit as printed (OCR look-alikes repaired)."""
    if not unit:
        return True, None
    unit = _OCR_UNITS.get(unit, unit)
    if len(unit) > 8 or _NOT_IN_UNIT & set(unit):
        return False, None
    if any(ch.isdigit() for ch in unit) and not _UNIT_WITH_DIGIT.match(unit):
        return False, None
    return True, unit


def _to_number(text: str) -> float:
    return float(text.replace(",", ""))


def _strip_prefix(text: str) -> tuple[str, Op | None, bool]:
    for spelling, op in _PREFIX_OPS:
        if text.startswith(spelling) and len(text) > len(spelling):
            return text[len(spelling):], op, True
    return text, None, False


def _strip_suffix(text: str) -> tuple[str, Op | None, bool]:
    for spelling, op in _SUFFIX_OPS:
        if text.endswith(spelling) and len(text) > len(spelling):
            return text[: -len(spelling)], op, True
    return text, None, False


def _deadline(raw: str, text: str) -> TargetValue | None:
    if _YEAR_END.match(text):
        return TargetValue(raw, ValueKind.NUMERIC, Op.LE, 12.0, None, "月底")
    m = _DEADLINE.match(text)
    if m is None or not 1 <= int(m["month"]) <= 12:
        return None
    month = int(m["month"])
    unit = _PART_UNITS.get(m["part"] or "底", "月底")
    if m["day"]:
        day = int(m["day"])
        if not 1 <= day <= _MONTH_DAYS[month - 1]:
            return None
        last = day >= _MONTH_DAYS[month - 1] - (1 if month == 2 else 0)  # 2月28日 is February's end too
        unit = "月底" if last else f"月{day}日"
    return TargetValue(raw, ValueKind.NUMERIC, Op.LE, float(month), None, unit)


def is_deadline(value: TargetValue) -> bool:
    """A value that says by when (``12月底前``, ``11月15日前``): printed back as a date, not split up."""
    return value.kind is ValueKind.NUMERIC and bool(value.unit) and bool(_DEADLINE_UNIT.match(value.unit or ""))


def parse_target_value(cell: str | None) -> TargetValue:
    """Read a printed 指标值 into a :class:`TargetValue`; never raises."""
    return _parse_cached(cell or "")


@lru_cache(maxsize=65536)
def _parse_cached(cell: str) -> TargetValue:
    raw = clean(cell)
    text = _analysis_form(raw)
    if not text:
        return TargetValue(raw=raw, kind=ValueKind.TEXT)
    if not any(ch.isdigit() for ch in text):
        return TargetValue(raw=raw, kind=ValueKind.QUALITATIVE)
    if _LETTER_IN_NUMBER.search(text):
        return TargetValue(raw=raw, kind=ValueKind.TEXT)  # the number itself is in doubt
    if m := _RANK.match(text):
        rank_op = Op.LE if m["where"] == "前" else Op.EQ
        return TargetValue(raw, ValueKind.RANK, rank_op, float(m["number"]), None, m["unit"] or "名")
    if deadline := _deadline(raw, text):
        return deadline

    body, op, has_prefix = _strip_prefix(text)
    body, suffix_op, has_suffix = _strip_suffix(body)
    if not has_prefix:
        op = suffix_op
    if m := _RATIO.match(body):
        return TargetValue(raw, ValueKind.NUMERIC, op, _to_number(m["number"]), None, ":1")
    if not (has_prefix or has_suffix) and (m := _RANGE.match(body)):
        ok, unit = _read_unit(m["unit"] or m["unit1"])
        if ok and (not m["unit1"] or not m["unit"] or m["unit1"] == m["unit"]):
            low, high = _to_number(m["low"]), _to_number(m["high"])
            if low <= high:
                return TargetValue(raw, ValueKind.RANGE, None, low, high, unit)
    if m := _NUMERIC.match(body):
        ok, unit = _read_unit(m["unit"])
        if ok:
            return TargetValue(raw, ValueKind.NUMERIC, op, _to_number(m["number"]), None, unit)
    return TargetValue(raw=raw, kind=ValueKind.TEXT)


# Units written with Latin letters that Chinese tables use; anything else in Latin letters is a typo.
_SYMBOL_UNITS = frozenset({
    "m", "m2", "m3", "m²", "m³", "km", "km2", "km²", "cm", "mm", "kg", "g", "mg", "μg", "ng", "t", "L", "l",
    "mL", "ml", "W", "kW", "kWh", "MW", "MWh", "GW", "GWh", "V", "kV", "kVA", "MVA", "A", "Hz", "dB", "h",
    "min", "s", "ms", "bps", "kbps", "Mbps", "Gbps", "KB", "MB", "GB", "TB", "PB", "M", "G", "T", "pH", "ppm",
    "K", "°C", "℃", "℉", "㎡", "㎞", "㎏", "m³/s", "CO2", "AQI", "PM2.5", "PM10", "IP", "U", "Mb", "Gb",
})
_SCALE = "万千百亿十"
_CJK_UNIT = re.compile(r"^[\u3400-\u9fff㎡㎞㎏℃°]+$")
_PER_COUNT = re.compile(rf"^\d+[{_SCALE}]?$")


def is_unit(unit: str) -> bool:
    """Whether ``unit`` is a unit of measure: %, ‰, Chinese measure words (人, 万元, 个社区), the usual symbols
    (km, kWh, μg/m3), or several of them per each other (元/人/年, /10万); ``O%``, ``%%``, ``%满意`` are not."""
    if unit == ":1" or _DEADLINE_UNIT.match(unit):
        return True
    parts = unit.split("/")
    for n, part in enumerate(parts):
        if not part:
            if n == 0 and len(parts) > 1:
                continue  # /10万: per 100,000
            return False
        if n == 1 and not parts[0] and _PER_COUNT.match(part):
            continue
        bare = part.lstrip(_SCALE) or part
        if part in ("%", "‰") or bare in _SYMBOL_UNITS or _CJK_UNIT.match(part):
            continue
        return False
    return True


_SUBJECT = re.compile(r"^[\u4e00-\u9fff]{2,20}?(?=[≥≤=<>≧≦]|不|大于|小于|达到|至少|超过|低于|高于)")


def _after_subject(text: str) -> str | None:
    """``≤260万元`` of ``总成本不超过260万元``: a value with words in front that repeat the name, or ``None``."""
    if (m := _SUBJECT.match(text)) is None:
        return None
    rest = parse_target_value(text[m.end():])
    if rest.kind is not ValueKind.NUMERIC or rest.op is None or (rest.unit and not is_unit(rest.unit)):
        return None
    return format_target_value(rest)


def value_problems(cell: str | None) -> tuple[str, ...]:
    """What is wrong with a typed 指标值, in words for the person who typed it; ``()`` when it is fine.

    Accepted: every form :func:`parse_target_value` understands with a real unit, qualitative words
    (``显著提升``), and periods of dates (``11月15日至次年3月15日``). Refused: a blank, a letter O or l inside a
    number, a doubled percent sign, a unit that is not a unit, and anything else the grammar cannot read.
    """
    value = parse_target_value(cell)
    raw = value.raw
    if not raw:
        return ("请填写指标值。",)
    text = _analysis_form(raw)
    problems = []
    if _LETTER_IN_NUMBER.search(text):
        letters = "、".join(dict.fromkeys(m.group(0) for m in _LETTER_IN_NUMBER.finditer(text)))
        fixed = _LETTER_IN_NUMBER.sub(lambda m: _LETTER_DIGITS[m.group(0)], text)
        problems.append(f"指标值“{raw}”的数字中有字母 {letters}（应为“{fixed}”？）。")
    if re.search(r"[%‰]{2,}", text):
        fixed = re.sub(r"([%‰])[%‰]+", r"\1", text)
        problems.append(f"指标值“{raw}”的百分号重复（应为“{fixed}”？）。")
    if problems:
        return tuple(problems)
    if value.kind is ValueKind.TEXT and not _DATE_PERIOD.match(text):
        if (rest := _after_subject(text)) is not None:
            return (f"指标值“{raw}”前面是说明文字：指标值只写“{rest}”，说明写入指标名称。",)
        return (
            f"无法识别的指标值“{raw}”：请写成 ≥95%、=13人、≤85万元、1-2年、12月底前 或定性描述（如“显著提升”）。",
        )
    if value.unit and value.kind in (ValueKind.NUMERIC, ValueKind.RANGE) and not is_unit(value.unit):
        return (f"指标值“{raw}”中的“{value.unit}”不是计量单位：单位写在数字之后（如 ≥95%、≤85万元），说明写入指标名称。",)
    return ()


def format_number(number: float) -> str:
    """A number as a person writes it: ``95``, ``2974.16``; never ``95.0`` or ``1e+05``."""
    if number == int(number) and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.10f}".rstrip("0").rstrip(".")


def format_target_value(value: TargetValue) -> str:
    """The canonical printed form of an understood value; the raw text for anything else."""
    if value.number is None or value.kind in (ValueKind.QUALITATIVE, ValueKind.TEXT):
        return value.raw
    unit = value.unit or ""
    if value.kind is ValueKind.RANGE and value.upper is not None:
        return f"{format_number(value.number)}-{format_number(value.upper)}{unit}"
    if value.kind is ValueKind.RANK:
        return f"{'前' if value.op is Op.LE else '第'}{format_number(value.number)}{unit}"
    if unit == ":1":
        return f"{OP_SYMBOLS[value.op] if value.op else ''}{format_number(value.number)}:1"
    if is_deadline(value) and value.op is Op.LE:
        return f"{format_number(value.number)}{unit}前"
    return f"{OP_SYMBOLS[value.op] if value.op else ''}{format_number(value.number)}{unit}"
