"""指标值合理 against other regions (适当性): a target far from what equivalent indicators elsewhere ask.

Needs reference data (the indicator library, :mod:`jixiao.library`, passed in by the caller as a
:class:`~jixiao.domain.reference.ValueReference`); without it, or when the equivalent indicators hold fewer
than ``min_count`` targets in the same unit, the rule says nothing. A target is unusual when it lies beyond
``z`` robust standard deviations from their median *and* in the outer ``tail`` percent of them.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain import Project
from jixiao.domain.values import format_number
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import indicator_hit


def _amount(number: float, unit: str) -> str:
    return format_number(round(number, 4)) + ("" if unit == "-" else unit)


@rule(
    id="VALUE-UNUSUAL-AMONG-SIMILAR",
    title="指标值明显偏离同类指标",
    message="“{name}”的指标值{value}{position}：同类指标“{cluster}”的 {count} 个目标中{share}%比它{comparison}（中位数 {median}）",
    suggestion="核对指标值是否写错或过于保守/过高；确有特殊原因的，在指标解释中说明测算依据。",
    family=Family.VALUE,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.HINT,
    basis="财预〔2015〕88号：绩效目标应符合客观实际，指标值可参考历史标准、行业标准或其他地区同类项目",
    scope=Scope.PROJECT,
    params={"z": 3.5, "tail": 5.0, "min_count": 8},
)
def unusual_among_similar(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    if ctx.reference is None:
        return
    z, tail, min_count = ctx.number("z"), ctx.number("tail"), int(ctx.number("min_count"))
    for ind in project.indicators:
        standing = ctx.reference.standing(ind.name, ind.value, level2=ind.level2.value, min_count=min_count)
        if standing is None or abs(standing.robust_z) < z:
            continue
        low = standing.robust_z < 0
        if (standing.percentile if low else 100 - standing.percentile) > tail:
            continue
        share = 100 - standing.percentile if low else standing.percentile
        unit = standing.unit
        yield indicator_hit(
            ind,
            ("同类指标", standing.cluster),
            (
                "比较的目标",
                f"{standing.count} 个（{standing.projects} 个项目或职责，{len(standing.regions)} 个地区）",
            ),
            ("中位数", _amount(standing.median, unit)),
            ("四分位", f"{_amount(standing.q1, unit)}–{_amount(standing.q3, unit)}"),
            ("百分位", f"{standing.percentile:.1f}"),
            ("稳健 z 值", f"{standing.robust_z:.1f}"),
            position="明显偏低" if low else "明显偏高",
            cluster=standing.cluster,
            count=standing.count,
            share=f"{share:.0f}",
            comparison="高" if low else "低",
            median=_amount(standing.median, unit),
        )
