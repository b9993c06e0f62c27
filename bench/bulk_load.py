"""Bulk load of a generated year into the web database (issue 18 §2): rows/s, against a raw copy of the rows.

    .venv/bin/python bench/bulk_load.py --projects 1000                        # SQLite, a temporary file
    createdb -h 127.0.0.1 -U postgres jixiao_bench
    .venv/bin/python bench/bulk_load.py --projects 1000 \\
        --database-url postgresql://postgres@127.0.0.1:5432/jixiao_bench       # emptied and migrated first

The year comes from ``jixiao generate --format json`` (kept in $TMPDIR/jixiao-bench-year-N); its documents
are read first, then timed: ``jixiao.web.bulk.bulk_import`` (what ``jixiao load --bulk`` runs) of every
region into one region of the database. The baseline writes the very rows it stored (projects, indicators,
department targets and rows, batches, flagged cells, audit) into empty copies of their tables in one
transaction, the fastest way the database offers: ``COPY`` on PostgreSQL, ``executemany`` on SQLite.
Printed: rows, seconds, rows/s of each, and the ratio (aim ≥ 0.5×). Never point it at a database in use:
it drops every table of the one named.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLES = (
    "targets_importbatch",
    "targets_project",
    "targets_indicator",
    "targets_departmenttarget",
    "targets_departmenttargetrow",
    "portal_distrustedtext",
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
        if name in ("test", "test_test", "jixiao"):
            sys.exit(f"refusing to empty the database {name}: create one for the bench (jixiao_bench)")
    else:
        os.environ.pop("JIXIAO_DATABASE_URL", None)
        os.environ["JIXIAO_DATA_DIR"] = tempfile.mkdtemp(prefix="jixiao-bulk-")
    from jixiao.web import setup_django

    setup_django()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--database-url", default=None, help="postgresql://… (default: SQLite in a temp dir)")
    options = parser.parse_args()
    folder = year_folder(options.projects)
    prepare(options.database_url)

    from django.contrib.auth.models import User
    from django.db import connection, transaction

    from jixiao.cli.export import read_inputs
    from jixiao.web.bulk import Item, bulk_import
    from jixiao.web.organisations.models import Profile, Region, Role

    region = Region.objects.create(name="模拟市", code="990000")
    admin = User.objects.create_user("bench_admin", password=None)
    Profile.objects.create(user=admin, role=Role.FINANCE_ADMIN, region=region)
    paths = sorted(folder.glob("*.json"))
    items = [Item(doc, str(path), doc.year or 2024) for path in paths for doc in read_inputs(path)]

    started = time.perf_counter()
    loaded = bulk_import(admin, region, items)
    bulk_seconds = time.perf_counter() - started

    with connection.cursor() as cursor:
        counts = {}
        for table in TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
        rows = sum(counts.values())
        stored = {}
        for table in TABLES:
            cursor.execute(f"SELECT * FROM {table}")
            stored[table] = cursor.fetchall()
    raw_seconds = raw_copy(connection, transaction, stored)

    print(
        f"{connection.vendor}, {loaded.documents} documents, {loaded.projects} projects, load average "
        f"{os.getloadavg()[0]:.1f}"
    )
    print("rows per table: " + ", ".join(f"{t.split('_', 1)[1]} {n}" for t, n in counts.items()))
    print(f"{'path':28} {'rows':>8} {'seconds':>8} {'rows/s':>9}")
    print(f"{'bulk_import (load --bulk)':28} {rows:>8} {bulk_seconds:>8.2f} {rows / bulk_seconds:>9.0f}")
    print(f"{'raw copy of the same rows':28} {rows:>8} {raw_seconds:>8.2f} {rows / raw_seconds:>9.0f}")
    print(f"ratio bulk / raw: {raw_seconds / bulk_seconds:.2f}x (aim >= 0.5x)")


def raw_copy(connection, transaction, stored) -> float:  # type: ignore[no-untyped-def]
    """Seconds to write ``stored`` rows into empty copies of their tables in one transaction."""
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for table in stored:
            cursor.execute(f"DROP TABLE IF EXISTS raw_{table}")
            like = f"(LIKE {table})" if postgres else f"AS SELECT * FROM {table} WHERE 0"
            cursor.execute(f"CREATE TABLE raw_{table} {like}")
    started = time.perf_counter()
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
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
