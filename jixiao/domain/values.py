"""The grammar of target values (指标值).

A value cell says how much, in which direction, of what: ``≥95%``, ``=13人``, ``≤85万元``, ``约300人次/天``,
``1-2年``, ``前2名``, ``显著``. :func:`parse_target_value` reads any cell into a :class:`TargetValue` and never
raises: what it cannot understand is kept as ``kind="text"`` with the raw string, so nothing is lost.
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


# Leading operators, longest spelling first. ``None`` marks an approximation (约, ≈): no direction.
_PREFIX_OPS: tuple[tuple[str, Op | None], ...] = (
    ("不低于", Op.GE), ("不少于", Op.GE), ("不小于", Op.GE), ("不高于", Op.LE), ("不超过", Op.LE),
    ("不大于", Op.LE), ("不多于", Op.LE), ("至少", Op.GE), ("达到", Op.GE), ("大于", Op.GT),
    ("高于", Op.GT), ("多于", Op.GT), ("超过", Op.GT), ("突破", Op.GT), ("小于", Op.LT), ("低于", Op.LT),
    ("少于", Op.LT), ("控制在", Op.LE), (">=", Op.GE), ("<=", Op.LE), ("≥", Op.GE), ("≤", Op.LE),
    ("≧", Op.GE), ("≦", Op.LE), ("⩾", Op.GE), ("⩽", Op.LE), ("=", Op.EQ), (">", Op.GT), ("<", Op.LT),
    ("≈", None), ("约", None), ("大约", None),
    # OCR: € is a misread ≤; a leading - before a number is a misread = (negative targets do not occur).
    ("€", Op.LE), ("-", Op.EQ),
)
_SUFFIX_OPS: tuple[tuple[str, Op | None], ...] = (
    ("及以上", Op.GE), ("以上", Op.GE), ("及以下", Op.LE), ("以下", Op.LE), ("以内", Op.LE), ("之内", Op.LE),
    ("左右", None),
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_NUMERIC = re.compile(rf"^(?P<number>{_NUMBER})(?P<unit>.*)$")
_RANGE = re.compile(
    rf"^(?P<low>{_NUMBER})(?P<unit1>[^\d\-~～—–至到]{{0,6}}?)(?:-|~|～|—|–|至|到)(?P<high>{_NUMBER})(?P<unit>.*)$"
)
_RANK = re.compile(r"^(?:排名|排)?(?P<where>前|第)(?P<number>\d+)(?P<unit>名|位)?$")
_RATIO = re.compile(rf"^(?P<number>{_NUMBER})[:：;；](?P<den>1)$")
_DEADLINE = re.compile(r"^(?P<number>\d{1,2})月(?:底|末|份)?(?:前|之前|以前)?(?:完成)?$")
# Characters that never occur in a unit but do in a sentence or a second value.
_NOT_IN_UNIT = set("<>=≥≤≧≦;；,，、。()（）:：前后完成为的及和或是于超达低高不增减提升降")
_UNIT_WITH_DIGIT = re.compile(r"^/\d+[万千百亿]?|.*[A-Za-zμ][23²³]$")
_OCR_UNITS = {"↑": "个"}


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
    if m := _RANK.match(text):
        rank_op = Op.LE if m["where"] == "前" else Op.EQ
        return TargetValue(raw, ValueKind.RANK, rank_op, float(m["number"]), None, m["unit"] or "名")
    if m := _DEADLINE.match(text):
        return TargetValue(raw, ValueKind.NUMERIC, Op.LE, float(m["number"]), None, "月底")

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
    if unit == "月底" and value.op is Op.LE:
        return f"{format_number(value.number)}月底前"
    return f"{OP_SYMBOLS[value.op] if value.op else ''}{format_number(value.number)}{unit}"
