"""Malformed parameters get a 400 with a Chinese message (or are ignored), never a server error.

The crawl fetches every page of the demo, anonymously and as each role, with every query parameter the
pages read set to text, to overflowing and negative numbers, to unknown choices and to nothing.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.web.crawl import page_urls

# Every name a page reads from its query string, and names that look like those of a formset.
NAMES = [
    "n", "year", "version", "region", "department", "page", "framework", "a", "b", "table", "view", "state",
    "q", "key", "fund_type", "download", "summary", "name", "goal", "category", "item", "fmt",
    "ind-TOTAL_FORMS", "ind-0-value", "ind-0-level2", "ann-TOTAL_FORMS", "ann-0-value",
]  # fmt: skip
BAD_VALUES = ["abc", "9223372036854775808", "2019", "\x00１２"]
# The public, and the roles that see the most: a unit editor, a department reviewer, a finance admin.
ROLES = [None, "danwei", "zhuguan", "guanli"]


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/work/indicator-row/?n=abc", "参数 n 应为整数"),
        ("/work/indicator-row/?n=501", "参数 n 应在 0 至 500 之间"),
        ("/work/indicator-row/?framework=2019", "参数 framework 应为 2020、2021 之一"),
        ("/work/departments/row/?table=x", "参数 table 应为 strategic、annual 之一"),
        ("/work/departments/row/?year=２０２５", "参数 year 应为整数"),
        ("/work/projects/new/?year=abc", "参数 year 应为整数"),
        ("/work/projects/new/?year=1999", "参数 year 应在 2000 至 2100 之间"),
    ],
)
def test_a_malformed_parameter_is_a_400_naming_it_in_chinese(world: Any, client: Any, path: str, said: str):
    client.force_login(world.reviewer_a if "departments" in path else world.editor_a1)
    response = client.get(path)
    assert response.status_code == 400 and said in response.content.decode()


def test_the_portal_refuses_an_id_past_the_database_integers(world: Any, client: Any) -> None:
    response = client.get("/?region=9223372036854775808")
    assert response.status_code == 400 and "超出范围" in response.content.decode()
    assert client.get("/?region=abc").status_code == 200  # text filters nothing


def test_a_nul_character_in_the_query_is_a_400_on_every_database(world: Any, client: Any) -> None:
    """PostgreSQL cannot compare text holding NUL: the request is refused before any view reads it."""
    response = client.get("/?q=%E6%BB%A1%00%E6%84%8F")
    assert response.status_code == 400 and "空字符" in response.content.decode()
    assert client.get("/?q=%E6%BB%A1%E6%84%8F").status_code == 200


def test_a_posted_version_or_row_that_is_no_number_is_no_server_error(world: Any, client: Any, draft_project):
    client.force_login(world.editor_a1)
    base = f"/work/projects/{draft_project.pk}"
    for path, data in [
        ("archive", {"version": "abc"}),
        ("archive", {"version": "9223372036854775808"}),
        ("transition", {"verb": "submit", "version": "²"}),
        ("comment", {"text": "请核实", "item": "9223372036854775808"}),
        ("copy", {"year": "abc"}),
    ]:
        assert client.post(f"{base}/{path}/", data).status_code == 302, (path, data)


def malformed_queries() -> list[str]:
    return [urlencode({name: value for name in NAMES}) for value in BAD_VALUES]


@pytest.fixture
def demo(db: Any, fast_password_hasher: None) -> list[Any]:
    from jixiao.web.demo import load_demo, sample_documents

    return load_demo(sample_documents())


def test_no_page_answers_a_malformed_query_with_a_server_error(demo: list[Any]) -> None:
    failures = []
    for username in ROLES:
        client = Client(raise_request_exception=False)
        if username:
            from django.contrib.auth.models import User

            client.force_login(User.objects.get(username=username))
        for name, path in page_urls(fmt="abc"):
            for query in malformed_queries():
                status = client.get(f"{path}?{query}").status_code
                if status >= 500:
                    failures.append((username, name, f"{path}?{query}"[:160], status))
    assert not failures, "\n".join(map(str, failures[:40]))
