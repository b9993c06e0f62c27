"""The Parquet export: every project, indicator, department row and actual of the documents given, in row
batches whatever their size, with jixiao's own grades and monitoring bands, the review's findings and the
library's clusters."""

from __future__ import annotations

import dataclasses

import pyarrow.parquet as pq
import pytest

from jixiao.analytics.export import ParquetExport
from jixiao.analytics.schema import TABLES
from jixiao.domain.actuals import Cause
from jixiao.evaluate.selfeval import evaluate
from jixiao.generate import generate_year, load_stats


@pytest.fixture(scope="module")
def regions():
    return list(generate_year(load_stats(), 120, seed=3, year=2025))


def _export(regions, out, **options):
    with ParquetExport(out, **options) as sink:
        for r in regions:
            sink.add(r.targets, region=r.name, monitoring=r.monitoring, selfeval=r.selfeval)
    return {name: pq.read_table(out / name) for name in TABLES}


def test_every_row_of_the_documents_is_exported_with_the_schema(regions, tmp_path) -> None:
    tables = _export(regions, tmp_path)
    projects = [p for r in regions for p in r.targets.projects]
    indicators = [i for p in projects for i in p.indicators]
    rows = [x for r in regions for d in r.targets.departments for x in d.annual_indicators]
    assert tables["projects"].num_rows == len(projects)
    assert tables["indicators"].num_rows == len(indicators)
    assert tables["department_rows"].num_rows == len(rows)
    # each indicator at mid-year and at the year end
    assert tables["actuals"].num_rows == 2 * len(indicators)
    assert all(tables[name].schema.equals(schema) for name, schema in TABLES.items())
    assert sorted(tables["projects"].column("name").to_pylist()) == sorted(p.name for p in projects)
    assert set(tables["projects"].column("region").to_pylist()) == {r.name for r in regions}


def test_grades_and_bands_are_jixiaos_own(regions, tmp_path) -> None:
    projects = _export(regions[:1], tmp_path)["projects"].to_pylist()
    scored = evaluate(regions[0].targets, regions[0].selfeval).projects
    assert [p["grade"] for p in projects] == [s.grade.value for s in scored]
    assert [p["selfeval_score"] for p in projects] == [s.total for s in scored]
    assert all(
        p["monitor_month"] == 6 and p["monitor_band"] in {"green", "blue", "yellow", "red"} for p in projects
    )


def test_the_actuals_carry_each_lagging_indicators_causes_and_only_those(regions, tmp_path) -> None:
    actuals = _export(regions, tmp_path)["actuals"].to_pylist()
    headings = {c.value for c in Cause}
    for row in actuals:
        behind = row["score"] < row["weight"] if row["month"] == 12 else row["band"] in ("red", "yellow")
        assert (row["causes"] is not None) == behind, row
        assert not behind or set(row["causes"].split("、")) <= headings, row
        assert (row["likelihood"] is not None) == (behind and row["month"] < 12), row
        assert (row["cause_note"] is not None) == behind, row
    assert sum(r["causes"] is not None for r in actuals) > 50


def test_several_monitoring_cut_offs_each_give_their_rows_and_the_latest_the_projects_band(
    regions, tmp_path
) -> None:
    r = regions[0]
    first, *rest = r.monitoring.projects
    march = dataclasses.replace(r.monitoring, month=3)
    june = dataclasses.replace(r.monitoring, projects=tuple(rest))  # the first project not reported in June
    with ParquetExport(tmp_path) as sink:
        sink.add(r.targets, region=r.name, monitoring=[june, march])
    projects = pq.read_table(tmp_path / "projects").to_pylist()
    assert [p["monitor_month"] for p in projects] == [3] + [6] * len(rest)
    months = [a["month"] for a in pq.read_table(tmp_path / "actuals").to_pylist()]
    indicators = sum(len(p.indicators) for p in r.targets.projects)
    assert months.count(3) == indicators and months.count(6) == indicators - len(first.indicators)


def test_small_batches_write_the_same_rows(regions, tmp_path) -> None:
    whole = _export(regions, tmp_path / "whole")
    batched = _export(regions, tmp_path / "batched", batch=50)
    for name in TABLES:
        assert batched[name].to_pylist() == whole[name].to_pylist(), name
    assert pq.ParquetFile(tmp_path / "batched" / "actuals" / "part-0.parquet").num_row_groups > 1


def test_clusters_count_each_name_once_per_row(regions, tmp_path) -> None:
    tables = _export(regions, tmp_path)
    counted = sum(tables["clusters"].column("rows").to_pylist())
    assert counted == tables["indicators"].num_rows + tables["department_rows"].num_rows
    # 及时性 and 及时率 are one cluster in the library
    sink = ParquetExport(tmp_path / "c")
    assert sink.cluster("资金拨付及时性") == sink.cluster("资金拨付及时率")


def test_findings_come_from_the_review_and_point_at_their_project(regions, tmp_path) -> None:
    tables = _export(regions[:2], tmp_path, findings=True)
    findings = tables["findings"].to_pylist()
    ids = set(tables["projects"].column("project_id").to_pylist())
    assert findings and {f["severity"] for f in findings} <= {"error", "warning", "hint"}
    about_projects = [f for f in findings if f["subject_kind"] == "project"]
    assert about_projects and all(f["project_id"] in ids for f in about_projects)
    # generated projects state no 年度目标: the review says so for each
    missing_goal = {f["project_id"] for f in findings if f["rule"] == "GOAL-MISSING"}
    assert missing_goal == ids


def test_a_document_without_actuals_leaves_their_columns_empty(regions, tmp_path) -> None:
    with ParquetExport(tmp_path) as sink:
        sink.add(regions[0].targets)
    projects = pq.read_table(tmp_path / "projects").to_pylist()
    assert all(p["grade"] is None and p["monitor_band"] is None for p in projects)
    assert {p["region"] for p in projects} == {regions[0].name}  # read from the document's names
    assert pq.read_table(tmp_path / "actuals").num_rows == 0
