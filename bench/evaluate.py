"""Self-evaluation at provincial scale: ``jixiao evaluate`` over generated targets and year-end actuals.

Run:  .venv/bin/python bench/evaluate.py [--projects 50000] [--seed 12] [--keep DIR]

The targets and actuals are monitoring's bench data (``bench/monitor.py``'s seeded generator: six indicators a
project — a count, a rate, a cost ceiling, a satisfaction level, a deadline and a qualitative one) as of
December, with a cause on every indicator and an entered score on the qualitative one. The command's entry
function (:func:`jixiao.cli.evaluate.run_evaluate`, JSON in, JSON out) runs in a fresh interpreter, as does
the generator (Linux carries a parent's peak memory into its children). Issue 13 aims at under 30 s on one core.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from monitor import _INDICATORS, generate  # bench/monitor.py: the same generated province

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from jixiao.cli.evaluate import run_evaluate
targets, actuals, output = map(Path, sys.argv[1:4])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
code = run_evaluate(targets, actuals, "json", None, None, output)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss,
                  "growth_kb": usage.ru_maxrss - before, "exit": code}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument(
        "--keep", type=Path, help="write the generated files here instead of a temporary folder"
    )
    parser.add_argument("--generate-into", type=Path, help=argparse.SUPPRESS)  # the generator's own process
    args = parser.parse_args()
    if args.generate_into:
        generate(args.generate_into, args.projects, args.seed, month=12)
        return
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        generator = [sys.executable, __file__, "--projects", str(args.projects), "--seed", str(args.seed)]
        subprocess.run([*generator, "--generate-into", str(folder)], check=True)
        generated = time.perf_counter() - started
        targets, actuals, output = folder / "targets.json", folder / "actuals.json", folder / "evaluate.json"
        child = [sys.executable, "-c", _CHILD, str(targets), str(actuals), str(output)]
        finished = subprocess.run(child, capture_output=True, text=True)
        if finished.returncode != 0:
            sys.exit(f"jixiao evaluate failed ({finished.returncode}):\n{finished.stderr[-2000:]}")
        run = json.loads(finished.stdout)
        summary = json.loads(output.read_text("utf-8"))["summary"]["projects"]
        mb = (targets.stat().st_size + actuals.stat().st_size) / 1e6
        indicators = args.projects * len(_INDICATORS)
        print(
            f"generated {args.projects:,} projects ({indicators:,} indicators, {mb:.0f} MB JSON) in {generated:.1f} s"
        )
        print(
            f"jixiao evaluate (JSON in, JSON out): {run['seconds']:.1f} s ({run['cpu']:.1f} s CPU), "
            f"{args.projects / run['seconds']:,.0f} projects/s; peak memory {run['peak_kb'] / 1024:.0f} MB "
            f"(+{run['growth_kb'] / 1024:.0f} MB over the imported interpreter); exit {run['exit']}"
        )
        print("projects by grade:", summary["grades"], "red", summary["red"], "yellow", summary["yellow"])


if __name__ == "__main__":
    main()
