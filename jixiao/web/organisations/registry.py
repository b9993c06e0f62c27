"""The region's registry of departments and units, as the import reads and extends it.

:class:`Registry` places a document's names with :mod:`jixiao.domain.registry_match` (the preview shows
that plan: :func:`plan_for`), makes what is new, adds the names a known body was printed under to its
aliases, and returns the rows the import links to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jixiao.domain import Document
from jixiao.domain.organisations import name_key, stated_region
from jixiao.domain.registry_match import Entry, Placement, Plan, plan
from jixiao.web.ids import Ids
from jixiao.web.organisations.models import Department, Region, Unit


def _entry(row: Department | Unit, department_id: int | None = None) -> Entry:
    return Entry(row.pk, row.name, row.code, tuple(row.aliases or ()), department_id)


def _with_aliases(row: Department | Unit, names: Iterable[str]) -> bool:
    """Add ``names`` (other than the row's own) to its aliases; whether any was new."""
    new = [n for n in names if n != row.name and n not in (row.aliases or [])]
    row.aliases = [*(row.aliases or []), *new]
    return bool(new)


@dataclass(frozen=True, slots=True)
class Placed:
    """Where an import puts a document's targets: each project's department and unit (in the document's
    order), and each department target's department."""

    projects: list[tuple[Department, Unit | None]]
    targets: list[Department]


class Registry:
    """The departments and units of some regions, read once and extended in memory as documents are placed
    one after another; :meth:`flush` writes what is new (ids taken ahead from ``ids``) and the aliases added.
    One document or a chunk of a bulk load: each document sees what the documents before it added, as if
    each had been imported and committed in turn."""

    def __init__(self, regions: Iterable[Region], ids: Ids) -> None:
        self.ids = ids
        self.departments: dict[int, list[Department]] = {}
        self.units: dict[int, list[Unit]] = {}
        self.new: list[Department | Unit] = []
        self.renamed: dict[int, Department | Unit] = {}  # known rows given new aliases, by id(row)
        self.read(regions)

    def read(self, regions: Iterable[Region], *, empty: bool = False) -> None:
        """Hold ``regions``' registries (``empty``: regions just made, with nothing to read)."""
        wanted = {r.pk for r in regions} - set(self.departments)
        for pk in wanted:
            self.departments[pk], self.units[pk] = [], []
        if empty or not wanted:
            return
        # The lists keep the models' orderings (departments by code and name; units by department and
        # name), which is the order the matcher sees entries in.
        for d in Department.objects.filter(region_id__in=wanted).order_by("code", "name"):
            self.departments[d.region_id].append(d)
        units = Unit.objects.filter(department__region_id__in=wanted).select_related("department")
        for u in units.order_by("department__name", "name"):
            self.units[u.department.region_id].append(u)

    def forget(self) -> None:
        """Let go of every region read (after :meth:`flush`): a long load holds one chunk's regions."""
        self.departments, self.units = {}, {}

    def plan(self, region: Region, document: Document) -> Plan:
        """The matcher's plan of ``document`` in ``region`` (the preview shows it)."""
        self.read([region])
        departments = [_entry(d) for d in self.departments[region.pk]]
        units = [_entry(u, u.department_id) for u in self.units[region.pk]]
        return plan(region.name, departments, units, document)

    def place(self, region: Region, document: Document) -> Placed:
        """The registry rows ``document``'s projects and department targets go under, made where new.

        Names go through the region's registry: a known body under another spelling is that body, and a
        blank 主管部门 is found from the code or the unit (never an invented department).
        """
        placed = self.plan(region, document)
        departments = self._departments_of(region, placed)
        project_departments = [departments[id(pl)] for pl in placed.projects]
        units = self._units_of(
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

    def _departments_of(self, region: Region, placed: Plan) -> dict[int, Department]:
        """The department row of each placement (keyed by ``id(placement)``), made when new."""
        known = {d.pk: d for d in self.departments[region.pk]}
        fresh = {p.name: p for p in placed.placements if p.id is None}
        made: dict[str, Department] = {}
        for (name, p), pk in zip(fresh.items(), self.ids.take(Department, len(fresh)), strict=True):
            made[name] = Department(pk=pk, region=region, name=name, code=p.code, aliases=p.aliases)
            self.new.append(made[name])
        self.departments[region.pk] = sorted(
            [*self.departments[region.pk], *made.values()], key=lambda d: (d.code, d.name)
        )
        rows: dict[int, Department] = {}
        for p in placed.placements:
            row = known[p.id] if p.id is not None else made[p.name]
            if p.id is not None and _with_aliases(row, p.seen):
                self.renamed[id(row)] = row
            rows[id(p)] = row
        return rows

    def _units_of(
        self, region: Region, wanted: Iterable[tuple[Department, str, str]]
    ) -> dict[tuple[int, str], Unit]:
        """The unit row for each (department, printed name, code): the department's unit of that name,
        alias or name key, else a new one. Keyed by (department id, printed name)."""
        existing = self.units[region.pk]
        # each unit under its printed names, then under their name keys; the first in the list's order wins
        by_name: dict[tuple[int | None, str], Unit] = {}
        by_key: dict[tuple[int | None, str], Unit] = {}

        def know(u: Unit) -> None:
            for n in (u.name, *(u.aliases or [])):
                by_name.setdefault((u.department_id, n), u)
                by_key.setdefault((u.department_id, name_key(n, region.name)), u)

        for u in existing:
            know(u)

        def find(dept: Department, name: str) -> Unit | None:
            return by_name.get((dept.pk, name)) or by_key.get((dept.pk, name_key(name, region.name)))

        rows: dict[tuple[int, str], Unit] = {}
        made: list[Unit] = []
        for dept, name, code in wanted:
            if (dept.pk, name) in rows:
                continue
            unit = find(dept, name)
            if unit is None:
                unit = Unit(department=dept, name=name, code=code, aliases=[])
                made.append(unit)
                existing.append(unit)
                know(unit)
            elif _with_aliases(unit, [name]) and unit.pk is not None:
                self.renamed[id(unit)] = unit
            rows[(dept.pk, name)] = unit
        for unit, pk in zip(made, self.ids.take(Unit, len(made)), strict=True):
            unit.pk = pk
            self.new.append(unit)
        existing.sort(key=lambda u: (u.department.name, u.name))
        return rows

    def flush(self) -> None:
        """Write the departments and units made since the last flush, and the aliases added to known ones."""
        Department.objects.bulk_create([d for d in self.new if isinstance(d, Department)], batch_size=1000)
        Unit.objects.bulk_create([u for u in self.new if isinstance(u, Unit)], batch_size=1000)
        for model in (Department, Unit):
            changed = [r for r in self.renamed.values() if isinstance(r, model)]
            model.objects.bulk_update(changed, ["aliases"], batch_size=500)  # type: ignore[attr-defined]
        self.new, self.renamed = [], {}


def plan_for(region: Region, document: Document) -> Plan:
    return Registry([region], Ids()).plan(region, document)


def place(region: Region, document: Document) -> Placed:
    """:meth:`Registry.place` of one document, written at once."""
    registry = Registry([region], Ids())
    placed = registry.place(region, document)
    registry.flush()
    return placed


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
