"""完整性: every element a target table must have is there.

财预〔2015〕88号 asks that a target table be complete before its content is judged: each project names an
annual goal and sets indicators in every first-level dimension (产出, 效益, 满意度, and 成本 in the 2021
framework), the output dimension covers quantity, quality and timeliness, there is a cost indicator, and
every indicator has a value. A department states indicators for its duties.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain import (
    Department,
    DepartmentIndicator,
    Framework,
    Level1,
    Level2,
    Placeholder,
    Project,
    ValueKind,
)
from jixiao.domain.taxonomy import COST_CATEGORIES
from jixiao.domain.text import is_placeholder
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.lexicon import is_meaningful_name, names_public
from jixiao.review.registry import Hit, RuleContext, Scope, department_tables, rule
from jixiao.review.rules._common import indicator_hit, row_hit, rows_where
from jixiao.review.rules.amount_unit import stated_amounts

_REQUIRED_LEVEL1 = {
    Framework.F2020: (Level1.OUTPUT, Level1.EFFECT, Level1.SATISFACTION),
    Framework.F2021: (Level1.COST, Level1.OUTPUT, Level1.EFFECT, Level1.SATISFACTION),
}
_OUTPUT_LEVEL2 = (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS)


@rule(
    id="LEVEL1-MISSING",
    title="缺少一级指标",
    message="项目缺少一级指标：{missing}",
    suggestion="按指标体系补充{missing}，每个一级指标下至少设置一个三级指标。",
    family=Family.COMPLETENESS,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.ERROR,
    basis=(
        "财预〔2020〕10号附件、财预〔2021〕101号：项目绩效指标由产出、效益、满意度（及成本）指标构成；满意度指标"
        "反映服务对象或项目受益人的认可程度，满意度行明确填“不适用”且项目不直接服务于单位以外的人（名称、目标、"
        "指标中没有市民、居民、公园、路灯等服务对象或公共设施的字样）时不要求"
    ),
    scope=Scope.PROJECT,
)
def level1_missing(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    if not project.indicators:
        yield Hit(facts={"missing": "全部绩效指标"}, evidence=(("指标数", "0"),), line=project.line)
        return
    present = {i.level1 for i in project.indicators}
    # 成本 as a first level is checked by COST-MISSING; here only the dimensions both frameworks share.
    missing = [
        lv for lv in _REQUIRED_LEVEL1[project.framework] if lv not in present and lv is not Level1.COST
    ]
    if Level1.SATISFACTION in missing and satisfaction_not_applicable(project):
        missing.remove(Level1.SATISFACTION)
    if missing:
        declared = [p for p in project.placeholders if p.level1 in missing and p.text.strip()]
        yield Hit(
            facts={"missing": "、".join(lv.value for lv in missing)},
            evidence=(
                ("已有一级指标", "、".join(sorted(lv.value for lv in present))),
                *((("模板行填写", _declared(declared)),) if declared else ()),
            ),
            line=project.line,
        )


def satisfaction_not_applicable(project: Project) -> bool:
    """满意度 declared 不适用 by a project with no one outside the unit to ask: its 满意度 template rows are
    filled 不适用/无 (not left blank), and neither its name, goal nor indicators name a member of the public
    or a public facility (lexicon.PUBLIC_WORDS)."""
    rows = [p for p in project.placeholders if p.level1 is Level1.SATISFACTION]
    if not rows or not all(p.text.strip() for p in rows):
        return False
    texts = (project.name, project.goal, *(f"{i.name}{i.value.raw}" for i in project.indicators))
    return not names_public(texts)


def _declared(rows: list[Placeholder]) -> str:
    return "；".join(
        f"{(p.level2 or p.level1).value if (p.level2 or p.level1) else ''}：{p.text}" for p in rows
    )


@rule(
    id="OUTPUT-LEVEL2-MISSING",
    title="产出指标缺少二级类别",
    message="产出指标缺少{missing}",
    suggestion="补充{missing}：产出应同时反映数量、质量和时效。",
    family=Family.COMPLETENESS,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.WARNING,
    basis="财预〔2020〕10号：产出指标包括数量、质量、时效（和成本）指标",
    scope=Scope.PROJECT,
)
def output_level2_missing(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    present = {i.level2 for i in project.indicators}
    if not present & set(_OUTPUT_LEVEL2):
        return  # no output at all: LEVEL1-MISSING says so
    missing = [lv for lv in _OUTPUT_LEVEL2 if lv not in present]
    if missing:
        declared = [p for p in project.placeholders if p.level2 in missing and p.text.strip()]
        yield Hit(
            facts={"missing": "、".join(lv.value for lv in missing)},
            evidence=(
                ("已有二级指标", "、".join(sorted(lv.value for lv in present))),
                *((("模板行填写", _declared(declared)),) if declared else ()),
            ),
            line=project.line,
        )


@rule(
    id="COST-MISSING",
    title="缺少成本指标",
    message="项目（预算{budget}）没有成本指标",
    suggestion="按支出内容设置成本指标（总成本或单位成本），并与预算金额相衔接。",
    family=Family.COMPLETENESS,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.ERROR,
    basis="财预〔2021〕101号：成本指标为一级指标；2020年版体系中为产出指标下的二级指标",
    scope=Scope.PROJECT,
)
def cost_missing(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    if project.indicators and not project.cost_indicators:
        budget = f"{project.funds.total:g}万元" if project.funds.total is not None else "未列明"
        declared = [p for p in project.placeholders if p.level2 in COST_CATEGORIES and p.text.strip()]
        yield Hit(
            facts={"budget": budget},
            evidence=(("预算", budget), *((("模板行填写", _declared(declared)),) if declared else ())),
            line=project.line,
        )


@rule(
    id="VALUE-MISSING",
    title="指标值为空",
    message="指标“{name}”没有指标值",
    suggestion="填写可考核的指标值（运算符、数值和计量单位）。",
    family=Family.COMPLETENESS,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.ERROR,
    basis="财预〔2015〕88号：绩效目标要素完整，指标应有明确的指标值",
    scope=Scope.PROJECT,
)
def value_missing(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        if _blank(ind.value.raw, ind.value.kind) and is_meaningful_name(ind.name):
            yield indicator_hit(ind)


@rule(
    id="DEPT-VALUE-MISSING",
    title="部门指标值为空",
    message="部门指标“{name}”没有年度指标值",
    suggestion="填写年度指标值；确无法量化的，写明可考核的定性标准。",
    family=Family.COMPLETENESS,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.ERROR,
    basis="财预〔2015〕88号：绩效目标要素完整，指标应有明确的指标值",
    scope=Scope.DEPARTMENT,
)
def dept_value_missing(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    yield from rows_where(dept, lambda r: _blank(r.value.raw, r.value.kind))


@rule(
    id="DEPT-EXPLANATION-MISSING",
    title="部门指标缺少指标解释",
    message="部门指标“{name}”没有指标解释",
    suggestion="写明指标的含义、口径和计算方法，使指标值可以核验。",
    family=Family.COMPLETENESS,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.HINT,
    basis="部门整体绩效目标表：指标解释说明指标的含义和计算口径（表中设有该栏的应填写）",
    scope=Scope.DEPARTMENT,
)
def dept_explanation_missing(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    """Only in a table that has the column: a reader keeps no empty column, so a table has it when some
    row is explained; a row of it left blank is then a gap, not a form without the field."""
    for table, rows in department_tables(dept):
        if not any((r.explanation or "").strip() for r in rows):
            continue
        for row in rows:
            if is_meaningful_name(row.name) and not (row.explanation or "").strip():
                yield row_hit(table, row)


def _blank(raw: str, kind: ValueKind) -> bool:
    """An empty cell or a dash: no value at all (whatever the value grammar made of it)."""
    return not raw.strip() or is_placeholder(raw.strip())


@rule(
    id="GOAL-MISSING",
    title="缺少年度总体目标",
    message="项目没有填写年度总体绩效目标",
    suggestion="概括填写本年度资金预期达到的产出和效果。",
    family=Family.COMPLETENESS,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.ERROR,
    basis="财预〔2015〕88号：绩效目标包括预期产出和效果的总体描述",
    scope=Scope.PROJECT,
)
def goal_missing(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    if not (project.goal or "").strip():
        yield Hit(evidence=(("年度总体目标", "（空）"),), line=project.line)


@rule(
    id="FUNDS-MISSING",
    title="缺少预算金额",
    message="项目没有列明预算金额{why}",
    suggestion="填写项目年度预算资金总额（万元）及资金来源。",
    family=Family.COMPLETENESS,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.ERROR,
    basis="财预〔2015〕88号：绩效目标与预算资金相匹配，须列明资金规模",
    scope=Scope.PROJECT,
)
def funds_missing(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    """No amount at all, or an amount of 0 beside the money the project's own cost indicators and texts say
    it spends (a 0 typed into the cell, not a project without funds)."""
    total = project.funds.total
    if total is None:
        yield Hit(facts={"why": ""}, evidence=(("预算金额", "（空）"),), line=project.line)
    elif total == 0 and (stated := [s for s in stated_amounts(project) if s.amount > 0]):
        first = stated[0]
        yield Hit(
            facts={"why": f"：金额栏为0，{first.where}却是{first.words}"},
            evidence=(("预算金额", "0"), (first.where, first.words)),
            line=project.line,
        )


@rule(
    id="DEPT-INDICATORS-MISSING",
    title="部门缺少年度绩效指标",
    message="部门“{name}”没有年度绩效指标",
    suggestion="按部门职责逐项设置年度绩效指标，每项职责至少一个指标。",
    family=Family.COMPLETENESS,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.ERROR,
    basis="部门整体绩效目标：年度目标按职责分解为绩效指标",
    scope=Scope.DEPARTMENT,
)
def dept_indicators_missing(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    if not dept.annual_indicators:
        yield Hit(facts={"name": dept.name}, evidence=(("年度指标数", "0"),), line=dept.line)


@rule(
    id="DUTY-WITHOUT-INDICATOR",
    title="部门职责没有绩效指标",
    message="职责“{duty}”没有对应的绩效指标",
    suggestion="为该项职责设置至少一个可考核的绩效指标。",
    family=Family.COMPLETENESS,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.WARNING,
    basis="部门整体绩效目标：每项职责应有对应的绩效指标",
    scope=Scope.DEPARTMENT,
)
def duty_without_indicator(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    # Rows of one duty share its number (continuation pages repeat it); the duty lacks indicators only when
    # none of its rows names one.
    duties: dict[object, list[DepartmentIndicator]] = {}
    for row in dept.annual_indicators:
        key = row.duty_no if row.duty_no is not None else (row.duty or row.duty_area)
        if key is not None:
            duties.setdefault(key, []).append(row)
    for rows in duties.values():
        duty = next(
            (r.duty or r.duty_area for r in rows if is_meaningful_name(r.duty or r.duty_area or "")), None
        )
        if duty and not any(is_meaningful_name(r.name) for r in rows):
            yield Hit(
                facts={"duty": duty},
                evidence=(("部门职责", duty), ("绩效指标", "（空）")),
                line=rows[0].line,
                department_row=rows[0],
            )
