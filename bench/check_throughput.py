"""Throughput of ``jixiao check`` and ``jixiao evaluate`` over generated years (issue 18 §4).

    .venv/bin/python bench/check_throughput.py [--sizes 1000,10000,50000] [--jobs 1,2] [--what check,evaluate]

For each size, ``jixiao generate --format json`` writes a year (kept in $TMPDIR/jixiao-bench-year-N for the
next run); ``check`` reviews its region files, ``evaluate`` scores the whole year as one document against its
year-end actuals (the regions merged, names prefixed by region so they stay distinct, a cause given wherever
points may be lost, and the rare record the scorer refuses left out, so the scores are written). Each run is the real command in a child
process; printed: projects/s, wall time, CPU seconds of all its processes, and the peak resident memory of all
its processes together (sampled from /proc every 0.1 s).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JIXIAO = [sys.executable, "-m", "jixiao.cli"]


def year_folder(size: int) -> Path:
    folder = Path(tempfile.gettempdir()) / f"jixiao-bench-year-{size}"
    if not (folder / "done").exists():
        subprocess.run(
            [*JIXIAO, "generate", "--format", "json", "--projects", str(size), "-o", str(folder)], check=True
        )
        (folder / "done").touch()
    return folder


def merged_year(folder: Path) -> tuple[Path, Path]:
    """One targets document and one actuals file for the whole year, written once."""
    targets, actuals = folder / "year-targets.json", folder / "year-selfeval.json"
    if targets.exists() and actuals.exists():
        return targets, actuals
    from jixiao.domain import from_json, to_json
    from jixiao.domain.actuals import Cause
    from jixiao.ingest.actuals import actuals_to_json, read_actuals

    documents, reports = [], []
    for path in sorted((folder / "targets").glob("*.json")):
        prefix = path.stem
        doc = from_json(json.loads(path.read_text("utf-8")))
        documents.append(
            dataclasses.replace(
                doc,
                projects=tuple(
                    dataclasses.replace(p, name=f"{prefix}{p.name}", code=None) for p in doc.projects
                ),
                departments=tuple(dataclasses.replace(d, name=f"{prefix}{d.name}") for d in doc.departments),
            )
        )
        given = read_actuals((folder / "selfeval" / path.name).read_bytes())

        def renamed(r, prefix=prefix):  # type: ignore[no-untyped-def]
            causes = tuple(
                dataclasses.replace(i, causes=(Cause.OTHER,), cause_note="模拟") for i in r.indicators
            )
            return dataclasses.replace(r, name=f"{prefix}{r.name}", code=None, indicators=causes)

        reports.append(
            dataclasses.replace(
                given,
                projects=tuple(map(renamed, given.projects)),
                departments=tuple(map(renamed, given.departments)),
            )
        )
    whole = dataclasses.replace(
        documents[0],
        projects=tuple(p for d in documents for p in d.projects),
        departments=tuple(x for d in documents for x in d.departments),
    )
    both = dataclasses.replace(
        reports[0],
        projects=tuple(p for r in reports for p in r.projects),
        departments=tuple(x for r in reports for x in r.departments),
    )
    # The few generated records the scorer refuses (a qualitative score rounded just outside its range) are
    # left out, so the command scores and writes rather than asking for corrections.
    from jixiao.evaluate.selfeval import evaluate

    refused = {r.name for r in evaluate(whole, both).records if r.errors}
    both = dataclasses.replace(
        both,
        projects=tuple(p for p in both.projects if p.name not in refused),
        departments=tuple(d for d in both.departments if d.name not in refused),
    )
    print(f"{len(refused)} generated records left out of the actuals (refused by the scorer)")
    targets.write_text(json.dumps(to_json(whole), ensure_ascii=False), "utf-8")
    actuals.write_text(json.dumps(actuals_to_json(both), ensure_ascii=False), "utf-8")
    return targets, actuals


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc (workers of a forkserver are its grandchildren)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += parents.get(pid, [])
    return found


def _sample(pid: int) -> tuple[float, int] | None:
    """CPU seconds so far and resident MB of one process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        rss_pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks, rss_pages * os.sysconf("SC_PAGE_SIZE") // 2**20


def run(args: list[str]) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds of every process, peak resident MB of all processes together, exit code.
    The process tree is sampled every 0.1 s (CPU as last seen per process, so a lower bound)."""
    started = time.perf_counter()
    child = subprocess.Popen([*JIXIAO, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cpu: dict[int, float] = {}
    peak = 0
    while child.poll() is None:
        total = 0
        for pid in _tree(child.pid):
            if (seen := _sample(pid)) is not None:
                cpu[pid], rss = seen
                total += rss
        peak = max(peak, total)
        time.sleep(0.1)
    return time.perf_counter() - started, sum(cpu.values()), peak, child.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--jobs", default=f"1,{len(os.sched_getaffinity(0))}")
    parser.add_argument("--what", default="check,evaluate")
    options = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"cores {len(os.sched_getaffinity(0))}, load average {load:.1f} at start")
    print(
        f"{'command':9} {'projects':>9} {'jobs':>4} {'wall s':>8} {'cpu s':>8} {'projects/s':>11} {'peak MB':>8}"
    )
    for size in map(int, options.sizes.split(",")):
        folder = year_folder(size)
        files = sorted(str(p) for p in (folder / "targets").glob("*.json"))
        for what in options.what.split(","):
            for jobs in options.jobs.split(","):
                if what == "check":
                    args = ["check", *files, "--format", "json", "-o", str(folder / f"check-{jobs}.json")]
                else:
                    targets, actuals = merged_year(folder)
                    args = ["evaluate", str(targets), str(actuals), "--format", "json"]
                wall, cpu, rss, rc = run([*args, "--jobs", jobs])
                assert rc in (0, 1), f"{what} exited {rc}"
                print(
                    f"{what:9} {size:>9} {jobs:>4} {wall:>8.1f} {cpu:>8.1f} {size / wall:>11.0f} {rss:>8.0f}"
                )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
