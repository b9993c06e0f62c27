"""The portal's lists stay cheap at a province's size on any database: a list counts its rows only up to a
cap and says so (共 N+ 个), and the year choices are the years with published projects, newest first."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.db.models import Q

from jixiao.web.portal import views
from jixiao.web.targets.models import Project

pytestmark = pytest.mark.django_db


def _projects(world: Any, n: int, year: int = 2024, state: str = "published", word: str = "道路") -> None:
    Project.objects.bulk_create(
        Project.new_in(
            world.unit_a1, year=year, name=f"第{i}号{word}维修", state=state, search_text=f"第{i}号{word}维修"
        )
        for i in range(n)
    )


def test_a_list_past_its_cap_says_how_many_it_counted_and_pages_through_them(world, client, monkeypatch):
    monkeypatch.setattr(views, "COUNT_CAP", 30)
    _projects(world, 45)
    page = client.get("/").content.decode()
    assert "共 30+ 个已公开项目" in page and "第 1 / 2 页" in page
    assert "第 2 / 2 页" in client.get("/?page=9").content.decode()


def test_a_keyword_search_has_its_own_smaller_cap(world, client, monkeypatch):
    monkeypatch.setattr(views, "KEYWORD_COUNT_CAP", 10)
    _projects(world, 25)
    _projects(world, 3, word="桥梁")
    assert "共 10+ 个已公开项目" in client.get(f"/?q={quote('道路')}").content.decode()
    assert "共 3 个已公开项目" in client.get(f"/?q={quote('桥梁')}").content.decode()


def test_a_list_within_its_cap_gives_the_exact_count(world, client):
    _projects(world, 7)
    page = client.get("/").content.decode()
    assert "共 7 个已公开项目" in page and "+ 个" not in page


def test_the_years_offered_are_those_with_published_projects_newest_first(world):
    for year in (2021, 2024, 2022, 2024):
        _projects(world, 2, year=year)
    _projects(world, 1, year=2025, state="draft")
    assert views.published_years() == [2024, 2022, 2021]


def test_a_union_is_past_the_cap_when_a_part_is_and_counted_whole_otherwise(world):
    _projects(world, 5, word="道路")
    _projects(world, 2, word="道路桥梁")
    _projects(world, 3, word="桥梁")
    roads, bridges = (
        Project.objects.filter(name__contains="道路"),
        Project.objects.filter(name__contains="桥梁"),
    )
    both = Project.objects.filter(Q(name__contains="道路") | Q(name__contains="桥梁"))
    past = views.CappedPaginator(both, 20, cap=6, parts=[bridges, roads])
    assert past.capped and past.count == 6  # roads alone hold 7
    within = views.CappedPaginator(both, 20, cap=12, parts=[bridges, roads])
    assert not within.capped and within.count == 10  # the union, not 7 + 5
