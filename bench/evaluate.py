"""Self-evaluation at provincial scale: ``jixiao evaluate`` over generated targets and year-end actuals.

Run:  .venv/bin/python bench/evaluate.py [--projects 50000] [--seed 12] [--keep DIR]

The targets and actuals are monitoring's bench data (``bench/monitor.py``'s seeded generator: six indicators a
project — a count, a rate, a cost ceiling, a satisfaction level, a deadline and a qualitative one) as of
December, with a cause on every indicator and an entered score on the qualitative one. The command's entry
function (:func:`jixiao.cli.evaluate.run_evaluate`, JSON in, JSON out) runs in a fresh interpreter, as does
the generator (Linux carries a parent's peak memory into its children). Issue 13 aims at under 30 s on one core.
"""

from __future__ import annotations

from typing import Any

import provincial  # bench/provincial.py: what this benchmark and bench/monitor.py share
from monitor import _INDICATORS, generate  # bench/monitor.py: the same generated province


def _report(result: dict[str, Any]) -> str:
    summary = result["summary"]["projects"]
    return f"projects by grade: {summary['grades']} red {summary['red']} yellow {summary['yellow']}"


def main() -> None:
    provincial.main(
        __doc__,
        __file__,
        lambda folder, projects, seed: generate(folder, projects, seed, month=12),
        len(_INDICATORS),
        "jixiao.cli.evaluate:run_evaluate",
        "jixiao evaluate",
        _report,
    )


if __name__ == "__main__":
    main()
