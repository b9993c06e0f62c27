"""前后一致 between what a project says it will do and what its targets count.

A project's 资金用途 and 年度目标 state the year's outputs in words ("新创建“菜篮子”基地20个"), and cost
indicators often name the quantity they price ("惠民演出200场需演出成本"). A 数量 indicator for the same
output with another figure (≥3个, ≥171场) contradicts the plan it was written from: one of the two is
wrong, and the reviewer asks which.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from jixiao.domain import Indicator, Project, ValueKind
from jixiao.domain.values import format_number
from jixiao.review import lexicon
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import indicator_hit

# Units that count outputs; longer spellings first so 200人次 is not read as 200人.
COUNT_UNITS = (
    "人次", "场次", "万亩", "公里", "个", "家", "场", "次", "人", "所", "座", "台", "套", "处", "项",
    "名", "户", "辆", "栋", "期", "批", "件", "篇", "部", "张", "亩", "份", "本", "册", "条", "门",
)  # fmt: skip
_QUANTITY = re.compile(rf"(\d+(?:\.\d+)?)\s*({'|'.join(COUNT_UNITS)})")
_CLAUSE_END = re.compile(r"[。；;，,、：:（）()\s\d]")
# Words every count indicator carries; they say nothing about which output is counted.
_GENERIC = re.compile(r"数量|个数|数目|次数|人数|场次数|完成|情况")


@dataclass(frozen=True, slots=True)
class Stated:
    """A quantity stated in words, with the clause around it."""

    number: float
    unit: str
    clause: str
    where: str
    line: int | None


def stated_quantities(text: str, where: str, line: int | None = None) -> Iterator[Stated]:
    for m in _QUANTITY.finditer(text):
        before = _CLAUSE_END.split(text[: m.start()])[-1]
        after = _CLAUSE_END.split(text[m.end() :])[0]
        yield Stated(float(m.group(1)), m.group(2), f"{before}{m.group(0)}{after}", where, line)


def _plan(project: Project) -> list[Stated]:
    plan = [*stated_quantities(project.purpose or "", "资金用途"), *stated_quantities(project.goal or "", "年度目标")]
    for ind in project.indicators:
        if lexicon.is_cost(ind):
            plan += stated_quantities(ind.name, "成本指标", ind.line)
    return plan


def _best_matches(ind: Indicator, plan: list[Stated], min_shared: int, min_share: float) -> list[Stated]:
    """The stated quantities whose clauses name this indicator's output most closely (ties kept).

    Shared character pairs are weighted by how few clauses carry them, so 市级 in "市级重点龙头企业30个"
    outweighs 农业产业化, which every clause of the plan repeats.
    """
    core = lexicon.bigrams(_GENERIC.sub("", lexicon.normalize_name(ind.name)))
    clauses = [lexicon.bigrams(s.clause) for s in plan]
    spread = Counter(b for grams in clauses for b in grams)
    scored: list[tuple[float, Stated]] = []
    for stated, grams in zip(plan, clauses, strict=True):
        shared = core & grams
        if stated.unit == ind.value.unit and len(shared) >= max(min_shared, min_share * len(core)):
            scored.append((sum(1 / spread[b] for b in shared), stated))
    if not scored:
        return []
    top = max(score for score, _ in scored)
    return [stated for score, stated in scored if score > top - 1e-9]


@rule(
    id="PLAN-TEXT-COUNT-MISMATCH",
    title="数量指标与资金用途、年度目标所述数量不一致",
    message="“{name}”的指标值{value}与{where}所述“{clause}”不一致",
    suggestion="数量指标应与资金用途、年度目标和成本测算中的数量一致；核对后统一，口径不同的在指标名称中说明。",
    family=Family.CONSISTENCY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号相关性：绩效指标与部门职能、项目内容及资金用途相符，目标前后一致",
    scope=Scope.PROJECT,
    params={"min_shared_bigrams": 3, "min_name_share": 0.6},
)
def plan_text_count_mismatch(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    plan = _plan(project)
    if not plan:
        return
    min_shared, min_share = int(ctx.number("min_shared_bigrams")), ctx.number("min_name_share")
    for ind in project.indicators:
        if not lexicon.is_quantity(ind) or ind.value.kind is not ValueKind.NUMERIC or ind.value.number is None:
            continue
        matches = _best_matches(ind, plan, min_shared, min_share)
        if not matches or any(m.number == ind.value.number for m in matches):
            continue  # no clause names this output, or one that does agrees with the target
        stated = matches[0]
        hit = indicator_hit(
            ind,
            (stated.where, stated.clause),
            ("所述数量", f"{format_number(stated.number)}{stated.unit}"),
            where=stated.where,
            clause=stated.clause,
        )
        related = tuple(n for n in (stated.line,) if n is not None and n != ind.line)
        yield dataclasses.replace(hit, related_lines=related)
