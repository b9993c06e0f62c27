"""Small helpers shared by rule modules: building hits and printing values as evidence."""

from __future__ import annotations

from typing import Any

from jixiao.domain import Indicator, TargetValue
from jixiao.domain.values import format_number
from jixiao.review.registry import Hit


def shown(value: TargetValue) -> str:
    """A value as printed in the source, or 空 for a blank cell."""
    return value.raw or "（空）"


def wan(amount: float) -> str:
    """An amount of 万元 for a message: at most four decimals, no trailing zeros."""
    return format_number(round(amount, 4)) + "万元"


def indicator_hit(ind: Indicator, *extra: tuple[str, str], **facts: Any) -> Hit:
    """A hit on one indicator, with its name, category and value as the first evidence."""
    evidence = (
        ("指标", ind.name),
        ("类别", f"{ind.level1.value} / {ind.level2.value}"),
        ("指标值", shown(ind.value)),
        *extra,
    )
    facts.setdefault("name", ind.name)
    facts.setdefault("value", shown(ind.value))
    facts.setdefault("level2", ind.level2.value)
    return Hit(facts=facts, evidence=evidence, indicator=ind, line=ind.line)
