"""``jixiao_search_grams`` (PostgreSQL; migrations 0010 and 0014) gives a text's characters and overlapping
character pairs — exactly the one- and two-character terms ``icontains`` would find in it — whatever the
text: the index of one- and two-character searches is built from it, so a gram it missed would be a
project the search never finds. Checked against that definition written in Python."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the function is PostgreSQL's"),
]

# Chinese, Latin, digits, full-width and ASCII punctuation, spaces, line breaks; no NUL (PostgreSQL's text
# has none) and no U+001F (the function's cut mark, documented in 0014)
TEXT = st.text(
    st.sampled_from(list("义务教育巩固率满意度培训水菜篮abcXYZ019%≥≤（）、，。 \n\t-_")), max_size=60
)


def grams(text: str) -> set[str]:
    return set(text) | {text[i : i + 2] for i in range(len(text) - 1)}


def database_grams(sql_function: str, text: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql_function}(%s)", [text])
        return set(cursor.fetchone()[0])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT)
def test_the_function_gives_every_character_and_pair_and_nothing_else(text: str) -> None:
    assert database_grams("jixiao_search_grams", text) == grams(text)


@pytest.mark.parametrize("text", ["", "a", "ab", "abc", "培训班", "满意度≥95%", "a\nb"])
def test_the_faster_function_agrees_with_the_one_it_replaced(text: str) -> None:
    """0014 keeps the index 0010 built: the two definitions give the same set."""
    replaced = import_module("jixiao.web.targets.migrations.0014_faster_search_grams").QUADRATIC
    with connection.cursor() as cursor:
        cursor.execute(replaced.replace("jixiao_search_grams(", "pg_temp.quadratic_grams(", 1))
    assert (
        database_grams("pg_temp.quadratic_grams", text)
        == grams(text)
        == database_grams("jixiao_search_grams", text)
    )


def test_the_planner_weighs_the_function_at_its_cost_instead_of_inlining_it() -> None:
    """Inlined, its regular expressions counted as cheap operators and the planner read a table row by row
    computing them rather than the index (docs/scale.md, "At 1 M projects")."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN VERBOSE SELECT jixiao_search_grams(upper(search_text)) FROM targets_project")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT procost FROM pg_proc WHERE proname = 'jixiao_search_grams'")
        (cost,) = cursor.fetchone()
    assert "jixiao_search_grams(" in plan and "regexp_replace" not in plan
    assert cost >= 100
