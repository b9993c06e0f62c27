"""The region's registry of departments and units, as the import reads and extends it.

:func:`plan_for` places a document's names with :mod:`jixiao.domain.registry_match` (the preview shows
that plan); :func:`departments_of` and :func:`units_of` create what is new, add the names a known body
was printed under to its aliases, and return the rows the import links to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jixiao.domain import Document
from jixiao.domain.organisations import name_key, stated_region
from jixiao.domain.registry_match import Entry, Placement, Plan, plan
from jixiao.web.organisations.models import Department, Region, Unit


def _entry(row: Department | Unit, department_id: int | None = None) -> Entry:
    return Entry(row.pk, row.name, row.code, tuple(row.aliases or ()), department_id)


def plan_for(region: Region, document: Document) -> Plan:
    departments = [_entry(d) for d in Department.objects.filter(region=region)]
    units = [_entry(u, u.department_id) for u in Unit.objects.filter(department__region=region)]
    return plan(region.name, departments, units, document)


def _with_aliases(row: Department | Unit, names: Iterable[str]) -> bool:
    """Add ``names`` (other than the row's own) to its aliases; whether any was new."""
    new = [n for n in names if n != row.name and n not in (row.aliases or [])]
    row.aliases = [*(row.aliases or []), *new]
    return bool(new)


def departments_of(region: Region, placed: Plan) -> dict[int, Department]:
    """The department row of each placement (keyed by ``id(placement)``), created when new."""
    known = Department.objects.in_bulk([p.id for p in placed.placements if p.id is not None])
    new = [p for p in placed.placements if p.id is None]
    Department.objects.bulk_create(
        [Department(region=region, name=p.name, code=p.code, aliases=p.aliases) for p in new]
    )
    created = {d.name: d for d in Department.objects.filter(region=region, name__in=[p.name for p in new])}
    rows: dict[int, Department] = {}
    for p in placed.placements:
        row = known[p.id] if p.id is not None else created[p.name]
        if p.id is not None and _with_aliases(row, p.seen):
            row.save(update_fields=["aliases"])
        rows[id(p)] = row
    return rows


def units_of(region: Region, wanted: Iterable[tuple[Department, str, str]]) -> dict[tuple[int, str], Unit]:
    """The unit row for each (department, printed name, code): the department's unit of that name,
    alias or name key, else a new one. Keyed by (department id, printed name)."""
    wanted = list(wanted)
    dept_ids = {d.pk for d, _, _ in wanted}
    existing = list(Unit.objects.filter(department_id__in=dept_ids))

    def find(dept: Department, name: str) -> Unit | None:
        for u in existing:
            if u.department_id == dept.pk and (name == u.name or name in (u.aliases or [])):
                return u
        key = name_key(name, region.name)
        for u in existing:
            if u.department_id == dept.pk and key in {name_key(n, region.name) for n in (u.name, *u.aliases)}:
                return u
        return None

    rows: dict[tuple[int, str], Unit] = {}
    for dept, name, code in wanted:
        if (dept.pk, name) in rows:
            continue
        unit = find(dept, name)
        if unit is None:
            unit = Unit.objects.create(department=dept, name=name, code=code)
            existing.append(unit)
        elif _with_aliases(unit, [name]):
            unit.save(update_fields=["aliases"])
        rows[(dept.pk, name)] = unit
    return rows


@dataclass(frozen=True, slots=True)
class Placed:
    """Where an import puts a document's targets: each project's department and unit (in the document's
    order), and each department target's department."""

    projects: list[tuple[Department, Unit | None]]
    targets: list[Department]


def place(region: Region, document: Document) -> Placed:
    """The registry rows ``document``'s projects and department targets go under, created where new.

    Names go through the region's registry: a known body under another spelling is that body, and a blank
    主管部门 is found from the code or the unit (never an invented department).
    """
    placed = plan_for(region, document)
    departments = departments_of(region, placed)
    project_departments = [departments[id(pl)] for pl in placed.projects]
    units = units_of(
        region,
        (
            (dept, p.unit, p.unit_code or "")
            for dept, p in zip(project_departments, document.projects, strict=True)
            if p.unit
        ),
    )
    return Placed(
        [
            (dept, units.get((dept.pk, p.unit)) if p.unit else None)
            for dept, p in zip(project_departments, document.projects, strict=True)
        ],
        [departments[id(pl)] for pl in placed.targets],
    )


def names_in(document: Document) -> list[str]:
    """The department, unit and issuer names a document prints: what tells which region it is about."""
    return [
        *(p.department or "" for p in document.projects),
        *(p.unit or "" for p in document.projects),
        *(d.name for d in document.departments),
        document.issuer or "",
    ]


def region_named(document: Document) -> str | None:
    """The region a document is about: the most specific area most of its names begin with
    (模拟市安平宁区民政局 … → 安平宁区), or ``None`` when no name begins with one."""
    found = stated_region(names_in(document))
    return found[0] if found else None


def describe(placement: Placement) -> str:
    """The preview's words for one placement."""
    target = f"已登记的“{placement.name}”" if placement.id is not None else f"新增“{placement.name}”"
    return f"{target}（{placement.how}）"
