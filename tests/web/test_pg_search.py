"""On PostgreSQL the keyword search is answered from an index (issue 18 §3): a trigram index on the very
expression Django's ``icontains`` sends, which the portal's and the API's searches use for a term of three
characters or more, and an index of characters and character pairs the portal uses for shorter terms, which
find the same projects. Skipped on SQLite, which has no such index."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao.web.targets.models import DepartmentTarget, Project

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's"),
]


@pytest.fixture
def projects(world: Any) -> list[Project]:
    """Enough published projects, analysed, that PostgreSQL weighs its indexes as it would with real data."""
    names = [
        "城乡绿化养护项目",
        "老年人助餐服务",
        "农村饮水安全巩固提升",
        *(f"第{n}号道路维修" for n in range(2000)),
    ]
    rows = Project.objects.bulk_create(
        Project.new_in(
            world.unit_a1,
            year=2024,
            name=name,
            state="published",
            search_text=f"{name} 服务对象满意度 受益人数",
        )
        for name in names
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE targets_project")
    return rows


def _plan(sql: str, table: str = "targets_project", prefix: str = "project") -> str:
    """PostgreSQL's plan for ``sql`` given the search indexes of ``table`` and no other way but reading every
    row.

    The other indexes of the table are dropped inside the test's transaction (rolled back after it): with a
    few thousand rows the planner may prefer any of them, whereas what is asked here is whether the query's
    expression is the one the search index answers."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE %s "
            "AND indexname <> %s",
            [table, f"{prefix}_search_%", f"{table}_pkey"],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def _search_queries(client: Any, path: str, marker: str = "LIKE UPPER") -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in queries.captured_queries if marker in q["sql"]]


def test_the_index_is_a_trigram_gin_index_on_the_searched_expression() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'project_search_trgm'")
        (definition,) = cursor.fetchone()
    assert "USING gin (upper(search_text) gin_trgm_ops)" in definition


@pytest.mark.parametrize("path", ["/?q={}", "/api/projects?q={}"])
def test_a_search_of_three_characters_reads_the_trigram_index(client: Any, projects: Any, path: str) -> None:
    searches = _search_queries(client, path.format(quote("绿化养护")))
    assert searches, "the page ran no keyword search"
    for sql in searches:
        assert "project_search_trgm" in _plan(sql), sql


@pytest.mark.parametrize("path", ["/?q={}", "/api/projects?q={}"])
@pytest.mark.parametrize("term", ["助餐", "餐"])
def test_a_short_term_is_looked_up_in_the_character_pair_index(
    client: Any, projects: Any, path: str, term: str
) -> None:
    searches = _search_queries(client, path.format(quote(term)), "jixiao_search_grams")
    assert searches, "the page ran no keyword search"
    for sql in searches:
        assert "project_search_grams" in _plan(sql), sql


def _text(response: Any) -> str:
    """The page's words, without the marks that highlight the term."""
    return re.sub(r"<[^>]+>", "", response.content.decode())


def test_the_index_finds_the_same_projects_as_reading_every_row(client: Any, projects: Any) -> None:
    page = _text(client.get(f"/?q={quote('饮水安全')}"))
    assert "农村饮水安全巩固提升" in page and "城乡绿化养护项目" not in page


@pytest.mark.parametrize("term", ["助餐", "餐", "助餐服", "老年人助餐服务"])
def test_short_and_long_terms_find_the_same_projects(client: Any, projects: Any, term: str) -> None:
    page = _text(client.get(f"/?q={quote(term)}"))
    assert "老年人助餐服务" in page and "农村饮水安全巩固提升" not in page
    assert "共 1 个已公开项目" in page


@pytest.fixture
def department_targets(world: Any) -> list[DepartmentTarget]:
    """Published department targets, analysed: one with rare words, the rest alike."""
    rows = DepartmentTarget.objects.bulk_create(
        DepartmentTarget.new_in(
            world.dept_a,
            year=2000 + n,
            state="published",
            search_text="老年人助餐服务覆盖率\n组织秋季招生" if n == 7 else "道路维修及时率\n群众满意度",
        )
        for n in range(1500)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE targets_departmenttarget")
    return rows


@pytest.mark.parametrize(("term", "index"), [("秋季招生", "trgm"), ("助餐", "grams"), ("秋", "grams")])
def test_the_department_search_reads_its_own_index(
    client: Any, department_targets: Any, term: str, index: str
) -> None:
    marker = "LIKE UPPER" if index == "trgm" else "jixiao_search_grams"
    searches = [
        sql
        for sql in _search_queries(client, f"/departments/?q={quote(term)}", marker)
        if "search_text" in sql
    ]
    assert searches, "the page ran no keyword search"
    for sql in searches:
        assert f"department_target_search_{index}" in _plan(
            sql, "targets_departmenttarget", "department_target"
        ), sql
    assert "共 1 个部门整体绩效目标" in _text(client.get(f"/departments/?q={quote(term)}"))
