"""Time and peak memory to generate a year straight to Parquet (``jixiao generate``), at each size.

    .venv/bin/python bench/generate.py [--jobs J] [SIZE ...]        (default sizes: 1000 50000)

Each size runs in its own process (so one size's peak does not hide another's): wall time, CPU time
(user + system of the process and its workers: on a shared machine the steadier figure), projects/s,
indicator rows/s and the peak resident memory of the largest process. Memory should stay flat as the size
grows: the generator holds one region and the export one row batch per table. Figures: docs/scale.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def one(size: int, jobs: int, out: Path) -> dict[str, float]:
    from jixiao.analytics.generated import write_year

    started, cpu = time.perf_counter(), time.process_time()
    counts = write_year(out, size, seed=1, year=2024, jobs=jobs)
    wall = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "projects": size,
        "indicators": counts["indicators"],
        "rows": sum(counts.values()),
        "wall": wall,
        "cpu": time.process_time() - cpu + children.ru_utime + children.ru_stime,
        "peak_mb": max(own.ru_maxrss, children.ru_maxrss) / 1024,
        "bytes": sum(f.stat().st_size for f in out.rglob("*.parquet")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 50_000])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.jobs, args.out)))
        return
    print(f"jixiao generate → Parquet, --jobs {args.jobs}")
    print(
        f"{'projects':>9} {'wall s':>8} {'CPU s':>8} {'projects/s':>10} {'ind. rows/s':>11} {'rows':>10} {'peak MB':>8} {'MB on disk':>10}"
    )
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, __file__, "--one", str(size), "--jobs", str(args.jobs), "--out", tmp]
            r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        print(
            f"{size:>9} {r['wall']:>8.1f} {r['cpu']:>8.1f} {size / r['wall']:>10.0f} {r['indicators'] / r['wall']:>11.0f} "
            f"{r['rows']:>10} {r['peak_mb']:>8.0f} {r['bytes'] / 1e6:>10.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
