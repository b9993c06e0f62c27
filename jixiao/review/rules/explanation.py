"""前后一致 within one row and across projects: an 指标解释 that counts something else than the value, and a
年度目标 copied word for word from another project of the same submission.

An explanation says how the row is measured; “宣传稿不少于2篇” beside a value of “不少于24场” describes another
output, so one of the two was copied from elsewhere and the target cannot be checked. A long goal printed
identically under two differently named projects describes at most one of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from jixiao.domain import Document, Indicator, Project, ValueKind
from jixiao.review import lexicon
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import indicator_hit
from jixiao.review.rules.goal import only_spending
from jixiao.review.rules.plan_text import stated_quantities


def counts_other(ind: Indicator) -> str | None:
    """The quantity the explanation states when it is none of the value's (another number in another unit),
    or ``None``."""
    v = ind.value
    if v.kind is not ValueKind.NUMERIC or v.number is None or not v.unit or not ind.description:
        return None
    stated = list(stated_quantities(ind.description, "指标解释"))
    # The same number is the same target (13个社区 and 13个, ≥1场 and 1次); the same unit may be a part of it
    # (其中A 10个、B 14个 for 24个).
    if not stated or any(s.number == v.number or v.unit.startswith(s.unit) for s in stated):
        return None
    return stated[0].clause


@rule(
    id="EXPLANATION-CONTRADICTS-VALUE",
    title="指标解释与指标值说的不是一回事",
    message="“{name}”的指标值{value}，指标解释却写“{clause}”",
    suggestion="指标解释说明本行指标的含义和口径，所述数量应与指标值一致；核对后统一。",
    family=Family.CONSISTENCY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号：绩效指标清晰、可衡量；指标解释说明本指标的含义和计算口径",
    scope=Scope.PROJECT,
)
def explanation_contradicts_value(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        if (clause := counts_other(ind)) and lexicon.is_quantity(ind):
            yield indicator_hit(ind, ("指标解释", ind.description or ""), clause=clause)


_COPIED_MIN = 30  # a goal this long is the project's own words, not a stock phrase


def _by_goal(document: Document) -> dict[str, list[Project]]:
    """The document's projects by their goal as a key, in document order (worked out once per review)."""
    projects: dict[str, list[Project]] = defaultdict(list)
    for p in document.projects:
        projects[lexicon.normalize_name(p.goal or "")].append(p)
    return projects


@rule(
    id="GOAL-COPIED-FROM-OTHER-PROJECT",
    title="年度目标照抄其他项目",
    message="年度目标与“{other}”的年度目标一字不差",
    suggestion="按本项目的支出内容写明本年度预期的产出和效果。",
    family=Family.CONSISTENCY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号相关性：绩效目标与本项目的支出内容相符",
    scope=Scope.PROJECT,
)
def goal_copied(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    """The later of two differently named projects with the same long goal (a goal that only spends money is
    GOAL-VAGUE's case, whoever else wrote it)."""
    goal = lexicon.normalize_name(project.goal or "")
    if len(goal) < _COPIED_MIN or only_spending(project.goal or ""):
        return
    for other in ctx.once("explanation.goals", _by_goal)[goal]:
        if other is project:
            return
        near = abs(len(other.goal or "") - len(project.goal or "")) <= len(project.goal or "") // 4
        if near and other.name != project.name:
            yield Hit(
                facts={"other": other.name},
                evidence=(("年度目标", project.goal or ""), ("相同的项目", other.name)),
                line=project.line,
                related_lines=tuple(n for n in (other.line,) if n is not None),
            )
            return
