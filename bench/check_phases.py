"""Where ``jixiao check``'s and ``jixiao evaluate``'s CPU goes, step by step, in one process (issue 18 §4).

    .venv/bin/python bench/check_phases.py [--projects 10000] [--evaluate]

Uses the year bench/check_throughput.py generates ($TMPDIR/jixiao-bench-year-N, made if missing). Prints the
CPU seconds (this process, best of ``--runs``) of reading the region files, reviewing them, and rendering
the reviews as JSON and as text — each once per document, as a worker does — and per project; with
``--evaluate``, of evaluate's steps over the whole year merged into one document: reading the targets and
the actuals, scoring, writing the JSON.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    from check_throughput import merged_year, year_folder

    from jixiao.cli.export import read_inputs
    from jixiao.review import check_document, load_profile
    from jixiao.review.report.stream import render_part

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--evaluate", action="store_true")
    options = parser.parse_args()
    folder = year_folder(options.projects)
    if options.evaluate:
        show(evaluate_phases(*merged_year(folder)), options.projects, options.runs)
        return
    files = sorted((folder / "targets").glob("*.json"))
    profile = load_profile()
    documents = [d for f in files for d in read_inputs(f)]
    reports = [check_document(d, profile) for d in documents]
    projects = sum(len(d.projects) for d in documents)
    phases = {
        "read": lambda: [read_inputs(f) for f in files],
        "review": lambda: [check_document(d, profile) for d in documents],
        "render json": lambda: [render_part(r, "json") for r in reports],
        "render text": lambda: [render_part(r, "text") for r in reports],
    }
    print(f"{len(documents)} documents")
    show(phases, projects, options.runs)


def evaluate_phases(targets: Path, actuals: Path) -> dict[str, Callable[[], object]]:
    from jixiao.cli.export import read_input
    from jixiao.evaluate.selfeval import evaluate
    from jixiao.ingest.actuals import read_actuals

    document, given = read_input(targets), read_actuals(actuals.read_bytes())
    result = evaluate(document, given)
    return {
        "read targets": lambda: read_input(targets),
        "read actuals": lambda: read_actuals(actuals.read_bytes()),
        "score": lambda: evaluate(document, given),
        "write json": result.dumps,
    }


def show(phases: dict[str, Callable[[], object]], projects: int, runs: int) -> None:
    print(f"{projects} projects; load average {os.getloadavg()[0]:.1f}")
    print(f"{'phase':12} {'cpu s':>7} {'ms/project':>11}")
    for name, work in phases.items():
        seconds = best(work, runs)
        print(f"{name:12} {seconds:>7.2f} {1000 * seconds / projects:>11.3f}")


if __name__ == "__main__":
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    main()
