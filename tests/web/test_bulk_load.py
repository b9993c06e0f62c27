"""Bulk load (``jixiao load --bulk DIR``): many documents in one transaction give the rows and audit entries
that importing them one by one gives, with the audit rows written by one statement; all or nothing."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.domain import Document, to_json
from jixiao.domain import Indicator as DomainIndicator
from jixiao.generate import generate_year, load_stats
from jixiao.web import policy
from jixiao.web.actions.imports import do_import_document
from jixiao.web.audit.context import Origin, new_request_id, origin
from jixiao.web.audit.models import AuditEvent
from jixiao.web.bulk import Item, bulk_import
from jixiao.web.bulk.layout import DEFAULT, Layout, MissingColumn
from jixiao.web.bulk.rows import Layouts
from jixiao.web.library.models import LibrarySource
from jixiao.web.organisations.models import FiscalYear, Region
from jixiao.web.portal.distrust import FIELDS
from jixiao.web.portal.models import DistrustedText
from jixiao.web.targets.models import DepartmentTarget, DepartmentTargetRow, ImportBatch, Indicator, Project

from .documents import small_document


def _garbled(document: Document) -> Document:
    """``document`` with one project's 资金用途 read as a run of one word (a cell the reader garbled)."""
    first = dataclasses.replace(document.projects[0], purpose="建设建设建设建设建设")
    return dataclasses.replace(document, projects=(first, *document.projects[1:]))


DOCUMENTS = [_garbled(small_document("b" * 64, 2)), small_document("c" * 64, 3), small_document("d" * 64, 5)]


def _content(row: models.Model) -> dict[str, Any]:
    """A row without what differs between two loads of the same documents: keys, links, times, year."""
    return {
        f.attname: getattr(row, f.attname)
        for f in row._meta.concrete_fields
        if not (f.primary_key or f.is_relation or isinstance(f, models.DateTimeField))
        and f.name not in ("year", "target_id", "request_id", "object_id", "generation")
    }


def _library(row: LibrarySource) -> str:
    """A library record with its target's id and year taken out of the entries (``project:17#p0``)."""
    text = repr(_content(row)).replace(f":{row.object_id}#", ":…#").replace(f":{row.object_id}'", ":…'")
    return text.replace(f"'year': {row.year}", "'year': …")


def _distrusted(row: DistrustedText) -> str:
    """A flagged cell, checked to point at the stored cell holding the text it flagged."""
    model = FIELDS[row.kind][0]
    assert getattr(model.objects.get(pk=row.object_id), row.field) == row.original
    return repr(_content(row))


def _rows(year: int, audit_after: int) -> dict[str, list[str]]:
    tables: dict[str, Any] = {
        "projects": Project.objects.filter(year=year),
        "indicators": Indicator.objects.filter(project__year=year),
        "department targets": DepartmentTarget.objects.filter(year=year),
        "department rows": DepartmentTargetRow.objects.filter(target__year=year),
        "batches": ImportBatch.objects.filter(year=year),
        "audit": AuditEvent.objects.filter(pk__gt=audit_after),
    }
    found = {name: sorted(repr(_content(r)) for r in rows) for name, rows in tables.items()}
    found["distrusted"] = sorted(map(_distrusted, DistrustedText.objects.filter(batch__year=year)))
    found["library"] = sorted(map(_library, LibrarySource.objects.filter(year=year)))
    return found


def writes_to(table: str, queries: CaptureQueriesContext) -> list[str]:
    """The statements of ``queries`` that write rows into ``table`` (INSERT, executemany, COPY)."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if f'"{table}"' in q["sql"].split("(", 1)[0] and ("INSERT INTO" in q["sql"] or "COPY" in q["sql"])
    ]


def _last_audit() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _one_by_one(world: Any, documents: list[Document]) -> dict[str, list[str]]:
    """The rows of ``documents`` imported one by one into 2022 (after a first import into 2021 made the
    registry's departments and units, so a later load finds them the same)."""
    for document in documents:
        do_import_document(acting_user=world.admin, region=world.region, year=2021, document=document)
    before = _last_audit()
    for n, document in enumerate(documents):
        with origin(Origin(via="cli", request_id=new_request_id(), path=f"d/{n}.json")):
            do_import_document(acting_user=world.admin, region=world.region, year=2022, document=document)
    return _rows(2022, before)


def test_bulk_gives_the_rows_and_audit_of_one_by_one(world: Any) -> None:
    one_by_one = _one_by_one(world, DOCUMENTS)
    before = _last_audit()
    items = [Item(document, f"d/{n}.json", 2023) for n, document in enumerate(DOCUMENTS)]
    with CaptureQueriesContext(connection) as queries:
        loaded = bulk_import(world.admin, world.region, items)
    assert (loaded.documents, loaded.projects) == (3, 10)
    assert _rows(2023, before) == one_by_one
    assert len(one_by_one["audit"]) == 3 and len(one_by_one["indicators"]) == 40
    assert len(one_by_one["distrusted"]) == 1 and len(one_by_one["library"]) == 13
    assert len(writes_to("audit_auditevent", queries)) == 1


def test_a_generated_year_bulk_loaded_equals_it_imported_one_by_one(world: Any) -> None:
    # every column a generated year fills: funds, values of all kinds, both department tables, references
    documents = [r.targets for r in generate_year(load_stats(), 80, 5, 2024)]
    assert len(documents) > 1
    one_by_one = _one_by_one(world, documents)
    before = _last_audit()
    items = [Item(document, f"d/{n}.json", 2023) for n, document in enumerate(documents)]
    bulk_import(world.admin, world.region, items, chunk_projects=30)  # several chunks
    assert _rows(2023, before) == one_by_one
    assert len(one_by_one["projects"]) == 80 and len(one_by_one["department rows"]) > 80


def test_the_statements_do_not_grow_with_the_rows(world: Any) -> None:
    def statements(documents: list[Document], year: int) -> int:
        items = [Item(document, f"{n}.json", year) for n, document in enumerate(documents)]
        with CaptureQueriesContext(connection) as queries:
            bulk_import(world.admin, world.region, items)
        return len(queries.captured_queries)

    statements([small_document("e" * 64, 2)], 2021)  # the registry's departments and units made
    few = statements([small_document("e" * 64, 2), small_document("f" * 64, 2)], 2023)
    many = statements([small_document("e" * 64, 40), small_document("f" * 64, 60)], 2025)
    assert Project.objects.filter(year=2025).count() == 100
    assert many == few


def test_each_document_goes_into_the_region_it_names(world: Any) -> None:
    regions = list(generate_year(load_stats(), 80, 5, 2024))
    superuser = User.objects.create_superuser("root_admin", password=None)
    items = [Item(r.targets, f"{r.number}.json", 2024) for r in regions]
    items.append(Item(small_document("e" * 64), "linzi.json", 2024))  # names 临淄区, which exists
    loaded = bulk_import(superuser, None, items)
    assert loaded.regions == len(regions) and loaded.documents == len(regions) + 1
    for r in regions:
        region = Region.objects.get(name=r.name.removeprefix("模拟市"))
        assert Project.objects.filter(region=region).count() == len(r.targets.projects)
        assert FiscalYear.objects.filter(region=region, year=2024).exists()
        assert AuditEvent.objects.filter(verb="create", target_type="Region", target_id=region.pk).exists()
    assert Project.objects.filter(region=world.region, year=2024).count() == 2


def test_a_finance_admin_loads_only_into_their_own_region(world: Any) -> None:
    regions = list(generate_year(load_stats(), 30, 5, 2024))
    items = [Item(small_document("e" * 64), "linzi.json", 2024), Item(regions[0].targets, "new.json", 2024)]
    with pytest.raises(policy.Refused):
        bulk_import(world.admin, None, items)
    assert not Project.objects.exists() and not Region.objects.filter(name__startswith="安").exists()


def test_a_column_the_load_has_no_value_for_stops_it() -> None:
    Layouts()  # every column of every table the bulk load writes has a source
    with pytest.raises(MissingColumn, match="no value for column.*year"):
        Layout(Indicator, DomainIndicator, given=("id", "project_id", "position"), fixed=LAYOUT_FIXED)
    with pytest.raises(MissingColumn, match="unknown column.*colour"):
        Layout(
            Indicator,
            DomainIndicator,
            given=("id", "project_id", "year", "position", "colour"),
            fixed=LAYOUT_FIXED,
        )


LAYOUT_FIXED = {"basis": DEFAULT, "archived": DEFAULT}


def test_the_search_indexes_dropped_for_a_load_are_built_again_at_its_end(world: Any) -> None:
    def search_indexes() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexdef ILIKE '%% USING gin %%'")
            return sorted(name for (name,) in cursor.fetchall())

    items = [Item(document, f"{n}.json", 2023) for n, document in enumerate(DOCUMENTS)]
    if connection.vendor != "postgresql":
        assert bulk_import(world.admin, world.region, items, rebuild_indexes=True).indexes == []
        return
    before = search_indexes()
    loaded = bulk_import(world.admin, world.region, items, rebuild_indexes=True)
    assert [name for name, _ in loaded.indexes] == before and search_indexes() == before
    with connection.cursor() as cursor:  # the planner's statistics taken after the load: it knows the rows
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'targets_indicator'")
        assert cursor.fetchone()[0] == Indicator.objects.count() > 0
    assert Project.objects.filter(search_text__icontains="饮水安全").count() == 6  # found through them


def test_a_failing_document_keeps_nothing_of_the_load(world: Any) -> None:
    items = [Item(DOCUMENTS[0], "a.json", 2022), Item(DOCUMENTS[0], "again.json", 2022)]  # imported twice
    try:
        bulk_import(world.admin, world.region, items)
    except Exception as exc:
        assert "已导入过" in str(exc)
    else:
        raise AssertionError("a document imported twice must be refused")
    assert not Project.objects.exists() and not AuditEvent.objects.filter(verb="import").exists()


def test_load_bulk_folder_from_the_shell(world: Any, tmp_path: Path) -> None:
    for n, document in enumerate(DOCUMENTS):
        (tmp_path / f"{n}.json").write_text(json.dumps(to_json(document), ensure_ascii=False), "utf-8")
    args = ["load", "--bulk", str(tmp_path), "--region", "临淄区", "--user", "fin_admin"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "导入文档 3 个、项目 10 个" in result.output
    assert Project.objects.filter(region=world.region, year=2022).count() == 10
    paths = sorted(AuditEvent.objects.filter(verb="import").values_list("path", flat=True))
    assert paths == [str(tmp_path / f"{n}.json") for n in range(3)]


def test_load_bulk_without_a_region_loads_each_document_into_the_one_it_names(
    world: Any, tmp_path: Path
) -> None:
    for n, document in enumerate(DOCUMENTS):  # their 发布机关 is 临淄区财政局
        (tmp_path / f"{n}.json").write_text(json.dumps(to_json(document), ensure_ascii=False), "utf-8")
    result = CliRunner().invoke(app, ["load", "--bulk", str(tmp_path), "--user", "fin_admin"])
    assert result.exit_code == 0, result.output
    assert "各文档所写的地区 导入文档 3 个、项目 10 个" in result.output
    assert Project.objects.filter(region=world.region, year=2022).count() == 10


def test_a_bad_file_in_the_folder_loads_nothing(world: Any, tmp_path: Path) -> None:
    (tmp_path / "0.json").write_text(json.dumps(to_json(DOCUMENTS[0]), ensure_ascii=False), "utf-8")
    (tmp_path / "1.json").write_text("{broken", "utf-8")
    result = CliRunner().invoke(
        app, ["load", "--bulk", str(tmp_path), "--region", "临淄区", "--user", "fin_admin"]
    )
    assert result.exit_code == 2 and "错误:" in result.output
    assert not Project.objects.exists()
