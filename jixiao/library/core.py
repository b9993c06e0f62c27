"""The indicator library: rows from documents, clusters of equivalent names, curation applied on top.

Adding or removing a document (or a single project) touches only the rows, name counts and blocks concerned;
clusters are refreshed block by block on the next question, so an incremental library equals a full build of
the same documents (tested). Curation facts are plain data passed in (:class:`~jixiao.library.model.Curation`)
and re-applied on every refresh: the web system keeps them as rows, the library file keeps them apart from the
data.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from jixiao.domain.model import Department, Document, Project
from jixiao.domain.reference import ValueStanding
from jixiao.domain.values import TargetValue, format_target_value
from jixiao.library.cluster import NameFacts, block_of, cluster_block, facts, join, linked_to
from jixiao.library.model import COMMON, Cluster, Curation, Entry, Row
from jixiao.library.stats import (
    DIRECTION_LABELS,
    direction_of,
    distribution,
    percentile_rank,
    quantile,
    robust_z,
    unit_class,
    unit_of,
)
from jixiao.library.text import normalise_name

_REGION = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,4}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,4}?市)?(?:[\u4e00-\u9fff]{2,3}?(?:区|县))?"
    r"(?:[\u4e00-\u9fff]{2,3}?街道)?"
)
EXAMPLES = 8


def region_of(doc: Document) -> str | None:
    """The region a document comes from: the commonest place-name prefix (省、市、区/县、街道) of its projects'
    departments and its issuer (``淄博市临淄区民政局`` → ``淄博市临淄区``)."""
    found: Counter[str] = Counter()
    texts = [p.department or p.unit or "" for p in doc.projects] + [d.name for d in doc.departments]
    for text in [*texts, doc.issuer or "", doc.title or ""]:
        match = _REGION.match(text)
        if match and match.group(0):
            found[match.group(0)] += 1
    if not found:
        return None
    return sorted(found.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


class _NameStats:
    __slots__ = ("directions", "rows", "units")

    def __init__(self) -> None:
        self.rows: dict[str, list[Row]] = {}
        self.units: Counter[str] = Counter()
        self.directions: Counter[str] = Counter()

    def facts(self, name: str) -> NameFacts:
        return facts(name, _commonest(self.units), _commonest(self.directions))


def _commonest(counter: Counter[str]) -> str | None:
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counter else None


class Library:
    """The indicator library (指标库); see the module's note. Not thread-safe while it is being changed."""

    def __init__(self, curation: Iterable[Curation] = ()) -> None:
        self._entries: dict[str, Entry] = {}
        self._rows: dict[str, tuple[Row, ...]] = {}
        self._names: dict[str, _NameStats] = {}
        self._blocks: dict[str, set[str]] = defaultdict(set)
        self._groups: dict[str, list[tuple[str, ...]]] = {}
        self._dirty: set[str] = set()
        self._curation: tuple[Curation, ...] = tuple(curation)
        self._cluster_of: dict[str, str] | None = None
        self._members: dict[str, list[str]] = {}
        self._summaries: dict[str, Cluster] = {}
        self.version = 0  # grows with every change
        self.cache: dict[str, Any] = {}  # what is built on the library (the rankers), dropped on every change

    # -- adding and removing -------------------------------------------------------------------------------

    def add_document(self, doc: Document, *, region: str | None = None) -> list[str]:
        """Add every project and every department's annual indicators of ``doc``; a document of the same
        source name already held is replaced. Returns the keys of the entries added."""
        source = doc.source.name
        self.remove(k for k, e in self._entries.items() if e.source == source)
        region = region or region_of(doc)
        keys = [
            self.add_project(p, source=source, index=i, year=doc.year, region=region)
            for i, p in enumerate(doc.projects)
        ]
        for i, d in enumerate(doc.departments):
            keys += self.add_department(d, source=source, index=i, year=doc.year, region=region)
        return keys

    def add_project(
        self,
        project: Project,
        *,
        source: str,
        index: int = 0,
        year: int | None = None,
        region: str | None = None,
    ) -> str:
        """Add one project's indicators (an approved or imported project); returns its entry key."""
        key = f"{source}#p{index}"
        text = "。".join(t for t in (project.goal, project.purpose) if t)
        entry = Entry(
            key,
            "project",
            project.name,
            text,
            source,
            project.department or project.unit,
            region,
            year,
            project.category or project.project_type,
        )
        rows = [
            Row(i.name, normalise_name(i.name), i.level1.value, i.level2.value, i.value, i.description, key)
            for i in project.indicators
        ]
        self._put(entry, rows)
        return key

    def add_department(
        self,
        department: Department,
        *,
        source: str,
        index: int = 0,
        year: int | None = None,
        region: str | None = None,
    ) -> list[str]:
        """Add a department's annual indicators, one entry per duty (部门职责), in the order first seen."""
        duties: dict[tuple[str, str, str], list[Any]] = {}
        for ind in department.annual_indicators:
            duties.setdefault((ind.duty_area or "", ind.duty or "", ind.duty_goal or ""), []).append(ind)
        keys = []
        for j, (duty, indicators) in enumerate(duties.items()):
            key = f"{source}#d{index}.{j}"
            entry = Entry(
                key,
                "department",
                department.name,
                "。".join(t for t in duty if t),
                source,
                department.name,
                region,
                year,
            )
            rows = [
                Row(i.name, normalise_name(i.name), None, None, i.value, i.explanation, key)
                for i in indicators
            ]
            self._put(entry, rows)
            keys.append(key)
        return keys

    def add_entry(self, entry: Entry, rows: Iterable[Row]) -> None:
        """Add an entry and its rows as they are (rows stored elsewhere, an entry taken out and put back)."""
        self._put(entry, list(rows))

    def _put(self, entry: Entry, rows: list[Row]) -> None:
        if entry.key in self._entries:
            self.remove([entry.key])
        rows = [r for r in rows if r.key]
        self._entries[entry.key] = entry
        self._rows[entry.key] = tuple(rows)
        for row in rows:
            stats = self._names.get(row.key)
            if stats is None:
                stats = self._names[row.key] = _NameStats()
                self._blocks[block_of(row.key)].add(row.key)
            stats.rows.setdefault(entry.key, []).append(row)
            self._count(stats, row, 1)
            self._dirty.add(block_of(row.key))
        self._changed()

    def remove(self, keys: Iterable[str]) -> None:
        """Take entries out (a withdrawn project, a replaced document, a held-out project when measuring)."""
        for key in list(keys):
            entry = self._entries.pop(key, None)
            if entry is None:
                continue
            rows = self._rows.pop(key)
            for row in rows:
                self._count(self._names[row.key], row, -1)
            for name in {r.key for r in rows}:
                stats = self._names[name]
                stats.rows.pop(key, None)
                block = block_of(name)
                self._dirty.add(block)
                if not stats.rows:
                    del self._names[name]
                    self._blocks[block].discard(name)
            self._changed()

    @staticmethod
    def _count(stats: _NameStats, row: Row, step: int) -> None:
        unit, direction = unit_class(row.value), direction_of(row.value)
        if unit:
            stats.units[unit] += step
            if stats.units[unit] <= 0:
                del stats.units[unit]
        if direction:
            stats.directions[direction] += step
            if stats.directions[direction] <= 0:
                del stats.directions[direction]

    def _changed(self) -> None:
        self._cluster_of = None
        self._summaries = {}
        self.cache = {}
        self.version += 1

    # -- curation -----------------------------------------------------------------------------------------

    @property
    def curation(self) -> tuple[Curation, ...]:
        return self._curation

    def set_curation(self, curation: Iterable[Curation]) -> None:
        """Replace the curation facts (they are re-applied to the clusters on the next question)."""
        self._curation = tuple(curation)
        self._dirty |= set(self._blocks)
        self._changed()

    def curate(self, fact: Curation) -> None:
        self.set_curation((*self._curation, fact))

    # -- clusters -----------------------------------------------------------------------------------------

    def _refresh(self) -> dict[str, str]:
        if self._cluster_of is not None:
            return self._cluster_of
        isolated = frozenset(normalise_name(c.name) for c in self._curation if c.action == "split")
        for block in sorted(self._dirty):
            names = self._blocks.get(block, set())
            if names:
                self._groups[block] = cluster_block((self._names[n].facts(n) for n in names), isolated)
            else:
                self._groups.pop(block, None)
                self._blocks.pop(block, None)
        self._dirty = set()
        merges = [
            (normalise_name(c.name), normalise_name(c.other or ""))
            for c in self._curation
            if c.action == "merge"
        ]
        self._cluster_of = join((g for groups in self._groups.values() for g in groups), merges)
        members: dict[str, list[str]] = defaultdict(list)
        for name, root in self._cluster_of.items():
            members[root].append(name)
        self._members = dict(members)
        return self._cluster_of

    def set_groups(self, groups: Mapping[str, list[tuple[str, ...]]]) -> None:
        """Adopt stored block clusterings (a library file's) instead of computing them again on load."""
        for block, found in groups.items():
            if block in self._blocks and {n for g in found for n in g} == self._blocks[block]:
                self._groups[block] = found
                self._dirty.discard(block)
        self._changed()

    def groups(self) -> dict[str, list[tuple[str, ...]]]:
        self._refresh()
        return dict(self._groups)

    def cluster_key(self, name: str) -> str | None:
        """The cluster of a name the library holds (printed or normalised), else None."""
        return self._refresh().get(normalise_name(name))

    def find_cluster(self, name: str, value: TargetValue | None = None) -> str | None:
        """The cluster of any name: a held name's own, or for a new name the cluster it would link to (the
        one with most rows when it would link to several)."""
        key = normalise_name(name)
        cluster_of = self._refresh()
        if key in cluster_of:
            return cluster_of[key]
        block = self._blocks.get(block_of(key))
        if not block:
            return None
        unit = unit_class(value) if value is not None else None
        direction = direction_of(value) if value is not None else None
        linked = linked_to(facts(key, unit, direction), {n: self._names[n].facts(n) for n in block})
        if not linked:
            return None
        return min((cluster_of[n] for n in linked), key=lambda c: (-self._rows_in(c), c))

    def _rows_in(self, cluster: str) -> int:
        return sum(len(rows) for n in self._members[cluster] for rows in self._names[n].rows.values())

    def label(self, cluster: str) -> tuple[str, bool, bool]:
        """A cluster's most used normalised name and whether it is disabled or marked 共性: what the ranker
        needs, without summarising the cluster."""
        members = self.members(cluster)
        name = min(members, key=lambda n: (-sum(len(r) for r in self._names[n].rows.values()), len(n), n))
        disabled, common = False, False
        for fact in self._curation:
            if normalise_name(fact.name) in members:
                if fact.action in ("disable", "enable"):
                    disabled = fact.action == "disable"
                elif fact.action == "mark":
                    common = fact.text == COMMON
        return name, disabled, common

    def cluster_keys(self) -> list[str]:
        self._refresh()
        return sorted(self._members)

    def members(self, cluster: str) -> list[str]:
        self._refresh()
        return sorted(self._members.get(cluster, ()))

    def cluster_rows(self, cluster: str) -> Iterator[Row]:
        for name in self.members(cluster):
            for rows in self._names[name].rows.values():
                yield from rows

    def entry_clusters(self, key: str) -> set[str]:
        cluster_of = self._refresh()
        return {cluster_of[r.key] for r in self._rows.get(key, ())}

    def cluster(self, key: str) -> Cluster:
        """The summary of one cluster (cached until the library changes)."""
        self._refresh()
        found = self._summaries.get(key)
        if found is None:
            found = self._summaries[key] = self._summarise(key)
        return found

    def clusters(self, *, include_disabled: bool = True) -> list[Cluster]:
        """Every cluster, most used first."""
        out = [self.cluster(k) for k in self.cluster_keys()]
        if not include_disabled:
            out = [c for c in out if not c.disabled]
        return sorted(out, key=lambda c: (-c.projects - c.duties, -c.rows, c.key))

    def _summarise(self, key: str) -> Cluster:
        rows = list(self.cluster_rows(key))
        entries = {r.entry: self._entries[r.entry] for r in rows}
        names = Counter(r.name for r in rows)
        categories = Counter((r.level1, r.level2) for r in rows if r.level1 and r.level2)
        # Values repeat (=100%, ≥95%): each distinct one is read once.
        values = Counter(r.value for r in rows)
        read = {v: (unit_of(v), direction_of(v)) for v in values}
        directions: Counter[str | None] = Counter()
        units: Counter[str] = Counter()
        for v, n in values.items():
            u, d = read[v]
            directions[d] += n
            if u:
                units[u] += n
        unit = _commonest(units)
        numbers = [
            v.number
            for v, n in values.items()
            for _ in range(n)
            if unit and read[v][0] == unit and v.number is not None
        ]
        forms: Counter[str] = Counter()
        for v, n in values.items():
            if unit is None or read[v][0] == unit:
                forms[format_target_value(v)] += n
        projects = sorted({e.name for e in entries.values() if e.kind == "project"})
        common, disabled, notes = None, False, []
        members = set(self._members.get(key, ()))
        for fact in self._curation:
            if normalise_name(fact.name) not in members:
                continue
            if fact.action == "mark":
                common = fact.text
            elif fact.action in ("disable", "enable"):
                disabled = fact.action == "disable"
            elif fact.action == "annotate" and fact.text:
                notes.append(fact.text)
        top = categories.most_common()
        return Cluster(
            key=key,
            name=min(names.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0],
            names=tuple(sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))),
            level1=top[0][0][0] if top else None,
            level2=top[0][0][1] if top else None,
            categories=tuple(
                (a or "", b or "", n) for (a, b), n in sorted(top, key=lambda kv: (-kv[1], kv[0]))
            ),
            direction=DIRECTION_LABELS[min(directions.items(), key=lambda kv: (-kv[1], kv[0] or "~"))[0]],
            units=tuple(sorted(units.items(), key=lambda kv: (-kv[1], kv[0]))),
            distribution=distribution([n for n in numbers if n is not None], unit) if unit else None,
            forms=tuple(sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[:5]),
            rows=len(rows),
            projects=sum(1 for e in entries.values() if e.kind == "project"),
            duties=sum(1 for e in entries.values() if e.kind == "department"),
            regions=tuple(sorted({e.region for e in entries.values() if e.region})),
            departments=tuple(sorted({e.department for e in entries.values() if e.department})),
            years=tuple(sorted({e.year for e in entries.values() if e.year})),
            examples=tuple(projects[:EXAMPLES]),
            explanations=tuple(sorted({r.explanation for r in rows if r.explanation})[:3]),
            common=common,
            disabled=disabled,
            notes=tuple(notes),
        )

    # -- the rest ------------------------------------------------------------------------------------------

    @property
    def entries(self) -> Mapping[str, Entry]:
        return self._entries

    def rows(self, key: str) -> tuple[Row, ...]:
        return self._rows.get(key, ())

    def __len__(self) -> int:
        return sum(len(r) for r in self._rows.values())

    def search(self, query: str, limit: int = 20) -> list[Cluster]:
        """Clusters whose names contain the query (normalised), most used first; all when it is empty."""
        wanted = normalise_name(query)
        found = [
            c for c in self.clusters() if not wanted or any(wanted in normalise_name(n) for n, _ in c.names)
        ]
        return found[:limit]

    def standing(
        self, name: str, value: TargetValue, *, level2: str | None = None, min_count: int = 8
    ) -> ValueStanding | None:
        """Where ``value`` stands among the numeric targets of the indicator's cluster in the same unit
        (:class:`~jixiao.domain.reference.ValueStanding`); None when the value is not numeric, the name
        has no cluster or fewer than ``min_count`` targets to compare with."""
        unit = unit_of(value)
        if unit is None or value.number is None:
            return None
        key = self.find_cluster(name, value)
        if key is None:
            return None
        summary = self.cluster(key)
        if summary.disabled:
            return None
        rows = [r for r in self.cluster_rows(key) if unit_of(r.value) == unit and r.value.number is not None]
        ordered = sorted(r.value.number for r in rows if r.value.number is not None)
        if len(ordered) < min_count:
            return None
        entries = {self._entries[r.entry] for r in rows}
        return ValueStanding(
            indicator=name,
            cluster=summary.name,
            value=value.number,
            unit=unit,
            count=len(ordered),
            percentile=percentile_rank(ordered, value.number),
            robust_z=robust_z(ordered, value.number),
            median=quantile(ordered, 0.5),
            q1=quantile(ordered, 0.25),
            q3=quantile(ordered, 0.75),
            projects=len(entries),
            regions=tuple(sorted({e.region for e in entries if e.region})),
            direction=summary.direction,
        )
