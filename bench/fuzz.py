"""The fuzz run, longer than the suite's: every crafted file of tests/fuzz_corpus.py plus ROUNDS mutants of
each (bytes flipped, cut short) read by ``jixiao parse`` in a child limited to 1.5 GB and 60 s CPU; prints
the cases, how they ended (exit 2 clean, exit 0 read, crash = anything else), the peak memory of a child
and the slowest cases.

    .venv/bin/python bench/fuzz.py [ROUNDS]        (default 3)
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzz_corpus import crafted_files  # noqa: E402

MEMORY, SECONDS = 1_500_000_000, 60


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS))


def _mutants(name: str, data: bytes, rounds: int, rng: random.Random) -> list[tuple[str, bytes]]:
    out = [(name, data)]
    for n in range(rounds):
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 50)):
            if flipped:
                at = rng.randrange(len(flipped))
                flipped[at] ^= 1 << rng.randrange(8)
        out.append((f"m{n}-{name}", bytes(flipped)))
        out.append((f"c{n}-{name}", data[: rng.randrange(len(data) + 1)]))
    return out


def run(path: Path) -> tuple[int, float, int, str]:
    """Exit code, seconds, peak memory (KB) and the last line on standard error of one read."""
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "jixiao.cli", "parse", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_limit,
    )
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return (
        proc.returncode,
        time.monotonic() - started,
        usage.ru_maxrss,
        (err.strip().splitlines() or [""])[-1],
    )


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    rng = random.Random(17)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for name, data in crafted_files():
            for case, body in _mutants(name, data, rounds, rng):
                path = Path(folder) / case
                path.write_bytes(body)
                results.append((case, *run(path)))
                path.unlink()
    crashes = [r for r in results if r[1] not in (0, 2)]
    print(
        f"cases: {len(results)}  exit 2: {sum(r[1] == 2 for r in results)}  "
        f"exit 0: {sum(r[1] == 0 for r in results)}  crashes: {len(crashes)}"
    )
    peak = max(results, key=lambda r: r[3])
    print(f"peak memory of a child: {peak[3] / 1024:.0f} MB ({peak[0]})")
    print(f"total time: {sum(r[2] for r in results):.1f} s")
    for case, code, seconds, kb, _line in sorted(results, key=lambda r: -r[2])[:5]:
        print(f"  slowest: {seconds:5.1f} s {kb / 1024:6.0f} MB exit {code} {case}")
    for case, code, _, _, line in crashes:
        print(f"  CRASH exit {code} {case}: {line[:200]}")


if __name__ == "__main__":
    main()
