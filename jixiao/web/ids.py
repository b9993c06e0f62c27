"""Ids taken a block at a time, so rows that name each other can be built before any is written and then
written together, without a round trip per row."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models


class Ids:
    """Blocks of primary keys for the writes of one transaction.

    PostgreSQL: drawn from the table's own sequence in one query (``nextval`` over ``generate_series``), so
    concurrent writers never collide. SQLite: the ids after the highest the table ever gave, counted on in
    memory — the transaction holds SQLite's single write lock from its first write, so nothing else can
    take them before it commits; take ids only after the transaction has written something.
    """

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def take(self, model: type[models.Model], count: int) -> Sequence[int]:
        if count == 0:
            return ()
        table = model._meta.db_table
        pk = model._meta.pk.column  # type: ignore[union-attr]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [table, pk, count],
                )
                return [n for (n,) in cursor.fetchall()]
            if table not in self._next:
                quote = connection.ops.quote_name
                cursor.execute(f"SELECT max({quote(pk)}) FROM {quote(table)}")
                top = cursor.fetchone()[0] or 0
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                found = cursor.fetchone()
                self._next[table] = max(top, found[0] if found else 0) + 1
        start = self._next[table]
        self._next[table] = start + count
        return range(start, start + count)
