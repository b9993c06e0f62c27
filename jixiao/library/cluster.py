"""Equivalent indicator names, clustered deterministically.

Two normalised names are *linked* when they measure the same kind of thing (same :func:`measure_class`, same
numerals, compatible units and directions of their targets) and their canonical forms are equal, or close
(rapidfuzz ``ratio`` ≥ 85: 项目成本 ≈ 项目总成本), or one ends the other and keeps most of it (群众满意度 is the
last five of the seven characters of 受益群众满意度). Clusters are the connected components of the links.

Links are sought only inside a *block*: names of one measure class that end in the same two characters (the
head of a Chinese noun phrase is its end). Components of a graph do not depend on the order its nodes came in,
and a block's components depend only on the names in it, so re-clustering the blocks a change touched gives
exactly the clusters of a full build: the library is built incrementally and stays equal to a rebuild.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from jixiao.library.text import canonical_name, measure_class, numerals

RATIO_CUTOFF = 85  # rapidfuzz ratio (0–100) of canonical forms above which two names are one measure
SUFFIX_MIN_CHARS = 4  # a name contained at the end of another links only when it has this many characters …
SUFFIX_MIN_SHARE = 0.6  # … and this share of the longer name
_OPPOSITE = {frozenset({"ge", "le"})}


@dataclass(frozen=True, slots=True)
class NameFacts:
    """What decides whether a normalised name may link to another."""

    name: str
    canonical: str
    measure: str
    numerals: str
    unit: str | None  # the unit class most of its targets use: percent, money, time, count, number
    direction: str | None  # ge, le or eq: most of its targets' operator

    @property
    def block(self) -> str:
        return block_of(self.name)


@lru_cache(maxsize=1 << 18)
def block_of(name: str) -> str:
    """The block a normalised name is clustered in: its measure class and the last two characters."""
    canonical = canonical_name(name)
    return f"{measure_class(name)}:{canonical[-2:]}"


def facts(name: str, unit: str | None, direction: str | None) -> NameFacts:
    return NameFacts(name, canonical_name(name), measure_class(name), numerals(name), unit, direction)


def compatible(a: NameFacts, b: NameFacts) -> bool:
    """The guards: same measure and numerals, no two different units, no opposite directions."""
    if a.measure != b.measure or a.numerals != b.numerals:
        return False
    if a.unit and b.unit and a.unit != b.unit:
        return False
    return not (a.direction and b.direction and frozenset({a.direction, b.direction}) in _OPPOSITE)


def _suffix_links(names: list[NameFacts]) -> Iterable[tuple[int, int]]:
    by_canonical: dict[str, list[int]] = {}
    for i, f in enumerate(names):
        by_canonical.setdefault(f.canonical, []).append(i)
    for i, f in enumerate(names):
        text = f.canonical
        shortest = max(SUFFIX_MIN_CHARS, math.ceil(len(text) * SUFFIX_MIN_SHARE))
        for k in range(shortest, len(text)):
            for j in by_canonical.get(text[-k:], ()):
                yield i, j


def _ratio_links(names: list[NameFacts], chunk: int = 2000) -> Iterable[tuple[int, int]]:
    texts = [f.canonical for f in names]
    for start in range(0, len(texts), chunk):
        scores = process.cdist(
            texts[start : start + chunk], texts, scorer=fuzz.ratio, score_cutoff=RATIO_CUTOFF, dtype="uint8"
        )
        for i, j in zip(*scores.nonzero(), strict=True):
            if start + int(i) < int(j):
                yield start + int(i), int(j)


def cluster_block(
    names: Iterable[NameFacts], isolated: frozenset[str] = frozenset()
) -> list[tuple[str, ...]]:
    """The components of one block's names, each sorted, in sorted order. ``isolated`` names (split off by a
    curator) link to nothing."""
    ordered = sorted((f for f in names), key=lambda f: f.name)
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    candidates = [f for f in ordered if f.name not in isolated]
    index = {f.name: i for i, f in enumerate(ordered)}
    links = list(_suffix_links(candidates))
    if len(candidates) > 1:
        links += list(_ratio_links(candidates))
    for i, j in links:
        a, b = candidates[i], candidates[j]
        if a.name != b.name and compatible(a, b):
            ra, rb = find(index[a.name]), find(index[b.name])
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[str]] = {}
    for i, f in enumerate(ordered):
        groups.setdefault(find(i), []).append(f.name)
    return sorted(tuple(g) for g in groups.values())


def join(groups: Iterable[tuple[str, ...]], merges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Name → the first name (sorted) of its cluster, after a curator's merges of two names' clusters."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    names: list[str] = []
    for group in groups:
        names.extend(group)
        for other in group[1:]:
            union(group[0], other)
    known = set(names)
    for a, b in merges:
        if a in known and b in known:
            union(a, b)
    return {n: find(n) for n in names}


def linked_to(name: NameFacts, others: Mapping[str, NameFacts]) -> list[str]:
    """The names of ``others`` (one block) that ``name`` links to directly: how a name the library has never
    seen finds its cluster."""
    candidates = [f for f in others.values() if compatible(name, f)]
    out = [f.name for f in candidates if f.canonical == name.canonical]
    if out:
        return out
    for f in candidates:
        short, long = sorted((f.canonical, name.canonical), key=len)
        if fuzz.ratio(f.canonical, name.canonical) >= RATIO_CUTOFF or (
            long.endswith(short)
            and len(short) >= max(SUFFIX_MIN_CHARS, math.ceil(len(long) * SUFFIX_MIN_SHARE))
        ):
            out.append(f.name)
    return sorted(out)
