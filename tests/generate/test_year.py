"""A generated year: the size asked for, the same for the same seed, learned names and values, actuals that
jixiao's own monitoring and self-evaluation score without an error, produced one region at a time."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import pytest

from jixiao.domain.actuals import Cause
from jixiao.domain.values import ValueKind
from jixiao.evaluate.monitor import monitor
from jixiao.evaluate.results import Band
from jixiao.evaluate.selfeval import evaluate, qualitative_problem
from jixiao.generate import generate_year, load_stats, plan_regions
from jixiao.generate.year import _qualitative, region_name
from jixiao.library import region_of


@pytest.fixture(scope="module")
def stats():
    return load_stats()


@pytest.fixture(scope="module")
def year(stats):
    return list(generate_year(stats, 300, seed=7, year=2024))


def test_the_year_has_exactly_the_projects_asked_for(year) -> None:
    assert sum(len(r.targets.projects) for r in year) == 300
    assert all(r.targets.year == 2024 for r in year)
    codes = [p.code for r in year for p in r.targets.projects]
    assert len(set(codes)) == len(codes)


def test_the_same_seed_gives_the_same_year_and_another_seed_another(stats, year) -> None:
    again = list(generate_year(stats, 300, seed=7, year=2024))
    assert [r.targets for r in again] == [r.targets for r in year]
    assert [r.selfeval for r in again] == [r.selfeval for r in year]
    assert [r.monitoring for r in again] == [r.monitoring for r in year]
    other = list(generate_year(stats, 300, seed=8, year=2024))
    assert [r.targets.projects for r in other] != [r.targets.projects for r in year]


def test_a_region_does_not_depend_on_the_size_asked_for(stats, year) -> None:
    bigger = next(generate_year(stats, 100_000, seed=7, year=2024))
    assert bigger.targets == year[0].targets


def test_regions_come_one_at_a_time_so_a_huge_year_starts_at_once(stats) -> None:
    first = list(itertools.islice(plan_regions(stats, 10_000_000, seed=1, year=2024), 3))
    assert [n for n, _ in first] == [0, 1, 2]


def test_a_region_has_a_name_the_library_recognises_and_names_stay_unique() -> None:
    names = {region_name(n) for n in range(0, 200_000, 7)}
    assert len(names) == len(range(0, 200_000, 7))
    assert region_of_name(region_name(12345)) == region_name(12345)


def region_of_name(name: str) -> str | None:
    from jixiao.domain.model import Document, Project, Source

    return region_of(Document(Source("x", "0"), projects=(Project("p", department=f"{name}民政局"),)))


def test_names_and_values_come_from_what_was_learned(stats, year) -> None:
    learned = {name for names in stats.data["indicator_names"].values() for name in names}
    units = {row[5] for rows in stats.data["values"].values() for row in rows}
    indicators = [i for r in year for p in r.targets.projects for i in p.indicators]
    assert {i.name for i in indicators} <= learned
    assert {i.value.unit for i in indicators} <= units
    assert {d.name.removeprefix(r.name) for r in year for d in r.targets.departments} <= set(
        stats.data["department_kinds"]
    )
    # a rate keeps its learned figure (≥95% stays ≥95%); counts vary around theirs
    rates = [i.value for i in indicators if i.value.unit == "%" and i.value.kind is ValueKind.NUMERIC]
    learned_rates = {
        row[3]
        for rows in stats.data["values"].values()
        for row in rows
        if row[5] == "%" and row[1] == "numeric"
    }
    assert rates and {v.number for v in rates} <= learned_rates


def test_every_project_has_actuals_at_mid_year_and_year_end(year) -> None:
    for r in year:
        assert r.monitoring.month == 6 and r.selfeval.month == 12
        assert [a.name for a in r.selfeval.projects] == [p.name for p in r.targets.projects]
        for project, actual in zip(r.targets.projects, r.selfeval.projects, strict=True):
            assert [i.name for i in actual.indicators] == [i.name for i in project.indicators]
            assert sum(i.weight or 0 for i in actual.indicators) == pytest.approx(90)
            assert 0 < (actual.budget.executed or 0) <= (actual.budget.planned or 0)


def test_jixiao_scores_the_generated_actuals_without_an_error(year) -> None:
    for r in year:
        result = evaluate(r.targets, r.selfeval)
        assert len(result.projects) == len(r.targets.projects)
        assert not [f for p in result.projects for f in p.errors]
        assert {p.grade.value for p in result.projects} <= {"优", "良", "中", "差"}
        watched = monitor(r.targets, r.monitoring)
        assert len(watched.projects) == len(r.targets.projects)


def test_a_qualitative_score_lies_inside_the_range_its_status_allows(stats) -> None:
    rng = random.Random(1)
    for n in range(1, 40):
        weight = round(90 / n, 2)
        for _ in range(200):
            status, score = _qualitative(stats, rng, weight)
            assert score == round(score, 2)
            assert qualitative_problem("指标", status, score, weight) is None, (status, score, weight)


def test_every_indicator_the_rules_want_a_cause_for_states_one_and_no_other_does(year) -> None:
    """Year end: a score below the 分值 has its 偏差原因, a full score none; mid-year: a red or yellow
    indicator has its 偏差原因 and 完成目标可能性 — checked by jixiao's own self-evaluation and monitoring."""
    lagging = {12: 0, 6: 0}
    for r in year:
        for p in evaluate(r.targets, r.selfeval).projects:
            codes = [f.code for s in p.indicators for f in s.findings]
            assert "cause-missing" not in codes and "cause-with-full-score" not in codes, p.name
            for s in p.indicators:
                assert s.actual is not None and bool(s.actual.causes) == (s.score < s.weight), (p.name, s)
                lagging[12] += s.score < s.weight
        for w in monitor(r.targets, r.monitoring).projects:
            assert not [n for i in w.indicators for n in i.notes if n.code == "cause-missing"], w.name
            for i in w.indicators:
                behind = i.band in (Band.RED, Band.YELLOW)
                assert i.actual is not None and bool(i.actual.causes) == behind, (w.name, i)
                assert (i.actual.likelihood is not None) == behind and bool(i.actual.cause_note) == behind
                lagging[6] += behind
    assert lagging[12] > 100 and lagging[6] > 100  # the year has indicators behind at both cut-offs


def test_a_region_carries_what_jixiaos_monitoring_and_self_evaluation_give_for_its_actuals(year) -> None:
    for r in year:
        assert r.judged == monitor(r.targets, r.monitoring, region=r.name).projects
        assert r.scored == evaluate(r.targets, r.selfeval, region=r.name).projects


def test_causes_are_the_official_headings_in_a_realistic_mix(year) -> None:
    causes = Counter(
        c
        for r in year
        for a in (*r.monitoring.projects, *r.selfeval.projects)
        for i in a.indicators
        for c in i.causes
    )
    assert set(causes) == set(Cause)  # every heading occurs, nothing else can (the type says so)
    assert causes[Cause.FUNDING] > causes[Cause.RULES]  # the assumed mix: funding the commonest heading
