"""The named analyses on DuckDB, on tables small enough to work out by hand."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jixiao.analytics.engines import MissingTable, run
from jixiao.analytics.schema import TABLES


def _write(root: Path, table: str, rows: list[dict]) -> None:
    (root / table).mkdir(parents=True, exist_ok=True)
    full = [{f.name: row.get(f.name) for f in TABLES[table]} for row in rows]
    pq.write_table(pa.Table.from_pylist(full, schema=TABLES[table]), root / table / "part-0.parquet")


def _project(
    pid: int, region: str, grade: str | None, score: float | None, rate: float | None, band: str | None
):
    return {
        "project_id": pid,
        "year": 2024,
        "region": region,
        "name": f"项目{pid}",
        "department": "民政局",
        "grade": grade,
        "selfeval_score": score,
        "execution_rate": rate,
        "funds_total": 10.0,
        "monitor_month": 6 if band else None,
        "monitor_band": band,
        "monitor_execution_rate": 40.0 if band else None,
    }


def _indicator(
    pid: int, seq: int, cluster: str, number: float | None, unit: str | None = "人", kind="numeric"
):
    return {
        "project_id": pid,
        "year": 2024,
        "region": "甲区",
        "seq": seq,
        "name": cluster,
        "cluster": cluster,
        "raw": f"{number}{unit or ''}",
        "kind": kind,
        "number": number,
        "unit": unit,
    }


@pytest.fixture
def data(tmp_path: Path) -> Path:
    _write(
        tmp_path,
        "projects",
        [
            _project(1, "甲区", "优", 95.0, 100.0, "green"),
            _project(2, "甲区", "良", 85.0, 90.0, "red"),
            _project(3, "甲区", "差", 50.0, 60.0, "red"),
            _project(4, "乙区", None, None, None, None),
        ],
    )
    spread = [10, 11, 12, 10, 11, 12, 10, 11, 12, 1000]
    _write(
        tmp_path,
        "indicators",
        [_indicator(1, k, "培训人数", float(n)) for k, n in enumerate([1, 2, 3, 4], 1)]
        + [_indicator(2, k, "救助人数", float(n)) for k, n in enumerate(spread, 1)]
        + [_indicator(3, 1, "培训人数", None, None, kind="qualitative")],
    )
    return tmp_path


def _rows(data: Path, query: str) -> list[dict]:
    (result,) = run("duckdb", data, [query])
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def test_grades_count_each_grade_and_average_scores_and_execution(data) -> None:
    (row,) = _rows(data, "grades")  # 乙区 has no self-evaluation
    assert row | {"mean_score": 0, "mean_execution_rate": 0} == {
        "year": 2024,
        "region": "甲区",
        "projects": 3,
        "excellent": 1,
        "good": 1,
        "fair": 0,
        "poor": 1,
        "mean_score": 0,
        "mean_execution_rate": 0,
        "below_80": 1,
        "funds_total": 30.0,
    }
    assert row["mean_score"] == pytest.approx(230 / 3) and row["mean_execution_rate"] == pytest.approx(
        250 / 3
    )


def test_monitoring_bands_count_projects_per_band(data) -> None:
    assert [(r["region"], r["band"], r["projects"]) for r in _rows(data, "monitoring-bands")] == [
        ("甲区", "green", 1),
        ("甲区", "red", 2),
    ]


def _actual(month: int, causes: str | None, likelihood: str | None = None, region: str = "甲区") -> dict:
    return {"project_id": 1, "year": 2024, "region": region, "month": month, "seq": 1, "name": "培训人数"} | {
        "causes": causes,
        "likelihood": likelihood,
    }


def test_deviation_causes_count_each_heading_given_per_cut_off(tmp_path) -> None:
    _write(
        tmp_path,
        "actuals",
        [
            _actual(6, "经费保障", "有可能"),
            _actual(6, "经费保障、人员保障", "完全不可能"),
            _actual(6, None),  # on track: no cause
            _actual(12, "其他"),
            _actual(12, "硬件条件保障、制度保障"),
        ],
    )
    columns = ("month", "indicators", "funding", "rules", "staff", "facilities", "other", "unlikely")
    rows = [tuple(r[c] for c in columns) for r in _rows(tmp_path, "deviation-causes")]
    assert rows == [(6, 2, 2, 0, 1, 0, 0, 1), (12, 2, 0, 1, 0, 1, 1, 0)]


def test_value_distribution_gives_quartiles_of_numeric_values(data) -> None:
    rows = {r["cluster"]: r for r in _rows(data, "value-distribution")}
    assert set(rows) == {"培训人数", "救助人数"}  # the qualitative row has no number
    assert {k: rows["培训人数"][k] for k in ("n", "min", "p25", "median", "p75", "max", "unit")} == {
        "n": 4,
        "min": 1.0,
        "p25": 1.75,
        "median": 2.5,
        "p75": 3.25,
        "max": 4.0,
        "unit": "人",
    }


def test_an_outlier_lies_beyond_three_and_a_half_robust_deviations(data) -> None:
    (row,) = _rows(data, "outliers")  # 培训人数 has too few values to have outliers
    assert (row["project"], row["seq"], row["number"], row["median"]) == ("项目2", 10, 1000.0, 11.0)
    assert row["robust_z"] == pytest.approx(989 / 1.4826)


def test_a_missing_table_is_named(tmp_path) -> None:
    _write(tmp_path, "projects", [])
    with pytest.raises(MissingTable, match="indicators"):
        run("duckdb", tmp_path, ["value-distribution"])


def test_an_unknown_analysis_is_refused(data) -> None:
    with pytest.raises(KeyError, match="未知的分析"):
        run("duckdb", data, ["nonsense"])
