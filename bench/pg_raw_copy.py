"""The raw ``COPY`` baseline of a database a bulk load filled (issue 18 §2), for loads too big to hold in memory.

    .venv/bin/python bench/pg_raw_copy.py --database-url postgresql://postgres@127.0.0.1:5432/jixiao_1m

``bench/bulk_load.py`` measures the load against a raw ``COPY`` of the very rows it stored, holding them in
memory, which is fine at 1,000 projects and not at 1 M. Here the rows of every table a load writes are
streamed out of the database with ``COPY … TO STDOUT`` and into a copy of the table with ``COPY … FROM
STDIN`` (the client in between, as for the load), the copies having the tables' B-tree indexes (a plain table for the indicator table partitioned by year); the search
(GIN) indexes are then built on the copies — what ``jixiao load --bulk --rebuild-indexes`` does with its own.
Printed: rows, seconds (copy, index builds, total) and rows/s per table and in all; divide the load's own time
by the total for the ratio. The copies (``raw_…``) are dropped at the end; the database is otherwise left as it
was. It needs as much free disk as the tables take.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bulk_load import TABLES  # noqa: E402  (the tables a bulk load writes)


def search_indexes(cursor: psycopg.Cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexdef ILIKE '%% USING gin %%'", [table]
    )
    return [definition for (definition,) in cursor.fetchall()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    url = parser.parse_args().database_url
    with psycopg.connect(url, autocommit=True) as reader, psycopg.connect(url) as writer:
        rcur, wcur = reader.cursor(), writer.cursor()
        print(f"{'table':32} {'rows':>10} {'copy s':>8} {'index s':>8} {'rows/s':>9}  load average")
        total_rows = total_seconds = 0.0
        for table in TABLES:
            gin = search_indexes(rcur, table)
            wcur.execute(f"DROP TABLE IF EXISTS raw_{table}")
            wcur.execute(f"CREATE TABLE raw_{table} (LIKE {table} INCLUDING DEFAULTS INCLUDING INDEXES)")
            for definition in search_indexes(wcur, f"raw_{table}"):
                wcur.execute("DROP INDEX " + definition.split(" ON ")[0].split()[-1])
            writer.commit()
            started = time.perf_counter()
            with (
                rcur.copy(f"COPY (SELECT * FROM {table}) TO STDOUT") as out,
                wcur.copy(f"COPY raw_{table} FROM STDIN") as into,
            ):
                for block in out:
                    into.write(block)
            wcur.execute(f"SELECT count(*) FROM raw_{table}")
            rows = wcur.fetchone()[0]
            copied = time.perf_counter() - started
            started = time.perf_counter()
            for n, definition in enumerate(gin):
                rest = definition.split(" ON ", 1)[1]
                wcur.execute(
                    f"CREATE INDEX raw_search_{n}_{table} ON " + rest.replace(table, f"raw_{table}", 1)
                )
            writer.commit()
            indexed = time.perf_counter() - started
            seconds = copied + indexed
            total_rows, total_seconds = total_rows + rows, total_seconds + seconds
            print(
                f"{table:32} {rows:>10} {copied:>8.1f} {indexed:>8.1f} {rows / seconds:>9.0f}  "
                f"{os.getloadavg()[0]:.1f}"
            )
        print(f"{'all':32} {int(total_rows):>10} {'':>8} {'':>8} {total_rows / total_seconds:>9.0f}")
        print(f"raw COPY and index builds: {total_seconds:.1f} s")
        for table in TABLES:
            wcur.execute(f"DROP TABLE raw_{table}")
        writer.commit()


if __name__ == "__main__":
    main()
