"""资金匹配 (适当性): targets match the money.

A finance bureau approves targets with the budget, so the figures in a table must agree with each other:
the funding sources add up to the total, the cost indicators account for the budget (neither exceeding it
nor covering only a fraction), a unit standard times its quantity fits in the budget, the cumulative
spending plan never falls and ends at the budget, and a document's stated totals equal its tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.domain import Document, Project
from jixiao.domain.values import format_number
from jixiao.review import lexicon
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import shown, wan
from jixiao.review.rules._costs import EPS, accounted, cost_amounts, unit_cost_products
from jixiao.review.rules.amount_unit import yuan_as_wan


@rule(
    id="FUNDS-SUM",
    title="资金来源合计不等于总额",
    message="资金总额{total}不等于财政资金与其他资金之和{parts}",
    suggestion="核对资金总额与资金来源，使总额 = 财政资金 + 其他资金。",
    family=Family.MONEY,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.ERROR,
    basis="预算编制：项目资金总额等于各资金来源之和",
    scope=Scope.PROJECT,
)
def funds_sum(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    f = project.funds
    parts = [x for x in (f.fiscal, f.other) if x is not None]
    if f.total is None or not parts:
        return
    if abs(f.total - sum(parts)) > EPS:
        yield Hit(
            facts={"total": wan(f.total), "parts": wan(sum(parts))},
            evidence=(
                ("资金总额", wan(f.total)),
                ("财政资金", wan(f.fiscal) if f.fiscal is not None else "（空）"),
                ("其他资金", wan(f.other) if f.other is not None else "（空）"),
            ),
            line=project.line,
        )


@rule(
    id="COST-EXCEEDS-BUDGET",
    title="成本指标超出预算",
    message="成本指标合计{cost}超过项目预算{budget}",
    suggestion="按本年度预算核定成本指标；跨年度或总投资应换算为本年度金额。",
    family=Family.MONEY,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.ERROR,
    basis="财预〔2021〕101号：成本指标反映预算资金的使用成本，不应超过预算",
    scope=Scope.PROJECT,
    params={"tolerance": 0.01},
)
def cost_exceeds_budget(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    budget = project.funds.total
    amounts, _ = cost_amounts(project)
    if budget is None or budget <= 0 or not amounts:
        return
    cost = accounted(amounts)
    if cost > budget * (1 + ctx.number("tolerance")) + EPS:
        lines = tuple(i.line for i, _ in amounts if i.line is not None)
        yield Hit(
            facts={"cost": wan(cost), "budget": wan(budget)},
            evidence=(
                *((f"成本指标“{i.name}”", shown(i.value)) for i, _ in amounts),
                ("成本合计（折合万元）", wan(cost)),
                ("项目预算", wan(budget)),
            ),
            indicator=amounts[0][0],
            line=lines[0] if lines else project.line,
            related_lines=lines[1:],
        )


@rule(
    id="UNIT-COST-EXCEEDS-BUDGET",
    title="单位成本×数量超出预算",
    message="单位成本标准乘以数量得{product}，超过项目预算{budget}",
    suggestion="核对补助标准、数量和预算三者：标准×数量应不超过预算，否则调整数量或标准。",
    family=Family.MONEY,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号适当性：绩效目标与预算资金量相匹配",
    scope=Scope.PROJECT,
    params={"tolerance": 0.1},
)
def unit_cost_exceeds_budget(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    budget = project.funds.total
    if budget is None or budget <= 0:
        return
    products = unit_cost_products(project)
    total = sum(p for _, _, p in products)
    if products and total > budget * (1 + ctx.number("tolerance")):
        evidence: list[tuple[str, str]] = []
        for cost, qty, product in products:
            evidence.append(
                (f"“{cost.name}”×“{qty.name}”", f"{shown(cost.value)} × {shown(qty.value)} = {wan(product)}")
            )
        evidence += [("合计", wan(total)), ("项目预算", wan(budget))]
        lines = [c.line for c, _, _ in products if c.line is not None] + [
            q.line for _, q, _ in products if q.line is not None
        ]
        yield Hit(
            facts={"product": wan(total), "budget": wan(budget)},
            evidence=tuple(evidence),
            indicator=products[0][0],
            line=lines[0] if lines else project.line,
            related_lines=tuple(lines[1:]),
        )


@rule(
    id="COST-FAR-BELOW-BUDGET",
    title="成本指标远低于预算",
    message="成本指标只说明了{cost}，不到项目预算{budget}的{share}",
    suggestion="成本指标应覆盖本年度预算的主要支出内容，补充或修正成本指标。",
    family=Family.MONEY,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号适当性：绩效目标与预算资金量相匹配",
    scope=Scope.PROJECT,
    params={"ratio": 0.5},
)
def cost_far_below_budget(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    budget = project.funds.total
    amounts, others = cost_amounts(project)
    if budget is None or budget <= 0 or not project.cost_indicators or yuan_as_wan(project):
        return  # a budget in 元 under a 万元 label is AMOUNT-IN-YUAN's finding, not the cost indicators' fault
    products = unit_cost_products(project, prefer_small=False)
    paired = {id(c) for c, _, _ in products}
    if any(id(o) not in paired for o in others):
        return  # a cost that is neither an amount nor a pairable standard: cannot tell what it covers
    cost = accounted(amounts) + sum(p for _, _, p in products)
    ratio = ctx.number("ratio")
    if cost < budget * ratio:
        inds = [i for i, _ in amounts] + [c for c, _, _ in products]
        lines = tuple(i.line for i in inds if i.line is not None)
        yield Hit(
            facts={"cost": wan(cost), "budget": wan(budget), "share": f"{ratio:.0%}"},
            evidence=(
                *((f"成本指标“{i.name}”", shown(i.value)) for i in inds),
                ("成本合计（折合万元）", wan(cost)),
                ("项目预算", wan(budget)),
            ),
            indicator=inds[0],
            line=lines[0] if lines else project.line,
            related_lines=lines[1:],
        )


_GOAL_AMOUNT = re.compile(
    r"(?:预计|计划|拟)?(?:使用|安排|需要|投入)(?:资金|经费)[^0-9。；;，,]{0,4}?(\d+(?:\.\d+)?)\s*(亿元|万元|元)"
)
_ANY_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|万元|元)")


@rule(
    id="GOAL-FUNDS-MISMATCH",
    title="总体目标所述资金与预算不符",
    message="年度总体目标称{stated}，项目预算为{budget}",
    suggestion="总体目标中的资金规模应与本年度预算一致；其他来源或跨年度资金应写明口径。",
    family=Family.MONEY,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号适当性：绩效目标与预算资金量相匹配",
    scope=Scope.PROJECT,
    params={"tolerance": 0.05},
)
def goal_funds_mismatch(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    budget = project.funds.total
    text = re.sub(r"\s+", "", project.goal or "")
    m = _GOAL_AMOUNT.search(text)
    if budget is None or budget <= 0 or not m or yuan_as_wan(project):
        return  # the goal is right and the budget is in 元: AMOUNT-IN-YUAN says so
    stated = float(m.group(1)) * lexicon.MONEY_UNITS[m.group(2)]
    tolerance = ctx.number("tolerance")
    # Any amount in the goal that equals the budget means the goal explains the split (区级负担728万元).
    if any(
        abs(float(a) * lexicon.MONEY_UNITS[u] - budget) <= budget * tolerance
        for a, u in _ANY_AMOUNT.findall(text)
    ):
        return
    if abs(stated - budget) > budget * tolerance:
        yield Hit(
            facts={"stated": f"{m.group(1)}{m.group(2)}", "budget": wan(budget)},
            evidence=(("总体目标原文", m.group(0)), ("项目预算", wan(budget))),
            line=project.line,
        )


@rule(
    id="SPENDING-PLAN-DECREASING",
    title="资金支出计划累计数下降",
    message="累计支出计划从{before}（{p1}）降到{after}（{p2}）",
    suggestion="资金支出计划填写截至各时点的累计数，后一时点不应小于前一时点。",
    family=Family.MONEY,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.ERROR,
    basis="预算执行：资金支出计划为累计数，逐期不减",
    scope=Scope.PROJECT,
)
def spending_plan_decreasing(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    points = [p for p in project.spending_plan if p.amount is not None]
    for a, b in zip(points, points[1:], strict=False):
        assert a.amount is not None and b.amount is not None
        if b.amount < a.amount - EPS:
            yield Hit(
                facts={"before": wan(a.amount), "p1": a.period, "after": wan(b.amount), "p2": b.period},
                evidence=tuple(
                    (p.period, wan(p.amount) if p.amount is not None else "（空）")
                    for p in project.spending_plan
                ),
                line=project.line,
            )
            return


@rule(
    id="SPENDING-PLAN-END",
    title="资金支出计划年末数不等于预算",
    message="资金支出计划年末累计{end}，项目预算{budget}",
    suggestion="12月底累计支出计划应等于年度预算；不能全年支出的，说明原因并调整预算。",
    family=Family.MONEY,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.WARNING,
    basis="预算执行：年度预算原则上当年支出完毕，支出计划年末累计数等于预算",
    scope=Scope.PROJECT,
)
def spending_plan_end(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    budget = project.funds.total
    plan = project.spending_plan
    if budget is None or not plan or all(p.amount is None for p in plan):
        return
    year_end = [p for p in plan if p.period.startswith("12")]
    end = year_end[-1].amount if year_end else None
    if end is None or abs(end - budget) > EPS:
        yield Hit(
            facts={"end": wan(end) if end is not None else "未填写", "budget": wan(budget)},
            evidence=(
                *((p.period, wan(p.amount) if p.amount is not None else "（空）") for p in plan),
                ("项目预算", wan(budget)),
            ),
            line=project.line,
        )


_STATED_AMOUNT = re.compile(
    r"(?:资金|金额|预算|总额|合计|共计|总计)[^0-9。；;，,]{0,6}?(\d+(?:\.\d+)?)\s*(亿元|万元|元)"
)
_STATED_PROJECTS = re.compile(r"(\d+)\s*个(?:[^。；;0-9]{0,12}?)项目")
_STATED_DEPARTMENTS = re.compile(r"(\d+)\s*个(?:部门|单位)")


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


@rule(
    id="DOC-TOTAL-MISMATCH",
    title="编报说明所述合计与表内不符",
    message="编报说明称{stated}，各表合计为{computed}",
    suggestion="按各项目表重新核对并更正编报说明中的合计数。",
    family=Family.MONEY,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.WARNING,
    basis="预算公开：说明中的资金总额、项目数应与所附表格一致",
    scope=Scope.DOCUMENT,
)
def doc_total_mismatch(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    text = re.sub(r"\s+", "", doc.preface or "")
    if text and doc.projects:
        yield from _stated_amount(text, doc)
        for regex, count, what in (
            (_STATED_PROJECTS, len(doc.projects), "个项目"),
            (_STATED_DEPARTMENTS, len(doc.departments), "个部门"),
        ):
            m = regex.search(text)
            if m and count and int(m.group(1)) != count:
                yield Hit(
                    facts={"stated": f"{m.group(1)}{what}", "computed": f"{count}{what}"},
                    evidence=(("说明原文", m.group(0)), ("表格数", str(count))),
                )
    if doc.summary and doc.projects:
        listed = sum(r.budget or 0.0 for r in doc.summary)
        if abs(listed - doc.total_funds) > 0.01:
            yield Hit(
                facts={"stated": f"汇总表合计{wan(listed)}", "computed": wan(doc.total_funds)},
                evidence=(("汇总表合计", wan(listed)), ("项目表合计", wan(doc.total_funds))),
            )


def _stated_amount(text: str, doc: Document) -> Iterator[Hit]:
    m = _STATED_AMOUNT.search(text)
    if not m:
        return
    number, unit = m.group(1), m.group(2)
    factor = lexicon.MONEY_UNITS[unit]
    computed = doc.total_funds
    # Half a unit of the last printed digit: 4.48亿元 covers 4.475–4.485亿元.
    tolerance = 0.5 * 10 ** -_decimals(number) * factor + EPS
    if abs(float(number) * factor - computed) > tolerance:
        in_unit = computed / factor
        yield Hit(
            facts={
                "stated": f"{number}{unit}",
                "computed": f"{format_number(round(in_unit, 4))}{unit}（{wan(computed)}）",
            },
            evidence=(
                ("说明原文", m.group(0)),
                ("说明所述", f"{number}{unit}"),
                (f"{len(doc.projects)}个项目表合计", wan(computed)),
            ),
        )
