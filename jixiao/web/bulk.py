"""Bulk load: many documents (a folder of disclosures, or a generated year) imported in one transaction.

Each document goes through the same import action as ``jixiao load`` (the same rows, the same placement in
the registry, the same audit content), but the whole load commits once, the audit rows are written together
at the end by one bulk insert, and on PostgreSQL the indicator rows go in through ``COPY`` (psycopg 3's
``cursor.copy``) instead of multi-row ``INSERT``. SQLite gets batched inserts in the one transaction.
A document that fails stops the load and nothing of it is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction

from jixiao.domain import Document
from jixiao.domain.stated_date import StatedDate
from jixiao.web import policy
from jixiao.web.actions.imports import Insert, do_import_document
from jixiao.web.audit import deferred
from jixiao.web.audit.context import Origin, new_request_id, origin
from jixiao.web.organisations.models import Region


@dataclass(frozen=True, slots=True)
class Item:
    """One document to load: where it came from (the audit's path), its year and its stated date."""

    document: Document
    path: str
    year: int
    published: StatedDate | None = None


@dataclass(frozen=True, slots=True)
class Loaded:
    documents: int
    projects: int
    departments: int


def _columns(model: type[models.Model]) -> tuple[list[models.Field[Any, Any]], str, str]:
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    return fields, connection.ops.quote_name(model._meta.db_table), columns


def _values(fields: list[models.Field[Any, Any]], row: models.Model) -> list[Any]:
    """The values Django would insert for ``row`` (defaults and ``auto_now_add`` applied)."""
    return [f.get_db_prep_save(f.pre_save(row, add=True), connection) for f in fields]


def copy_insert(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    """``rows`` written by PostgreSQL ``COPY … FROM STDIN``, one stream per table and document."""
    if not rows:
        return
    fields, table, columns = _columns(model)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(_values(fields, row))


def executemany_insert(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    """``rows`` written by one prepared ``INSERT`` run over all of them (SQLite): the statement is compiled
    once, where Django's ``bulk_create`` compiles a multi-row statement for every batch."""
    if not rows:
        return
    fields, table, columns = _columns(model)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", [_values(fields, r) for r in rows]
        )


def inserter() -> Insert:
    """COPY on PostgreSQL, one prepared ``INSERT`` over the rows elsewhere."""
    return copy_insert if connection.vendor == "postgresql" else executemany_insert


def bulk_import(acting_user: Any, region: Region, items: Iterable[Item]) -> Loaded:
    """Import every item into ``region`` in one transaction, audited as one import each; all or nothing."""
    policy.require(acting_user, "import", region)
    insert = inserter()
    documents = projects = departments = 0
    with transaction.atomic(), deferred():
        for item in items:
            with origin(Origin(via="cli", request_id=new_request_id(), path=item.path[:300])):
                batch = do_import_document(
                    acting_user=acting_user,
                    region=region,
                    year=item.year,
                    document=item.document,
                    published=item.published,
                    insert=insert,
                )
            documents += 1
            projects += batch.project_count
            departments += batch.department_count
    return Loaded(documents, projects, departments)
