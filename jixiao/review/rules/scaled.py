"""资金匹配 across projects: the same outputs for very different money.

财预〔2015〕88号 asks that targets match the funds (与预算资金量相匹配). Two projects of one submission that
promise the very same outputs — every indicator outside cost with the same name and value — while one
spends a fifth or less of the other's money cannot both be right: the smaller project's targets were copied,
not set for its own funds.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain import Document, Project
from jixiao.review import lexicon
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import wan
from jixiao.review.rules.amount_unit import stated_amounts

_MIN_OUTPUTS = 3

Outputs = frozenset[tuple[str, str]]


def outputs(project: Project) -> Outputs:
    """The project's targets outside cost, as (name, value) pairs."""
    return frozenset(
        (lexicon.normalize_name(i.name), lexicon.normalize_name(i.value.raw))
        for i in project.indicators
        if not lexicon.is_cost(i) and lexicon.is_meaningful_name(i.name)
    )


def money(project: Project) -> float | None:
    """What the project says it spends: the largest amount its cost indicators and texts state (in 万元)."""
    return max((s.amount for s in stated_amounts(project)), default=None)


def _alike(document: Document) -> tuple[dict[int, Outputs], dict[Outputs, list[Project]]]:
    """Each project's outputs (by ``id``) and the projects grouped by them: worked out once per review."""
    of = {id(p): outputs(p) for p in document.projects}
    groups: dict[Outputs, list[Project]] = {}
    for p in document.projects:
        groups.setdefault(of[id(p)], []).append(p)
    return of, groups


@rule(
    id="TARGETS-NOT-SCALED-TO-FUNDS",
    title="产出目标与资金规模不匹配",
    message="与“{other}”（{other_money}）的产出指标完全相同，本项目只有{money}",
    suggestion="按本项目的资金规模和支出内容设置产出指标；资金相差数倍的项目，产出不应相同。",
    family=Family.MONEY,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号适当性：绩效目标与预算资金量相匹配",
    scope=Scope.PROJECT,
    params={"ratio": 5},
)
def targets_not_scaled(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    of, alike = ctx.once("scaled.alike", _alike)
    mine = of[id(project)]
    if len(mine) < _MIN_OUTPUTS or not (spent := money(project)):
        return
    for other in alike[mine]:
        if other is project:
            continue
        theirs = money(other)
        if theirs and theirs >= ctx.number("ratio") * spent:
            yield Hit(
                facts={"other": other.name, "other_money": wan(theirs), "money": wan(spent)},
                evidence=(
                    ("相同的产出指标", str(len(mine))),
                    (other.name, wan(theirs)),
                    (project.name, wan(spent)),
                ),
                line=project.line,
                related_lines=tuple(n for n in (other.line,) if n is not None),
            )
            return
