"""A region's review criteria (审核口径) as data: which field of a project a pattern looks at, and whether a
match or its absence is the problem.

A district writes its criteria as rows — 审核细项 name, 审核对象, 正则表达式, 审核意见表述 — and its tool
flags a project where the pattern says so. Here such a row is a :class:`Criterion`; a profile holds a list of
them beside its rules. The patterns are user data: they are compiled and run with the ``regex`` package under
a time limit per search, never evaluated as code, and a pattern that does not compile or runs out of time
yields a :class:`Match` that says so (``problem``) instead of raising, so one bad row cannot stop a review.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import regex

from jixiao.domain import Indicator, Placeholder, Project
from jixiao.domain.taxonomy import Level2
from jixiao.review.findings import Criterion as Aspect
from jixiao.review.findings import Family, Severity

SECONDS_PER_SEARCH = 0.2


class Field(StrEnum):
    """What a criterion looks at (审核对象), named as the forms name it."""

    POLICY_BASIS = "政策依据"
    CALCULATION_BASIS = "测算依据"
    GOAL = "年度目标"
    TABLE = "绩效目标表"  # the indicator table as one text: its rows' names (不适用 too), blank when none
    CATEGORY = "二级指标"  # each listed 二级 category as one text: its rows' names (不适用 is written)
    CELLS = "指标单元格"  # each 三级指标, 指标值 and 指标解释 cell, template rows (不适用, blank) included
    NAME = "三级指标"
    VALUE = "指标值"
    EXPLANATION = "指标解释"

    @property
    def family(self) -> Family:
        if self in (Field.VALUE,):
            return Family.VALUE
        if self in (Field.NAME,):
            return Family.CATEGORY
        return Family.COMPLETENESS


class Flag(StrEnum):
    """When a criterion speaks: the pattern describes the bad form (match) or the good one (nomatch)."""

    MATCH = "match"
    NOMATCH = "nomatch"

    @property
    def label(self) -> str:
        return {"match": "符合即提出", "nomatch": "不符合即提出"}[self.value]


@dataclass(frozen=True)
class Criterion:
    """One pattern-based 审核细项: where it looks, the pattern, its polarity and the opinion it gives."""

    id: str
    item: str  # 审核细项, the finding's name (政策依据不规范)
    field: Field
    pattern: str
    flag: Flag
    message: str  # 审核意见表述: the problem
    suggestion: str = ""  # … and what to do
    categories: tuple[Level2, ...] = ()  # the 二级 categories whose rows it reads (all when empty)
    template_rows: bool = False  # also read the 不适用/blank template rows of those categories
    severity: Severity = Severity.WARNING
    aspect: Aspect = Aspect.COMPLETENESS  # 审核要点 as one of the four criteria of 财预〔2015〕88号
    point: str = ""  # the region's own 审核要点/二级要点, shown as evidence


@dataclass(frozen=True)
class ChecklistItem:
    """A 人工 criterion: shown to the reviewer to decide, never an automatic finding."""

    id: str
    item: str
    field: str
    message: str


@dataclass(frozen=True)
class Match:
    """A place where a criterion flags the project, or (``problem``) where its pattern could not be run."""

    text: str
    label: str  # where, as a reviewer names it: 政策依据, 社会效益指标“不适用”
    indicator: Indicator | None = None
    placeholder: Placeholder | None = None
    problem: str | None = None


@lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """The compiled pattern; raises ``regex.error`` for one that does not compile."""
    return regex.compile(pattern)


def pattern_error(pattern: str) -> str | None:
    """Why ``pattern`` does not compile, or None when it does."""
    try:
        compile_pattern(pattern)
    except regex.error as exc:
        return str(exc)
    return None


def _rows(
    criterion: Criterion, project: Project
) -> Iterator[tuple[Indicator | None, Placeholder | None, Level2 | None]]:
    wanted = set(criterion.categories)
    for ind in project.indicators:
        if not wanted or ind.level2 in wanted:
            yield ind, None, ind.level2
    if criterion.template_rows or criterion.field is Field.CELLS:
        for ph in project.placeholders:
            if not wanted or ph.level2 in wanted:
                yield None, ph, ph.level2


def _texts(criterion: Criterion, project: Project) -> Iterator[Match]:
    """Each text the criterion looks at, labelled as a reviewer names its place."""
    field = criterion.field
    if field is Field.POLICY_BASIS:
        yield Match(project.policy_basis or "", field.value)
    elif field is Field.CALCULATION_BASIS:
        yield Match(project.calculation_basis or "", field.value)
    elif field is Field.GOAL:
        yield Match(project.goal or "", field.value)
    elif field is Field.TABLE:
        texts = [i.name for i in project.indicators] + [ph.text for ph in project.placeholders]
        yield Match("\n".join(t for t in texts if t.strip()), field.value)
    elif field is Field.CATEGORY:
        for level2 in criterion.categories:
            texts = [i.name for i in project.indicators if i.level2 is level2]
            texts += [ph.text for ph in project.placeholders if ph.level2 is level2]
            yield Match("\n".join(t for t in texts if t.strip()), level2.value)
    else:
        for ind, ph, level2 in _rows(criterion, project):
            category = level2.value if level2 else ""
            if ph is not None:
                label = f"{category}“{ph.text or '空行'}”"
                for cell in ph.cells if field is Field.CELLS and ph.cells else (ph.text,):
                    yield Match(cell, label, placeholder=ph)
                continue
            assert ind is not None
            label = f"{category}“{ind.name}”"
            if field is Field.CELLS:
                for cell in (ind.name, ind.value.raw, ind.description or ""):
                    yield Match(cell, label, indicator=ind)
            else:
                cell = {Field.NAME: ind.name, Field.VALUE: ind.value.raw}.get(field, ind.description or "")
                yield Match(cell, label, indicator=ind)


def flagged(criterion: Criterion, project: Project, seconds: float = SECONDS_PER_SEARCH) -> Iterator[Match]:
    """Each place of ``project`` the criterion flags (once per row or field), or one problem match when its
    pattern does not compile; a search that runs out of ``seconds`` yields a problem match for that text."""
    try:
        pattern = compile_pattern(criterion.pattern)
    except regex.error as exc:
        yield Match("", criterion.field.value, problem=f"正则表达式无法编译（{exc}），未执行")
        return
    seen: set[tuple[int, int]] = set()
    for place in _texts(criterion, project):
        key = (id(place.indicator), id(place.placeholder))
        if key in seen and (place.indicator or place.placeholder):
            continue
        try:
            found = pattern.search(place.text, timeout=seconds) is not None
        except TimeoutError:
            yield Match(
                place.text,
                place.label,
                place.indicator,
                place.placeholder,
                problem=f"正则表达式在{place.label}上超过 {seconds:g} 秒未完成，未能判断",
            )
            continue
        if found == (criterion.flag is Flag.MATCH):
            seen.add(key)
            yield place
