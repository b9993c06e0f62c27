"""Time every named analysis on DuckDB and on Spark (``local[2]``) over one generated year.

    .venv/bin/python bench/analytics.py [--projects N] [--data DIR] [--engines duckdb spark]

Generates N projects (default 50,000; ``--jobs 2``) into a temporary folder unless ``--data`` names a
Parquet export, then runs each engine in its own process: start-up (for Spark, the JVM and session), each
analysis, the total, and whether both engines returned equal rows (every value; floats to 1e-9 relative). Figures: docs/scale.md.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def one(engine_name: str, data: Path) -> dict[str, object]:
    from jixiao.analytics.engines import engine
    from jixiao.analytics.queries import QUERIES

    started = time.perf_counter()
    times: dict[str, float] = {}
    rows: dict[str, list[list[object]]] = {}
    with engine(engine_name, data) as e:
        times["start"] = time.perf_counter() - started
        for name, query in QUERIES.items():
            t = time.perf_counter()
            rows[name] = [list(row) for row in e.run(query).rows]
            times[name] = time.perf_counter() - t
    times["total"] = time.perf_counter() - started
    return {"times": times, "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=50_000)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--engines", nargs="+", default=["duckdb", "spark"])
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.data)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data
        if data is None:
            from jixiao.analytics.generated import write_year

            data = Path(tmp)
            t = time.perf_counter()
            counts = write_year(data, args.projects, seed=1, year=2024, jobs=2)
            print(
                f"generated {args.projects} projects ({counts['indicators']} indicators) in {time.perf_counter() - t:.1f} s"
            )
        results = {}
        for name in args.engines:
            cmd = [sys.executable, __file__, "--one", name, "--data", str(data)]
            results[name] = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    steps = list(next(iter(results.values()))["times"])
    print(f"{'seconds':<20}" + "".join(f"{n:>10}" for n in results))
    for step in steps:
        print(f"{step:<20}" + "".join(f"{r['times'][step]:>10.2f}" for r in results.values()))
    first, *others = results.values()
    print("rows per analysis:", {name: len(rows) for name, rows in first["rows"].items()})
    for name, rows in first["rows"].items():
        differing = sum(len(rows) != len(other["rows"][name]) for other in others)
        for other in others:
            differing += sum(
                not all(map(_same, a, b)) for a, b in zip(rows, other["rows"][name], strict=False)
            )
        print(
            f"{name}: {'every value equal on every engine' if not differing else f'{differing} rows DIFFER'}"
        )


def _same(a: object, b: object) -> bool:
    """Equal, floats to 1e-9 relative (the engines sum in different orders)."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


if __name__ == "__main__":
    main()
