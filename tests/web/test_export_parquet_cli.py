"""``jixiao export-parquet --db``: every region's year in the web database as the Parquet tables."""

from __future__ import annotations

import pyarrow.parquet as pq
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.web.actions.imports import do_import_document
from tests.web.documents import small_document


def test_export_parquet_db_writes_the_stored_targets(world, tmp_path):
    doc = small_document()
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=doc)
    result = CliRunner().invoke(app, ["export-parquet", "--db", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    projects = pq.read_table(tmp_path / "projects").to_pylist()
    assert sorted(p["name"] for p in projects) == sorted(p.name for p in doc.projects)
    assert {(p["year"], p["region"]) for p in projects} == {(2022, world.region.name)}
    indicators = pq.read_table(tmp_path / "indicators")
    assert indicators.num_rows == sum(len(p.indicators) for p in doc.projects)
    assert pq.read_table(tmp_path / "findings").num_rows > 0  # the review runs by default


def test_export_parquet_db_refuses_an_unknown_state(world, tmp_path):
    result = CliRunner().invoke(app, ["export-parquet", "--db", "--state", "nonsense", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "--state" in result.output
