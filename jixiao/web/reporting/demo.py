"""The demo's reporting rounds filled alike for both kinds (made-up reports, NOT real data): each record is
left at a stage drawn by weight, and the demo unit editor's department takes its first project records —
one left to fill, the next waiting for the department. Each kind says how a record is filled and sent."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

Weighted = tuple[tuple[str, int], ...]


def pick(rng: random.Random, weighted: Weighted) -> str:
    """One of the weighted names (``(("empty", 12), ("filled", 10), …)``), drawn by its weight."""
    return rng.choices([w for w, _ in weighted], weights=[n for _, n in weighted])[0]


def fill_round(
    rng: random.Random,
    records: list[Any],
    stages: Weighted,
    fill: Callable[[random.Random, Any, Decimal | None], None],
    send: Callable[[Any, str], None],
    home_unit: Any = None,
    home_records: int | None = None,
) -> None:
    """Fill and send each of ``records`` as the stage drawn for it says (``empty``: neither), and save it.

    ``fill`` takes, for a department's own record, the department's budget (the sum of its records'
    年初预算数); ``home_unit`` takes its department's project records (the first ``home_records`` of them)."""
    budgets: dict[int, Decimal] = {}
    for r in records:
        if r.planned:
            budgets[r.department_id] = budgets.get(r.department_id, Decimal(0)) + r.planned
    home = [r for r in records if home_unit and r.department_id == home_unit.department_id and r.project_id]
    home = home[:home_records]
    for record in records:
        stage = pick(rng, stages)
        if record in home:
            record.unit = home_unit
            stage = "empty" if record is home[0] else "department"
        if stage != "empty":
            fill(rng, record, budgets.get(record.department_id) if record.owner_department_id else None)
            send(record, stage)
        record.save()
