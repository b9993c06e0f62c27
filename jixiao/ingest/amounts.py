"""Money cells (万元), including the ones a converter split in two.

A PDF converter often cuts a number at a cell boundary and sometimes prints the boundary character twice:
``3⇥71`` is 371, ``432⇥2. 200000`` is 432.2, ``93.⇥. 000000`` is 93. When the character at the cut is
doubled, both readings are candidates; the caller picks the one the table itself confirms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_NUMBER_CHARS = re.compile(r"[\d.,]+")
_LABEL = re.compile(r"^(?:金额|预算数|年度资金总额|合计|总额)[:：]?")
MONEY_SCALE = {"亿元": 10000.0, "亿": 10000.0, "万元": 1.0, "万": 1.0, "元": 0.0001}


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount in 万元; ``alternatives`` are other readings of a split number, ``split`` marks the repair."""

    value: float
    alternatives: tuple[float, ...] = ()
    split: bool = False


def _scale(text: str) -> float:
    for unit, factor in MONEY_SCALE.items():
        if unit in text:
            return factor
    return 1.0


def _to_float(digits: str) -> float | None:
    digits = digits.replace(",", "")
    if digits.count(".") > 1:
        head, _, tail = digits.partition(".")
        digits = head + "." + tail.replace(".", "")
    try:
        return float(digits)
    except ValueError:
        return None


def parse_amount(cells: Sequence[str]) -> Amount | None:
    """Read an amount from the cells after its label; ``None`` when there is no number."""
    parts = [_LABEL.sub("", c) for c in cells if c]
    parts = [p for p in parts if p]
    if not parts:
        return None
    scale = _scale("".join(parts))
    numeric = [m.group(0) if (m := _NUMBER_CHARS.match(p)) else "" for p in parts]
    if not numeric[0] or not any(ch.isdigit() for ch in numeric[0] + "".join(numeric[1:2])):
        found = _NUMBER_CHARS.search("".join(parts))
        if not found or not any(ch.isdigit() for ch in found.group(0)):
            return None
        value = _to_float(found.group(0))
        return None if value is None else Amount(round(value * scale, 6))
    left = numeric[0]
    right = numeric[1] if len(numeric) > 1 and numeric[1] and parts[0] == left else ""
    if not right:
        value = _to_float(left)
        return None if value is None else Amount(round(value * scale, 6))
    plain = _to_float(left + right)
    if left[-1] == right[0]:
        deduped = _to_float(left + right[1:])
        readings = [v for v in (deduped, plain) if v is not None]
    else:
        readings = [v for v in (plain,) if v is not None]
    if not readings:
        return None
    scaled = list(dict.fromkeys(round(v * scale, 6) for v in readings))
    return Amount(scaled[0], tuple(scaled[1:]), split=True)


def parse_plain_amount(cell: str) -> float | None:
    """A single-cell amount such as ``38.50`` or ``1300.00``; ``None`` for a blank or non-number."""
    amount = parse_amount([cell])
    return amount.value if amount else None
