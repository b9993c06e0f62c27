"""On PostgreSQL the indicator table is partitioned by budget year (migration targets 0013, issue 18 §3): each
year's rows sit in that year's partition, a year without one in DEFAULT until ``jixiao db partitions
--add-year`` moves them into their own, and Django reads, writes and deletes rows as it did on the plain
table. Skipped on SQLite, which keeps the plain table (``jixiao db partitions`` refuses there)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.web.actions.imports import do_import_document
from jixiao.web.actions.projects import do_copy_project
from jixiao.web.targets import partitions
from jixiao.web.targets.models import Indicator, Project
from tests.web.test_views import login

from .documents import small_document

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="partitions are PostgreSQL's")
pytestmark = [pytest.mark.django_db]


def _one(sql: str, params: list[Any] | None = None) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchone()[0]


def partition_of(project: Project) -> set[str]:
    """The tables holding ``project``'s indicator rows."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT tableoid::regclass::text FROM targets_indicator WHERE project_id = %s",
            [project.pk],
        )
        return {name for (name,) in cursor.fetchall()}


def flush_deferred_checks() -> None:
    """The test runs in one transaction, where the rows just written still owe their deferred foreign-key
    checks; PostgreSQL alters no table with such checks pending (the command line starts afresh)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@on_postgresql
def test_the_table_is_partitioned_by_year_with_a_default() -> None:
    assert (
        _one(
            "SELECT partstrat::text || ':' || a.attname FROM pg_partitioned_table p "
            "JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0] "
            "WHERE p.partrelid = 'targets_indicator'::regclass"
        )
        == "r:year"
    )
    years = [p.year for p in partitions.partitions()]
    assert years == [*range(2015, 2036), None]
    assert (
        _one("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'targets_indicator_pkey'")
        == "PRIMARY KEY (id, year)"
    )
    # nothing refers to the table (a foreign key would have to name the whole partition key)
    assert _one("SELECT count(*) FROM pg_constraint WHERE confrelid = 'targets_indicator'::regclass") == 0


@on_postgresql
def test_rows_land_in_their_years_partition(world: Any, draft_project: Project) -> None:
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=small_document())
    assert partition_of(draft_project) == {"targets_indicator_y2024"}
    imported = Project.objects.filter(year=2022)
    assert {t for p in imported for t in partition_of(p)} == {"targets_indicator_y2022"}


@on_postgresql
def test_a_year_without_partition_goes_to_default_until_it_is_added(
    world: Any, draft_project: Project
) -> None:
    later = do_copy_project(acting_user=world.editor_a1, source=draft_project, year=2040)
    assert partition_of(later) == {"targets_indicator_default"}
    flush_deferred_checks()
    result = CliRunner().invoke(app, ["db", "partitions", "--add-year", "2040"])
    assert result.exit_code == 0, result.output
    assert "已新建 2040 年度分区" in result.output and "移入 3 行" in result.output
    assert partition_of(later) == {"targets_indicator_y2040"}
    assert partition_of(draft_project) == {"targets_indicator_y2024"}
    assert [i.name for i in later.live_indicators()] == [i.name for i in draft_project.live_indicators()]
    listed = CliRunner().invoke(app, ["db", "partitions"])
    assert "targets_indicator_y2040" in listed.output and "23 个分区" in listed.output
    again = CliRunner().invoke(app, ["db", "partitions", "--add-year", "2040"])
    assert again.exit_code == 2 and "2040 年度的分区已存在" in again.output


@on_postgresql
def test_django_creates_edits_and_deletes_rows(draft_project: Project) -> None:
    row = Indicator.objects.create(
        project=draft_project, level1="产出指标", level2="数量指标", name="新增", value_kind="number"
    )
    assert row.pk is not None and Indicator.objects.get(pk=row.pk).year == 2024  # RETURNING id
    made = Indicator.objects.bulk_create(
        [
            Indicator(project=draft_project, level1="产出指标", level2="质量指标", name=f"批量{n}")
            for n in (1, 2)
        ]
    )
    assert all(m.pk for m in made) and len({row.pk, *(m.pk for m in made)}) == 3
    row.name = "改名"
    row.save()
    assert Indicator.objects.get(pk=row.pk).name == "改名"
    Indicator.objects.filter(pk=made[0].pk).update(value_raw="≥3个")
    assert Indicator.objects.get(pk=made[0].pk).value_raw == "≥3个"
    row.delete()
    assert not Indicator.objects.filter(pk=row.pk).exists()
    assert draft_project.indicators.count() == 5


@on_postgresql
def test_the_pages_and_the_api_read_the_partitioned_rows(world: Any, client: Client) -> None:
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=small_document())
    project = Project.objects.filter(year=2022).first()
    assert project is not None
    name = project.live_indicators()[0].name
    assert name in client.get(f"/p/{project.pk}/").content.decode()
    assert project.name in client.get("/", {"q": project.name}).content.decode()
    detail = client.get(f"/api/projects/{project.pk}").json()
    assert [i["name"] for i in detail["indicators"]][0] == name
    login(client, world.admin)
    assert name in client.get(f"/work/projects/{project.pk}/").content.decode()


def test_the_command_refuses_on_sqlite() -> None:
    if connection.vendor == "postgresql":
        pytest.skip("the refusal is SQLite's")
    result = CliRunner().invoke(app, ["db", "partitions"])
    assert result.exit_code == 2 and "只用于 PostgreSQL" in result.output


def rows_digest() -> tuple[int, str]:
    """The number of indicator rows and an md5 of all of them, every column, in id order."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), md5(string_agg(t::text, ',' ORDER BY id)) FROM targets_indicator t")
        count, digest = cursor.fetchone()
        return count, digest


def partitioned() -> bool:
    return bool(
        _one("SELECT count(*) FROM pg_partitioned_table WHERE partrelid = 'targets_indicator'::regclass")
    )


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_rebuild_keeps_every_row_both_ways(world: Any, draft_project: Project) -> None:
    from tests.web.test_migrations import migrate

    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=small_document())
    later = do_copy_project(acting_user=world.editor_a1, source=draft_project, year=2040)
    assert partition_of(later) == {"targets_indicator_default"}
    before = rows_digest()
    assert before[0] == 14 and partitioned()
    try:
        migrate([("targets", "0012_indicator_year_not_null")])
        assert not partitioned() and rows_digest() == before
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    try:
        assert partitioned() and rows_digest() == before
        assert partition_of(later) == {"targets_indicator_y2040"}  # a year the table holds gets its partition
        row = Indicator.objects.create(
            project=draft_project, level1="产出指标", level2="数量指标", name="之后"
        )
        assert row.pk == max(Indicator.objects.exclude(pk=row.pk).values_list("pk", flat=True)) + 1
    finally:
        with connection.cursor() as cursor:  # other tests of the session expect 2040 to be in DEFAULT
            cursor.execute("DROP TABLE IF EXISTS targets_indicator_y2040")
