"""前后一致 (相关性): the same thing gets the same target everywhere in a submission.

A department's strategic table and annual table print a 年度指标值 for the same rows, and projects of one
department often count the same output; when the figures differ one of them is wrong. A 三级 name twice in a
project double-counts. A target weaker than last year's actual or than the year's standard value, where the
table itself prints those references, sets the bar too low (适当性).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from jixiao.domain import (
    Department,
    DepartmentIndicator,
    Document,
    Indicator,
    Project,
    TargetValue,
    ValueKind,
    parse_target_value,
)
from jixiao.domain.text import is_placeholder
from jixiao.domain.values import Op, format_number
from jixiao.review import lexicon
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import ANNUAL_TABLE, Hit, RuleContext, Scope, department_tables, rule
from jixiao.review.rules._common import shown


def same_target(a: TargetValue, b: TargetValue) -> bool:
    """Whether two values state the same target (operator spelling and spacing aside)."""
    if a.kind is ValueKind.NUMERIC and b.kind is ValueKind.NUMERIC:
        ops_agree = a.op == b.op or None in (a.op, b.op) or {a.op, b.op} <= {Op.EQ, None}
        units_agree = a.unit == b.unit or not a.unit or not b.unit  # a unit left out is not a difference
        return a.number == b.number and units_agree and ops_agree
    return lexicon.normalize_name(a.raw) == lexicon.normalize_name(b.raw)


def in_common_unit(a: TargetValue, b: TargetValue) -> tuple[float, float] | None:
    """The two numbers in one unit (amounts of money scaled to 万元: 15亿 vs 41亿元), or ``None``."""
    if a.kind is not ValueKind.NUMERIC or b.kind is not ValueKind.NUMERIC:
        return None
    if a.number is None or b.number is None:
        return None
    if (a.unit or "") == (b.unit or ""):
        return a.number, b.number
    fa, fb = lexicon.money_factor(a.unit), lexicon.money_factor(b.unit)
    if fa is None or fb is None:
        return None
    return a.number * fa, b.number * fb


def comparable(a: TargetValue, b: TargetValue) -> bool:
    """Both numeric in the same unit (or both money): a difference between them is a real difference."""
    return in_common_unit(a, b) is not None


def _no_value(v: TargetValue) -> bool:
    return not v.raw.strip() or is_placeholder(v.raw.strip())


@rule(
    id="STRATEGIC-ANNUAL-MISMATCH",
    title="战略目标表与年度目标表指标值不一致",
    message="“{name}”在战略目标表为{strategic}，在年度目标表为{annual}",
    suggestion="两表的年度指标值应一致；核对后统一。",
    family=Family.CONSISTENCY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis="部门整体绩效目标：战略目标表中的年度指标值与年度绩效目标一致",
    scope=Scope.DEPARTMENT,
)
def strategic_annual_mismatch(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    annual: dict[str, list[DepartmentIndicator]] = defaultdict(list)
    for row in dept.annual_indicators:
        annual[lexicon.normalize_name(row.name)].append(row)
    for s in dept.strategic_indicators:
        key = lexicon.normalize_name(s.name)
        if not key or key not in annual:
            continue
        rows = annual[key]
        if any(same_target(s.value, a.value) for a in rows):
            continue
        a = rows[0]
        if _no_value(s.value) or _no_value(a.value):
            continue  # a blank or a dash says nothing to contradict; VALUE-MISSING covers it
        if not comparable(s.value, a.value) and ValueKind.TEXT in (s.value.kind, a.value.kind):
            continue  # a mis-read cell is not a contradiction
        yield Hit(
            facts={"name": s.name, "strategic": shown(s.value), "annual": shown(a.value)},
            evidence=(("指标", s.name), ("战略目标表", shown(s.value)), ("年度目标表", shown(a.value))),
            indicator_name=s.name,
            line=a.line,
            related_lines=tuple(n for n in (s.line,) if n is not None),
            department_row=a,
        )


@rule(
    id="SAME-INDICATOR-DIFFERENT-VALUE",
    title="同一部门的同名数量指标目标不同",
    message="“{name}”在“{p1}”为{v1}，在“{p2}”为{v2}",
    suggestion="同一部门同一产出在不同项目中的目标应一致，或在名称中区分口径。",
    family=Family.CONSISTENCY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号相关性：同一事项的目标前后一致",
    scope=Scope.DOCUMENT,
)
def same_indicator_different_value(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    seen: dict[tuple[str, str, str], tuple[str, Indicator]] = {}
    for project in doc.projects:
        dept = lexicon.normalize_name(project.department or project.unit or "")
        if not dept:
            continue
        for ind in project.indicators:
            v = ind.value
            if v.kind is not ValueKind.NUMERIC or lexicon.is_percent(v) or lexicon.is_cost(ind):
                continue
            if (v.unit or "") not in lexicon.COUNTED_UNITS:
                continue
            key = (dept, lexicon.normalize_name(ind.name), v.unit or "")
            if key not in seen:
                seen[key] = (project.name, ind)
                continue
            first_project, first = seen[key]
            # Projects on the same subject (高标准农田管理 and 高标准农田配套资金) share the target; unrelated
            # projects of one department may each have their own output of the same name.
            related = len(lexicon.bigrams(first_project) & lexicon.bigrams(project.name)) >= 3
            if first_project != project.name and related and not same_target(first.value, v):
                yield Hit(
                    facts={
                        "name": ind.name,
                        "p1": first_project,
                        "v1": shown(first.value),
                        "p2": project.name,
                        "v2": shown(v),
                    },
                    evidence=((f"“{first_project}”", shown(first.value)), (f"“{project.name}”", shown(v))),
                    indicator=ind,
                    line=ind.line,
                    related_lines=tuple(n for n in (first.line,) if n is not None),
                )


@rule(
    id="DUPLICATE-INDICATOR",
    title="同一项目中三级指标重复",
    message="三级指标“{name}”在本项目中出现{count}次（{values}）",
    suggestion="合并重复的指标；确属不同口径的，在名称中加以区分。",
    family=Family.CONSISTENCY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号：指标清晰、不重复（同一二级指标下三级指标名称不重复）",
    scope=Scope.PROJECT,
)
def duplicate_indicator(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    # The same name under different categories usually measures different aspects (数量 vs 质量 of
    # 示范新品种); within one category it is the same indicator twice, and so it is across categories when
    # the rows also give the same value or the same 指标解释 (the same row filed twice).
    within = list(repeated(project.indicators, lambda i: i.level2.value))
    seen = {id(i) for inds in within for i in inds}
    across = [
        inds
        for inds in repeated(project.indicators, _same_measure)
        if len({i.level2 for i in inds}) > 1 and not seen & {id(i) for i in inds}
    ]
    for inds in sorted(within + across, key=lambda inds: inds[-1].line or 0):
        lines = [i.line for i in inds if i.line is not None]
        yield Hit(
            facts={
                "name": inds[0].name,
                "count": len(inds),
                "values": "、".join(shown(i.value) for i in inds),
            },
            evidence=tuple((f"{i.level2.value}", shown(i.value)) for i in inds),
            indicator=inds[-1],
            line=inds[-1].line,
            related_lines=tuple(n for n in lines if n != inds[-1].line),
        )


def _same_measure(ind: Indicator) -> object:
    """What makes two rows of one name one indicator across categories: the same value, or the same
    explanation (one object per row when neither can be compared)."""
    explanation = lexicon.normalize_name(ind.description or "")
    value = lexicon.normalize_name(ind.value.raw)
    return ("说明", explanation) if explanation else ("值", value) if value else id(ind)


_Named = TypeVar("_Named", Indicator, DepartmentIndicator)


def repeated(items: Iterable[_Named], group: Callable[[_Named], object]) -> Iterator[list[_Named]]:
    """Indicators named alike (punctuation and brackets aside) more than once within one ``group``."""
    groups: dict[tuple[object, str], list[_Named]] = defaultdict(list)
    for item in items:
        key = lexicon.normalize_name(item.name)
        if key and lexicon.is_meaningful_name(item.name):
            groups[(group(item), key)].append(item)
    yield from (items for items in groups.values() if len(items) > 1)


def _scope_of(row: DepartmentIndicator) -> object:
    """The duty a row serves and what its 指标解释 says it counts: rows alike in both are the same row."""
    duty = lexicon.normalize_name(row.duty or row.duty_area or "")
    return (row.duty_no, duty, lexicon.normalize_name(row.explanation or ""))


@rule(
    id="DEPT-DUPLICATE-INDICATOR",
    title="部门同一职责下绩效指标重复",
    message="部门指标“{name}”在{table}{where}出现{count}次（{values}）",
    suggestion="合并重复的指标；确属不同口径的，在名称中加以区分。",
    family=Family.CONSISTENCY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号：指标清晰、不重复；部门整体绩效指标同样适用",
    scope=Scope.DEPARTMENT,
)
def dept_duplicate_indicator(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    # One duty may well share an indicator with another (群众满意度 under several duties, 印发文件 under two
    # plans), and an explanation may set rows of one name apart (免学费资助标准 per group of majors); within
    # one duty and one explanation, or so in the strategic table, it is the same row twice.
    for table, rows in department_tables(dept):
        annual = table == ANNUAL_TABLE
        for same in repeated(rows, _scope_of):
            duty = same[0].duty or same[0].duty_area
            lines = [r.line for r in same if r.line is not None]
            yield Hit(
                facts={
                    "name": same[0].name,
                    "table": table,
                    "where": f"职责“{duty}”下" if annual and duty else "",
                    "count": len(same),
                    "values": "、".join(shown(r.value) for r in same),
                },
                evidence=(("表", table), *((f"第{i}处", shown(r.value)) for i, r in enumerate(same, 1))),
                indicator_name=same[-1].name,
                line=same[-1].line,
                related_lines=tuple(n for n in lines if n != same[-1].line),
                department_row=same[-1],
            )


_PLANNED_FLOW = ("新增", "新建", "新改扩建", "改扩建", "建设", "扩充", "新开工", "新入选")


def _better_is_higher(row: DepartmentIndicator) -> bool | None:
    """Which way the target points: up for ≥ and positive names, down for ≤ and adverse names."""
    if row.value.op in (Op.GE, Op.GT):
        return True
    if row.value.op in (Op.LE, Op.LT):
        return False
    return not lexicon.is_adverse_name(row.name)


@rule(
    id="TARGET-BELOW-REFERENCE",
    title="目标低于上年值或标准值",
    message="“{name}”的目标{value}弱于{ref_label}{ref}",
    suggestion="年度目标原则上不低于上年实际和当年标准；确需降低的，在备注中说明原因。",
    family=Family.CONSISTENCY,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号适当性：目标既不过高也不过低，参考历史值和标准值设定",
    scope=Scope.DEPARTMENT,
    params={"flow_drop_ratio": 0.5},
)
def target_below_reference(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    drop = ctx.number("flow_drop_ratio")
    for row in (*dept.strategic_indicators, *dept.annual_indicators):
        if row.value.kind is not ValueKind.NUMERIC or row.value.number is None:
            continue
        higher = _better_is_higher(row)
        level = _is_level(row)
        # New construction (新增, 新建) follows the year's plan, not last year's output: only the standard
        # binds it.
        flow_planned = any(w in lexicon.normalize_name(row.name) for w in _PLANNED_FLOW)
        for label, raw in (("当年标准值", row.reference.standard), ("上年值", row.reference.last_year)):
            if not raw or (label == "上年值" and flow_planned) or _NEGATIVE.match(raw.strip()):
                continue
            ref = parse_target_value(raw)
            numbers = in_common_unit(row.value, ref)
            if numbers is None:
                continue
            value, reference = numbers
            if label == "上年值" and not level:
                # Counts and amounts vary with the year's work; only a drop to below a share of last year's
                # actual (default: half) says the target is set too low.
                weaker = higher and value < reference * drop
            else:
                weaker = value < reference if higher else value > reference
            if weaker:
                yield Hit(
                    facts={"name": row.name, "value": shown(row.value), "ref_label": label, "ref": ref.raw},
                    evidence=(
                        ("指标", row.name),
                        ("年度指标值", shown(row.value)),
                        (label, ref.raw),
                        ("方向", "越高越好" if higher else "越低越好"),
                    ),
                    indicator_name=row.name,
                    line=row.line,
                    department_row=row,
                )
                break


_NEGATIVE = re.compile(r"^[-−–—]\s*\d")  # a negative reference (−60.6%): the value grammar reads - as =
_LEVEL_UNITS = ("%", "％", "‰", "岁", ":1")
_STOCK_WORDS = ("参保", "覆盖", "保有", "累计", "在校", "在园", "在册", "常住", "总量", "余额", "规模")


def _is_level(row: DepartmentIndicator) -> bool:
    """A level (rate, ratio, per-capita, average, stock) rather than a flow of outputs in the year."""
    unit = row.value.unit or ""
    if not unit or unit in _LEVEL_UNITS or "/" in unit:
        return True
    name = lexicon.normalize_name(row.name)
    return any(w in name for w in _STOCK_WORDS) or "平均" in name or "人均" in name


@rule(
    id="DUTY-NUMBERING",
    title="职责序号不连续",
    message="职责序号{problem}",
    suggestion="按1、2、3……连续编号，每项职责一个序号。",
    family=Family.CONSISTENCY,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.HINT,
    basis="表格规范：序号连续，缺号提示职责或指标遗漏",
    scope=Scope.DEPARTMENT,
)
def duty_numbering(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    """Located at the first row after each gap, where a reader of the table notices it."""
    distinct: list[tuple[int, DepartmentIndicator]] = []
    for r in dept.annual_indicators:
        if r.duty_no is not None and (not distinct or distinct[-1][0] != r.duty_no):
            distinct.append((r.duty_no, r))
    if not distinct:
        return
    numbers = [n for n, _ in distinct]
    missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
    if missing:
        after = next((row for n, row in distinct if n > missing[0]), distinct[0][1])
        yield Hit(
            facts={"problem": f"缺少{'、'.join(format_number(n) for n in missing)}"},
            evidence=(("职责序号", "、".join(str(n) for n in numbers)),),
            line=after.line,
            department_row=after,
        )
