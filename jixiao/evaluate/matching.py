"""What monitoring and self-evaluation share: pairing actuals with targets, reading an actual as a number in
the target's unit, lower-is-better targets and the state of a deadline.

Actuals are matched to targets by name (ignoring spaces and full-width forms), and by code where both have
one; what matches nothing is left over for the caller to report, never silently dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TypeVar

from jixiao.domain.actuals import Achievement, ActualRecord, IndicatorActual
from jixiao.domain.model import Document
from jixiao.domain.values import TargetValue, ValueKind, is_deadline
from jixiao.evaluate.profile import MonitorProfile
from jixiao.evaluate.results import Note

CAUSE_MISSING = "cause-missing"  # the code of "a cause is wanted here and none is given", in both

_SCALES = {"亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3, "百": 1e2}
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_SPACE = re.compile(r"\s+")
_T = TypeVar("_T")
_A = TypeVar("_A", ActualRecord, IndicatorActual)


@lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """A name as matching compares it: NFKC (full-width forms folded), no whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", name))


def contains_any(name: str, words: Sequence[str]) -> bool:
    return any(word and word in name for word in words)


def _split_scale(unit: str) -> tuple[float, str]:
    for prefix, factor in _SCALES.items():
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return factor, unit[len(prefix) :]
    return 1.0, unit


def actual_number(actual: TargetValue, target_unit: str | None) -> tuple[float | None, Note | None]:
    """The actual as a number in the target's unit (万元 ↔ 元, 万人 ↔ 人); a note when the units differ."""
    if actual.kind not in (ValueKind.NUMERIC, ValueKind.RANGE, ValueKind.RANK) or actual.number is None:
        return None, None
    if not actual.unit or not target_unit or actual.unit == target_unit:
        return actual.number, None
    (fa, base_a), (ft, base_t) = _split_scale(actual.unit), _split_scale(target_unit)
    if base_a == base_t:
        return actual.number * fa / ft, None
    message = f"当前完成情况的单位“{actual.unit}”与目标的单位“{target_unit}”不同，按数值比较"
    return actual.number, Note("unit-mismatch", message)


def status_of(actual: IndicatorActual) -> Achievement | None:
    """The 完成状态 reported: the status field, or 达成/部分达成/未达成 typed as the actual."""
    if actual.status is not None:
        return actual.status
    return next((a for a in Achievement if actual.actual.raw == a.value), None)


def is_lower_better(name: str, target: TargetValue, profile: MonitorProfile) -> bool:
    """≤ and < targets (as the profile lists the operators) and names the profile calls lower-is-better."""
    rules = profile.indicators
    return (target.op is not None and target.op.value in rules.lower_is_better_ops) or contains_any(
        name, rules.lower_is_better_names
    )


class DeadlineState(StrEnum):
    """Where a 完成时限 task stands at the cut-off."""

    DONE = "done"  # reported done, in time
    LATE = "late"  # done after the deadline
    OVERDUE = "overdue"  # the deadline month has come and no completion is reported
    PENDING = "pending"  # not reported done, not yet due


def _deadline_year(value: TargetValue, default: int | None) -> int | None:
    m = _YEAR.search(value.raw)
    return int(m[1]) if m else default


def deadline_state(
    target: TargetValue, actual: IndicatorActual, year: int | None, month: int, done_words: Sequence[str]
) -> tuple[DeadlineState, Note | None]:
    """A deadline target against what was reported by the end of ``month`` of ``year``: a date no later than
    the deadline, the status 达成 or a done word is done; a later date is late; otherwise overdue from the
    deadline month on, pending before it."""
    due_year = _deadline_year(target, year)
    deadline = (due_year or 0, int(target.number or 12))
    cut_off = (year if year is not None else due_year or 0, month)
    reported = actual.actual
    if is_deadline(reported) and reported.number is not None:
        done = (_deadline_year(reported, cut_off[0]) or 0, int(reported.number))
        if done <= deadline:
            return DeadlineState.DONE, None
        return DeadlineState.LATE, Note("late", f"完成时间“{reported.raw}”晚于时限“{target.raw}”")
    if actual.status is Achievement.MET or reported.raw in done_words:
        return DeadlineState.DONE, None
    if cut_off >= deadline:
        return DeadlineState.OVERDUE, Note("overdue", f"已到完成时限“{target.raw}”，未报告完成")
    return DeadlineState.PENDING, None


def pair(
    targets: Sequence[_T],
    actuals: Sequence[_A],
    name_of: Callable[[_T], str],
    code_of: Callable[[_T], str | None],
) -> tuple[dict[int, _A], list[_A]]:
    """Actuals matched to targets (by index) by code where both have one, else by name; and those left over."""
    by_code: dict[str, int] = {}
    by_name: dict[str, list[int]] = {}
    for n, target in enumerate(targets):
        if code := code_of(target):
            by_code.setdefault(code, n)
        by_name.setdefault(match_key(name_of(target)), []).append(n)
    matched: dict[int, _A] = {}
    lost = []
    for actual in actuals:
        code = actual.code if isinstance(actual, ActualRecord) else None
        candidates = [by_code[code]] if code and code in by_code else by_name.get(match_key(actual.name), [])
        fits = [
            n
            for n in candidates
            if n not in matched and code_of(targets[n]) in (None, code or code_of(targets[n]))
        ]
        if fits:
            matched[fits[0]] = actual
        else:
            lost.append(actual)
    return matched, lost


@dataclass(frozen=True, slots=True)
class Target:
    """What a project's or a department's targets share: a name, a code, its indicators (name, value) and,
    for projects, each indicator's 一级指标 (``None`` for a department's annual indicators)."""

    name: str
    code: str | None
    indicators: tuple[tuple[str, TargetValue], ...]
    levels: tuple[str | None, ...] = ()


def targets_of(document: Document) -> tuple[list[Target], list[Target]]:
    """The projects' and the departments' targets of a document, in its order."""
    projects = [
        Target(
            p.name,
            p.code,
            tuple((i.name, i.value) for i in p.indicators),
            tuple(i.level1.value for i in p.indicators),
        )
        for p in document.projects
    ]
    departments = [
        Target(d.name, d.code, tuple((i.name, i.value) for i in d.annual_indicators))
        for d in document.departments
    ]
    return projects, departments
