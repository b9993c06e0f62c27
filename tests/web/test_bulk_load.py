"""Bulk load (``jixiao load --bulk DIR``): many documents in one transaction give the rows and audit entries
that importing them one by one gives, with the audit rows written by one statement; all or nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.domain import to_json
from jixiao.web.actions.imports import do_import_document
from jixiao.web.audit.context import Origin, new_request_id, origin
from jixiao.web.audit.models import AuditEvent
from jixiao.web.bulk import Item, bulk_import
from jixiao.web.portal.models import DistrustedText
from jixiao.web.targets.models import DepartmentTarget, DepartmentTargetRow, ImportBatch, Indicator, Project

from .documents import small_document

DOCUMENTS = [small_document("b" * 64, 2), small_document("c" * 64, 3), small_document("d" * 64, 5)]


def _content(row: models.Model) -> dict[str, Any]:
    """A row without what differs between two loads of the same documents: keys, links, times, year."""
    return {
        f.attname: getattr(row, f.attname)
        for f in row._meta.concrete_fields
        if not (f.primary_key or f.is_relation or isinstance(f, models.DateTimeField))
        and f.name not in ("year", "target_id", "request_id")
    }


def _rows(year: int, audit_after: int) -> dict[str, list[str]]:
    tables: dict[str, Any] = {
        "projects": Project.objects.filter(year=year),
        "indicators": Indicator.objects.filter(project__year=year),
        "department targets": DepartmentTarget.objects.filter(year=year),
        "department rows": DepartmentTargetRow.objects.filter(target__year=year),
        "batches": ImportBatch.objects.filter(year=year),
        "distrusted": DistrustedText.objects.filter(batch__year=year),
        "audit": AuditEvent.objects.filter(pk__gt=audit_after),
    }
    return {name: sorted(repr(_content(r)) for r in rows) for name, rows in tables.items()}


def writes_to(table: str, queries: CaptureQueriesContext) -> list[str]:
    """The statements of ``queries`` that write rows into ``table`` (INSERT, executemany, COPY)."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if f'"{table}"' in q["sql"].split("(", 1)[0] and ("INSERT INTO" in q["sql"] or "COPY" in q["sql"])
    ]


def _last_audit() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_bulk_gives_the_rows_and_audit_of_one_by_one(world: Any) -> None:
    # The registry's departments are made by a first import, so both loads below find them the same.
    do_import_document(acting_user=world.admin, region=world.region, year=2021, document=DOCUMENTS[0])
    before = _last_audit()
    for n, document in enumerate(DOCUMENTS):
        with origin(Origin(via="cli", request_id=new_request_id(), path=f"d/{n}.json")):
            do_import_document(acting_user=world.admin, region=world.region, year=2022, document=document)
    one_by_one = _rows(2022, before)
    before = _last_audit()
    items = [Item(document, f"d/{n}.json", 2023) for n, document in enumerate(DOCUMENTS)]
    with CaptureQueriesContext(connection) as queries:
        loaded = bulk_import(world.admin, world.region, items)
    assert (loaded.documents, loaded.projects) == (3, 10)
    assert _rows(2023, before) == one_by_one
    assert len(one_by_one["audit"]) == 3 and len(one_by_one["indicators"]) == 40
    assert len(writes_to("audit_auditevent", queries)) == 1


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


def test_a_bad_file_in_the_folder_loads_nothing(world: Any, tmp_path: Path) -> None:
    (tmp_path / "0.json").write_text(json.dumps(to_json(DOCUMENTS[0]), ensure_ascii=False), "utf-8")
    (tmp_path / "1.json").write_text("{broken", "utf-8")
    result = CliRunner().invoke(
        app, ["load", "--bulk", str(tmp_path), "--region", "临淄区", "--user", "fin_admin"]
    )
    assert result.exit_code == 2 and "错误:" in result.output
    assert not Project.objects.exists()
