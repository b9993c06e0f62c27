"""计量单位: a number means nothing until its unit says what it counts.

财预〔2015〕88号 asks for values that are 明确、可衡量, and a target value is an operator, a number and a unit.
A rate written without “%”, a count without 人/个/次, and above all an amount of money without 元 or 万元 (a
factor of ten thousand apart) leave the reviewer guessing what was promised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.domain import Project, TargetValue, ValueKind
from jixiao.review import lexicon
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import indicator_hit

# A name that states its own unit (受益人数（人）, 覆盖率(%), 成本（万元）) leaves the number nothing to miss.
_UNIT_IN_NAME = re.compile(r"[（(][^（()）]{1,6}[)）]\s*$")


def unit_missing(name: str, v: TargetValue) -> str | None:
    """What unit a bare number lacks: % for a rate, a counting unit for a count; ``None`` when it has one."""
    if v.kind is not ValueKind.NUMERIC or v.number is None or v.unit or _UNIT_IN_NAME.search(name):
        return None
    if lexicon.is_rate_name(name) or lexicon.is_satisfaction_name(name):
        return "比率没有写“%”"
    if lexicon.is_count_name(name):
        return "数量没有计量单位"
    return None


@rule(
    id="VALUE-UNIT-MISSING",
    title="指标值缺少计量单位",
    message="“{name}”的指标值{value}：{why}",
    suggestion="写明计量单位：金额写“元”或“万元”，比率用“%”，数量用人、个、次、项等。",
    family=Family.VALUE,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号：绩效指标应细化、量化，指标值明确、可衡量；指标值由运算符、数值和计量单位组成",
    scope=Scope.PROJECT,
)
def value_unit_missing(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    """A cost indicator's bare number (小于等于23,739,200.00) is an amount, but of 元 or of 万元?"""
    costs = {id(i) for i in project.cost_indicators}
    for ind in project.indicators:
        v = ind.value
        if id(ind) in costs and v.kind is ValueKind.NUMERIC and v.number is not None and not v.unit:
            if not _UNIT_IN_NAME.search(ind.name):
                yield indicator_hit(ind, why="金额没有写明是元还是万元")
        elif why := unit_missing(ind.name, v):
            yield indicator_hit(ind, why=why)
