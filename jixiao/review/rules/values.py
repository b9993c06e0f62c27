"""指标值合理 (适当性, 可行性): each target says something checkable and sensible.

A target value must point the right way (an upper bound on a completion rate or a beneficiary count sets no
target at all; a lower bound on a cost invites overspending), use a unit its name asks for, stay within what
its measure allows (no rate above 100%), and be measurable: 财预〔2015〕88号 wants "定量为主、定性为辅",
so vague words and deferred targets are flagged, and so is a project whose indicators are mostly qualitative.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.domain import Indicator, Level2, Project, TargetValue, ValueKind
from jixiao.domain.values import Op
from jixiao.review import lexicon
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules import vagueness
from jixiao.review.rules._common import indicator_hit

_BASIS_88 = "财预〔2015〕88号：绩效指标应细化、量化，指标值明确、可衡量"


def _is_satisfaction(ind: Indicator) -> bool:
    return ind.level2 is Level2.SATISFACTION or lexicon.is_satisfaction_name(ind.name)


# The checks below read only a name and a value, so a project's indicator and a department's row are judged
# by the same words; the project rules add what only a category tells (数量指标, 成本指标).


def positive_rate(name: str, v: TargetValue, satisfaction: bool) -> bool:
    """A share where more is better (完成率, 覆盖率, 满意度), measured in percent."""
    if not lexicon.is_percent(v):
        return False
    named = lexicon.is_rate_name(name) or satisfaction
    return named and not lexicon.is_adverse_name(name) and not lexicon.is_growth_name(name)


def counted_upper_bound(name: str, v: TargetValue) -> bool:
    """Only an upper bound on something counted (人, 个, 亩) that is not a harm to keep down."""
    unit = v.unit or ""
    counted = unit in lexicon.COUNTED_UNITS
    return counted and lexicon.is_upper_bound(v) and not lexicon.is_adverse_name(name)


def unit_mismatch(name: str, v: TargetValue) -> str | None:
    """Why the unit does not fit the name (a rate counted in 人, a count in %), or ``None``."""
    if v.kind is not ValueKind.NUMERIC or not v.unit:
        return None
    unit = v.unit
    counted = unit in lexicon.COUNTED_UNITS
    money = lexicon.money_factor(unit.split("/")[0]) is not None
    if lexicon.is_rate_name(name) and (counted or money):
        return f"名称是比率，单位却是“{unit}”"
    if lexicon.is_count_name(name) and lexicon.is_percent(v) and not lexicon.is_growth_name(name):
        return "名称是数量，单位却是“%”"
    if lexicon.is_duration_name(name) and (lexicon.is_percent(v) or counted or money):
        return f"名称是时间长度，应以年、月、天计，单位却是“{unit}”"
    return None


def exceeds_100(name: str, v: TargetValue, satisfaction: bool) -> bool:
    """A rate or satisfaction (not a growth) above 100%."""
    if not lexicon.is_percent(v) or v.number is None or v.number <= 100:
        return False
    return (lexicon.is_rate_name(name) or satisfaction) and not lexicon.is_growth_name(name)


def satisfaction_below(v: TargetValue, threshold: float) -> bool:
    return lexicon.is_percent(v) and v.number is not None and v.number < threshold


_CLEAR_ZERO = frozenset({"不发生", "无", "零", "杜绝", "未发生", "0"})


def words_for_number(name: str, v: TargetValue) -> bool:
    """A rate or count named, words given (返贫率 不发生 is a definite zero, not words)."""
    if v.kind is not ValueKind.QUALITATIVE or v.raw.strip() in _CLEAR_ZERO:
        return False
    return lexicon.is_rate_name(name) or lexicon.is_count_name(name)


def vague(name: str, v: TargetValue, words: tuple[str, ...]) -> bool:
    """A few words of direction (显著提高) where no number is asked for (else QUALITATIVE-FOR-NUMBER)."""
    raw = v.raw
    if v.kind is not ValueKind.QUALITATIVE or len(raw) > 8 or not any(w in raw for w in words):
        return False
    return not (lexicon.is_rate_name(name) or lexicon.is_count_name(name))


def deferred(v: TargetValue, words: tuple[str, ...]) -> bool:
    return any(w in v.raw for w in words)


_VAGUE_WORDS = [
    "显著",
    "明显",
    "有效",
    "提高",
    "提升",
    "促进",
    "增强",
    "改善",
    "加强",
    "推进",
    "推动",
    "优化",
    "增加",
    "扩大",
    "加快",
    "持续",
    "逐步",
    "进一步",
    "不断",
    "稳步",
    "长期",
    "积极",
    "较好",
    "一定",
    "逐年",
    "带动",
    "减少",
    "降低",
    "缓解",
    "下降",
    "增长",
    "上升",
]
_DEFERRED_WORDS = ["暂未", "待定", "待下达", "未下达", "为准", "另行"]


@rule(
    id="OPERATOR-UPPER-ON-RATE",
    title="正向比率使用上限运算符",
    message="“{name}”越高越好，指标值{value}却只设了上限",
    suggestion="正向指标用“≥”设下限（如完成率≥95%）；确需100%的写“=100%”。",
    family=Family.VALUE,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis=_BASIS_88 + "；正向指标以“≥”表示",
    scope=Scope.PROJECT,
)
def operator_upper_on_rate(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        if positive_rate(ind.name, ind.value, _is_satisfaction(ind)) and lexicon.is_upper_bound(ind.value):
            yield indicator_hit(ind)


@rule(
    id="OPERATOR-AT-LEAST-100",
    title="比率下限为100%",
    message="“{name}”的指标值{value}：比率不能超过100%，下限100%等于要求恰好100%",
    suggestion="写作“=100%”，或设一个可达到的下限（如≥98%）。",
    family=Family.VALUE,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.HINT,
    basis=_BASIS_88,
    scope=Scope.PROJECT,
)
def operator_at_least_100(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        v = ind.value
        if not lexicon.is_percent(v) or v.number is None or lexicon.is_growth_name(ind.name):
            continue
        if (v.op is Op.GE and v.number >= 100) or (v.op is Op.GT and v.number >= 100):
            yield indicator_hit(ind)


@rule(
    id="OPERATOR-UPPER-ON-OUTPUT",
    title="产出数量或受益对象使用上限运算符",
    message="“{name}”是应当达到的数量，指标值{value}却只设了上限",
    suggestion="产出数量和受益对象人数用“≥”或“=”；只有成本、时限、发生率等反向指标才用“≤”。",
    family=Family.VALUE,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis=_BASIS_88 + "；数量指标反映应完成的产出数量",
    scope=Scope.PROJECT,
)
def operator_upper_on_output(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        v = ind.value
        if not counted_upper_bound(ind.name, v) or lexicon.is_cost(ind):
            continue
        if ind.level2 is Level2.QUANTITY or (v.unit or "") in lexicon.PEOPLE_UNITS:
            yield indicator_hit(ind)


@rule(
    id="OPERATOR-LOWER-ON-COST",
    title="成本指标使用下限运算符",
    message="成本指标“{name}”的指标值{value}设了下限，不能约束支出",
    suggestion="成本指标用“≤”（不超过）或“=”表示。",
    family=Family.VALUE,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis="财预〔2021〕101号：成本指标为反向指标，以“≤”控制成本",
    scope=Scope.PROJECT,
)
def operator_lower_on_cost(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.cost_indicators:
        if (
            lexicon.is_lower_bound(ind.value)
            and lexicon.money_in_wan(ind.value) is not None
            or (lexicon.is_lower_bound(ind.value) and lexicon.unit_cost(ind) is not None)
        ):
            yield indicator_hit(ind)


@rule(
    id="UNIT-NAME-MISMATCH",
    title="计量单位与指标名称不符",
    message="“{name}”的单位与名称不符：{why}",
    suggestion="比率类指标用“%”，数量类指标用人、个、次等计数单位；名称与指标值应衡量同一事物。",
    family=Family.VALUE,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis=_BASIS_88,
    scope=Scope.PROJECT,
)
def unit_name_mismatch(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        if why := unit_mismatch(ind.name, ind.value):
            yield indicator_hit(ind, why=why)


@rule(
    id="SATISFACTION-LOW",
    title="满意度目标偏低",
    message="满意度指标“{name}”的目标{value}低于{threshold}%",
    suggestion="服务对象满意度目标一般不低于{threshold}%；确有原因的应说明。",
    family=Family.VALUE,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis="各地绩效目标审核实践：服务对象满意度目标不低于80%（可配置）",
    scope=Scope.PROJECT,
    params={"threshold": 80},
)
def satisfaction_low(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    threshold = ctx.number("threshold")
    for ind in project.indicators:
        if _is_satisfaction(ind) and satisfaction_below(ind.value, threshold):
            yield indicator_hit(ind, threshold=f"{threshold:g}")


@rule(
    id="RATE-OVER-100",
    title="比率超过100%",
    message="“{name}”的指标值{value}超过100%",
    suggestion="比率、满意度不能超过100%，核对指标值或改用数量表示。",
    family=Family.VALUE,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.ERROR,
    basis=_BASIS_88,
    scope=Scope.PROJECT,
)
def rate_over_100(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        if exceeds_100(ind.name, ind.value, _is_satisfaction(ind)):
            yield indicator_hit(ind)


@rule(
    id="SATISFACTION-NO-OPERATOR",
    title="满意度目标没有运算符",
    message="满意度指标“{name}”的指标值{value}没有写明是下限还是确数",
    suggestion="满意度目标写作“≥90%”等形式。",
    family=Family.VALUE,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.HINT,
    basis=_BASIS_88,
    scope=Scope.PROJECT,
)
def satisfaction_no_operator(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        v = ind.value
        if _is_satisfaction(ind) and lexicon.is_percent(v) and v.op is None and (v.number or 0) < 100:
            yield indicator_hit(ind)


@rule(
    id="QUALITATIVE-FOR-NUMBER",
    title="数量或比率指标用了定性值",
    message="“{name}”要求数值，指标值却是“{value}”",
    suggestion="按名称填写可衡量的数值（数量、比率或金额）。",
    family=Family.VALUE,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis=_BASIS_88 + "；定量为主、定性为辅",
    scope=Scope.PROJECT,
)
def qualitative_for_number(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        if words_for_number(ind.name, ind.value) or uncounted_quantity(ind):
            yield indicator_hit(ind)


def uncounted_quantity(ind: Indicator) -> bool:
    """A 数量指标 whose value counts nothing: no number at all (范围内, 工程类和服务类两大类等); a count in
    Chinese numerals (每年一次, 两场) is a number."""
    v = ind.value
    if ind.level2 is not Level2.QUANTITY or v.kind is ValueKind.NUMERIC or v.raw.strip() in _CLEAR_ZERO:
        return False
    return bool(v.raw.strip()) and not any(ch.isdigit() for ch in v.raw) and not _CHINESE_COUNT.search(v.raw)


_CHINESE_COUNT = re.compile(
    r"[一二两三四五六七八九十百千万]+\s*(?:"
    + "|".join(sorted(lexicon.COUNTED_UNITS, key=len, reverse=True))
    + ")"
)


@rule(
    id="VAGUE-VALUE",
    title="指标值为模糊表述",
    message="“{name}”的指标值“{value}”无法考核{why}",
    suggestion=(
        "把方向性表述改为可考核的目标：写明提升到多少、与什么相比（如“较上年提高5个百分点”）；时效指标写明时限"
        "（如“11月底前”“24小时内”），质量指标写明依据的标准或等级。"
    ),
    family=Family.VALUE,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.HINT,
    basis=_BASIS_88 + "；定性指标也应可评判",
    scope=Scope.PROJECT,
    params={"words": _VAGUE_WORDS},
)
def vague_value(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    words = ctx.words("words")
    for ind in project.indicators:
        if vague(ind.name, ind.value, words):
            yield indicator_hit(ind, why="")
        elif why := vagueness.why_unjudgeable(ind):
            yield indicator_hit(ind, why=why)


_ACTIVITY_VERBS = ("提供", "开展", "做好", "为", "落实", "推进", "进行", "按要求", "按照", "按绩效", "根据")
_ACTIVITY_ENDINGS = ("工作", "事宜")


@rule(
    id="VALUE-RESTATES-WORK",
    title="指标值是工作内容或复述指标名称",
    message="“{name}”的指标值“{value}”{why}，没有可评判的标准",
    suggestion="写出做到什么程度：数值、比例，或可核验的状态（如“较上年下降5%”“通过验收”）。",
    family=Family.VALUE,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.HINT,
    basis=_BASIS_88 + "；定性指标也应可评判",
    scope=Scope.PROJECT,
    params={"min_length": 5, "name_share": 0.6},
)
def value_restates_work(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    # Longer than VAGUE-VALUE's few words: "提供技术服务" says what will be done, "提高动物疫病防控能力"
    # repeats the indicator's own name; neither says how much.
    share = ctx.number("name_share")
    for ind in project.indicators:
        raw = lexicon.normalize_name(ind.value.raw)
        if ind.value.kind is not ValueKind.QUALITATIVE or len(raw) < ctx.number("min_length"):
            continue
        if any(c.isdigit() for c in raw):
            continue
        grams = lexicon.bigrams(raw)
        if grams and len(grams & lexicon.bigrams(ind.name)) >= share * len(grams):
            yield indicator_hit(ind, why="只是复述指标名称")
        elif raw.startswith(_ACTIVITY_VERBS) or raw.endswith(_ACTIVITY_ENDINGS):
            yield indicator_hit(ind, why="写的是工作内容")


@rule(
    id="TARGET-DEFERRED",
    title="指标值未确定",
    message="“{name}”的指标值“{value}”没有给出确定的目标",
    suggestion="审核前确定目标值；上级尚未下达的，按上年值或规划值暂定并注明。",
    family=Family.VALUE,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.WARNING,
    basis=_BASIS_88,
    scope=Scope.PROJECT,
    params={"words": _DEFERRED_WORDS},
)
def target_deferred(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        if deferred(ind.value, ctx.words("words")):
            yield indicator_hit(ind)


@rule(
    id="QUANTITATIVE-SHARE-LOW",
    title="定量指标占比偏低",
    message="定量指标只占{share}（{quant}/{total}），低于{threshold}",
    suggestion="按“定量为主、定性为辅”把可量化的目标改为数值。",
    family=Family.VALUE,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.HINT,
    basis=(
        "财预〔2015〕88号：定量为主、定性为辅；财预〔2021〕101号：优先使用定量指标。两者都没有规定定量指标的"
        "最低比例，故默认配置不启用本规则，从严配置（strict）启用"
    ),
    scope=Scope.PROJECT,
    params={"threshold": 0.5},
)
def quantitative_share_low(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    inds = [i for i in project.indicators if i.value.raw.strip()]
    if len(inds) < 4:
        return
    quant = sum(1 for i in inds if i.value.is_quantitative)
    threshold = ctx.number("threshold")
    if quant / len(inds) < threshold:
        yield Hit(
            facts={
                "share": f"{quant / len(inds):.0%}",
                "quant": quant,
                "total": len(inds),
                "threshold": f"{threshold:.0%}",
            },
            evidence=(("定量指标", str(quant)), ("指标总数", str(len(inds)))),
            line=project.line,
        )
