"""What a project's cost indicators (成本指标) account for, in 万元: the amounts they state, and each unit
standard times the quantity it is paid for. The money rules compare these with the budget.
"""

from __future__ import annotations

from jixiao.domain import Indicator, Project, ValueKind
from jixiao.domain.values import Op
from jixiao.review import lexicon

EPS = 0.005  # 万元: half a cent of a 万元 printed to two decimals


def cost_amounts(project: Project) -> tuple[list[tuple[Indicator, float]], list[Indicator]]:
    """Cost indicators that state an amount of money (not a unit standard), and the ones that do not."""
    amounts: list[tuple[Indicator, float]] = []
    others: list[Indicator] = []
    for ind in project.cost_indicators:
        amount = lexicon.money_in_wan(ind.value)
        if amount is not None and not lexicon.is_standard_name(ind.name):
            amounts.append((ind, amount))
        else:
            others.append(ind)
    return amounts, others


def accounted(amounts: list[tuple[Indicator, float]]) -> float:
    """What the cost amounts add up to: their sum, unless the largest is the total of the others."""
    values = [a for _, a in amounts]
    if not values:
        return 0.0
    biggest = max(values)
    rest = sum(values) - biggest
    if len(values) > 1 and abs(biggest - rest) <= max(EPS, 0.01 * biggest):
        return biggest
    return sum(values)


def pair_quantity(
    project: Project, cost: Indicator, per: str | None, prefer_small: bool = True
) -> tuple[Indicator, float] | None:
    """The quantity a unit cost is paid for: the non-cost indicator counted in the same unit.

    With several candidates, the one whose name shares most with the cost's name. When none shares a word
    and the unit is named (元/亩 with two areas in 万亩), the smallest quantity is taken for an "exceeds"
    check and the largest for a "falls short" check, so the finding holds whichever pairing was meant. A
    unit that names no thing (``补贴标准 2000元``) pairs only with a quantity that shares words with it.
    """
    generic = {
        "标准",
        "补助",
        "补贴",
        "资金",
        "经费",
        "成本",
        "费用",
        "金额",
        "单价",
        "每人",
        "人均",
        "财政",
        "投入",
    }
    cost_words = lexicon.bigrams(cost.name) - generic
    known = lexicon.COUNTED_UNITS
    candidates: list[tuple[int, Indicator, float]] = []
    for ind in project.indicators:
        if ind is cost or lexicon.is_cost(ind) or ind.value.op in (Op.LE, Op.LT):
            continue
        if per is None:
            unit = ind.value.unit or ""
            qty = ind.value.number if ind.value.kind is ValueKind.NUMERIC and unit in known else None
        else:
            qty = lexicon.quantity_in(ind.value, per)
        if qty is not None:
            candidates.append((len(cost_words & lexicon.bigrams(ind.name)), ind, qty))
    if not candidates:
        return None
    best = max(c[0] for c in candidates)
    if best > 0:
        top = [c for c in candidates if c[0] == best]
    elif per is not None:
        top = candidates
    else:
        return None
    _, ind, qty = (min if prefer_small else max)(top, key=lambda c: c[2])
    return ind, qty


def unit_cost_products(
    project: Project, prefer_small: bool = True
) -> list[tuple[Indicator, Indicator, float]]:
    """(standard, quantity, standard × quantity in 万元 a year) for every unit cost that pairs."""
    products: list[tuple[Indicator, Indicator, float]] = []
    for cost in project.cost_indicators:
        uc = lexicon.unit_cost(cost)
        if uc is not None:
            paired = pair_quantity(project, cost, uc.per, prefer_small)
            if paired:
                products.append((cost, paired[0], uc.wan_per_unit * paired[1] * uc.yearly_factor))
            continue
        amount = lexicon.money_in_wan(cost.value)
        if amount is not None and lexicon.is_standard_name(cost.name):
            paired = pair_quantity(project, cost, None, prefer_small)
            if paired:
                products.append((cost, paired[0], amount * paired[1]))
    return products
