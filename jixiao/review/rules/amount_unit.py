"""资金匹配: an amount labelled 万元 that evidently holds 元.

A project form prints its budget under a 万元 label; a unit that types the contract's figure in 元 (8000000
for 800万元) makes every comparison with the budget meaningless. The form itself shows it: the cost
indicators and the 测算依据, 资金用途 or 年度目标 state the money in 万元 (or in 元), and the printed budget is
three to four orders of magnitude above all of it. Nothing nearer confirms the 万元 reading.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from jixiao.domain import Project
from jixiao.domain.values import format_number
from jixiao.review import lexicon
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import shown, wan

# An amount in a text: 亿元, 万元, 元, or a bare 万 closing a figure (``以每年19.38万安排``) but not a count
# in tens of thousands (``3万人``).
TEXT_AMOUNT = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元|万(?![人户次个亩平公吨册份件台辆座套张株棵米千百余多]))"
)
_TO_WAN = {"亿元": 10000.0, "万元": 1.0, "万": 1.0, "元": 0.0001}
_TEXTS = (("测算依据", "calculation_basis"), ("资金用途", "purpose"), ("年度目标", "goal"))


def text_amounts(text: str | None) -> list[tuple[float, str]]:
    """Each amount of money a text states, in 万元, with the words that state it; a price per unit (350元/人,
    每月2500元) is no amount of money spent and is left out, a yearly amount (5万元/年, 以每年5万安排) is kept."""
    words = re.sub(r"\s+", "", text or "")
    return [
        (float(m.group(1).replace(",", "")) * _TO_WAN[m.group(2)], m.group(0))
        for m in TEXT_AMOUNT.finditer(words)
        if (not words.startswith("/", m.end()) or words.startswith("/年", m.end()))
        and not re.search(r"每(?!年)", words[max(0, m.start() - 4) : m.start()])
    ]


@dataclass(frozen=True)
class Stated:
    """An amount the project states outside its amount cells, in 万元, and where."""

    amount: float
    where: str
    words: str
    line: int | None = None


def stated_amounts(project: Project) -> list[Stated]:
    """The total amounts of money the cost indicators and the project's texts state (unit standards left
    out: 每人2000元 is no total)."""
    out: list[Stated] = []
    for ind in project.cost_indicators:
        if lexicon.is_standard_name(ind.name):
            continue
        where = f"成本指标“{ind.name}”"
        amount = lexicon.money_in_wan(ind.value)
        if amount:
            out.append(Stated(amount, where, shown(ind.value), ind.line))
            continue
        # A value the grammar could not read (总成本不超过17.28万元一年) or its 指标解释 may still state money.
        for text in (ind.value.raw, ind.description):
            out += [Stated(a, where, words, ind.line) for a, words in text_amounts(text) if a > 0]
    for label, attr in _TEXTS:
        for amount, words in text_amounts(getattr(project, attr)):
            if amount > 0:
                out.append(Stated(amount, label, words))
    return out


def yuan_as_wan(project: Project) -> list[Stated] | None:
    """The stated amounts that show the 万元 budget holds 元, or ``None`` when nothing shows it.

    The budget must be 10³–10⁴ times (5% leeway) the largest amount stated, and no stated amount may be
    close to the budget as printed: a single amount that agrees with it confirms the 万元 reading.
    """
    total = project.funds.total
    stated = stated_amounts(project)
    if not total or total <= 0 or not stated:
        return None
    if any(abs(s.amount - total) <= 0.05 * total for s in stated):
        return None
    largest = max(s.amount for s in stated)
    if not largest * 1000 <= total <= largest * 10000 * 1.05:
        return None
    # The amount nearest to a budget in 元 first: it is the clearest evidence.
    return sorted(stated, key=lambda s: abs(math.log10(total / s.amount) - 4))


@rule(
    id="AMOUNT-IN-YUAN",
    title="标为万元的金额填的是元",
    message="预算金额{budget}标为万元，却是{where}所述{stated}的约{ratio}倍，金额栏填的应是元",
    suggestion="把金额栏换算为万元（{fixed}），并核对中期规划等其他金额栏的单位。",
    family=Family.MONEY,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.ERROR,
    basis="预算编制：项目支出绩效目标表的金额以万元为单位；金额单位错误使目标与预算资金无法对照（财预〔2015〕88号适当性）",
    scope=Scope.PROJECT,
)
def amount_in_yuan(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    evidence = yuan_as_wan(project)
    if evidence is None or project.funds.total is None:
        return
    total = project.funds.total
    first = evidence[0]
    rows = [("预算金额（标为万元）", format_number(total))]
    rows += [(s.where, s.words) for s in evidence[:3]]
    if project.funds.midterm:
        rows.append(("中期规划金额（标为万元）", format_number(project.funds.midterm)))
    yield Hit(
        facts={
            "budget": format_number(total),
            "where": first.where,
            "stated": wan(first.amount),
            "ratio": f"{total / first.amount:,.0f}",
            "fixed": wan(total / 10000),
        },
        evidence=tuple(rows),
        line=project.line,
        related_lines=tuple(s.line for s in evidence if s.line is not None),
    )
