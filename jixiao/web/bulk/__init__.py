"""Bulk load: many documents (a folder of disclosures, or a generated year) imported in one transaction.

What is stored for each document is what the import action (:func:`~jixiao.web.actions.imports.
do_import_document`, ``jixiao load``) stores — the same rows, the same placement in the region's registry,
the same distrusted cells, library records and audit content — but written in chunks of documents with no
model instance and no statement per row: ids are reserved a block per table, rows are built as tuples
straight from the domain objects (:mod:`.rows`) and go in by PostgreSQL ``COPY`` or, on SQLite, one
``executemany`` per table and chunk. Documents are read one at a time (``items`` may be a generator), so
memory is bounded by a chunk whatever the size of the load.

Each document goes into the region given, or (``region=None``) the region it names (:func:`~jixiao.web.
organisations.registry.region_named`), created when the registry has none of that name. A document that
is refused stops the load, and nothing of it is kept: the whole load is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field, fields
from typing import Any

from django.db import transaction

from jixiao.domain import Document
from jixiao.domain.stated_date import StatedDate
from jixiao.web import policy
from jixiao.web.actions.errors import ActionError
from jixiao.web.actions.imports import already_imported, batch_fields, refuse_to_import
from jixiao.web.audit import deferred, record
from jixiao.web.bulk.rows import Layouts, Placing, Written, write_chunk
from jixiao.web.bulk.write import analyse, search_indexes_deferred
from jixiao.web.ids import Ids
from jixiao.web.library.sources import bump
from jixiao.web.organisations.models import FiscalYear, Region
from jixiao.web.organisations.registry import Registry, region_named
from jixiao.web.targets.models import ImportBatch

CHUNK_PROJECTS = 20_000  # documents are written when this many projects wait (bounds memory)


@dataclass(frozen=True, slots=True)
class Item:
    """One document to load: where it came from (the audit's path), its year and its stated date."""

    document: Document
    path: str
    year: int
    published: StatedDate | None = None


@dataclass
class Loaded(Written):
    """What a load stored: the rows it wrote (:class:`~.rows.Written`, summed over its chunks) and more."""

    documents: int = 0
    regions: int = 0  # regions the load created
    indexes: list[tuple[str, float]] = field(default_factory=list)  # (index, seconds) built at the end
    analysed: float = 0.0  # seconds of the planner statistics taken after the load (PostgreSQL)

    def add(self, written: Written) -> None:
        for counted in fields(Written):
            setattr(self, counted.name, getattr(self, counted.name) + getattr(written, counted.name))


class _Places:
    """The region of each document — the one given, or the one it names, made when new — with its fiscal
    year and registry, the acting user's right to import there checked once per region. What is new waits
    for :meth:`flush`, ids taken ahead, so a chunk of documents costs a few statements, not a few each."""

    def __init__(self, acting_user: Any, given: Region | None, ids: Ids) -> None:
        self.acting_user, self.given, self.ids = acting_user, given, ids
        self.by_name = {} if given else {r.name: r for r in Region.objects.all()}
        self.made: set[int] = set()  # regions this load made: nothing of theirs to look up
        self.allowed: set[int] = set()
        self.years: set[tuple[int, int]] = set()
        self.new_regions: list[Region] = []
        self.new_years: list[FiscalYear] = []
        self.registry = Registry([], ids)

    def region(self, item: Item) -> Region:
        region = self.given or self._named(item)
        if region.pk not in self.allowed:
            policy.require(self.acting_user, "import", region)
            self.allowed.add(region.pk)
        return region

    def _named(self, item: Item) -> Region:
        name = region_named(item.document)
        if name is None:
            raise ActionError(
                f"{item.path}：文档中的部门和单位名称没有可识别的地区，请指定导入的地区（--region）。"
            )
        region = self.by_name.get(name)
        if region is None:
            policy.require(self.acting_user, "import", Region(name=name))  # who may import anywhere
            region = Region(pk=self.ids.take(Region, 1)[0], name=name)
            record(self.acting_user, "create", region, message=f"批量导入时新建行政区划“{name}”"[:500])
            self.by_name[name] = region
            self.new_regions.append(region)
            self.made.add(region.pk)
            self.registry.read([region], empty=True)
        return region

    def check(self, region: Region, year: int, document: Document) -> None:
        """What the import action refuses (an empty document, one imported already); the fiscal year made
        the first time a region's year is seen, with the framework of its first document."""
        refuse_to_import(region, year, document, stored=region.pk not in self.made)
        if (region.pk, year) in self.years:
            return
        self.years.add((region.pk, year))
        framework = document.framework.value
        if region.pk in self.made:
            self.new_years.append(FiscalYear(region=region, year=year, framework=framework))
        else:
            FiscalYear.objects.get_or_create(region=region, year=year, defaults={"framework": framework})

    def flush(self) -> None:
        """Write the regions, fiscal years, departments and units made since the last flush."""
        Region.objects.bulk_create(self.new_regions, batch_size=1000)
        FiscalYear.objects.bulk_create(self.new_years, batch_size=1000)
        self.registry.flush()
        self.registry.forget()
        self.new_regions, self.new_years = [], []


def bulk_import(
    acting_user: Any,
    region: Region | None,
    items: Iterable[Item],
    *,
    chunk_projects: int = CHUNK_PROJECTS,
    progress: Callable[[Loaded], None] | None = None,
    rebuild_indexes: bool = False,
) -> Loaded:
    """Import every item, into ``region`` or (``None``) the region each document names, in one
    transaction, audited as one import each; all or nothing; then the planner's statistics of the tables
    written are taken afresh (PostgreSQL). ``progress`` is told the totals after each
    chunk is written (not yet committed). ``rebuild_indexes`` (PostgreSQL): the search indexes dropped for
    the load and built once at its end, in the same transaction (:func:`.write.search_indexes_deferred`)."""
    if region is not None:
        policy.require(acting_user, "import", region)
    layouts = Layouts()  # checks every column of every table has a value before anything is written
    loaded = Loaded()
    seen: set[tuple[int, int, str]] = set()
    created_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    indexes = search_indexes_deferred() if rebuild_indexes else nullcontext([])
    with transaction.atomic(), deferred() as audit, indexes as built:
        generation = bump()  # one library generation for the load; on SQLite it takes the write lock
        ids = Ids()
        places = _Places(acting_user, region, ids)
        waiting: list[Placing] = []
        projects = 0
        for item in items:
            document, year = item.document, item.year
            where = places.region(item)
            places.check(where, year, document)
            key = (where.pk, year, document.source.sha256)
            if key in seen:
                already_imported(where, year, document)
            seen.add(key)
            batch = ImportBatch(region=where, year=year, **batch_fields(document), created_by=created_by)
            placed = places.registry.place(where, document)
            waiting.append(Placing(document, item.path, year, item.published, where, batch, placed))
            loaded.documents += 1
            projects += len(document.projects)
            if projects >= chunk_projects:
                places.flush()
                loaded.add(write_chunk(layouts, ids, waiting, acting_user, generation, audit))
                waiting, projects = [], 0
                if progress is not None:
                    progress(loaded)
        places.flush()
        loaded.add(write_chunk(layouts, ids, waiting, acting_user, generation, audit))
        loaded.regions = len(places.made)
    loaded.indexes = built
    loaded.analysed = analyse()
    return loaded
