"""docs/parquet-schema.md lists every table and column the export writes, with its type, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

from jixiao.analytics.schema import TABLES

DOC = Path(__file__).resolve().parents[2] / "docs" / "parquet-schema.md"
TYPES = {"int32": "int32", "int64": "int64", "double": "double", "string": "string"}


def documented() -> dict[str, list[tuple[str, str]]]:
    tables: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in DOC.read_text("utf-8").splitlines():
        if heading := re.match(r"^## (\w+)$", line):
            current = tables.setdefault(heading.group(1), [])
        elif (row := re.match(r"^\| (\w+) \| (\w+) \|", line)) and current is not None and row[1] != "column":
            current.append((row[1], row[2]))
    return tables


def test_the_schema_page_matches_the_written_tables() -> None:
    written = {name: [(f.name, str(f.type)) for f in schema] for name, schema in TABLES.items()}
    assert documented() == written
