"""What the provincial-scale benchmarks of monitoring (``bench/monitor.py``) and self-evaluation
(``bench/evaluate.py``) share: generating the province in an interpreter of its own, running a command's entry
function (JSON in, JSON out) in a fresh one, and printing time and peak memory.

Both steps run in fresh interpreters because Linux carries a parent's peak memory (ru_maxrss) into its
children: the run's peak would otherwise be the generator's.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_CHILD = r"""
import importlib, json, resource, sys, time
from pathlib import Path
module, function = sys.argv[1].split(":")
run = getattr(importlib.import_module(module), function)
targets, actuals, output = map(Path, sys.argv[2:5])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
code = run(targets, actuals, "json", None, None, output)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss,
                  "growth_kb": usage.ru_maxrss - before, "exit": code}))
"""


def run_entry(entry: str, targets: Path, actuals: Path, output: Path) -> dict[str, Any]:
    """Time ``entry`` (``module:function``, called as ``function(targets, actuals, "json", None, None, output)``)
    in a fresh interpreter: seconds, CPU seconds, peak and growth of memory (KB), exit code."""
    child = [sys.executable, "-c", _CHILD, entry, str(targets), str(actuals), str(output)]
    finished = subprocess.run(child, capture_output=True, text=True)
    if finished.returncode != 0:
        sys.exit(f"{entry} failed ({finished.returncode}):\n{finished.stderr[-2000:]}")
    return json.loads(finished.stdout)  # type: ignore[no-any-return]


def main(
    doc: str,
    script: str,
    generate: Callable[[Path, int, int], object],
    indicators: int,
    entry: str,
    command: str,
    report: Callable[[dict[str, Any]], str],
) -> None:
    """The benchmark's command line: ``--projects``, ``--seed``, ``--keep DIR``; generate with ``generate(folder,
    projects, seed)`` (run as ``script --generate-into``), time ``entry``, print ``report(result JSON)`` last."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument(
        "--keep", type=Path, help="write the generated files here instead of a temporary folder"
    )
    parser.add_argument("--generate-into", type=Path, help=argparse.SUPPRESS)  # the generator's own process
    args = parser.parse_args()
    if args.generate_into:
        generate(args.generate_into, args.projects, args.seed)
        return
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        generator = [sys.executable, script, "--projects", str(args.projects), "--seed", str(args.seed)]
        subprocess.run([*generator, "--generate-into", str(folder)], check=True)
        generated = time.perf_counter() - started
        targets, actuals, output = folder / "targets.json", folder / "actuals.json", folder / "result.json"
        run = run_entry(entry, targets, actuals, output)
        mb = (targets.stat().st_size + actuals.stat().st_size) / 1e6
        print(
            f"generated {args.projects:,} projects ({args.projects * indicators:,} indicators, {mb:.0f} MB JSON)"
            f" in {generated:.1f} s"
        )
        print(
            f"{command} (JSON in, JSON out): {run['seconds']:.1f} s ({run['cpu']:.1f} s CPU), "
            f"{args.projects / run['seconds']:,.0f} projects/s; peak memory {run['peak_kb'] / 1024:.0f} MB "
            f"(+{run['growth_kb'] / 1024:.0f} MB over the imported interpreter); exit {run['exit']}"
        )
        print(report(json.loads(output.read_text("utf-8"))))
