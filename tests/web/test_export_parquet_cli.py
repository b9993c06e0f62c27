"""``jixiao export-parquet --db``: every region's year in the web database as the Parquet tables — targets,
and the monitoring and self-evaluation the units reported, the same rows a generated year gives when that
year is loaded through the web."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pyarrow.parquet as pq
from django.db import connection
from django.test.utils import CaptureQueriesContext
from typer.testing import CliRunner

from jixiao.analytics.engines import run
from jixiao.analytics.generated import write_year
from jixiao.cli import app
from jixiao.domain.actuals import ActualRecord, Actuals
from jixiao.generate import generate_year, load_stats
from jixiao.web.actions.imports import do_import_document
from jixiao.web.actions.monitoring import do_open_round, do_save_record
from jixiao.web.actions.review import do_transition
from jixiao.web.actions.selfeval import do_open_selfeval, do_save_selfeval
from jixiao.web.monitoring.draft import ActualDraft, RecordDraft
from jixiao.web.organisations.models import Region, Role
from jixiao.web.publishing.actuals import region_actuals
from jixiao.web.selfeval.draft import ScoreDraft
from tests.web.conftest import make_user
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


# -- a generated year through the web and back out ------------------------------------------------------

YEAR, DUE = 2024, dt.date(2024, 7, 20)


def _money(amount: float | None) -> Decimal | None:
    return None if amount is None else Decimal(str(amount))


def _draft(record: Any, reported: ActualRecord, row: type[ActualDraft]) -> RecordDraft:
    """What the unit types into ``record``: the generated report, field by field."""
    rows = list(record.indicators.filter(archived=False).order_by("position", "id"))
    assert [r.name for r in rows] == [i.name for i in reported.indicators]
    b = reported.budget
    extra = (lambda i: {"own_weight": i.weight, "own_score": i.score}) if row is ScoreDraft else lambda i: {}
    return RecordDraft(
        planned=_money(b.planned),
        adjusted=_money(b.adjusted),
        executed=_money(b.executed),
        expected=_money(b.expected),
        indicators=[
            row(
                id=r.pk,
                actual=i.actual.raw,
                status=i.status.value if i.status else "",
                causes=[c.value for c in i.causes],
                cause_note=i.cause_note or "",
                likelihood=i.likelihood.value if i.likelihood else "",
                measures=i.measures or "",
                **extra(i),
            )
            for r, i in zip(rows, reported.indicators, strict=True)
        ],
    )


def _report(round_: Any, actuals: Actuals, row: type[ActualDraft], save: Any, editors: dict[int, Any]) -> int:
    """Each project's record of ``round_`` filled in from ``actuals`` and submitted by its unit's editor, as
    the record page and the API do it (the save action, then the submit move); the records submitted."""
    by_code = {a.code: a for a in actuals.projects}
    submitted = 0
    for record in round_.records.filter(project__isnull=False).select_related("unit__department"):
        unit = record.unit
        if unit.pk not in editors:
            editors[unit.pk] = make_user(
                f"u{unit.pk}", Role.UNIT_EDITOR, unit.department.region, unit.department, unit
            )
        editor = editors[unit.pk]
        draft = _draft(record, by_code[record.code], row)
        saved = save(acting_user=editor, target=record, draft=draft, expected_version=record.version)
        do_transition(acting_user=editor, target=saved, verb="submit")  # refused were a cause missing
        submitted += 1
    return submitted


def load_year(regions: list[Any]) -> int:
    """A generated year into the database the way the web takes it: each region's disclosure imported by its
    finance admin, who opens the 1—6月 monitoring and then the self-evaluation; every project's record
    reported and submitted by its unit. Department targets get records nobody fills in (not exported)."""
    submitted = 0
    for n, r in enumerate(regions):
        region = Region.objects.create(name=r.name, code=f"99{n:04d}")
        admin = make_user(f"admin{n}", Role.FINANCE_ADMIN, region)
        do_import_document(acting_user=admin, region=region, year=YEAR, document=r.targets)
        editors: dict[int, Any] = {}
        watched = do_open_round(acting_user=admin, region=region, year=YEAR, month=6, due_date=DUE)
        submitted += _report(watched, r.monitoring, ActualDraft, do_save_record, editors)
        scored = do_open_selfeval(acting_user=admin, region=region, year=YEAR, due_date=DUE)
        submitted += _report(scored, r.selfeval, ScoreDraft, do_save_selfeval, editors)
    return submitted


def _without_ids(table: Any) -> list[tuple[Any, ...]]:
    rows = [tuple(v for k, v in row.items() if k != "project_id") for row in table.to_pylist()]
    return sorted(rows, key=repr)


def test_a_generated_year_loaded_through_the_web_exports_as_the_generator_writes_it(db, tmp_path):
    regions = list(generate_year(load_stats(), 45, seed=7, year=YEAR))
    assert len(regions) == 2
    projects = sum(len(r.targets.projects) for r in regions)
    assert load_year(regions) == 2 * projects
    result = CliRunner().invoke(app, ["export-parquet", "--db", "--no-findings", "-o", str(tmp_path / "db")])
    assert result.exit_code == 0, result.output
    write_year(tmp_path / "generated", 45, seed=7, year=YEAR)  # what jixiao generate writes
    db_, generated = tmp_path / "db", tmp_path / "generated"
    for name in ("projects", "actuals", "indicators", "department_rows"):
        assert _without_ids(pq.read_table(db_ / name)) == _without_ids(pq.read_table(generated / name)), name
    actuals = pq.read_table(db_ / "actuals").to_pylist()
    assert {r["month"] for r in actuals} == {6, 12} and any(r["causes"] for r in actuals)
    analyses = ["grades", "monitoring-bands", "deviation-causes"]
    for ours, theirs in zip(run("duckdb", db_, analyses), run("duckdb", generated, analyses), strict=True):
        assert ours.rows and ours == theirs, ours.query


def test_only_reported_records_in_the_states_asked_for_are_exported(db, tmp_path):
    regions = list(generate_year(load_stats(), 12, seed=7, year=YEAR))
    load_year(regions)
    region = Region.objects.get(name=regions[0].name)
    with CaptureQueriesContext(connection) as queries:
        (monitoring,), selfeval = region_actuals(region, YEAR)
    # no query per record or row: each round, its records and their rows (and the self-evaluation's)
    assert len(queries) == 6
    assert selfeval is not None and monitoring.month == 6
    # every project reported; the department targets' records, never filled in, are not
    assert len(monitoring.projects) == len(selfeval.projects) == len(regions[0].targets.projects)
    assert monitoring.departments == selfeval.departments == ()
    # submitted is not yet accepted: --state approved keeps the published targets and none of the records
    assert region_actuals(region, YEAR, "approved") == ([Actuals(YEAR, 6)], Actuals(YEAR, 12))
    result = CliRunner().invoke(app, ["export-parquet", "--db", "--state", "approved", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "actuals").num_rows == 0
    assert pq.read_table(tmp_path / "projects").num_rows == len(regions[0].targets.projects)
