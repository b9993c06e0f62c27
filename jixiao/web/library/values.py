"""A cluster's targets one by one, with where and when they were set: the researchers' table, chart and CSV."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from jixiao.library import Library
from jixiao.library.stats import quantile, unit_of


@dataclass(frozen=True, slots=True)
class Target:
    """One target of a cluster: the indicator as filed, its value, and the project or duty it belongs to."""

    region: str
    year: int | None
    department: str
    filed_under: str  # the project's name, or the department's for a duty
    kind: str  # 项目 or 部门职责
    name: str
    level1: str
    level2: str
    value: str
    number: float | None
    unit: str


def targets_of(library: Library, key: str) -> list[Target]:
    """Every target of cluster ``key``, by region, year and name."""
    out = []
    for row in library.cluster_rows(key):
        entry = library.entries[row.entry]
        unit = unit_of(row.value)
        out.append(
            Target(
                region=entry.region or "",
                year=entry.year,
                department=entry.department or "",
                filed_under=entry.name,
                kind="项目" if entry.kind == "project" else "部门职责",
                name=row.name,
                level1=row.level1 or "",
                level2=row.level2 or "",
                value=row.value.raw,
                number=row.value.number if unit else None,
                unit="" if unit in (None, "-") else unit,
            )
        )
    return sorted(out, key=lambda t: (t.region, t.year or 0, t.filed_under, t.name))


@dataclass(frozen=True, slots=True)
class Cell:
    """The numeric targets of one region in one year, in the cluster's commonest unit."""

    region: str
    year: int
    count: int
    median: float
    low: float
    high: float


def commonest_unit(targets: list[Target]) -> str | None:
    counts: dict[str, int] = defaultdict(int)
    for t in targets:
        if t.number is not None:
            counts[t.unit] += 1
    return min(counts, key=lambda u: (-counts[u], u)) if counts else None


def by_region_and_year(targets: list[Target], unit: str | None) -> list[Cell]:
    """Median and range per region and year of the targets in ``unit`` (the table beside the chart)."""
    groups: dict[tuple[str, int], list[float]] = defaultdict(list)
    for t in targets:
        if t.number is not None and t.unit == unit and t.year:
            groups[(t.region, t.year)].append(t.number)
    return [
        Cell(region, year, len(v), quantile(sorted(v), 0.5), min(v), max(v))
        for (region, year), v in sorted(groups.items())
    ]
