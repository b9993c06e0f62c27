"""年份与规划期 (相关性): a table speaks of its own budget year.

Targets are set for one budget year. A table that cites a five-year plan already over (十三五 in 2023), or
says "2021年" where the budget year is 2022, was copied from an earlier year and not updated: its targets may
be last year's. Years used as a baseline (较2021年, 2019年以来, 2019年-2022年) are not stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jixiao.domain import Department, DepartmentIndicator, Level2, Project
from jixiao.domain.text import clean
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule

# Five-year plans and their last year.
_PLANS = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
_PLAN = re.compile("|".join(_PLANS))
_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*(?:年度|年|度)")
# A baseline (较2021年), a reward paid this year for last year's results (奖励2021年…), a document's date
# (2018年修订) are not stale.
_BASELINE_BEFORE = (
    "较",
    "比",
    "同比",
    "相比",
    "对比",
    "截至",
    "截止",
    "自",
    "从",
    "与",
    "结转",
    "延续",
    "奖励",
    "奖补",
    "兑现",
    "表彰",
    "补助",
)
_BASELINE_AFTER = ("以来", "起", "基础", "水平", "相比", "比较", "结转", "修订", "版", "印发", "发布", "制定")
_YEARLY_PLAN = re.compile(
    r"20\d\d\s*年?度?[^《》〔〕]{0,20}?(?:工作计划|计划要点|工作要点|目标任务|发展计划|重点工作)"
)
_RANGE_BEFORE = re.compile(r"20\d\d\s*(?:年|年度)?\s*[-—–~～至到]\s*$")
_RANGE_AFTER = re.compile(r"\s*(?:底|末)?\s*[-—–~～至到]\s*20\d\d")


# (field label, text, line, indicator name, the department row it is in)
_Text = tuple[str, str, int | None, str | None, DepartmentIndicator | None]


def _texts_of_project(project: Project) -> Iterator[_Text]:
    """Every free text in a project table."""
    if project.goal:
        yield "年度总体目标", project.goal, project.line, None, None
    for ind in project.indicators:
        yield "三级指标", ind.name, ind.line, ind.name, None
        if ind.description:
            yield "指标描述", ind.description, ind.line, ind.name, None


def _texts_of_department(dept: Department) -> Iterator[_Text]:
    if dept.strategic_goal:
        yield "战略目标", dept.strategic_goal, dept.line, None, None
    for row in (*dept.strategic_indicators, *dept.annual_indicators):
        yield "绩效指标", row.name, row.line, row.name, row
        for label, text in (("指标解释", row.explanation), ("职责目标", row.duty_goal)):
            if text:
                yield label, text, row.line, row.name, row
        source = row.reference.standard_source
        # A regulation of any year may set a standard; a past year's work plan cannot set this year's.
        if source and _YEARLY_PLAN.search(clean(source)):
            yield "标准值来源", source, row.line, row.name, row


def _snippet(text: str, start: int, end: int) -> str:
    lo, hi = max(0, start - 12), min(len(text), end + 12)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def stale_plans(text: str, year: int) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _PLAN.finditer(text) if _PLANS[m.group(0)] < year]


def stale_years(text: str, year: int) -> list[tuple[str, int, int]]:
    """Past years in ``text`` that are not a baseline or part of a range."""
    found = []
    for m in _YEAR.finditer(text):
        y = int(m.group(1))
        if y >= year:
            continue
        before, after = text[max(0, m.start() - 8) : m.start()], text[m.end() : m.end() + 8]
        if _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
            continue
        if any(before.endswith(w) for w in _BASELINE_BEFORE) or "上年" in before or "去年" in before:
            continue
        if any(after.startswith(w) for w in _BASELINE_AFTER):
            continue
        found.append((m.group(0), m.start(), m.end()))
    return found


def _hits(texts: Iterator[_Text], year: int, finder: object, year_label: str = "预算年度") -> Iterator[Hit]:
    """One hit per source row: a name and its explanation saying the same year are one problem."""
    assert callable(finder)
    done: set[object] = set()
    for label, raw, line, name, row in texts:
        text = clean(raw)
        matches = finder(text, year)
        key = id(row) if row is not None else line
        if matches and (key not in done or key is None):
            done.add(key)
            word, start, end = matches[0]
            yield Hit(
                facts={"word": word, "field": label, "year": year},
                evidence=((label, _snippet(text, start, end)), (year_label, str(year))),
                indicator_name=name,
                line=line,
                department_row=row,
            )


_PLAN_TEXTS: dict[str, Any] = {
    "message": "{field}引用了已结束的“{word}”（预算年度{year}）",
    "suggestion": "按现行规划（如“十四五”）更新目标和依据。",
    "family": Family.CONSISTENCY,
    "criterion": Criterion.RELEVANCE,
    "severity": Severity.WARNING,
    "basis": "财预〔2015〕88号相关性：目标依据现行规划和本年度工作计划",
}
_YEAR_TEXTS: dict[str, Any] = {
    "message": "{field}写的是“{word}”，预算年度是{year}年",
    "suggestion": "更新为本预算年度的目标；作为比较基数的年份写明“较××年”。",
    "family": Family.CONSISTENCY,
    "criterion": Criterion.RELEVANCE,
    "severity": Severity.WARNING,
    "basis": "绩效目标按预算年度设定：表中年份应为预算年度",
}


@rule(id="PLAN-PERIOD-STALE", title="引用已结束的规划期", scope=Scope.PROJECT, **_PLAN_TEXTS)
def plan_period_stale(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    if ctx.year:
        yield from _hits(_texts_of_project(project), ctx.year, stale_plans)


@rule(id="DEPT-PLAN-PERIOD-STALE", title="部门目标引用已结束的规划期", scope=Scope.DEPARTMENT, **_PLAN_TEXTS)
def dept_plan_period_stale(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    if ctx.year:
        yield from _hits(_texts_of_department(dept), ctx.year, stale_plans)


# The budget year a project states itself, where the document gives none: “2023年申报预算”, “2023年度预算”
# in its texts, or the year of a dated deadline under 时效 (2023年12月31日前).
_STATED_BUDGET_YEAR = re.compile(r"(20\d\d)\s*年度?\s*(?:申报|预算|部门预算|项目预算)")
_DEADLINE_YEAR = re.compile(r"(20\d\d)\s*年\s*\d{1,2}\s*月")
# A term that ended before the budget year: 2021年8月4日至2022年8月3日 (an expired contract).
_TERM = re.compile(r"20\d\d\s*年[\d月日号\s]*[-—–~～至到]\s*(20\d\d)\s*年")
# A past year's own plan or notice cited as the ground for this year: 2021年度绩效管理工作方案, 关于开展2020年度
# …编报工作的通知 (a law or standard of any year may still hold; a year's plan holds for that year).
_YEARS_PLAN = re.compile(
    r"(20\d\d)\s*年度[^《》〔〕（）()。；;]{0,24}?(?:工作方案|实施方案|工作计划|工作要点|的通知|任务)"
)


def stated_budget_year(project: Project) -> int | None:
    """The latest budget year a project's own texts state, or ``None``."""
    texts = (project.calculation_basis, project.goal, project.purpose)
    years = [int(y) for t in texts if t for y in _STATED_BUDGET_YEAR.findall(clean(t))]
    years += [
        int(y)
        for ind in project.indicators
        if ind.level2 is Level2.TIMELINESS
        for y in _DEADLINE_YEAR.findall(ind.value.raw)
    ]
    return max(years, default=None)


def expired_terms(text: str, year: int) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _TERM.finditer(text) if int(m.group(1)) < year]


def past_plans(text: str, year: int) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _YEARS_PLAN.finditer(text) if int(m.group(1)) < year]


def _goal(project: Project) -> Iterator[_Text]:
    if project.goal:
        yield "年度总体目标", project.goal, project.line, None, None


def _grounds(project: Project) -> Iterator[_Text]:
    if project.policy_basis:
        yield "政策依据", project.policy_basis, project.line, None, None


def _calculation(project: Project) -> Iterator[_Text]:
    if project.calculation_basis:
        yield "测算依据", project.calculation_basis, project.line, None, None


@rule(id="YEAR-STALE", title="年份早于预算年度", scope=Scope.PROJECT, **_YEAR_TEXTS)
def year_stale(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    """Past years in the goal and indicators; in the 政策依据 a past year's plan or notice, in the 测算依据 a
    term that has ended. The budget year is the document's, else the one the project states."""
    # A reward or matching fund (奖励, 配套) pays this year for results of an earlier year.
    year = ctx.year or stated_budget_year(project)
    if year and not any(w in project.name for w in ("奖", "配套", "兑现")):
        # A year the project states is less sure than the document's: then only the goal and the grounds are
        # read (an indicator may well count 2021年及2022年档案), and one finding says it.
        texts = _texts_of_project(project) if ctx.year else _goal(project)
        said = "预算年度" if ctx.year else "预算年度（项目自述）"
        hits = [
            *_hits(texts, year, stale_years, said),
            *_hits(_grounds(project), year, past_plans, said),
            *_hits(_calculation(project), year, expired_terms, said),
        ]
        yield from hits if ctx.year else hits[:1]


@rule(id="DEPT-YEAR-STALE", title="部门目标年份早于预算年度", scope=Scope.DEPARTMENT, **_YEAR_TEXTS)
def dept_year_stale(dept: Department, ctx: RuleContext) -> Iterator[Hit]:
    if ctx.year:
        yield from _hits(_texts_of_department(dept), ctx.year, stale_years)
