"""A generated year written by several processes is the same year as one process writes."""

from __future__ import annotations

import pyarrow.parquet as pq

from jixiao.analytics.generated import IDS_PER_REGION, write_year
from jixiao.analytics.schema import TABLES


def _rows(root, table):
    rows = pq.read_table(root / table).to_pylist()
    return sorted(rows, key=lambda r: tuple("" if v is None else str(v) for v in r.values()))


def test_two_processes_write_the_rows_one_process_writes(tmp_path) -> None:
    one = write_year(tmp_path / "one", 120, seed=4, year=2024)
    two = write_year(tmp_path / "two", 120, seed=4, year=2024, jobs=2)
    assert one.pop("clusters") <= two.pop("clusters")  # a name in both parts has a row in each
    assert one == two and one["projects"] == 120
    assert sorted(p.name for p in (tmp_path / "two" / "projects").iterdir()) == [
        "part-0.parquet",
        "part-1.parquet",
    ]
    for table in TABLES:
        if table != "clusters":  # each part counts its own names
            assert _rows(tmp_path / "one", table) == _rows(tmp_path / "two", table), table


def test_project_ids_are_ranged_by_region(tmp_path) -> None:
    write_year(tmp_path, 120, seed=4, year=2024)
    projects = pq.read_table(tmp_path / "projects").to_pylist()
    regions = {}
    for p in projects:
        regions.setdefault(p["region"], set()).add((p["project_id"] - 1) // IDS_PER_REGION)
    assert all(len(numbers) == 1 for numbers in regions.values())
    assert len({p["project_id"] for p in projects}) == len(projects)
