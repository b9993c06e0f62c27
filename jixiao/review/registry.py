"""Rules as data: each rule is a record (id, texts, criterion, basis, severity, scope, parameters) plus a
pure predicate over domain objects.

A rule module declares its rules with :func:`rule`; the engine finds them in :data:`RULES`. The predicate
yields :class:`Hit` objects (what was seen, where); the engine turns hits into findings by filling the rule's
message and suggestion templates with the hit's facts. Keeping texts out of predicates lets a profile or a
translation change wording without touching logic, and keeps every message the same shape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar, cast

from jixiao.domain import Department, DepartmentIndicator, Document, Framework, Indicator
from jixiao.domain.reference import ValueReference
from jixiao.review.findings import Criterion, Family, Severity

ParamValue = float | int | str | bool | list[str]
T = TypeVar("T")


class Scope(StrEnum):
    """What a predicate is called with."""

    DOCUMENT = "document"
    PROJECT = "project"
    DEPARTMENT = "department"


STRATEGIC_TABLE, ANNUAL_TABLE = "战略目标表", "年度目标表"


def department_tables(dept: Department) -> tuple[tuple[str, tuple[DepartmentIndicator, ...]], ...]:
    """A department's two tables by name, strategic first: how findings and pages name a row's table."""
    return ((STRATEGIC_TABLE, dept.strategic_indicators), (ANNUAL_TABLE, dept.annual_indicators))


@dataclass(frozen=True, slots=True)
class Hit:
    """One place where a rule's condition holds.

    ``facts`` fill the ``{name}`` slots of the rule's message and suggestion; ``evidence`` lists the compared
    values as (label, value) pairs in Chinese, in the order a reviewer reads them. A hit on a department's
    row names it as ``department_row``; the engine finds its table and position.
    """

    facts: Mapping[str, Any] = field(default_factory=dict)
    evidence: tuple[tuple[str, str], ...] = ()
    indicator: Indicator | None = None
    indicator_name: str | None = None
    line: int | None = None
    related_lines: tuple[int, ...] = ()
    department_row: DepartmentIndicator | None = None


@dataclass(frozen=True)
class RuleContext:
    """What a predicate may look at besides its subject: the document, its year, the rule's parameters and,
    when the caller has some, reference data to compare targets with (the indicator library).

    ``shared`` is one per document review, the same for every rule: what a rule works out over the whole
    document (projects grouped by their outputs, by their goals) is worked out once there, through
    :meth:`once`, not once per project the rule looks at."""

    document: Document
    params: Mapping[str, ParamValue]
    reference: ValueReference | None = None
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def year(self) -> int | None:
        return self.document.year

    def number(self, name: str) -> float:
        value = self.params[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"rule parameter {name!r} must be a number, got {value!r}")
        return float(value)

    def once(self, key: str, work: Callable[[Document], T]) -> T:
        """``work(document)``, done on the first call with ``key`` in this document's review and kept for the
        rest of it (``key`` names the work: a rule module's name and what it works out)."""
        if key not in self.shared:
            self.shared[key] = work(self.document)
        return cast(T, self.shared[key])

    def words(self, name: str) -> tuple[str, ...]:
        value = self.params[name]
        if not isinstance(value, list):
            raise TypeError(f"rule parameter {name!r} must be a list of strings, got {value!r}")
        return tuple(str(v) for v in value)


Predicate = Callable[[Any, RuleContext], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A review rule: its identity, texts and defaults, and the predicate that implements it."""

    id: str
    title: str
    message: str
    suggestion: str
    family: Family
    criterion: Criterion
    severity: Severity
    basis: str
    scope: Scope
    predicate: Predicate
    params: Mapping[str, ParamValue] = field(default_factory=dict)
    frameworks: frozenset[Framework] = frozenset(Framework)
    since: int | None = None  # first budget year the rule applies to
    until: int | None = None  # last budget year the rule applies to

    def applies_to_year(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)


RULES: dict[str, Rule] = {}


def rule(
    *,
    id: str,
    title: str,
    message: str,
    suggestion: str,
    family: Family,
    criterion: Criterion,
    severity: Severity,
    basis: str,
    scope: Scope,
    params: Mapping[str, ParamValue] | None = None,
    frameworks: Iterable[Framework] | None = None,
    since: int | None = None,
    until: int | None = None,
) -> Callable[[Predicate], Predicate]:
    """Register the decorated predicate as a rule; ids are unique and stable across versions."""

    def register(predicate: Predicate) -> Predicate:
        if id in RULES:
            raise ValueError(f"duplicate rule id {id}")
        RULES[id] = Rule(
            id=id,
            title=title,
            message=message,
            suggestion=suggestion,
            family=family,
            criterion=criterion,
            severity=severity,
            basis=basis,
            scope=scope,
            predicate=predicate,
            params=dict(params or {}),
            frameworks=frozenset(frameworks) if frameworks is not None else frozenset(Framework),
            since=since,
            until=until,
        )
        return predicate

    return register


def all_rules() -> dict[str, Rule]:
    """Every registered rule, loading the rule modules on first use."""
    import jixiao.review.rules  # noqa: F401  (registers the rules)

    return RULES
