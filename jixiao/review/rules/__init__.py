"""The rule modules, one per family; importing this package registers every rule."""

from jixiao.review.rules import (
    amount_unit,
    basis,
    category,
    comparison,
    completeness,
    consistency,
    department_values,
    effects,
    form_fields,
    money,
    plan_text,
    printed_totals,
    stale,
    units,
    values,
)

__all__ = [
    "amount_unit",
    "basis",
    "category",
    "comparison",
    "completeness",
    "consistency",
    "department_values",
    "effects",
    "form_fields",
    "money",
    "plan_text",
    "printed_totals",
    "stale",
    "units",
    "values",
]
