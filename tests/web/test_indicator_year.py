"""Every indicator row carries its project's budget year (``Indicator.year``, the partition key on PostgreSQL),
whichever way it was written: imported, bulk-loaded, compiled in the form, edited, copied from last year,
created through the API, or saved one by one; and the pages name that year when they read a project's rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jixiao.web.actions.imports import do_import_document
from jixiao.web.actions.projects import do_copy_project
from jixiao.web.bulk import Item, bulk_import
from jixiao.web.targets.models import Indicator, Project
from tests.web.test_api import BODY, bearer
from tests.web.test_views import ROWS, grid_post, login

from .documents import small_document


def years_of(project: Project) -> set[tuple[int, int]]:
    """(indicator year, project year) of every row of ``project``, archived ones too."""
    return {(year, project.year) for year in project.indicators.values_list("year", flat=True)}


def assert_every_row_has_its_projects_year() -> None:
    assert Indicator.objects.exists() and not Indicator.objects.exclude(year=F("project__year")).exists()


def test_an_import_gives_its_rows_the_year_imported_into(world: Any) -> None:
    do_import_document(acting_user=world.admin, region=world.region, year=2021, document=small_document())
    assert set(Indicator.objects.values_list("year", flat=True)) == {2021}


def test_a_bulk_load_gives_each_documents_rows_their_year(world: Any) -> None:
    items = [Item(small_document("b" * 64), "b.json", 2022), Item(small_document("c" * 64), "c.json", 2023)]
    bulk_import(world.admin, world.region, items)
    assert set(Indicator.objects.values_list("year", flat=True)) == {2022, 2023}
    assert_every_row_has_its_projects_year()


def test_the_compile_form_and_an_edit_give_the_projects_year(world: Any, client: Client) -> None:
    login(client, world.editor_a1)
    assert client.post("/work/projects/new/", grid_post(ROWS)).status_code == 302
    project = Project.objects.get(name="城乡供水一体化")
    assert years_of(project) == {(2024, 2024)}
    rows = [
        {"id": str(i.pk), "position": str(n), "level2": i.level2, "name": i.name, "value": i.value_raw}
        for n, i in enumerate(project.live_indicators(), 1)
    ]
    rows.append({"position": "3", "level2": "时效指标", "name": "完工时间", "value": "≤12月"})
    edit = grid_post(rows, version="1", **{"ind-INITIAL_FORMS": "0"})
    assert client.post(f"/work/projects/{project.pk}/edit/", edit).status_code == 302
    assert project.indicators.count() == 3 and years_of(project) == {(2024, 2024)}


def test_copying_last_year_gives_the_new_year(world: Any, draft_project: Project) -> None:
    copy = do_copy_project(acting_user=world.editor_a1, source=draft_project, year=2025)
    assert years_of(copy) == {(2025, 2025)} and years_of(draft_project) == {(2024, 2024)}


def test_the_api_gives_the_year_of_the_body(world: Any, client: Client) -> None:
    created = client.post(
        "/api/projects", dict(BODY, year=2023), content_type="application/json", **bearer(world.editor_a1)
    )
    assert created.status_code == 201, created.content
    assert years_of(Project.objects.get(pk=created.json()["id"])) == {(2023, 2023)}


def test_a_row_saved_alone_takes_its_projects_year(draft_project: Project) -> None:
    row = Indicator(
        project=draft_project, level1="产出指标", level2="数量指标", name="新增", value_kind="number"
    )
    row.save()
    row.refresh_from_db()
    assert row.year == 2024


@pytest.mark.parametrize("year", [2019, 2030])
def test_a_year_given_is_kept(draft_project: Project, year: int) -> None:
    """The bulk paths set the year themselves; the fallback only fills what is unset."""
    row = Indicator.objects.create(
        project=draft_project,
        year=year,
        level1="产出指标",
        level2="数量指标",
        name="给定",
        value_kind="number",
    )
    assert Indicator.objects.get(pk=row.pk).year == year


def indicator_reads(client: Client, url: str) -> list[str]:
    """The WHERE clauses of the queries ``url`` sends to the indicator table."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [
        q["sql"].split(" WHERE ", 1)[1]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and 'FROM "targets_indicator"' in q["sql"]
    ]


def test_the_pages_and_the_api_name_the_year_when_they_read_indicators(world: Any, client: Client) -> None:
    """So PostgreSQL plans one partition of the indicator table, not all of them (docs/scale.md)."""
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=small_document())
    project = Project.objects.filter(year=2022).first()
    assert project is not None
    urls = [f"/p/{project.pk}/", f"/p/{project.pk}/pdf/", f"/api/projects/{project.pk}", "/?q=饮水"]
    reads = {url: indicator_reads(client, url) for url in urls}
    login(client, world.admin)
    reads["work"] = indicator_reads(client, f"/work/projects/{project.pk}/")
    assert all(reads.values()), reads
    assert all('"targets_indicator"."year"' in where for found in reads.values() for where in found), reads
