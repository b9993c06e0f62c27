"""要素完整 beyond presence: a 年度目标 that only repeats the project's name, and a form's 指标解释 column
left blank on some rows.

财预〔2015〕88号 asks for the expected outputs and effects in the goal; a goal that says no more than the
project's name (做好农村公路养护工作 for 农村公路养护经费) states neither. Where a form has an 指标解释
column, it says how each indicator is measured; a row left blank there cannot be verified.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.domain import Project
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.lexicon import bigrams, is_meaningful_name
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import indicator_hit

# Words that add nothing to a name: the verbs of doing a task and the words for money and year.
_FILLER = re.compile(
    r"(?:19|20)\d{2}年?度?|本年度|年度|做好|完成|保障|开展|实施|确保|推进|落实|顺利|按时|全面|"
    r"项目|经费|资金|工作|任务|相关|有关|各项|的|[^\w]|_"
)


def _residue(text: str) -> str:
    return _FILLER.sub("", text)


def restates_name(goal: str, name: str) -> bool:
    """The goal, once the words of doing a task are taken out, says nothing the name does not: no number,
    no word pair outside the name."""
    rest = _residue(goal)
    if re.search(r"\d", rest):
        return False
    if not rest:
        return True
    return bigrams(rest) <= bigrams(_residue(name)) if len(rest) > 1 else rest in name


@rule(
    id="GOAL-RESTATES-NAME",
    title="年度目标复述项目名称",
    message="年度目标“{goal}”只复述了项目名称“{name}”，没有说明预期产出和效果",
    suggestion="写明本年度资金预期达到的产出（做什么、做多少、何时完成）和效果（带来什么改变），尽量量化。",
    family=Family.COMPLETENESS,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号：绩效目标包括预期产出和效果的总体描述",
    scope=Scope.PROJECT,
)
def goal_restates_name(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    goal = (project.goal or "").strip()
    if goal and project.name.strip() and restates_name(goal, project.name):
        yield Hit(
            facts={"goal": goal, "name": project.name},
            evidence=(("项目名称", project.name), ("年度目标", goal)),
            line=project.line,
        )


@rule(
    id="EXPLANATION-MISSING",
    title="指标缺少指标解释",
    message="指标“{name}”没有指标解释",
    suggestion="写明指标的含义、口径和计算方法，使指标值可以核验。",
    family=Family.COMPLETENESS,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.HINT,
    basis="项目支出绩效目标表：指标解释（绩效指标描述）说明指标的含义和计算口径（表中设有该栏的应填写）",
    scope=Scope.PROJECT,
)
def explanation_missing(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    """Only in a project whose form has the column: a reader keeps no empty column, so the form has it when
    some row is explained; a row of it left blank is then a gap, not a form without the field."""
    if not any((i.description or "").strip() for i in project.indicators):
        return
    for ind in project.indicators:
        if is_meaningful_name(ind.name) and not (ind.description or "").strip():
            yield indicator_hit(ind)
