"""Time ``jixiao check`` per sample: reading and reviewing, best of several runs.

Run: ``.venv/bin/python bench/check.py`` (the aim of issue 3 is under a second per sample).
"""

from __future__ import annotations

import time
from importlib import resources

from jixiao.ingest import read_document
from jixiao.review import Profile, check_document, load_profile
from jixiao.review.report import render_html, render_json, render_text, render_xlsx

SAMPLES = ("linzi-2022.txt", "liaocheng-2022.txt", "zichuan-2023.txt")


def best(fn: object, runs: int = 5) -> float:
    assert callable(fn)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    profile = load_profile()
    folder = resources.files("jixiao") / "data" / "samples"
    print("| sample | read (s) | check (s) | text | json | html | xlsx (s) | findings |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in SAMPLES:
        print(_row(name, (folder / name).read_bytes(), profile))


def _row(name: str, data: bytes, profile: Profile) -> str:
    doc = read_document(data, name)
    report = check_document(doc, profile)
    timings = [
        best(lambda: read_document(data, name)),
        best(lambda: check_document(doc, profile)),
        best(lambda: render_text([report])),
        best(lambda: render_json([report])),
        best(lambda: render_html([report])),
        best(lambda: render_xlsx([report]), runs=2),
    ]
    return f"| {name} | " + " | ".join(f"{t:.3f}" for t in timings) + f" | {len(report.findings)} |"


if __name__ == "__main__":
    main()
