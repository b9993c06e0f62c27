"""Run a named analysis on DuckDB (one machine) or Spark (a cluster; ``local[2]`` here) over the Parquet export."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from jixiao.analytics.queries import QUERIES, Query
from jixiao.analytics.schema import TABLES

ENGINES = ("duckdb", "spark")


@dataclass(frozen=True, slots=True)
class Result:
    query: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


class Engine(Protocol):
    def run(self, query: Query) -> Result: ...


class MissingTable(Exception):
    """The Parquet folder lacks a table the analysis reads."""


def _tables(data: Path, query: Query) -> dict[str, Path]:
    found = {t: data / t for t in query.tables}
    missing = [t for t, path in found.items() if not any(path.glob("*.parquet"))]
    if missing:
        raise MissingTable(
            f"{data} 中没有表 {', '.join(missing)}（先运行 jixiao export-parquet 或 jixiao generate）"
        )
    return found


class DuckDB:
    def __init__(self, data: Path) -> None:
        import duckdb

        self.data = data
        self.con = duckdb.connect()

    def run(self, query: Query) -> Result:
        for table, path in _tables(self.data, query).items():
            glob = str(path / "*.parquet").replace("'", "''")
            self.con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet('{glob}')")
        cursor = self.con.execute(query.sql)
        columns = tuple(d[0] for d in cursor.description)
        return Result(query.name, columns, [tuple(r) for r in cursor.fetchall()])


# A short-lived local JVM: the client compiler only and a serial collector start and finish small jobs
# faster than the server defaults; a cluster (--master spark://…) keeps its own settings.
LOCAL_JAVA = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


def _spark_schema(table: str) -> str:
    """The table's columns as Spark's JSON schema, from the one Arrow definition."""
    kinds = {"int32": "integer", "int64": "long", "double": "double", "string": "string"}
    fields = [
        {"name": f.name, "type": kinds[str(f.type)], "nullable": True, "metadata": {}} for f in TABLES[table]
    ]
    return json.dumps({"type": "struct", "fields": fields})


class Spark:
    def __init__(self, data: Path, master: str) -> None:
        from pyspark.sql import SparkSession

        self.data = data
        self.session = (
            SparkSession.builder.master(master)
            .appName("jixiao-analytics")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", os.environ.get("JIXIAO_SPARK_PARTITIONS", "2"))
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.extraJavaOptions", os.environ.get("JIXIAO_SPARK_JAVA_OPTIONS", LOCAL_JAVA))
            .getOrCreate()
        )
        self.session.sparkContext.setLogLevel("ERROR")
        self.loaded: set[str] = set()

    def run(self, query: Query) -> Result:
        from pyspark.sql.types import StructType

        for table, path in _tables(self.data, query).items():
            if table not in self.loaded:  # the schema is known: no job to infer it from the files
                schema = StructType.fromJson(json.loads(_spark_schema(table)))
                self.session.read.schema(schema).parquet(str(path)).createOrReplaceTempView(table)
                self.loaded.add(table)
        frame = self.session.sql(query.sql)
        return Result(query.name, tuple(frame.columns), [tuple(r) for r in frame.collect()])

    def stop(self) -> None:
        self.session.stop()


@contextmanager
def engine(name: str, data: Path, master: str = "local[2]") -> Iterator[Engine]:
    """An engine over the Parquet folder ``data``; Spark's session stops on leaving."""
    if name == "duckdb":
        yield DuckDB(data)
    elif name == "spark":
        spark = Spark(data, master)
        try:
            yield spark
        finally:
            spark.stop()
    else:
        raise ValueError(f"unknown engine {name!r}: one of {', '.join(ENGINES)}")


def run(name: str, data: Path, queries: list[str], master: str = "local[2]") -> list[Result]:
    """The named analyses on one engine, in the order asked."""
    unknown = [q for q in queries if q not in QUERIES]
    if unknown:
        raise KeyError(f"未知的分析: {', '.join(unknown)}（可选: {', '.join(QUERIES)}）")
    with engine(name, data, master) as e:
        return [e.run(QUERIES[q]) for q in queries]
