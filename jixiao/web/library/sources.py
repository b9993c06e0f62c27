"""Stored targets as library entries: what :class:`~.models.LibrarySource` rows hold, and their upkeep.

A project enters the library when it is approved (二下), published or imported; a department target's annual
indicators likewise, one entry per duty. The entries are made by :class:`jixiao.library.Library` itself from
the domain objects of :mod:`jixiao.web.targets.convert`, so the web library and ``jixiao library build`` read
a target alike; the place (region, department, year) is the stored one. Every write bumps the
:class:`~.models.LibraryGeneration`, which is how other processes learn what to read again.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import F

from jixiao.domain import Department, Project
from jixiao.domain.values import parse_target_value
from jixiao.library import Entry, Library, Row, normalise_name
from jixiao.web.library.models import LibraryGeneration, LibrarySource
from jixiao.web.workflow.states import State

IN_LIBRARY = frozenset({State.APPROVED, State.PUBLISHED})
# An approved target being adjusted keeps its approved indicators in the library until approved again.
KEPT_WHILE_ADJUSTING = frozenset({State.ADJUSTING, State.ADJUST_SUBMITTED})


def bump() -> int:
    """Raise the generation (inside the caller's transaction) and return it."""
    LibraryGeneration.objects.get_or_create(pk=1, defaults={"token": uuid.uuid4().hex})
    LibraryGeneration.objects.filter(pk=1).update(generation=F("generation") + 1)
    return int(LibraryGeneration.objects.values_list("generation", flat=True).get(pk=1))


def _serialised(library: Library) -> list[dict[str, Any]]:
    out = []
    for entry in library.entries.values():
        rows = [
            {
                "name": r.name,
                "level1": r.level1,
                "level2": r.level2,
                "value": r.value.raw,
                "note": r.explanation,
            }
            for r in library.rows(entry.key)
        ]
        out.append({**dataclasses.asdict(entry), "rows": rows})
    return out


def entries_of(source: LibrarySource) -> Iterable[tuple[Entry, list[Row]]]:
    """The stored entries of ``source`` as the library takes them (:meth:`Library.add_entry`)."""
    for data in source.entries:
        fields = {k: v for k, v in data.items() if k != "rows"}
        entry = Entry(**fields)
        rows = [
            Row(
                r["name"],
                normalise_name(r["name"]),
                r["level1"],
                r["level2"],
                parse_target_value(r["value"]),
                r["note"],
                entry.key,
            )
            for r in data["rows"]
        ]
        yield entry, rows


def _project_entries(name: str, project: Project, region: str, year: int) -> list[dict[str, Any]]:
    scratch = Library()
    scratch.add_project(project, source=name, year=year, region=region)
    return _serialised(scratch)


def _department_entries(name: str, department: Department, region: str, year: int) -> list[dict[str, Any]]:
    scratch = Library()
    scratch.add_department(department, source=name, year=year, region=region)
    return _serialised(scratch)


def _put(kind: str, pk: int, region: Any, year: int, published: bool, entries: list[Any], gen: int) -> None:
    LibrarySource.objects.update_or_create(
        target_kind=kind,
        object_id=pk,
        defaults={
            "region": region,
            "year": year,
            "published": published,
            "entries": entries,
            "rows": sum(len(e["rows"]) for e in entries),
            "generation": gen,
        },
    )


def record_target(target: Any, generation: int | None = None) -> bool:
    """Put an approved or published stored target (project or department target) into the library; call it
    inside the action's transaction. Returns whether it was recorded (other kinds and states are not)."""
    from jixiao.web.targets.convert import department_from_row, project_from_row

    kind = target.KIND
    if kind not in ("project", "department_target") or target.state not in IN_LIBRARY or target.archived:
        return False
    region, name = str(target.region), f"{kind}:{target.pk}"
    if kind == "project":
        entries = _project_entries(name, project_from_row(target), region, target.year)
    else:
        entries = _department_entries(name, department_from_row(target), region, target.year)
    published = target.state == State.PUBLISHED
    _put(kind, target.pk, target.region, target.year, published, entries, generation or bump())
    return True


def imported_entries(
    region: str,
    year: int,
    projects: Iterable[tuple[int, Project]],
    departments: Iterable[tuple[int, Department]],
) -> list[tuple[str, int, list[dict[str, Any]]]]:
    """(kind, stored id, entries) of each imported project and department target (stored id, domain object)."""
    sources = [
        ("project", pk, _project_entries(f"project:{pk}", project, region, year)) for pk, project in projects
    ]
    sources.extend(
        ("department_target", pk, _department_entries(f"department_target:{pk}", department, region, year))
        for pk, department in departments
    )
    return sources


def record_imported(
    region: Any,
    year: int,
    projects: Iterable[tuple[Any, Project]],
    departments: Iterable[tuple[Any, Department]],
) -> int:
    """Put the projects and department targets of an import (stored row, domain object) into the library at
    once, published, with one generation; returns how many indicator rows were added."""
    gen = bump()
    sources = imported_entries(
        str(region),
        year,
        ((row.pk, project) for row, project in projects),
        ((row.pk, department) for row, department in departments),
    )
    LibrarySource.objects.bulk_create(
        [
            LibrarySource(
                target_kind=kind,
                object_id=pk,
                region=region,
                year=year,
                published=True,
                entries=entries,
                rows=sum(len(e["rows"]) for e in entries),
                generation=gen,
            )
            for kind, pk, entries in sources
        ],
        batch_size=500,
    )
    return sum(len(e["rows"]) for _, _, entries in sources for e in entries)
