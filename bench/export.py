"""Time and peak memory to export N projects (default 1,000) to each format.

Aim (issue 5): DOCX and XLSX under 10 s, PDF under 60 s, memory under 1 GB. Each format runs in its own
process so one format's peak memory does not hide another's. The projects are the bundled samples'
projects repeated (with their departments), so the tables have real shapes and text lengths.

    .venv/bin/python bench/export.py [N] [formats...]

CPU time is printed beside wall time: on a shared machine it is the steadier figure. Peak memory is
sampled from /proc over the writing process and any process it starts. 1,000 projects, 2 cores:

    format   time (wall = CPU)   peak memory   output
    docx     2.6 s               630 MB        1.3 MB
    xlsx     6.9 s               141 MB        1.6 MB   (4.8-5.3 s on quieter runs)
    html     0.7 s                95 MB        4.7 MB
    pdf      24.1 s              245 MB        5.0 MB

The PDF was first typeset by WeasyPrint: 132.7 s and 2,866 MB in one document, 150.5 s CPU and 343 MB in
pieces of 8 sections, 90.9 s wall (167.5 s CPU, 478 MB, 20.9 MB file) with the pieces on both cores.
ReportLab, in one process, takes a sixth of the CPU time of the best of those and a quarter of its wall time.
"""

from __future__ import annotations

import dataclasses
import multiprocessing as mp
import os
import resource
import sys
import time
from importlib import resources


def corpus(n: int):  # type: ignore[no-untyped-def]
    from jixiao.ingest import read_document

    docs = [
        read_document((resources.files("jixiao") / "data" / "samples" / name).read_bytes(), name)
        for name in ("linzi-2022.txt", "liaocheng-2022.txt", "zichuan-2023.txt")
    ]
    pool = [p for d in docs for p in d.projects]
    projects = tuple(
        dataclasses.replace(pool[i % len(pool)], name=f"{pool[i % len(pool)].name}（{i + 1}）") for i in range(n)
    )
    departments = tuple(d for doc in docs for d in doc.departments)
    return dataclasses.replace(docs[1], projects=projects, departments=departments, preface=None)


def run(fmt: str, n: int, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    from jixiao.publish import document, docx, html, pdf, xlsx

    doc = corpus(n)
    writer = {"docx": docx.write, "xlsx": xlsx.write, "html": html.write, "pdf": pdf.write}[fmt]
    start = time.perf_counter()
    start_cpu = _cpu()
    data = writer(document.build(doc))
    seconds = time.perf_counter() - start
    queue.put((fmt, seconds, _cpu() - start_cpu, len(data), sum(len(p.indicators) for p in doc.projects)))


def _cpu() -> float:
    """CPU seconds of this process and of the worker processes it has waited for."""
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and its descendants, from /proc."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend(int(child) for child in children.read().split())
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue  # the process ended between two reads
    return total


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    formats = sys.argv[2:] or ["docx", "xlsx", "html", "pdf"]
    print(f"{n} projects + 26 departments; wall and CPU time to build and write, peak RSS of the process and any it starts")
    for fmt in formats:
        queue: mp.Queue = mp.Queue()  # type: ignore[type-arg]
        proc = mp.get_context("fork").Process(target=run, args=(fmt, n, queue))
        proc.start()
        peak = 0
        while proc.is_alive() and queue.empty():  # sampled from here, so the writer's process stays as it is
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)
        fmt_, seconds, cpu, size, rows = queue.get()
        proc.join()
        peak /= 1024 * 1024
        print(f"{fmt_:5} {seconds:7.1f} s  {cpu:7.1f} s CPU  {peak:7.0f} MB peak  {size / 1e6:6.1f} MB out"
              f"  ({rows} indicator rows)")


if __name__ == "__main__":
    main()
