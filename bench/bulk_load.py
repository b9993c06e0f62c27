"""Bulk load of a generated year into the web database (issue 18 §2): rows/s, against a raw COPY of the rows.

    .venv/bin/python bench/bulk_load.py --projects 1000                        # SQLite, a temporary file
    createdb -h 127.0.0.1 -U postgres jixiao_bench
    .venv/bin/python bench/bulk_load.py --projects 1000 \\
        --database-url postgresql://postgres@127.0.0.1:5432/jixiao_bench       # emptied and migrated first

The year comes from ``jixiao generate --format json`` (kept in $TMPDIR/jixiao-bench-year-N). Two loads, each
into a freshly migrated database, each document into the region it names (what ``jixiao load --bulk DIR``
does without ``--region``, as a superuser):

- end to end: the JSON documents read one at a time and written (``jixiao load --bulk``'s own path);
- write stage: the documents read into memory first, then only ``jixiao.web.bulk.bulk_import`` timed —
  domain objects in memory to committed rows.

The baseline writes the very rows the write stage stored (every table it wrote) into copies of their
tables in one transaction, the fastest way the database offers (``COPY`` on PostgreSQL, ``executemany`` on
SQLite): once into bare copies (no index) and once into copies with the tables' indexes (the search indexes
on PostgreSQL too), since the load pays for its indexes and the bare copy does not. Printed: rows, seconds,
rows/s of each, and the ratios (aim: write stage ≥ 0.5× the raw COPY). Never point it at a database in use:
it drops every table of the one named.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TABLES = (
    "organisations_region",
    "organisations_fiscalyear",
    "organisations_department",
    "organisations_unit",
    "targets_importbatch",
    "targets_project",
    "targets_indicator",
    "targets_departmenttarget",
    "targets_departmenttargetrow",
    "portal_distrustedtext",
    "library_librarysource",
    "audit_auditevent",
)


def year_folder(size: int) -> Path:
    folder = Path(tempfile.gettempdir()) / f"jixiao-bench-year-{size}"
    if not (folder / "done").exists():
        jixiao = [sys.executable, "-m", "jixiao.cli", "generate", "--format", "json"]
        subprocess.run([*jixiao, "--projects", str(size), "-o", str(folder)], check=True)
        (folder / "done").touch()
    return folder / "targets"


def prepare(url: str | None) -> None:
    """Settings for the bench database, emptied and migrated."""
    if url:
        os.environ["JIXIAO_DATABASE_URL"] = url
        name = url.rsplit("/", 1)[1]
        if name in ("test", "test_test", "jixiao", "jixiao_1m"):
            sys.exit(f"refusing to empty the database {name}: create one for the bench (jixiao_bench)")
    else:
        os.environ.pop("JIXIAO_DATABASE_URL", None)
        os.environ["JIXIAO_DATA_DIR"] = tempfile.mkdtemp(prefix="jixiao-bulk-")
    from jixiao.web import setup_django

    setup_django()
    empty()


def empty() -> None:
    from django.core.management import call_command
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            tables = connection.introspection.table_names(cursor)
            for table in tables:
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
            cursor.execute("PRAGMA foreign_keys = ON")
    call_command("migrate", verbosity=0)


def loader() -> Any:
    from django.contrib.auth.models import User

    return User.objects.create_superuser("bench_loader", password=None)


def items_of(paths: list[Path]) -> Any:
    from jixiao.cli.export import read_inputs
    from jixiao.web.bulk import Item

    for path in paths:
        for doc in read_inputs(path):
            yield Item(doc, str(path), doc.year or 2024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--database-url", default=None, help="postgresql://… (default: SQLite in a temp dir)")
    options = parser.parse_args()
    folder = year_folder(options.projects)
    paths = sorted(folder.glob("*.json"))
    prepare(options.database_url)

    from django.db import connection

    from jixiao.web.bulk import bulk_import

    started, cpu = time.perf_counter(), time.process_time()
    bulk_import(loader(), None, items_of(paths))
    end_to_end, end_to_end_cpu = time.perf_counter() - started, time.process_time() - cpu

    empty()
    items = list(items_of(paths))
    started, cpu = time.perf_counter(), time.process_time()
    loaded = bulk_import(loader(), None, items)
    write_stage, write_stage_cpu = time.perf_counter() - started, time.process_time() - cpu

    with connection.cursor() as cursor:
        counts, stored = {}, {}
        for table in TABLES:
            cursor.execute(f"SELECT * FROM {table}")
            stored[table] = cursor.fetchall()
            counts[table] = len(stored[table])
    rows = sum(counts.values())
    bare = raw_copy(connection, stored, indexes=False)
    indexed = raw_copy(connection, stored, indexes=True)

    print(
        f"{connection.vendor}, {loaded.documents} documents into {loaded.regions} regions, {loaded.projects} "
        f"projects, load average {os.getloadavg()[0]:.1f}"
    )
    print("rows per table: " + ", ".join(f"{t.split('_', 1)[1]} {n}" for t, n in counts.items()))
    print(f"{'path':44} {'rows':>8} {'seconds':>8} {'rows/s':>9} {'÷ bare':>7} {'÷ indexed':>9} {'CPU s':>6}")
    for name, seconds, cpu_seconds in (
        ("end to end (read JSON + write)", end_to_end, end_to_end_cpu),
        ("write stage (domain objects → committed rows)", write_stage, write_stage_cpu),
        ("raw COPY, bare copies (no index)", *bare),
        ("raw COPY, copies with the tables' indexes", *indexed),
    ):
        print(
            f"{name:44} {rows:>8} {seconds:>8.2f} {rows / seconds:>9.0f} "
            f"{bare[0] / seconds:>6.2f}x {indexed[0] / seconds:>8.2f}x {cpu_seconds:>6.2f}"
        )
    print(
        "aim: write stage >= 0.5x the raw COPY. CPU s: this process's (on PostgreSQL the server's is not in it)"
    )


def _index_sql(connection: Any, table: str) -> list[str]:
    """The CREATE INDEX statements of ``table`` (SQLite), renamed onto its raw copy."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [table])
        found = [sql for (sql,) in cursor.fetchall() if sql]
    return [
        re.sub(r'INDEX "?(\w+)"? ON "?' + table + '"?', rf'INDEX "raw_\1" ON "raw_{table}"', sql)
        for sql in found
    ]


def raw_copy(connection: Any, stored: dict[str, list[Any]], *, indexes: bool) -> tuple[float, float]:
    """Seconds (wall, this process's CPU) to write ``stored`` rows into copies of their tables (``indexes``:
    with the tables' indexes) in one transaction."""
    from django.db import transaction

    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for table in stored:
            cursor.execute(f"DROP TABLE IF EXISTS raw_{table}")
            if postgres:
                cursor.execute(
                    f"CREATE TABLE raw_{table} (LIKE {table}{' INCLUDING INDEXES' if indexes else ''})"
                )
            else:
                cursor.execute(f"CREATE TABLE raw_{table} AS SELECT * FROM {table} WHERE 0")
                for sql in _index_sql(connection, table) if indexes else ():
                    cursor.execute(sql)
    started, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic(), connection.cursor() as cursor:
        for table, rows in stored.items():
            if not rows:
                continue
            if postgres:
                with cursor.cursor.copy(f"COPY raw_{table} FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" * len(rows[0]))
                cursor.cursor.executemany(f"INSERT INTO raw_{table} VALUES ({marks})", rows)
    seconds = time.perf_counter() - started, time.process_time() - cpu
    with connection.cursor() as cursor:
        for table in stored:
            cursor.execute(f"DROP TABLE raw_{table}")
    return seconds


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
