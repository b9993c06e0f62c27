"""Parse throughput (MB/s) and peak memory for each sample and for a large synthetic document.

Run:  .venv/bin/python bench/parse.py [--size-mb 50]

Each measurement runs in a fresh interpreter so that peak memory (ru_maxrss) belongs to that input alone;
memory is reported as the growth over an interpreter that has imported jixiao, and as a multiple of the input.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

SAMPLES = ("linzi-2022.txt", "liaocheng-2022.txt", "zichuan-2023.txt")

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from jixiao.ingest import read_document
path = Path(sys.argv[1])
data = path.read_bytes()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
doc = read_document(data, path.name)
seconds = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "growth_kb": after - before, "projects": len(doc.projects),
                  "indicators": sum(len(p.indicators) for p in doc.projects)}))
"""


def measure(path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def synthetic(size_mb: float, directory: Path) -> Path:
    """The three samples repeated until the document reaches ``size_mb``."""
    texts = [resources.files("jixiao").joinpath(f"data/samples/{n}").read_text("utf-8") for n in SAMPLES]
    unit = "\n\n".join(texts) + "\n\n"
    copies = max(1, int(size_mb * 1024 * 1024 / len(unit.encode("utf-8"))) + 1)
    path = directory / f"synthetic-{size_mb:g}mb.txt"
    path.write_text(unit * copies, encoding="utf-8")
    return path


def startup_seconds() -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "jixiao.cli", "--help"], capture_output=True, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=50.0, help="size of the synthetic document")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(str(resources.files("jixiao").joinpath(f"data/samples/{n}"))) for n in SAMPLES]
        paths.append(synthetic(args.size_mb, Path(tmp)))
        for path in paths:
            size = path.stat().st_size
            result = measure(path)
            mb = size / 1024 / 1024
            rows.append((path.name, mb, result["seconds"], mb / result["seconds"],
                         result["growth_kb"] / 1024, result["growth_kb"] * 1024 / size, result["projects"]))
    print(f"{'document':<26}{'MB':>8}{'seconds':>10}{'MB/s':>8}{'peak MB':>10}{'× input':>9}{'projects':>10}")
    for name, mb, seconds, rate, peak, ratio, projects in rows:
        print(f"{name:<26}{mb:>8.2f}{seconds:>10.3f}{rate:>8.2f}{peak:>10.1f}{ratio:>9.2f}{projects:>10}")
    print(f"\njixiao --help starts in {startup_seconds():.3f} s (best of 5)")


if __name__ == "__main__":
    main()
