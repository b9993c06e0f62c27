"""指标归类 (相关性): each indicator sits in the category its meaning belongs to.

The categories are not decoration: self-evaluation weighs 产出 50, 效益 30 and 满意度 10 points
(财预〔2020〕10号), so an output filed as a benefit or a satisfaction filed as a social effect moves points.
数量指标 count things (a rate is 质量 or 时效), 时效指标 measure time, 满意度 belongs to 满意度指标, and a
cost is an amount of money, not a rate or a word.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain import Level1, Level2, Project, ValueKind
from jixiao.review import lexicon
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import indicator_hit

_BASIS_2020 = "财预〔2020〕10号、财预〔2021〕101号：指标体系各级指标的含义"


@rule(
    id="RATE-IN-QUANTITY",
    title="比率类指标列入数量指标",
    message="“{name}”是比率（{value}），却列在数量指标下",
    suggestion="数量指标填写产出的数量（人、个、次等）；比率类指标移入质量指标或时效指标。",
    family=Family.CATEGORY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis=_BASIS_2020 + "：数量指标反映产出的数量",
    scope=Scope.PROJECT,
)
def rate_in_quantity(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        if ind.level2 is not Level2.QUANTITY:
            continue
        if lexicon.is_rate_name(ind.name) or lexicon.is_percent(ind.value):
            yield indicator_hit(ind)


@rule(
    id="SATISFACTION-OUTSIDE",
    title="满意度指标未列入满意度类别",
    message="“{name}”衡量满意度，却列在{level2}下",
    suggestion="将满意度类指标移入“满意度指标—服务对象满意度指标”。",
    family=Family.CATEGORY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis=_BASIS_2020 + "：满意度指标反映服务对象的认可程度",
    scope=Scope.PROJECT,
)
def satisfaction_outside(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        if ind.level2 is not Level2.SATISFACTION and lexicon.is_satisfaction_name(ind.name):
            yield indicator_hit(ind)


@rule(
    id="SATISFACTION-NOT-MEASURE",
    title="满意度类别下不是满意度指标",
    message="满意度指标下的“{name}”不是满意度",
    suggestion="满意度指标写明调查对象和满意度（如“服务对象满意度≥90%”）；其他内容移入相应类别。",
    family=Family.CATEGORY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis=_BASIS_2020 + "：满意度指标反映服务对象的认可程度",
    scope=Scope.PROJECT,
)
def satisfaction_not_measure(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        if not lexicon.is_meaningful_name(ind.name) or ind.value.kind is ValueKind.TEXT:
            continue  # a stray glyph or a header fragment read as a row: nothing to judge
        named = lexicon.is_satisfaction_name(ind.name) or lexicon.is_satisfaction_name(ind.description or "")
        if ind.level2 is Level2.SATISFACTION and not named:
            yield indicator_hit(ind)


@rule(
    id="TIMELINESS-OUTSIDE",
    title="时效类指标未列入时效指标",
    message="“{name}”衡量完成的及时程度，却列在{level2}下",
    suggestion="将及时率、完成时限类指标移入“产出指标—时效指标”。",
    family=Family.CATEGORY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.HINT,
    basis=_BASIS_2020 + "：时效指标反映产出的及时程度",
    scope=Scope.PROJECT,
)
def timeliness_outside(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        misplaced = ind.level2 in (Level2.QUANTITY, Level2.SATISFACTION) or lexicon.is_cost(ind)
        if misplaced and lexicon.is_timeliness_name(ind.name):
            yield indicator_hit(ind)


@rule(
    id="NOT-TIME-IN-TIMELINESS",
    title="时效指标的指标值不是时间",
    message="时效指标“{name}”的指标值{value}不是时间或及时程度",
    suggestion="时效指标填写完成时限（如“12月底前”）或及时率；等级、数量类指标移入质量或数量指标。",
    family=Family.CATEGORY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis=_BASIS_2020 + "：时效指标反映产出的及时程度",
    scope=Scope.PROJECT,
)
def not_time_in_timeliness(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    grades = ("优", "良", "合格", "等级", "达标")
    for ind in project.indicators:
        if ind.level2 is not Level2.TIMELINESS:
            continue
        v = ind.value
        unit = v.unit or ""
        counted = unit in lexicon.COUNTED_UNITS
        money = lexicon.money_factor(unit) is not None
        graded = any(g in v.raw for g in grades) and not any(ch.isdigit() for ch in v.raw.replace("%", ""))
        if (v.kind is ValueKind.NUMERIC and (counted or money)) or graded:
            yield indicator_hit(ind)


_OUTPUT_NOUNS = (
    "示范基地",
    "基地",
    "培训",
    "会议",
    "讲座",
    "活动",
    "演出",
    "采购",
    "建设",
    "维修",
    "发放",
    "举办",
    "开展",
    "配备",
    "购置",
    "印发",
    "检测",
    "检查",
    "保障人数",
    "服务人数",
    "场次",
)
_EFFECT_WORDS = (
    "带动",
    "增加",
    "增长",
    "提升",
    "提高",
    "减少",
    "降低",
    "受益",
    "就业",
    "增收",
    "收入",
    "改善",
    "促进",
    "节约",
    "效益",
    "影响",
    "辐射",
    "吸引",
    "新增",
    "拉动",
)


@rule(
    id="OUTPUT-IN-EFFECT",
    title="产出指标列入效益指标",
    message="“{name}”（{value}）是项目的直接产出，却列在{level2}下",
    suggestion="效益指标反映产出带来的效果（如带动、提升、减少）；直接产出的数量移入数量指标。",
    family=Family.CATEGORY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis=_BASIS_2020 + "：效益指标反映产出带来的经济、社会、生态和可持续影响",
    scope=Scope.PROJECT,
)
def output_in_effect(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        if ind.level1 is not Level1.EFFECT or ind.value.kind is not ValueKind.NUMERIC:
            continue
        name = lexicon.normalize_name(ind.name)
        unit = ind.value.unit or ""
        physical = unit in lexicon.COUNTED_UNITS
        if not physical:
            continue
        output_like = any(w in name for w in _OUTPUT_NOUNS) and not any(w in name for w in _EFFECT_WORDS)
        rate_counted_in_people = unit in lexicon.PEOPLE_UNITS and lexicon.is_rate_name(ind.name)
        if output_like or rate_counted_in_people:
            yield indicator_hit(ind)


@rule(
    id="COST-NOT-AMOUNT",
    title="成本指标不是金额",
    message="成本指标“{name}”的指标值{value}不是金额",
    suggestion="成本指标填写金额（万元或元，或单位成本如“元/人”），成本控制率等移入质量指标。",
    family=Family.CATEGORY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis="财预〔2021〕101号：成本指标反映预期提供的产出所需成本，以金额表示",
    scope=Scope.PROJECT,
)
def cost_not_amount(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.cost_indicators:
        v = ind.value
        if v.kind is ValueKind.TEXT and not v.raw.strip():
            continue  # blank: VALUE-MISSING
        unit = (v.unit or "").split("/")[0]
        # A bare number (小于等于23,739,200.00) is an amount that lacks its unit: VALUE-UNIT-MISSING's case.
        if (
            v.kind is ValueKind.QUALITATIVE
            or lexicon.is_percent(v)
            or (v.kind is ValueKind.NUMERIC and bool(unit) and lexicon.money_factor(unit) is None)
        ):
            yield indicator_hit(ind)
