"""要素完整 of the 年度目标: a goal that speaks only of spending the money states no output or effect.

财预〔2015〕88号 defines a performance goal as the outputs and effects the money is expected to bring. “该项目
经费按财务制度，经相关部门审核后，按时支出相关费用。11月底达到98%” promises to spend the budget on time —
a matter of budget execution, which every project owes — and nothing about what the spending produces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.domain import Project
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule

_CLAUSE = re.compile(r"[，,。；;\n]+")
# A clause about the money's handling: spending, paying, budgets, the finance rules and their approval.
_SPENDING = re.compile(r"经费|费用|支出|资金|预算|支付|拨付|付款|财务制度|审核")
# What is left of a schedule clause (11月底达到98%, 11月支出达到95%) once its time and share are taken out.
_SCHEDULE_WORDS = re.compile(r"[\d.%％]|年|月|日|底|末|份|前|达到|完成|执行|进度|率|累计|以上|支出")


def _is_schedule(clause: str) -> bool:
    return bool(re.search(r"\d", clause)) and not _SCHEDULE_WORDS.sub("", clause)


_SHORT = 20  # a clause about the money alone is short; 用该资金做好城市体检、设计…等工作 lists the work


def _is_spending(clause: str) -> bool:
    return bool(_SPENDING.search(clause)) and "、" not in clause and len(clause) <= _SHORT


def only_spending(goal: str) -> bool:
    """Every clause of the goal is about spending the money or when it is spent, and one is about spending."""
    clauses = [c for c in (c.strip() for c in _CLAUSE.split(goal)) if c]
    return any(map(_is_spending, clauses)) and all(_is_spending(c) or _is_schedule(c) for c in clauses)


@rule(
    id="GOAL-VAGUE",
    title="年度目标只写资金支出",
    message="年度目标“{goal}”只说按时支出资金，没有说明预期产出和效果",
    suggestion="写明本年度资金预期达到的产出（做什么、做多少、何时完成）和效果（带来什么改变）；支出进度不是绩效目标。",
    family=Family.COMPLETENESS,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号：绩效目标是预算资金在一定期限内预期达到的产出和效果",
    scope=Scope.PROJECT,
)
def goal_vague(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    goal = (project.goal or "").strip()
    if goal and only_spending(goal):
        yield Hit(facts={"goal": goal}, evidence=(("年度目标", goal),), line=project.line)


@rule(
    id="GOAL-NOT-QUANTIFIED",
    title="年度目标过于简单、没有量化",
    message="年度目标“{goal}”只有{length}个字，没有任何数量",
    suggestion="写明本年度预期完成的主要产出（数量、质量、时限）和效果，尽量量化。",
    family=Family.COMPLETENESS,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.HINT,
    basis=(
        "财预〔2015〕88号：绩效目标应细化、量化；没有规定年度目标的字数或必须含数量，故默认配置不启用，"
        "从严配置（strict）启用"
    ),
    scope=Scope.PROJECT,
    params={"max_length": 25},
)
def goal_not_quantified(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    goal = re.sub(r"\s+", "", project.goal or "")
    if goal and len(goal) <= ctx.number("max_length") and not re.search(r"\d", goal):
        yield Hit(
            facts={"goal": goal, "length": len(goal)}, evidence=(("年度目标", goal),), line=project.line
        )
