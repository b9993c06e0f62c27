"""Rows into tables, the fastest way each database offers: PostgreSQL ``COPY … FROM STDIN`` (psycopg 3's
``cursor.copy``), SQLite one prepared ``INSERT`` run over all rows (``executemany``)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models

from jixiao.web.bulk.layout import Layout, prepared


def write_rows(model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """``rows`` (values in ``columns``' order, prepared for the database) into ``model``'s table."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({names}) FROM STDIN"
            started = time.perf_counter()
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
            # Logged as other statements are, for CaptureQueriesContext and DEBUG.
            if connection.queries_logged:
                connection.queries_log.append(
                    {"sql": f"{sql} -- {len(rows)} rows", "time": f"{time.perf_counter() - started:.3f}"}
                )
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def write_layout(layout: Layout, rows: Sequence[Sequence[Any]]) -> None:
    write_rows(layout.model, [f.column for f in layout.fields], rows)


def write_instances(model: type[models.Model], rows: Iterable[models.Model]) -> None:
    """Unsaved model instances (the few rows per document: batches, dates, audit rows) by the same path,
    every concrete column with the value Django would insert (defaults and ``auto_now_add`` applied); the
    primary key too where the instances carry one."""
    rows = list(rows)
    if not rows:
        return
    with_pk = rows[0].pk is not None
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    values = [[prepared(f, f.pre_save(row, add=True)) for f in fields] for row in rows]
    write_rows(model, [f.column for f in fields], values)


@contextmanager
def search_indexes_deferred() -> Iterator[list[tuple[str, float]]]:
    """PostgreSQL: the GIN (search) indexes of the tables a load writes dropped for the block and built
    again once at its end, in the caller's transaction — an index built in one pass over a large load costs
    a fraction of keeping it up to date row by row. Yields the (index, seconds to build) list, filled when the
    block ends. The drop locks the tables until the transaction ends: readers wait for the load. Elsewhere
    a no-op."""
    built: list[tuple[str, float]] = []
    if connection.vendor != "postgresql":
        yield built
        return
    tables = [m._meta.db_table for m in _indexed()]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexdef ILIKE '%% USING gin %%' ORDER BY indexname",
            [tables],
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield built
    with connection.cursor() as cursor:
        # The foreign keys' deferred checks run now (as at commit): PostgreSQL builds no index on a table
        # with checks pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name, definition in found:
            started = time.perf_counter()
            cursor.execute(definition)
            built.append((name, time.perf_counter() - started))


def _indexed() -> list[type[models.Model]]:
    from jixiao.web.targets.models import DepartmentTarget, DepartmentTargetRow, Indicator, Project

    return [Project, Indicator, DepartmentTarget, DepartmentTargetRow]


def analyse() -> float:
    """PostgreSQL: fresh planner statistics for the tables a load wrote (seconds taken). Until autovacuum
    gets to them, a freshly loaded table's statistics say it is nearly empty, and the portal's searches
    were planned as scans (a two-character search at 1,000 projects: 367 ms before, 75 ms after)."""
    if connection.vendor != "postgresql":
        return 0.0
    from jixiao.web.library.models import LibrarySource
    from jixiao.web.organisations.models import Department, Region, Unit
    from jixiao.web.portal.models import DistrustedText

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for model in (*_indexed(), Region, Department, Unit, DistrustedText, LibrarySource):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return time.perf_counter() - started
