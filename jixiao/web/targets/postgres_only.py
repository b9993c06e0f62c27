"""Migration steps that exist only on PostgreSQL (extensions, functions, GIN indexes); SQLite skips them."""

from __future__ import annotations

from typing import Any


def on_postgresql(statements: list[str]) -> Any:
    """A ``RunPython`` function running ``statements`` when the database is PostgreSQL, nothing otherwise."""

    def apply(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply
