"""DuckDB and Spark give equal results for every named analysis on a generated year (issue 18 §5).

Spark runs as ``local[2]`` in one session for all the analyses; 2,000 projects keep its start-up the larger
part of the time. Floats are compared to 1e-9 relative: the engines sum in different orders.
"""

from __future__ import annotations

import math

import pytest

from jixiao.analytics.engines import run
from jixiao.analytics.export import ParquetExport
from jixiao.analytics.queries import QUERIES
from jixiao.generate import generate_year, load_stats

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    out = tmp_path_factory.mktemp("year")
    with ParquetExport(out) as sink:
        for r in generate_year(load_stats(), 2000, seed=11, year=2024):
            sink.add(r.targets, region=r.name, monitoring=r.monitoring, selfeval=r.selfeval)
    return out


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def test_duckdb_and_spark_agree_on_every_named_analysis(data) -> None:
    names = list(QUERIES)
    duck = run("duckdb", data, names)
    spark = run("spark", data, names)
    for d, s in zip(duck, spark, strict=True):
        assert d.query == s.query and d.columns == s.columns
        assert d.rows, f"{d.query}: the generated year gives this analysis something to show"
        assert len(d.rows) == len(s.rows), d.query
        different = [
            (a, b)
            for a, b in zip(d.rows, s.rows, strict=True)
            if not all(map(_same, a, b)) or len(a) != len(b)
        ]
        assert not different, (d.query, different[:3])
