"""The text reader on growing pathological inputs: table lines whose cells are long runs of operators and
numbers (``≥1≤2＞3＜4=5%…``), the shape issue 17 found quadratic. Prints seconds per size and per 1,000
lines (or per 100 kB of cell); a flat last column is linear.

    .venv/bin/python bench/text_reader.py [MAX_LINES]      (default 1600)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

from jixiao.ingest import ReadError, read_document  # noqa: E402

HEAD = "2022年项目支出绩效目标表\n项目名称\t路灯维护\n一级指标\t二级指标\t三级指标\t指标值\n"
SHAPES = {
    "indicator rows": lambda i, cell: f"产出指标\t数量指标\t指标{i}\t{cell}\n",
    "continuation lines": lambda i, cell: f"\t\t\t{cell}\n",
    "rows outside tables": lambda i, cell: f"{i}\t{cell}\t{cell}\n",
}


def seconds(text: str) -> float:
    started = time.perf_counter()
    with contextlib.suppress(ReadError):
        read_document(text.encode(), "bench.txt")
    return time.perf_counter() - started


def main() -> None:
    most = int(sys.argv[1]) if len(sys.argv) > 1 else 1600
    cell = "≥1≤2＞3＜4=5%" * 40
    seconds(HEAD + SHAPES["indicator rows"](0, cell))  # the readers' imports and vocabulary, once
    for shape, line in SHAPES.items():
        print(f"{shape} (cell of {len(cell)} characters)")
        n = 100
        while n <= most:
            s = seconds(HEAD + "".join(line(i, cell) for i in range(n)))
            print(f"  {n:6d} lines  {s:7.2f} s  {s / n * 1000:6.2f} s per 1,000 lines")
            n *= 2
    print("one cell growing (50 lines)")
    for reps in (100, 400, 1600, 6400):
        long_cell = "≥1≤2＞3＜4=5%" * reps
        s = seconds(HEAD + "".join(SHAPES["indicator rows"](i, long_cell) for i in range(50)))
        kb = len(long_cell.encode()) * 50 / 1024
        print(f"  cell {len(long_cell):7d} chars  {s:7.2f} s  {s / kb * 100:6.3f} s per 100 kB")


if __name__ == "__main__":
    main()
