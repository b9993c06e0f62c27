"""Compiling a project: create, save with version check, archive, copy; each with its audit row."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.web.actions import Invalid, StaleEdit
from jixiao.web.actions.projects import do_copy_project, do_create_project, do_save_project
from jixiao.web.actions.review import do_archive
from jixiao.web.audit.models import AuditEvent
from jixiao.web.organisations.models import FiscalYear
from jixiao.web.policy import Refused
from jixiao.web.targets.draft import IndicatorDraft
from jixiao.web.targets.models import Indicator, Project
from tests.web.conftest import sample_draft


def test_create_stores_fields_indicators_and_audit(world, draft_project):
    p = Project.objects.get(pk=draft_project.pk)
    assert (p.state, p.version, p.round, p.region, p.department) == (
        "draft",
        1,
        0,
        world.region,
        world.dept_a,
    )
    assert [i.name for i in p.live_indicators()] == ["改造教学楼数量", "单栋改造成本", "师生满意度"]
    cost = p.live_indicators()[1]
    assert (cost.level1, cost.value_op, cost.value_number, cost.value_unit) == (
        "成本指标",
        "<=",
        20.0,
        "万元",
    )
    assert p.spending_plan[1] == {"period": "6月底", "amount": 60.0}
    assert [i.position for i in p.live_indicators()] == [1, 2, 3]
    assert p.search_text == "校园安全设施改造项目 2024-301-001 改造教学楼数量 单栋改造成本 师生满意度"
    event = AuditEvent.objects.get(project=p)
    assert (event.verb, event.actor, event.ok) == ("create", world.editor_a1, True)
    assert (event.target_type, event.target_id) == ("Project", p.pk)
    assert (event.message, event.detail) == ("新建项目“校园安全设施改造项目”", {"copied_from": None})


def test_a_new_project_is_marked_new_when_the_editor_says_so(world):
    p = do_create_project(
        acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=sample_draft(is_new=True)
    )
    assert Project.objects.get(pk=p.pk).is_new is True


def test_create_in_another_unit_is_refused_and_logged(world):
    with pytest.raises(Refused):
        do_create_project(acting_user=world.editor_a1, unit=world.unit_b1, year=2024, draft=sample_draft())
    assert not Project.objects.exists()
    assert AuditEvent.objects.filter(verb="create", ok=False, actor=world.editor_a1).count() == 1


def test_unreadable_value_and_wrong_framework_are_refused(world):
    draft = sample_draft()
    draft.indicators[0].value = "≥abc9"
    draft.indicators[1].level2 = "成本指标"  # 2020 framework's second level; 2024 uses 2021
    with pytest.raises(Invalid) as err:
        do_create_project(acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=draft)
    assert set(err.value.problems) == {"indicators.0.value", "indicators.1.level2"}
    assert "无法识别" in err.value.problems["indicators.0.value"]
    assert str(err.value) == "；".join(err.value.problems.values())  # every problem, in one message


def test_funds_must_add_up(world):
    with pytest.raises(Invalid) as err:
        do_create_project(
            acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=sample_draft(funds_total=130)
        )
    assert "funds_total" in err.value.problems


def test_save_edits_reorders_and_archives_removed_rows(world, draft_project):
    p = draft_project
    rows = p.live_indicators()
    draft = sample_draft(name="校园安全设施改造项目（修订）")
    draft.indicators = [
        IndicatorDraft(id=rows[2].pk, level2="服务对象满意度指标", name="师生满意度", value="≥98%"),
        IndicatorDraft(id=rows[0].pk, level2="数量指标", name="改造教学楼数量", value="≥6栋"),
        IndicatorDraft(level2="时效指标", name="完工时间", value="10月底前"),
    ]
    saved = do_save_project(acting_user=world.editor_a1, project=p, draft=draft, expected_version=1)
    assert saved.version == 2 and saved.name.endswith("（修订）")
    live = saved.live_indicators()
    assert [(i.name, i.value_raw) for i in live] == [
        ("师生满意度", "≥98%"),
        ("改造教学楼数量", "≥6栋"),
        ("完工时间", "10月底前"),
    ]
    assert live[0].pk == rows[2].pk
    # the removed row is archived, not deleted
    assert Indicator.objects.get(pk=rows[1].pk).archived
    event = AuditEvent.objects.filter(project=p, verb="edit").get()
    assert event.detail["before"]["indicators"][0]["value"]["raw"] == "≥6栋"
    assert event.detail["after"]["indicators"][0]["value"]["raw"] == "≥98%"


def test_second_save_with_stale_version_is_refused_and_nothing_lost(world, draft_project):
    first = sample_draft(goal="第一人的目标")
    do_save_project(acting_user=world.editor_a1, project=draft_project, draft=first, expected_version=1)
    second = sample_draft(goal="第二人的目标")
    with pytest.raises(StaleEdit) as err:
        do_save_project(
            acting_user=world.editor_a1,
            project=Project.objects.get(pk=draft_project.pk),
            draft=second,
            expected_version=1,
        )
    assert (err.value.expected, err.value.current) == (1, 2)
    assert str(err.value) == (
        "保存被拒绝：在您编辑期间，其他人已保存了该项目（您编辑的是第 1 版，当前为第 2 版）。"
        "您的修改没有丢失，请对照当前版本合并后再保存。"
    )
    assert Project.objects.get(pk=draft_project.pk).goal == "第一人的目标"
    assert AuditEvent.objects.filter(project=draft_project, verb="edit").count() == 1


def test_other_unit_cannot_save_and_is_logged(world, draft_project):
    with pytest.raises(Refused):
        do_save_project(
            acting_user=world.editor_a2,
            project=draft_project,
            draft=sample_draft(name="X"),
            expected_version=1,
        )
    assert Project.objects.get(pk=draft_project.pk).name == "校园安全设施改造项目"
    assert AuditEvent.objects.filter(actor=world.editor_a2, ok=False, project=draft_project).exists()


def test_archive_keeps_the_row(world, draft_project):
    do_archive(acting_user=world.editor_a1, target=draft_project, expected_version=1)
    p = Project.objects.get(pk=draft_project.pk)
    assert p.archived and p.version == 2
    event = AuditEvent.objects.get(project=p, verb="archive")
    assert (event.actor, event.ok, event.message) == (world.editor_a1, True, "撤回并归档")
    with pytest.raises(Refused):
        do_save_project(acting_user=world.editor_a1, project=p, draft=sample_draft(), expected_version=2)


def test_copy_to_a_2020_framework_year_refiles_cost_indicators(world, draft_project):
    copy = do_copy_project(acting_user=world.editor_a1, source=draft_project, year=2022)
    assert copy.state == "draft" and copy.copied_from_id == draft_project.pk and copy.year == 2022
    assert AuditEvent.objects.get(project=copy, verb="create").detail == {"copied_from": draft_project.pk}
    cost = copy.live_indicators()[1]
    assert (cost.level1, cost.level2, cost.value_raw) == ("产出指标", "成本指标", "≤20万元")


def test_copy_of_another_units_project_is_refused(world, draft_project):
    with pytest.raises(Refused):
        do_copy_project(acting_user=world.editor_b1, source=draft_project, year=2025)


def test_a_copy_keeps_the_spending_plan_with_its_blank_periods(world):
    plan = {"3月底": None, "6月底": Decimal("60"), "12月底": Decimal("120")}
    source = do_create_project(
        acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=sample_draft(spending_plan=plan)
    )
    copy = do_copy_project(acting_user=world.editor_a1, source=source, year=2025)
    assert source.spending_plan == [
        {"period": "3月底", "amount": None},
        {"period": "6月底", "amount": 60.0},
        {"period": "12月底", "amount": 120.0},
    ]
    assert copy.spending_plan == source.spending_plan


@pytest.mark.parametrize(
    ("year", "to_year", "second_levels"),
    [
        (2024, 2025, ["数量指标", "经济成本指标", "服务对象满意度指标"]),  # 2021 → 2021: as it was
        (2024, 2022, ["数量指标", "成本指标", "服务对象满意度指标"]),  # 2021 → 2020: 经济成本 → 成本
        (2022, 2024, ["数量指标", "经济成本指标", "服务对象满意度指标"]),  # 2020 → 2021: 成本 → 经济成本
    ],
)
def test_a_copy_files_each_indicator_under_the_second_levels_of_the_new_years_framework(
    world, year, to_year, second_levels
):
    draft = sample_draft()
    if year == 2022:
        draft.indicators[1].level2 = "成本指标"
    source = do_create_project(acting_user=world.editor_a1, unit=world.unit_a1, year=year, draft=draft)
    copy = do_copy_project(acting_user=world.editor_a1, source=source, year=to_year)
    assert [i.level2 for i in copy.live_indicators()] == second_levels


def test_a_save_checks_the_second_levels_against_the_projects_own_year(world):
    draft = sample_draft()
    draft.indicators[1].level2 = "成本指标"
    p = do_create_project(acting_user=world.editor_a1, unit=world.unit_a1, year=2022, draft=draft)
    saved = do_save_project(acting_user=world.editor_a1, project=p, draft=draft, expected_version=1)
    assert saved.version == 2  # 2022 is a 2020-framework year: 成本指标 is right
    draft.indicators[1].level2 = "经济成本指标"
    with pytest.raises(Invalid) as err:
        do_save_project(acting_user=world.editor_a1, project=saved, draft=draft, expected_version=2)
    assert set(err.value.problems) == {"indicators.1.level2"}


def test_a_year_set_up_in_another_region_leaves_this_regions_framework_alone(world):
    FiscalYear.objects.create(region=world.other_region, year=2023, framework="2020")
    p = do_create_project(acting_user=world.editor_a1, unit=world.unit_a1, year=2023, draft=sample_draft())
    assert p.live_indicators()[1].level2 == "经济成本指标"  # 2021, the default, not the other region's 2020
