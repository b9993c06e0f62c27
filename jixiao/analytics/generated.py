"""A generated year written straight to Parquet, by one process or several (``jixiao generate --jobs``).

Regions are independent (each has its own random stream), so process k of n writes the regions whose number
is k modulo n into its own ``part-k.parquet`` of each table; project ids are ranged by region
(:data:`IDS_PER_REGION`), so the rows are the same whatever the number of processes.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from jixiao.analytics.export import ParquetExport
from jixiao.generate import load_stats, plan_regions
from jixiao.generate.year import generate_region

IDS_PER_REGION = 100_000  # more projects than any region has (departments × projects per department)


def _write_part(
    projects: int, seed: int, year: int, out: Path, part: int, jobs: int, findings: bool
) -> dict[str, int]:
    stats = load_stats()
    with ParquetExport(out, findings=findings, part=part) as sink:
        for number, sizes in plan_regions(stats, projects, seed, year):
            if number % jobs == part:
                r = generate_region(stats, seed, year, number, sizes)
                sink.add(
                    r.targets,
                    region=r.name,
                    monitoring=r.monitoring,
                    selfeval=r.selfeval,
                    first_id=number * IDS_PER_REGION + 1,
                    judged=r.judged,
                    scored=r.scored,
                )
    return dict(sink.counts)


def write_year(
    out: Path, projects: int, seed: int, year: int, *, jobs: int = 1, findings: bool = False
) -> dict[str, int]:
    """Generate and export a year; the number of rows of each table."""
    if jobs <= 1:
        return _write_part(projects, seed, year, out, 0, 1, findings)
    total: Counter[str] = Counter()
    with ProcessPoolExecutor(jobs) as pool:
        parts = [pool.submit(_write_part, projects, seed, year, out, k, jobs, findings) for k in range(jobs)]
        for part in parts:
            total.update(part.result())
    return dict(total)
