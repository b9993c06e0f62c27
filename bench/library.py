"""Build and ask an indicator library of a million synthetic indicator rows (issue 14 §5).

The rows are generated deterministically (seed 14) from the real ones — the three bundled samples, and the
external workbooks under ../shared/samples/external/ when present: each copy of a real project moves to one
of 300 made-up regions, may get a wording variant of its name (二期, 续建) and of each indicator name (年度, 全年
prefixes, which stay in the same clusters), and has its numeric targets moved by up to ±10 %. The copies keep
their project's goal text and department, so the ranking index holds the real projects' descriptions, not a
million distinct ones: the figure is for a library of a million rows, not of a million distinct texts.

Run: ``.venv/bin/python bench/library.py [--rows 1000000] [--queries 200]``; prints build time (rows added,
clusters, the ranking index with every cluster's summary), peak memory, and suggestion latency p50/p95 (the
aim is under 50 ms p95).
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from dataclasses import replace

from jixiao.domain.values import format_number, parse_target_value
from jixiao.library import Library, Row, normalise_name, suggest
from jixiao.library.evaluate import default_documents
from jixiao.library.ranker import index

NAME_VARIANTS = ("", "", "二期", "续建")
INDICATOR_PREFIXES = ("", "", "", "年度", "全年")


def _jitter(raw: str, rng: random.Random) -> str:
    value = parse_target_value(raw)
    if value.number is None or value.kind != "numeric":
        return raw
    number = format_number(round(value.number * rng.uniform(0.9, 1.1), 2))
    op = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}.get(value.op or "", "")
    return f"{op}{number}{value.unit or ''}"


def generate(rows: int) -> Library:
    docs, _ = default_documents()
    real = Library()
    for doc in docs:
        real.add_document(doc)
    entries = list(real.entries.values())
    rng = random.Random(14)
    lib = Library()
    added, copy = 0, 0
    while added < rows:
        for entry in entries:
            region = f"模拟{copy % 300:03d}区"
            key = f"synthetic-{copy}-{entry.key}"
            variant = NAME_VARIANTS[rng.randrange(len(NAME_VARIANTS))]
            made = replace(entry, key=key, name=entry.name + variant, region=region, year=2020 + copy % 5)
            out = []
            for r in real.rows(entry.key):
                name = INDICATOR_PREFIXES[rng.randrange(len(INDICATOR_PREFIXES))] + r.name
                raw = _jitter(r.value.raw, rng)
                out.append(
                    Row(
                        name,
                        normalise_name(name),
                        r.level1,
                        r.level2,
                        parse_target_value(raw),
                        r.explanation,
                        key,
                    )
                )
            lib.add_entry(made, out)
            added += len(out)
            if added >= rows:
                break
        copy += 1
    return lib


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    started = time.perf_counter()
    lib = generate(args.rows)
    generated = time.perf_counter() - started
    clusters = len(lib.cluster_keys())
    clustered = time.perf_counter() - started - generated
    index(lib, "project")
    indexed = time.perf_counter() - started - generated - clustered
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rows {len(lib):,}, entries {len(lib.entries):,}, clusters {clusters:,}")
    print(
        f"build: rows added {generated:.1f} s, clustered {clustered:.1f} s, "
        f"ranking index and cluster summaries {indexed:.1f} s"
    )
    print(f"peak memory {peak:,.0f} MB")
    projects = [e for e in lib.entries.values() if e.kind == "project"]
    rng = random.Random(7)
    times = []
    for _ in range(args.queries):
        e = projects[rng.randrange(len(projects))]
        t = time.perf_counter()
        suggest(lib, e.name, goal=e.text, department=e.department, top=10)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p50, p95 = times[len(times) // 2], times[int(len(times) * 0.95)]
    print(
        f"suggest ({args.queries} queries, top 10): p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
