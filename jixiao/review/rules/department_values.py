"""指标值合理 for department-wide targets (部门整体绩效目标): each row's value is checkable and sensible.

A department's rows carry no 一级/二级 category, so only the project checks that need none apply: they are
the same functions over a name and a value (:mod:`jixiao.review.rules.values`), run over both the
strategic (战略目标表) and the annual table (年度目标表). 财预〔2015〕88号 asks the same of departments as of
projects: 细化、量化, 指标值明确、可衡量.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain import Department, ValueKind
from jixiao.review import lexicon
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import department_rows, row_hit, rows_where
from jixiao.review.rules.units import unit_missing
from jixiao.review.rules.vagueness import no_standard
from jixiao.review.rules.values import (
    _DEFERRED_WORDS,
    _VAGUE_WORDS,
    counted_upper_bound,
    deferred,
    exceeds_100,
    positive_rate,
    satisfaction_below,
    unit_mismatch,
    vague,
    words_for_number,
)

_BASIS = "财预〔2015〕88号：绩效指标应细化、量化，指标值明确、可衡量；部门整体绩效指标同样适用"


@rule(
    id="DEPT-VALUE-SENSE",
    title="部门指标值与名称不符",
    message="部门指标“{name}”的指标值{value}：{why}",
    suggestion="比率用“%”并以“≥”设下限，数量用计数单位；上级尚未下达的目标按上年值或规划值暂定并注明。",
    family=Family.VALUE,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis=_BASIS,
    scope=Scope.DEPARTMENT,
    params={"words": _DEFERRED_WORDS},
)
def dept_value_sense(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    """The value checks of project indicators that need no category: unit against name, direction of a
    positive rate or a count, and deferred targets."""
    for table, row in department_rows(dept):
        v, name = row.value, row.name
        satisfaction = lexicon.is_satisfaction_name(name)
        if deferred(v, ctx.words("words")):
            yield row_hit(table, row, why="没有给出确定的目标")
        elif why := unit_mismatch(name, v):
            yield row_hit(table, row, why=why)
        elif positive_rate(name, v, satisfaction) and lexicon.is_upper_bound(v):
            yield row_hit(table, row, why="正向比率只设了上限")
        elif (
            v.kind is ValueKind.NUMERIC and counted_upper_bound(name, v) and not lexicon.is_growth_name(name)
        ):
            yield row_hit(table, row, why="应当达到的数量只设了上限")


@rule(
    id="DEPT-RATE-OVER-100",
    title="部门比率指标超过100%",
    message="部门指标“{name}”的指标值{value}超过100%",
    suggestion="比率、满意度不能超过100%，核对指标值或改用数量表示。",
    family=Family.VALUE,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.ERROR,
    basis=_BASIS,
    scope=Scope.DEPARTMENT,
)
def dept_rate_over_100(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    yield from rows_where(dept, lambda r: exceeds_100(r.name, r.value, lexicon.is_satisfaction_name(r.name)))


@rule(
    id="DEPT-SATISFACTION-LOW",
    title="部门满意度目标偏低",
    message="部门满意度指标“{name}”的目标{value}低于{threshold}%",
    suggestion="服务对象满意度目标一般不低于{threshold}%；确有原因的应说明。",
    family=Family.VALUE,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis="各地绩效目标审核实践：服务对象满意度目标不低于80%（可配置）；部门整体绩效指标同样适用",
    scope=Scope.DEPARTMENT,
    params={"threshold": 80},
)
def dept_satisfaction_low(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    threshold = ctx.number("threshold")
    yield from rows_where(
        dept,
        lambda r: lexicon.is_satisfaction_name(r.name) and satisfaction_below(r.value, threshold),
        threshold=f"{threshold:g}",
    )


@rule(
    id="DEPT-QUALITATIVE-FOR-NUMBER",
    title="部门数量或比率指标用了定性值",
    message="部门指标“{name}”要求数值，指标值却是“{value}”",
    suggestion="按名称填写可衡量的数值（数量、比率或金额）。",
    family=Family.VALUE,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis=_BASIS + "；定量为主、定性为辅",
    scope=Scope.DEPARTMENT,
)
def dept_qualitative_for_number(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    # a deferred target (省厅暂未下达) is DEPT-VALUE-SENSE's to say
    words = tuple(_DEFERRED_WORDS)
    yield from rows_where(dept, lambda r: words_for_number(r.name, r.value) and not deferred(r.value, words))


@rule(
    id="DEPT-VAGUE-VALUE",
    title="部门指标值为模糊表述",
    message="部门指标“{name}”的指标值“{value}”无法考核",
    suggestion="把方向性表述改为可考核的目标：写明提升到多少、与什么相比（如“较上年提高5个百分点”）。",
    family=Family.VALUE,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.HINT,
    basis=_BASIS + "；定性指标也应可评判",
    scope=Scope.DEPARTMENT,
    params={"words": _VAGUE_WORDS},
)
def dept_vague_value(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    words = ctx.words("words")
    yield from rows_where(dept, lambda r: vague(r.name, r.value, words) or no_standard(r.value))


@rule(
    id="DEPT-UNIT-MISSING",
    title="部门指标值缺少计量单位",
    message="部门指标“{name}”的指标值{value}：{why}",
    suggestion="写明计量单位：比率用“%”，数量用人、个、次、项等。",
    family=Family.VALUE,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.HINT,
    basis=_BASIS + "；指标值由运算符、数值和计量单位组成",
    scope=Scope.DEPARTMENT,
)
def dept_unit_missing(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    for table, row in department_rows(dept):
        if why := unit_missing(row.name, row.value):
            yield row_hit(table, row, why=why)
