"""Numbers about a cluster's targets: units and directions of values, quartiles, standing of one value.

Quantiles interpolate linearly between order statistics (the "linear" method of numpy and of most
spreadsheets: position ``q·(n−1)``), so every figure can be worked by hand. The robust z-score is
``(x − median) / (1.4826·MAD)``; where half the values or more are equal (MAD = 0, common: ``=100%``) it falls
back to ``1.2533·mean absolute deviation``, and where every value is the same a different value stands
infinitely far out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from jixiao.domain.values import Op, TargetValue, ValueKind

_MONEY = frozenset({"元", "万元", "亿元", "千元", "百万元"})
_TIME = frozenset({"天", "日", "小时", "分钟", "工作日", "个工作日", "周", "年", "个月", "月", "秒"})


def unit_of(value: TargetValue) -> str | None:
    """The unit of a quantitative target, normalised (``%``, ``万元`` …); None for words."""
    if not value.is_quantitative or value.number is None:
        return None
    return (value.unit or "").strip() or "-"


def unit_class(value: TargetValue) -> str | None:
    """percent, money, time, count or number: what kind of unit a target is in (None for words)."""
    unit = unit_of(value)
    if unit is None:
        return None
    if unit in ("%", "‰"):
        return "percent"
    if unit in _MONEY or unit.startswith(("元/", "万元/")):
        return "money"
    if unit in _TIME or unit.startswith("月"):
        return "time"
    return "number" if unit == "-" else "count"


def direction_of(value: TargetValue) -> str | None:
    """ge (≥, >, 以上), le (≤, <, 以内, deadlines) or eq (=, a bare number); None for words."""
    if not value.is_quantitative:
        return None
    if value.op in (Op.GE, Op.GT):
        return "ge"
    if value.op in (Op.LE, Op.LT):
        return "le"
    return "eq"


DIRECTION_LABELS = {"ge": "≥", "le": "≤", "eq": "=", None: "定性"}


def quantile(ordered: Sequence[float], q: float) -> float:
    """The q-quantile of sorted numbers, interpolated linearly at position q·(n−1)."""
    if not ordered:
        raise ValueError("quantile of no numbers")
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True, slots=True)
class Distribution:
    """The numeric targets of a cluster in one unit: count, quartiles, extremes."""

    unit: str
    count: int
    median: float
    q1: float
    q3: float
    minimum: float
    maximum: float


def distribution(numbers: Sequence[float], unit: str) -> Distribution | None:
    if not numbers:
        return None
    ordered = sorted(numbers)
    return Distribution(
        unit,
        len(ordered),
        quantile(ordered, 0.5),
        quantile(ordered, 0.25),
        quantile(ordered, 0.75),
        ordered[0],
        ordered[-1],
    )


def percentile_rank(ordered: Sequence[float], x: float) -> float:
    """Share (0–100) of the values below x, ties counting half: where x stands among them."""
    below = sum(1 for v in ordered if v < x)
    equal = sum(1 for v in ordered if v == x)
    return 100.0 * (below + 0.5 * equal) / len(ordered)


def robust_z(ordered: Sequence[float], x: float) -> float:
    """How many robust standard deviations x lies from the median (see the module's note on MAD = 0)."""
    median = quantile(ordered, 0.5)
    deviations = sorted(abs(v - median) for v in ordered)
    spread = 1.4826 * quantile(deviations, 0.5)
    if spread == 0:
        spread = 1.2533 * sum(deviations) / len(deviations)
    if spread == 0:
        return 0.0 if x == median else math.copysign(math.inf, x - median)
    return (x - median) / spread


def kind_label(value: TargetValue) -> str:
    return "定性" if value.kind in (ValueKind.QUALITATIVE, ValueKind.TEXT) else "定量"
