"""Leave-one-project-out measurement of the suggestions (issue 14 §5).

For every project held — the three bundled samples and, when present, the external workbooks under
``../shared/samples/external/`` read with jixiao's own reader — the library is taken without that project
(setting A) and without every project and duty of its department (setting B); suggestions are asked from the
project's name, goal, department and category, and scored against the project's real indicators: recall@10
(the share of its indicator clusters among the first ten suggestions) and precision@5 (the share of the first
five that are among them), averaged over projects. The popularity baseline (the most used clusters) is scored
the same way, and so is the ranker with the optional semantic signal (:mod:`jixiao.library.semantic`) when its
extra is installed.

The ranker's weights were set on the bundled samples' projects only, so the table is repeated per group: the
samples (where the weights were tuned, in-sample) and the external workbooks (not tuned on). The library is the
same for both; only which held-out projects are averaged differs.

A suggestion hits when it is the same cluster as a real indicator *in the library of everything*: removing a
project can only split clusters (their links form a graph and a project's names are nodes of it), so each
cluster of the reduced library lies inside exactly one cluster of the full one, and hits mean the same thing
in every fold. The reduced library is made by taking entries out and putting them back (incremental), not by
rebuilding, and a test checks that this equals a fresh build.

    python -m jixiao.library.evaluate [PATH ...] [--write docs/library-evaluation.md] [--lexical-only]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from jixiao.domain.model import Document
from jixiao.library.core import Library
from jixiao.library.model import Entry, Suggestion
from jixiao.library.ranker import popular, suggest
from jixiao.library.report import GROUPS, Result, render
from jixiao.library.semantic import available

SAMPLES = ("linzi-2022.txt", "liaocheng-2022.txt", "zichuan-2023.txt")
EXTERNAL = Path(__file__).resolve().parents[3] / "shared" / "samples" / "external"


def default_documents() -> tuple[list[Document], list[str]]:
    """The bundled samples and every readable target document under ../shared/samples/external/, with a note
    for each file skipped."""
    from jixiao.ingest import ReadError, read_document

    docs = [
        read_document(resources.files("jixiao").joinpath(f"data/samples/{n}").read_bytes(), n)
        for n in SAMPLES
    ]
    notes: list[str] = []
    if EXTERNAL.is_dir():
        for path in sorted(
            p for p in EXTERNAL.rglob("*") if p.suffix.lower() in (".xlsx", ".docx", ".pdf", ".txt")
        ):
            try:
                doc = read_document(path.read_bytes(), path.name)
            except ReadError as exc:
                notes.append(f"{path.name}: {exc.message_en}")
                continue
            if doc.projects:
                docs.append(doc)
            else:
                notes.append(f"{path.name}: no project tables")
    return docs, notes


@dataclass
class Score:
    recall: float = 0.0
    precision: float = 0.0
    count: int = 0

    def add(self, ranked: Sequence[str], truth: set[str]) -> None:
        self.recall += len(truth & set(ranked[:10])) / len(truth)
        self.precision += len(truth & set(ranked[:5])) / 5
        self.count += 1

    def row(self) -> tuple[float, float]:
        return (self.recall / self.count, self.precision / self.count) if self.count else (0.0, 0.0)


def _mapped(full: Library, suggestions: list[Suggestion]) -> list[str]:
    """Suggested clusters as clusters of the full library, each once, in order."""
    out: list[str] = []
    for s in suggestions:
        key = full.cluster_key(s.cluster)
        if key is not None and key not in out:
            out.append(key)
    return out


def _asked(full: Library, lib: Library, entry: Entry, semantic: bool) -> list[str]:
    """The reduced library's suggestions for a held-out project, as clusters of the full library."""
    found = suggest(
        lib,
        entry.name,
        goal=entry.text,
        department=entry.department,
        category=entry.category,
        top=20,
        semantic=semantic,
    )
    return _mapped(full, found)


def group_of(source: str) -> str:
    """``samples`` for a bundled sample's project, ``external`` for any other."""
    return "samples" if source in SAMPLES else "external"


def measure(
    documents: Sequence[Document],
    progress: Callable[[str], None] | None = None,
    *,
    semantic: bool = False,
) -> Result:
    """The leave-one-project-out scores (``semantic``: also score the ranker with the semantic signal)."""
    started = time.perf_counter()
    methods = ("ranker", "semantic", "baseline") if semantic else ("ranker", "baseline")
    full = Library()
    for doc in documents:
        full.add_document(doc)
    lib = Library()
    for doc in documents:
        lib.add_document(doc)
    projects = [e for e in full.entries.values() if e.kind == "project" and full.rows(e.key)]
    scores = {(s, m): Score() for s in ("A", "B") for m in methods}
    reach = {"A": 0.0, "B": 0.0}
    group_scores = {(g, s, m): Score() for g, _, _ in GROUPS for s in ("A", "B") for m in methods}
    group_reach = {(g, s): 0.0 for g, _, _ in GROUPS for s in ("A", "B")}
    for n, entry in enumerate(projects):
        truth = full.entry_clusters(entry.key)
        group = group_of(entry.source)
        for setting in ("A", "B"):
            if setting == "A":
                out = [entry.key]
            else:
                out = [
                    k
                    for k, e in full.entries.items()
                    if k == entry.key or (entry.department and e.department == entry.department)
                ]
            saved = [(lib.entries[k], lib.rows(k)) for k in out]
            lib.remove(out)
            ranked = {
                "ranker": _asked(full, lib, entry, False),
                "baseline": _mapped(full, popular(lib, top=20)),
            }
            if semantic:
                ranked["semantic"] = _asked(full, lib, entry, True)
            for method, found in ranked.items():
                scores[(setting, method)].add(found, truth)
                group_scores[(group, setting, method)].add(found, truth)
            held = {full.cluster_key(k) for k in lib.cluster_keys()}
            reach[setting] += len(truth & held) / len(truth)
            group_reach[(group, setting)] += len(truth & held) / len(truth)
            for e, rows in saved:
                lib.add_entry(e, rows)
        if progress and n % 20 == 0:
            progress(f"{n}/{len(projects)}")
    return Result(
        projects=len(projects),
        indicators=sum(len(full.rows(e.key)) for e in projects),
        documents=len(documents),
        rows=len(full),
        clusters=len(full.cluster_keys()),
        seconds=time.perf_counter() - started,
        table={k: v.row() for k, v in scores.items()},
        reachable={k: v / len(projects) for k, v in reach.items()},
        by_group={k: v.row() for k, v in group_scores.items()},
        group_reachable={
            (g, s): v / max(group_scores[(g, s, "ranker")].count, 1) for (g, s), v in group_reach.items()
        },
        group_projects={g: group_scores[(g, "A", "ranker")].count for g, _, _ in GROUPS},
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m jixiao.library.evaluate", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, help="documents (default: the samples and ../shared's external)"
    )
    parser.add_argument("--write", type=Path, help="write the table as Markdown to this file")
    parser.add_argument(
        "--lexical-only",
        action="store_true",
        help="skip the semantic signal even when its extra is installed",
    )
    args = parser.parse_args(argv)
    if args.paths:
        from jixiao.ingest import read_document

        documents = [read_document(p.read_bytes(), p.name) for p in args.paths]
    else:
        documents, notes = default_documents()
        for note in notes:
            print(f"skipped {note}", file=sys.stderr)
    semantic = available() and not args.lexical_only
    result = measure(documents, progress=lambda s: print(s, file=sys.stderr), semantic=semantic)
    command = "python -m jixiao.library.evaluate" + (f" --write {args.write}" if args.write else "")
    text = render(result, command)
    if args.write:
        args.write.write_text(text, "utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
