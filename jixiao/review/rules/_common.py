"""Small helpers shared by rule modules: building hits and printing values as evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from jixiao.domain import Department, DepartmentIndicator, Indicator, TargetValue
from jixiao.domain.values import format_number
from jixiao.review.lexicon import is_meaningful_name
from jixiao.review.registry import Hit, department_tables


def shown(value: TargetValue) -> str:
    """A value as printed in the source, or 空 for a blank cell."""
    return value.raw or "（空）"


def wan(amount: float) -> str:
    """An amount of 万元 for a message: at most four decimals, no trailing zeros."""
    return format_number(round(amount, 4)) + "万元"


def indicator_hit(ind: Indicator, *extra: tuple[str, str], **facts: Any) -> Hit:
    """A hit on one indicator, with its name, category and value as the first evidence."""
    evidence = (
        ("指标", ind.name),
        ("类别", f"{ind.level1.value} / {ind.level2.value}"),
        ("指标值", shown(ind.value)),
        *extra,
    )
    facts.setdefault("name", ind.name)
    facts.setdefault("value", shown(ind.value))
    facts.setdefault("level2", ind.level2.value)
    return Hit(facts=facts, evidence=evidence, indicator=ind, line=ind.line)


def department_rows(dept: Department) -> Iterator[tuple[str, DepartmentIndicator]]:
    """A department's rows that name an indicator, with their table (战略目标表 first)."""
    for table, rows in department_tables(dept):
        for row in rows:
            if is_meaningful_name(row.name):
                yield table, row


def row_hit(table: str, row: DepartmentIndicator, *extra: tuple[str, str], **facts: Any) -> Hit:
    """A hit on one department row, with its table, name and value as the first evidence."""
    facts.setdefault("name", row.name)
    facts.setdefault("value", shown(row.value))
    evidence = (("表", table), ("指标", row.name), ("年度指标值", shown(row.value)), *extra)
    return Hit(facts=facts, evidence=evidence, indicator_name=row.name, line=row.line, department_row=row)


def rows_where(dept: Department, test: Callable[[DepartmentIndicator], bool], **facts: Any) -> Iterator[Hit]:
    """A hit on each row of a department that names an indicator and passes ``test``."""
    for table, row in department_rows(dept):
        if test(row):
            yield row_hit(table, row, **facts)
