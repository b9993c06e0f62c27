"""The portal's department search reads one column per target (``search_text``: the words of its live rows,
one per line), which every writer fills — the compile actions, the import, the bulk load (its equality with
the import is tests/web/test_bulk_load.py) and migration 0015 for the targets there were — and finds a target
by a word of any of the five searched columns of a live row or by its department's name. The list counts up
to a cap and counts the rows of the shown targets only."""

from __future__ import annotations

import re
from importlib import import_module
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

import pytest
from django.apps import apps
from django.db import connection

from jixiao.web.actions.departments import (
    do_copy_department_target,
    do_create_department_target,
    do_save_department_target,
)
from jixiao.web.portal import views
from jixiao.web.targets.models import DepartmentTarget, DepartmentTargetRow
from jixiao.web.targets.search import DEPARTMENT_ROW_SEARCHED, department_search_text
from tests.web.conftest import sample_department_draft
from tests.web.test_department_compile import draft_of
from tests.web.test_portal_search import linzi  # noqa: F401  (a fixture)

migration = import_module("jixiao.web.targets.migrations.0015_department_target_search")

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world: Any) -> DepartmentTarget:
    """Department A's 2024 targets, compiled through the action and published."""
    target = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2024, draft=sample_department_draft()
    )
    DepartmentTarget.objects.filter(pk=target.pk).update(state="published")
    return DepartmentTarget.objects.get(pk=target.pk)


def found(client: Any, term: str) -> str:
    """The result page's words, without the marks that highlight the term."""
    return re.sub(r"<[^>]+>", "", client.get(f"/departments/?q={quote(term)}").content.decode())


def test_the_search_text_is_the_searched_words_of_the_live_rows_one_per_line(published):
    assert published.search_text.split("\n") == [
        "义务教育巩固率",
        "反映义务教育巩固情况",
        "适龄儿童入学率",
        "义务教育管理",
        "保障适龄儿童入学",
        "组织秋季招生",
        "控辍保学劝返人数",
        "义务教育管理",
        "保障适龄儿童入学",
    ]


@pytest.mark.parametrize(
    "term", ["巩固率", "反映义务教育", "义务教育管理", "保障适龄", "秋季招生", "劝返", "秋", "教育局"]
)
def test_a_target_is_found_by_a_word_of_any_searched_column_or_its_departments_name(client, published, term):
    world_department = published.department.name
    page = found(client, term)
    assert "共 1 个部门整体绩效目标" in page, term
    assert world_department in page and "指标 3 条" in page


@pytest.mark.parametrize("term", ["义务教育公用经费", "基础教育科", "没有这个词"])
def test_columns_not_searched_and_absent_words_find_nothing(client, published, term):
    # 预算项目 and 对应科室 were never searched: the page's promise is 部门、职责或指标
    assert "共 0 个部门整体绩效目标" in found(client, term)


def test_a_saved_edit_is_searched_and_a_removed_row_is_not(world, client):
    target = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2024, draft=sample_department_draft()
    )
    draft = draft_of(target)
    draft.rows = [r for r in draft.rows if r.name != "控辍保学劝返人数"]
    draft.rows[0].name = "学前教育普及率"
    do_save_department_target(acting_user=world.reviewer_a, target=target, draft=draft, expected_version=1)
    DepartmentTarget.objects.filter(pk=target.pk).update(state="published")
    assert "共 1 个" in found(client, "学前教育普及") and "指标 2 条" in found(client, "学前教育普及")
    assert "共 0 个" in found(client, "劝返") and "共 0 个" in found(client, "巩固率")
    assert DepartmentTargetRow.objects.filter(target=target, name="控辍保学劝返人数", archived=True).exists()


def test_a_copy_carries_the_search_text_of_its_rows(world, published):
    copy = do_copy_department_target(acting_user=world.reviewer_a, source=published, year=2025)
    assert copy.search_text == published.search_text


@pytest.mark.usefixtures("linzi")
def test_the_migration_fills_the_column_as_the_writers_do(world, published):
    written = dict(DepartmentTarget.objects.values_list("pk", "search_text"))
    assert len(written) > 1 and all(written.values())
    DepartmentTarget.objects.update(search_text="")
    migration.fill(apps, SimpleNamespace(connection=connection))
    assert dict(DepartmentTarget.objects.values_list("pk", "search_text")) == written


@pytest.mark.usefixtures("linzi", "published")
def test_the_list_counts_up_to_its_cap(client, monkeypatch):
    total = DepartmentTarget.objects.filter(state="published").count()
    monkeypatch.setattr(views, "COUNT_CAP", total - 1)
    assert f"共 {total - 1}+ 个部门整体绩效目标" in client.get("/departments/").content.decode()
    monkeypatch.setattr(views, "COUNT_CAP", total)
    assert f"共 {total} 个部门整体绩效目标" in client.get("/departments/").content.decode()


@pytest.mark.usefixtures("linzi")
def test_every_listed_target_shows_its_live_row_count(client):
    first = DepartmentTargetRow.objects.filter(target__state="published")[0]
    DepartmentTargetRow.objects.filter(pk=first.pk).update(archived=True)
    page = client.get("/departments/").content.decode()
    shown = dict(re.findall(r'href="/departments/(\d+)/".*?指标 (\d+) 条', page))
    assert len(shown) > 1
    for pk, n in shown.items():
        assert int(n) == DepartmentTargetRow.objects.filter(target_id=pk, archived=False).count()


def test_department_search_text_skips_empty_cells():
    rows = [SimpleNamespace(**dict.fromkeys(DEPARTMENT_ROW_SEARCHED, "")) for _ in range(2)]
    rows[1].duty = "  职责  "
    rows[1].name = None
    assert department_search_text(rows) == "职责"


def test_the_years_offered_are_those_with_published_targets_newest_first(world, client, published):
    for year in (2021, 2023):
        target = do_create_department_target(
            acting_user=world.reviewer_a, department=world.dept_a, year=year, draft=sample_department_draft()
        )
        if year == 2021:
            DepartmentTarget.objects.filter(pk=target.pk).update(state="published")
    page = client.get("/departments/").content.decode()
    offered = re.findall(r'<option value="(\d{4})"', page)
    assert offered == ["2024", "2021"]  # 2023 is a draft
