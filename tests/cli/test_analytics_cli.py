"""``jixiao generate``, ``jixiao export-parquet`` and ``jixiao analytics``: a user's way from nothing to figures."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jixiao.analytics.schema import TABLES
from jixiao.cli.analytics import printable


def jixiao(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jixiao.cli", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen")
    parquet, folder = out / "parquet", out / "json"
    for fmt, where in (("parquet", parquet), ("json", folder)):
        result = jixiao(
            "generate",
            "--projects",
            "150",
            "--seed",
            "5",
            "--year",
            "2024",
            "--format",
            fmt,
            "-o",
            str(where),
        )
        assert result.returncode == 0, result.stderr
        assert "已生成 150 个项目" in result.stderr
    return parquet, folder


def test_json_output_exported_to_parquet_is_the_year_generated_as_parquet(year, tmp_path) -> None:
    parquet, folder = year
    assert len(list((folder / "targets").glob("*.json"))) == len(list((folder / "selfeval").glob("*.json")))
    result = jixiao("export-parquet", "-o", str(tmp_path), "--no-findings", str(folder))
    assert result.returncode == 0, result.stderr
    for table in ("projects", "indicators", "actuals", "department_rows"):
        # generate numbers projects by region (the same for any --jobs); an export numbers them in order
        exported, generated = (_without_ids(pq.read_table(root / table)) for root in (tmp_path, parquet))
        assert exported.to_pylist() == generated.to_pylist(), table


def _without_ids(table: pa.Table) -> pa.Table:
    return table.drop_columns(["project_id"]) if "project_id" in table.column_names else table


def test_analytics_prints_each_format(year) -> None:
    parquet, _ = year
    as_json = jixiao("analytics", "grades", "--data", str(parquet), "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    rows = json.loads(as_json.stdout)
    assert sum(r["projects"] for r in rows) == 150 and {r["year"] for r in rows} == {2024}
    text = jixiao("analytics", "all", "--data", str(parquet), "--limit", "2")
    assert text.returncode == 0, text.stderr
    sections = text.stdout.split("# ")[1:]
    assert all(len(section.strip().splitlines()) <= 4 for section in sections)  # title, columns, 2 rows
    assert {line.split(" ")[1] for line in text.stdout.splitlines() if line.startswith("# ")} == {
        "value-distribution",
        "grades",
        "monitoring-bands",
        "deviation-causes",
        "outliers",
    }
    as_csv = list(
        csv.reader(
            io.StringIO(jixiao("analytics", "grades", "--data", str(parquet), "--format", "csv").stdout)
        )
    )
    assert as_csv[0][:3] == ["year", "region", "projects"] and len(as_csv) == len(rows) + 1


def test_a_csv_cell_that_looks_like_a_formula_stays_text(tmp_path) -> None:
    (tmp_path / "projects").mkdir()
    row = {f.name: None for f in TABLES["projects"]} | {
        "project_id": 1,
        "year": 2024,
        "region": "=HYPERLINK(1)",
        "grade": "优",
        "selfeval_score": 95.0,
    }
    pq.write_table(
        pa.Table.from_pylist([row], schema=TABLES["projects"]), tmp_path / "projects" / "part-0.parquet"
    )
    out = jixiao("analytics", "grades", "--data", str(tmp_path), "--format", "csv").stdout
    assert list(csv.reader(io.StringIO(out)))[1][1] == "'=HYPERLINK(1)"


def test_figures_print_to_six_decimals() -> None:
    assert printable(83.79499999999999) == 83.795 and printable(3) == 3 and printable("x") == "x"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["analytics", "nonsense", "--data", "."], "未知的分析"),
        (["analytics", "grades", "--data", "/nonexistent"], "目录不存在"),
        (["analytics", "grades", "--engine", "oracle"], "--engine"),
        (["analytics", "grades", "--format", "xml"], "--format"),
        (["generate", "-o", "x", "--format", "xml"], "--format"),
        (["export-parquet", "-o", "x"], "请给出输入"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, said) -> None:
    result = jixiao(*args)
    assert result.returncode == 2 and said in result.stderr and "Traceback" not in result.stderr


def test_a_folder_without_the_tables_is_named(tmp_path) -> None:
    result = jixiao("analytics", "grades", "--data", str(tmp_path))
    assert result.returncode == 2 and "projects" in result.stderr


def test_list_names_every_analysis() -> None:
    result = jixiao("analytics", "list")
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [
        "value-distribution",
        "grades",
        "monitoring-bands",
        "deviation-causes",
        "outliers",
    ]
