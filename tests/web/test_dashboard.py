"""The finance dashboard: counts and money by state and department, review progress from the audit log,
grades; finance sees its region, a department reviewer only its department, others nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from jixiao.web.actions.projects import do_create_project
from jixiao.web.actions.review import do_transition
from jixiao.web.dashboard import figures
from jixiao.web.dashboard.svg import Bar, Series, bar_chart, line_chart
from jixiao.web.workflow.states import State
from tests.web.conftest import approve, sample_draft


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def region_year(world, draft_project, monkeypatch):
    """Unit A1's project approved three days ago (120 万元), unit A2's submitted today (80 万元), department B's
    a draft (50 万元). The audit log only grows, so the earlier moves are made with the clock set back."""
    from django.utils import timezone

    now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: now() - dt.timedelta(days=3))
    approve(world, draft_project)
    monkeypatch.setattr(timezone, "now", now)
    a2 = do_create_project(
        acting_user=world.editor_a2,
        unit=world.unit_a2,
        year=2024,
        draft=sample_draft(
            name="课后服务补助项目",
            funds_total=Decimal("80"),
            funds_fiscal=Decimal("80"),
            funds_other=Decimal("0"),
        ),
    )
    do_transition(acting_user=world.editor_a2, target=a2, verb="submit")
    do_create_project(
        acting_user=world.editor_b1,
        unit=world.unit_b1,
        year=2024,
        draft=sample_draft(
            name="基层医疗设备购置项目",
            funds_total=Decimal("50"),
            funds_fiscal=Decimal("50"),
            funds_other=Decimal("0"),
        ),
    )
    return figures.Scope(region=world.region, year=2024)


def test_counts_and_money_by_state_and_department(world, region_year):
    states = {s.state: s for s in figures.by_state(region_year.projects())}
    assert (states[State.APPROVED].count, states[State.APPROVED].money) == (1, Decimal("120"))
    assert (states[State.SUBMITTED].count, states[State.SUBMITTED].money) == (1, Decimal("80"))
    assert (states[State.DRAFT].count, states[State.DRAFT].money) == (1, Decimal("50"))
    assert states[State.PUBLISHED].count == 0  # every state listed
    rows = {d.name: d for d in figures.by_department(region_year.projects())}
    assert (rows["区教育局"].total, rows["区教育局"].money) == (2, Decimal("200"))
    order = list(State)
    assert rows["区卫生健康局"].counts[order.index(State.DRAFT)] == 1


def test_progress_counts_each_project_once_per_milestone_by_the_day_it_first_got_there(world, region_year):
    marks = figures.progress(region_year.projects())
    assert [n for _, n in marks["submit"]] == [1, 2]
    assert (marks["submit"][1][0] - marks["submit"][0][0]).days == 3
    assert marks["dept_pass"][-1][1] == 1 and marks["approve"][-1][1] == 1 and marks["publish"] == []


def test_grades_count_review_grades(world, region_year):
    assert dict(figures.grades(region_year)["review"]) == {"优": 1, "良": 0, "中": 0, "差": 0}


def test_a_department_reviewer_sees_only_its_department(world, region_year):
    page = _client(world.reviewer_b).get("/work/dashboard/").content.decode()
    assert "区卫生健康局" in page and "区教育局" not in page
    assert 'id="board-total">1<' in page


def test_finance_sees_the_region_with_charts(world, region_year):
    page = _client(world.finance).get("/work/dashboard/?year=2024").content.decode()
    assert 'id="board-total">3<' in page and 'id="board-money">250<' in page
    for chart in ("chart-states", "chart-money", "chart-progress", "chart-review-grades"):
        assert f'id="{chart}"' in page, chart
    assert 'id="nav-dashboard"' in page


@pytest.mark.parametrize("who", ["editor_a1", "other_finance"])
def test_others_see_no_dashboard_of_this_region(world, region_year, who):
    response = _client(getattr(world, who)).get("/work/dashboard/?year=2024")
    if who == "editor_a1":
        assert response.status_code == 403
    else:  # their own region's, empty
        assert response.status_code == 200 and 'id="board-total">0<' in response.content.decode()


def test_a_malformed_year_is_a_400(world):
    assert _client(world.finance).get("/work/dashboard/?year=abc").status_code == 400
    assert _client(world.finance).get("/work/dashboard/?year=1900").status_code == 400


def test_bar_chart_scales_to_the_largest_and_escapes_names():
    svg = str(bar_chart([Bar("<b>甲</b>", 10), Bar("乙", 5)], id="c", title="t", unit=" 个"))
    assert "&lt;b&gt;甲&lt;/b&gt;" in svg and "<b>" not in svg
    assert 'width="420.0"' in svg and 'width="210.0"' in svg
    assert str(bar_chart([], id="c", title="t")) == ""


def test_line_chart_needs_two_days_and_draws_one_line_per_series():
    day = dt.date(2024, 3, 1)
    assert str(line_chart([Series("甲", [(day, 1)])], id="l", title="t")) == ""
    svg = str(
        line_chart(
            [Series("甲", [(day, 1), (day + dt.timedelta(days=2), 3)]), Series("乙", [(day, 2)])],
            id="l",
            title="t",
        )
    )
    assert svg.count("<polyline") == 2 and "甲 2024-03-03：3" in svg


def test_the_department_table_exports_as_xlsx(world, region_year):
    import io

    import openpyxl

    response = _client(world.finance).get("/work/dashboard/", {"year": "2024", "format": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("主管部门", "草稿", "一上") and rows[0][-2:] == ("合计", "资金总额（万元）")
    assert [(r[0], r[-2], r[-1]) for r in rows[1:]] == [("区卫生健康局", 1, 50), ("区教育局", 2, 200)]


def test_the_back_office_chooses_the_region(world, region_year):
    from django.contrib.auth.models import User

    root = User.objects.create_superuser("root", password="x")
    page = _client(root).get("/work/dashboard/", {"region": world.region.pk, "year": "2024"}).content.decode()
    assert "临淄区 · 2024 年度" in page and 'id="board-total">3<' in page and 'id="board-region"' in page
    other = _client(root).get("/work/dashboard/", {"region": world.other_region.pk, "year": "2024"})
    assert "淄川区 · 2024 年度" in other.content.decode()
