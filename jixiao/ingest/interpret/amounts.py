"""Amount cells of a project table, and the check that a 万元 label holds 万元.

Amounts are kept as printed. Where a cell names its own unit (``3000元`` under a 万元 label) the number is
read in the label's unit and a warning says so. Where a 万元 label evidently holds 元 — the same project
states the amount in 万元 elsewhere (测算依据 ``800万元`` beside ``8000000``; a cost indicator
``不超过15万元`` beside ``150000``), or the amount is beyond any project — the reader warns with the
evidence and never rescales.
"""

from __future__ import annotations

import re

from jixiao.domain import Project
from jixiao.domain.text import clean
from jixiao.domain.values import format_number as fmt
from jixiao.ingest.amounts import MONEY_SCALE

_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
_IN_TEXT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)")
# 10 亿元: a single project's amount beyond this under a 万元 label is far more likely 元.
_IMPLAUSIBLE = 100000.0


def parse_amount(text: str, label_unit: str | None) -> tuple[float | None, str | None]:
    """The number of an amount cell in the label's unit (万元 by default), and a warning if the cell names
    another unit or holds no number."""
    words = clean(text).replace("，", ",")
    if not words:
        return None, None
    match = _NUMBER.search(words)
    if match is None:
        return None, f"金额不是数字: '{words}'"
    number = float(match.group(0).replace(",", ""))
    tail = words[match.end():]
    own = next((u for u in MONEY_SCALE if tail.startswith(u)), None)
    wanted = label_unit or "万元"
    if own and MONEY_SCALE[own] != MONEY_SCALE.get(wanted, 1.0):
        converted = number * MONEY_SCALE[own] / MONEY_SCALE.get(wanted, 1.0)
        return converted, f"金额 '{words}' 的单位与标签 ({wanted}) 不同, 按 {fmt(converted)}{wanted} 读取"
    return number, None


def stated_amounts(project: Project) -> list[tuple[float, str]]:
    """Amounts in 万元 that the project states outside its amount cells, with where they were stated."""
    out: list[tuple[float, str]] = []
    for indicator in project.cost_indicators:
        value = indicator.value
        if value.number is not None and value.unit in MONEY_SCALE:
            out.append((value.number * MONEY_SCALE[value.unit], f"成本指标 {indicator.name} '{value.raw}'"))
    for label, text in (("测算依据", project.calculation_basis), ("资金用途", project.purpose),
                        ("年度目标", project.goal)):
        for match in _IN_TEXT.finditer(clean(text or "")):
            amount = float(match.group(1).replace(",", "")) * MONEY_SCALE[match.group(2)]
            out.append((amount, f"{label} '{match.group(0)}'"))
    return out


def yuan_evidence(project: Project, factor: float = 10000.0) -> tuple[str, str] | None:
    """Why this project's 万元 amounts look like 元 and which amount (``total`` or ``midterm``) shows it,
    or ``None`` when they look right."""
    printed = [
        (v, key, name)
        for v, key, name in ((project.funds.total, "total", "本年度金额"), (project.funds.midterm, "midterm", "中期规划金额"))
        if v
    ]
    stated = [(a, where) for a, where in stated_amounts(project) if a > 0]
    for amount, key, name in printed:
        for stated_amount, where in stated:
            if _close(amount / factor, stated_amount) and not _close(amount, stated_amount):
                return (f"{name} {fmt(amount)} 标为万元, 但{where} 折合 {fmt(round(stated_amount, 6))}万元 "
                        f"(差 {fmt(factor)} 倍)", key)
    for amount, key, name in printed:
        if amount >= _IMPLAUSIBLE:
            return f"{name} {fmt(amount)} 万元 (即 {fmt(round(amount / 10000, 2))} 亿元) 超出单个项目的合理范围", key
    return None


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(abs(a), abs(b))
