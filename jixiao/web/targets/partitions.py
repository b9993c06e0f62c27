"""The yearly partitions of ``targets_indicator`` on PostgreSQL (migration targets 0013): list them, add a year.

Each budget year's indicator rows sit in their own partition, ``targets_indicator_y2024``; a year without one
goes to ``targets_indicator_default``. Adding a year creates its partition and moves that year's rows out of
DEFAULT in one transaction, so no row is ever unreachable or counted twice. SQLite has no partitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

TABLE = "targets_indicator"
DEFAULT = f"{TABLE}_default"
YEARS = range(1900, 2201)  # what --add-year accepts: a budget year, not a typo


class PartitionError(Exception):
    """Why partitions cannot be listed or added here: ``中文 / English``, for the command line."""


@dataclass(frozen=True, slots=True)
class Partition:
    """One partition: its table, its year (``None`` for DEFAULT), its rows and its size on disk."""

    name: str
    year: int | None
    rows: int
    size: int  # bytes, indexes included


def partition_name(year: int) -> str:
    return f"{TABLE}_y{year}"


def _require_partitioned() -> None:
    if connection.vendor != "postgresql":
        raise PartitionError(
            f"指标表按年度分区只用于 PostgreSQL；当前数据库是 {connection.vendor}，指标表不分区 / "
            f"yearly partitions exist on PostgreSQL only; this database is {connection.vendor}"
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(%s)", [TABLE])
        if cursor.fetchone() is None:
            raise PartitionError(
                "指标表尚未分区：请先运行 jixiao manage migrate（迁移 targets 0013） / "
                "the indicator table is not partitioned yet: run jixiao manage migrate"
            )


def _year(bound: str) -> int | None:
    """The year of a partition bound ``FOR VALUES FROM (2024) TO (2025)``; ``None`` for DEFAULT."""
    found = re.fullmatch(r"FOR VALUES FROM \((\d+)\) TO \((\d+)\)", bound)
    return int(found.group(1)) if found else None


def _catalog(cursor: Any) -> list[tuple[str, int | None, int]]:
    """Each partition's table, year and size, from the catalog alone."""
    cursor.execute(
        "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid), pg_total_relation_size(c.oid) "
        "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = %s::regclass",
        [TABLE],
    )
    return [(name, _year(bound), size) for name, bound, size in cursor.fetchall()]


def partitions() -> list[Partition]:
    """Every partition of the indicator table, years in order and DEFAULT last, with exact row counts."""
    _require_partitioned()
    out = []
    with connection.cursor() as cursor:
        for name, year, size in _catalog(cursor):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")
            out.append(Partition(name, year, int(cursor.fetchone()[0]), size))
    return sorted(out, key=lambda p: (p.year is None, p.year or 0))


def add_year(year: int) -> int:
    """Create ``year``'s partition, moving its rows out of DEFAULT, in one transaction; the rows moved."""
    if year not in YEARS:
        raise PartitionError(
            f"年度 {year} 不在 {YEARS.start}–{YEARS.stop - 1} 之间 / year {year} is not a budget year"
        )
    _require_partitioned()
    name = partition_name(year)
    with transaction.atomic(), connection.cursor() as cursor:
        # Writers wait (readers do not) until the year's rows have moved: a row of the year written to
        # DEFAULT meanwhile would make the attach fail.
        cursor.execute(f"LOCK TABLE {TABLE} IN SHARE ROW EXCLUSIVE MODE")
        if any(y == year for _, y, _ in _catalog(cursor)):
            raise PartitionError(f"{year} 年度的分区已存在 / the partition for {year} exists")
        # DEFAULT may not hold rows of a range being attached: the partition is built apart, the year's rows
        # moved into it, then attached (which gives it the table's indexes and foreign key).
        cursor.execute(f"CREATE TABLE {name} (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
        cursor.execute(
            f"WITH moved AS (DELETE FROM {DEFAULT} WHERE year = %s RETURNING *) "
            f"INSERT INTO {name} SELECT * FROM moved",
            [year],
        )
        moved = cursor.rowcount
        cursor.execute(
            f"ALTER TABLE {TABLE} ATTACH PARTITION {name} FOR VALUES FROM ({year}) TO ({year + 1})"
        )
        cursor.execute(f"ANALYZE {name}, {DEFAULT}")  # the planner's figures; autovacuum frees the space
    return int(moved)
