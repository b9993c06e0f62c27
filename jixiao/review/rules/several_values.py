"""指标值合理: one indicator, one value.

A row that packs several measures into one value (行道树28515株；一级绿地面积1241625.93㎡；…, 实地走访约48次、简报
每周一报) cannot be scored as one target: self-evaluation marks each indicator achieved or not. 财预〔2015〕88号
asks indicators to be 细化: each measure in its own row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.domain import Project, ValueKind
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import indicator_hit

_PARTS = re.compile(r"[；;、，,]")
# A part that states a target: a number, or a frequency (每周一报).
_TARGET = re.compile(r"\d|每[日天周旬月季年]")


def several_values(raw: str) -> list[str]:
    """The parts of a value that each state a target, when there are two or more (else empty)."""
    parts = [p.strip() for p in _PARTS.split(raw) if _TARGET.search(p)]
    return parts if len(parts) > 1 else []


@rule(
    id="SEVERAL-VALUES-IN-ONE",
    title="一个指标填了多个指标值",
    message="“{name}”的指标值“{value}”含{count}个目标，一个指标只应有一个指标值",
    suggestion="把各项目标拆成单独的三级指标，每行一个指标值。",
    family=Family.VALUE,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号：绩效指标应细化、量化，每个指标有明确的指标值",
    scope=Scope.PROJECT,
)
def several_values_in_one(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        if ind.value.kind is not ValueKind.NUMERIC and (parts := several_values(ind.value.raw)):
            yield indicator_hit(ind, count=len(parts))
