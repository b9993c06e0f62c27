"""Compiling department targets (部门整体绩效目标): forms, actions, version checks, audit, review, permissions.

The department's own reviewer (主管部门审核) compiles and submits; finance of the region returns or
approves; the finance admin publishes; units and other departments are refused, by page and by API, and
every refusal is on record.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from jixiao.web import policy
from jixiao.web.actions import Invalid, StaleEdit
from jixiao.web.actions.departments import (
    do_copy_department_target,
    do_create_department_target,
    do_save_department_target,
)
from jixiao.web.actions.review import do_comment, do_transition
from jixiao.web.audit.models import AuditEvent
from jixiao.web.organisations.models import ApiToken
from jixiao.web.targets.department_draft import DepartmentDraft, DepartmentRowDraft
from jixiao.web.targets.department_forms import DEPARTMENT_PAGE, DepartmentRowForm, department_state
from jixiao.web.targets.merge_page import Merged, bound_data
from jixiao.web.targets.models import DepartmentTarget, DepartmentTargetRow
from jixiao.web.targets.snapshot import department_snapshot
from tests.web.conftest import PASSWORD, sample_department_draft
from tests.web.test_department_lessons import department_sheet  # noqa: F401  (a fixture)


@pytest.fixture
def department_draft(world: Any) -> DepartmentTarget:
    """Department A's 2024 draft, compiled by its reviewer."""
    return do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2024, draft=sample_department_draft()
    )


def login(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def bearer(user: Any) -> dict[str, str]:
    _, token = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def draft_of(target: DepartmentTarget) -> DepartmentDraft:
    """The stored target as a draft an editor would send back, rows keeping their ids."""
    snap = department_snapshot(target)
    return DepartmentDraft(
        strategic_goal=snap["strategic_goal"],
        rows=[
            DepartmentRowDraft(**{k: v for k, v in r.items() if k != "value"}, value=r["value"])
            for r in sorted(snap["rows"], key=lambda r: r["table"] != "strategic")
        ],
    )


# --- forms -------------------------------------------------------------------------------------


def test_row_form_names_past_years_from_the_target_year_and_flags_a_bad_value():
    form = DepartmentRowForm({"name": "入学率", "value": "达到95%，且不低于90%"}, year=2024)
    assert not form.is_valid()
    assert "无法识别" in form.errors["value"][0]
    assert (form.fields["ref_y1"].label, form.fields["ref_y2"].label) == ("2022年值", "2023年值")
    assert DepartmentRowForm({"name": "入学率", "value": "≥95%"}, year=2024).is_valid()
    assert "请填写绩效指标名称" in DepartmentRowForm({"value": "≥95%"}, year=2024).errors["name"][0]


def test_edit_page_posts_back_into_rows_ordered_removed_and_referenced(world, department_draft):
    client = login(world.reviewer_a)
    page = client.get(f"/work/departments/{department_draft.pk}/edit/").content.decode()
    assert "2022年值" in page and "2023年值" in page and "98.9%" in page
    rows = {r.name: r for r in department_draft.rows.all()}
    data = {
        "strategic_goal": "新的战略目标",
        "version": "1",
        "str-TOTAL_FORMS": "1",
        "str-INITIAL_FORMS": "0",
        "str-0-id": str(rows["义务教育巩固率"].pk),
        "str-0-position": "1",
        "str-0-name": "义务教育巩固率",
        "str-0-value": "≥99.2%",
        "str-0-ref_y1": "98.6%",
        "str-0-ref_y2": "99.0%",
        "ann-TOTAL_FORMS": "3",
        "ann-INITIAL_FORMS": "0",
        "ann-0-id": str(rows["适龄儿童入学率"].pk),
        "ann-0-position": "2",
        "ann-0-name": "适龄儿童入学率",
        "ann-0-value": "=100%",
        "ann-1-id": str(rows["控辍保学劝返人数"].pk),
        "ann-1-position": "1",
        "ann-1-name": "控辍保学劝返人数",
        "ann-1-value": "≥20人",
        "ann-1-remove": "on",
        "ann-2-position": "1",
        "ann-2-duty_area": "学前教育",
        "ann-2-name": "普惠性幼儿园覆盖率",
        "ann-2-value": "≥85%",
    }
    response = client.post(f"/work/departments/{department_draft.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    target = DepartmentTarget.objects.get(pk=department_draft.pk)
    assert target.version == 2 and target.strategic_goal == "新的战略目标"
    live = list(target.rows.filter(archived=False).order_by("table", "position"))
    assert [(r.table, r.name) for r in live] == [
        ("annual", "普惠性幼儿园覆盖率"),
        ("annual", "适龄儿童入学率"),
        ("strategic", "义务教育巩固率"),
    ]
    strategic = live[2]
    assert strategic.reference["years"] == {"2022": "98.6%", "2023": "99.0%"}
    assert strategic.reference["last_year"] == "99.0%"  # 上年值 stays readable for tables and exports
    removed = DepartmentTargetRow.objects.get(pk=rows["控辍保学劝返人数"].pk)
    assert removed.archived  # removed from the grid, kept in the database


def test_a_bad_value_posted_by_the_form_saves_nothing_and_keeps_the_input(world, department_draft):
    client = login(world.reviewer_a)
    data = {
        "strategic_goal": "改过的目标",
        "version": "1",
        "str-TOTAL_FORMS": "0",
        "str-INITIAL_FORMS": "0",
        "ann-TOTAL_FORMS": "1",
        "ann-INITIAL_FORMS": "0",
        "ann-0-name": "入学率",
        "ann-0-value": "达到95%，且不低于90%",
    }
    page = client.post(f"/work/departments/{department_draft.pk}/edit/", data).content.decode()
    assert "无法识别的指标值" in page and "达到95%，且不低于90%" in page and "改过的目标" in page
    assert DepartmentTarget.objects.get(pk=department_draft.pk).version == 1


def test_a_new_annual_row_continues_the_duty_of_the_row_above(world):
    client = login(world.reviewer_a)
    html = client.get(
        "/work/departments/row/",
        {
            "table": "annual",
            "n": "3",
            "year": "2024",
            "ann-2-duty_area": "基础教育",
            "ann-2-duty": "义务教育管理",
        },
    ).content.decode()
    assert 'name="ann-3-duty_area"' in html and 'value="基础教育"' in html and "义务教育管理" in html
    assert 'value="4" id="id_ann-TOTAL_FORMS"' in html and "2022年值" in html


# --- actions, versions, audit -------------------------------------------------------------------


def test_create_writes_the_rows_and_one_audit_row(world, department_draft):
    assert department_draft.state == "draft" and department_draft.version == 1
    assert department_draft.rows.filter(archived=False).count() == 3
    event = AuditEvent.objects.get(
        verb="create", target_type="DepartmentTarget", target_id=department_draft.pk
    )
    assert event.actor == world.reviewer_a and event.ok
    assert (event.message, event.detail) == (
        "新建 2024 年度部门整体绩效目标",
        {"copied_from": None, "rows": 3},
    )


def test_an_unreadable_value_is_refused_with_its_row_named(world, department_draft):
    draft = draft_of(department_draft)
    draft.rows[1].value = "达到95%，且不低于90%"
    with pytest.raises(Invalid) as err:
        do_save_department_target(
            acting_user=world.reviewer_a, target=department_draft, draft=draft, expected_version=1
        )
    assert "无法识别" in str(err.value) and "适龄儿童入学率" in str(err.value)
    assert DepartmentTarget.objects.get(pk=department_draft.pk).version == 1


def test_second_concurrent_save_is_refused_and_nothing_is_overwritten(world, department_draft):
    first, second = draft_of(department_draft), draft_of(department_draft)
    first.strategic_goal = "第一人的目标"
    second.strategic_goal = "第二人的目标"
    do_save_department_target(
        acting_user=world.reviewer_a, target=department_draft, draft=first, expected_version=1
    )
    with pytest.raises(StaleEdit) as err:
        do_save_department_target(
            acting_user=world.reviewer_a, target=department_draft, draft=second, expected_version=1
        )
    assert "其他人已保存了该部门整体绩效目标" in str(err.value) and err.value.current == 2
    assert DepartmentTarget.objects.get(pk=department_draft.pk).strategic_goal == "第一人的目标"
    edits = AuditEvent.objects.filter(
        verb="edit", target_type="DepartmentTarget", target_id=department_draft.pk
    )
    assert edits.count() == 1
    assert edits.get().detail["before"]["strategic_goal"].startswith("到 2025 年")
    assert edits.get().detail["after"]["strategic_goal"] == "第一人的目标"


def posted(goal: str, tables: dict[str, list[dict[str, Any]]], version: int) -> dict[str, str]:
    """The edit page's POST data for a goal and both grids' rows."""
    return bound_data(DEPARTMENT_PAGE, Merged({"strategic_goal": goal}, tables, [], []), version)


def test_stale_save_by_the_page_comes_back_merged_field_by_field(world, department_draft):
    client = login(world.reviewer_a)
    url = f"/work/departments/{department_draft.pk}/edit/"
    page = client.get(url).content.decode()
    base = re.search(r'name="merge_base" value="([^"]*)"', page).group(1)
    loaded = department_state(department_draft)
    # someone else saves first: a new value for the annual row 控辍保学劝返人数
    other = draft_of(department_draft)
    next(r for r in other.rows if r.name == "控辍保学劝返人数").value = "≥30人"
    do_save_department_target(
        acting_user=world.reviewer_a, target=department_draft, draft=other, expected_version=1
    )
    # this editor changed the goal and the strategic value, on the version they loaded
    mine = {t: [dict(r, remove="") for r in rows] for t, rows in loaded["tables"].items()}
    mine["strategic"][0]["value"] = "≥99.5%"
    data = {**posted("我的战略目标", mine, 1), "merge_base": base}
    page = client.post(url, data).content.decode()
    assert 'id="stale"' in page and "其他人已保存" in page
    taken = page[page.index('id="merge-taken"') : page.index('id="department-form"')]
    assert "控辍保学劝返人数" in taken and "≥30人" in taken and 'id="merge-conflicts"' not in page
    assert 'name="ann-1-value" id="id_ann-1-value" value="≥30人"' in page  # taken into the form
    assert "≥99.5%" in page and "我的战略目标" in page and 'name="version" value="2"' in page
    saved = DepartmentTarget.objects.get(pk=department_draft.pk)
    assert saved.strategic_goal.startswith("到 2025 年") and saved.version == 2  # nothing overwritten
    # saving the merged form keeps both people's changes
    merged = department_state(saved)
    merged["fields"]["strategic_goal"] = "我的战略目标"
    merged["tables"]["strategic"][0]["value"] = "≥99.5%"
    again = posted(
        "我的战略目标", {t: [dict(r, remove="") for r in rows] for t, rows in merged["tables"].items()}, 2
    )
    assert client.post(url, again).status_code == 302
    final = DepartmentTarget.objects.get(pk=department_draft.pk)
    values = {r.name: r.value_raw for r in final.rows.filter(archived=False)}
    assert values == {"义务教育巩固率": "≥99.5%", "适龄儿童入学率": "=100%", "控辍保学劝返人数": "≥30人"}
    assert final.strategic_goal == "我的战略目标"


def test_stale_save_by_the_page_keeps_the_input_and_says_why(world, department_draft):
    first = draft_of(department_draft)
    first.strategic_goal = "别人先保存"
    do_save_department_target(
        acting_user=world.reviewer_a, target=department_draft, draft=first, expected_version=1
    )
    data = {
        "strategic_goal": "我的修改",
        "version": "1",
        "str-TOTAL_FORMS": "0",
        "str-INITIAL_FORMS": "0",
        "ann-TOTAL_FORMS": "0",
        "ann-INITIAL_FORMS": "0",
    }
    page = (
        login(world.reviewer_a).post(f"/work/departments/{department_draft.pk}/edit/", data).content.decode()
    )
    assert 'id="stale"' in page and "其他人已保存" in page and "我的修改" in page
    assert 'name="version" value="2"' in page  # saving again is a deliberate overwrite
    assert DepartmentTarget.objects.get(pk=department_draft.pk).strategic_goal == "别人先保存"


def test_copy_last_year_as_a_start(world):
    last = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2023, draft=sample_department_draft()
    )
    DepartmentTargetRow.objects.filter(target=last, name="控辍保学劝返人数").update(value_raw="——")
    client = login(world.reviewer_a)
    response = client.post("/work/departments/new/", {"year": "2024", "copy": "1"})
    copied = DepartmentTarget.objects.get(department=world.dept_a, year=2024)
    assert response.status_code == 302 and response["Location"] == f"/work/departments/{copied.pk}/edit/"
    assert copied.copied_from == last and copied.strategic_goal == last.strategic_goal
    names = sorted(copied.rows.values_list("name", flat=True))
    assert names == sorted(last.rows.values_list("name", flat=True))
    strategic = copied.rows.get(table="strategic")
    # the 2023 target's past years still hold a year later; its planned value carries over
    assert strategic.reference["years"]["2023"] == "98.9%" and strategic.reference["planned"] == "99%"
    # a value copied from last year that the grammar cannot read is flagged on the edit page
    page = client.get(f"/work/departments/{copied.pk}/edit/").content.decode()
    assert "——" in page
    with pytest.raises(policy.Refused):
        do_copy_department_target(acting_user=world.reviewer_b, source=last, year=2025)


def test_a_copy_keeps_the_plan_and_the_sources_but_not_last_years_standard(world):
    last = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2023, draft=sample_department_draft()
    )
    row = last.rows.get(name="适龄儿童入学率")
    row.reference = {**row.reference, "history": "99%", "history_source": "统计年鉴"}
    row.save()
    copied = do_copy_department_target(acting_user=world.reviewer_a, source=last, year=2024)
    event = AuditEvent.objects.get(verb="create", target_id=copied.pk)
    assert event.detail == {"copied_from": last.pk, "rows": 3}
    assert copied.rows.get(name="适龄儿童入学率").reference == {
        "standard_source": "省义务教育标准",
        "history_source": "统计年鉴",
        "years": {"2023": "100%"},
        "last_year": "100%",
    }


def test_a_new_target_with_an_unreadable_value_is_refused_but_a_copied_one_is_kept_to_be_fixed(world):
    draft = sample_department_draft()
    draft.rows[1].value = "达到95%，且不低于90%"
    with pytest.raises(Invalid, match="适龄儿童入学率"):
        do_create_department_target(
            acting_user=world.reviewer_a, department=world.dept_a, year=2023, draft=draft
        )
    assert not DepartmentTarget.objects.exists()
    last = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2023, draft=sample_department_draft()
    )
    last.rows.filter(name="适龄儿童入学率").update(value_raw="达到95%，且不低于90%")
    copied = do_copy_department_target(acting_user=world.reviewer_a, source=last, year=2024)
    assert copied.rows.get(name="适龄儿童入学率").value_raw == "达到95%，且不低于90%"


def test_rows_are_numbered_from_one_within_each_table_and_keep_their_duty(world, department_draft):
    rows = department_draft.rows.order_by("table", "position")
    assert [(r.table, r.position, r.no, r.duty_no) for r in rows] == [
        ("annual", 1, None, 1),
        ("annual", 2, None, 1),
        ("strategic", 1, 1, None),
    ]


def test_withdrawing_a_draft_archives_it_keeps_it_in_history_and_frees_the_year(world, department_draft):
    url = f"/work/departments/{department_draft.pk}/archive/"
    # only the department's own reviewer withdraws, and only what is not under review
    assert login(world.finance).post(url, {"version": "1"}).status_code == 403
    assert (
        'id="archive"'
        in login(world.reviewer_a).get(f"/work/departments/{department_draft.pk}/").content.decode()
    )
    client = login(world.reviewer_a)
    response = client.post(url, {"version": "1"})
    assert response.status_code == 302 and response["Location"] == "/work/departments/"
    target = DepartmentTarget.objects.get(pk=department_draft.pk)
    assert target.archived and target.version == 2 and target.rows.count() == 3  # nothing deleted
    event = AuditEvent.objects.get(verb="archive", target_type="DepartmentTarget", target_id=target.pk)
    assert event.ok and event.actor == world.reviewer_a
    assert f"/work/departments/{target.pk}/" not in client.get("/work/departments/").content.decode()
    # the year is free again for a new draft
    assert client.post("/work/departments/new/", {"year": "2024"}).status_code == 302
    assert DepartmentTarget.objects.filter(department=world.dept_a, year=2024, archived=False).count() == 1


def test_a_submitted_target_cannot_be_withdrawn(world, department_draft):
    submitted = do_transition(acting_user=world.reviewer_a, target=department_draft, verb="submit")
    page = login(world.reviewer_a).post(
        f"/work/departments/{submitted.pk}/archive/", {"version": str(submitted.version)}, follow=True
    )
    assert page.status_code == 200 and not DepartmentTarget.objects.get(pk=submitted.pk).archived


def test_one_live_target_per_department_and_year(world, department_draft):
    response = login(world.reviewer_a).post("/work/departments/new/", {"year": "2024"}, follow=True)
    assert "已有 2024 年度的部门整体绩效目标" in response.content.decode()


# --- review cycle -------------------------------------------------------------------------------


def test_review_cycle_submit_return_resubmit_approve_publish(world, department_draft, client):
    target = do_transition(acting_user=world.reviewer_a, target=department_draft, verb="submit")
    assert (target.state, target.round) == ("submitted", 1)
    with pytest.raises(policy.Refused):
        do_transition(acting_user=world.reviewer_a, target=target, verb="approve", grade="优")
    row = target.rows.get(name="适龄儿童入学率")
    do_comment(acting_user=world.finance, target=target, text="请补充上年实际值", item=row)
    target = do_transition(
        acting_user=world.finance, target=target, verb="return", grade="中", opinion="请完善参考值后重新报送"
    )
    assert target.state == "returned" and target.grade == "中"
    edit = login(world.reviewer_a).get(f"/work/departments/{target.pk}/edit/").content.decode()
    assert "请完善参考值后重新报送" in edit and "请补充上年实际值" in edit
    target = do_transition(acting_user=world.reviewer_a, target=target, verb="submit")
    assert (target.state, target.round) == ("resubmitted", 2)
    target = do_transition(acting_user=world.finance, target=target, verb="approve", grade="良")
    assert target.state == "approved"
    with pytest.raises(policy.Refused):
        do_transition(acting_user=world.finance, target=target, verb="publish")
    assert client.get(f"/departments/{target.pk}/").status_code == 404
    target = do_transition(acting_user=world.admin, target=target, verb="publish")
    assert target.state == "published" and target.published_at is not None
    public = client.get(f"/departments/{target.pk}/").content.decode()
    assert "适龄儿童入学率" in public and "2023年值：100%" in public
    assert "请补充上年实际值" not in public  # review opinions are not public
    verbs = list(
        AuditEvent.objects.filter(target_type="DepartmentTarget", target_id=target.pk, ok=True)
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["create", "submit", "comment", "return", "submit", "approve", "publish"]


def test_finance_sees_what_changed_between_submitted_rounds(world, department_draft):
    target = do_transition(acting_user=world.reviewer_a, target=department_draft, verb="submit")
    target = do_transition(
        acting_user=world.finance, target=target, verb="return", grade="中", opinion="劝返人数偏少"
    )
    fix = draft_of(target)
    next(r for r in fix.rows if r.name == "控辍保学劝返人数").value = "≥40人"
    fix.rows = [r for r in fix.rows if r.name != "适龄儿童入学率"]
    target = do_save_department_target(
        acting_user=world.reviewer_a, target=target, draft=fix, expected_version=target.version
    )
    page = login(world.finance).get(f"/work/departments/{target.pk}/").content.decode()
    assert 'id="round-diff"' not in page  # one round: nothing to compare yet
    do_transition(acting_user=world.reviewer_a, target=target, verb="submit")
    page = login(world.finance).get(f"/work/departments/{target.pk}/").content.decode()
    diff = page[page.index('id="round-diff"') : page.index("历史记录")]
    assert "第 1 轮 → 第 2 轮" in diff
    assert "修改指标：年度指标 / 控辍保学劝返人数" in diff and "≥20人" in diff and "≥40人" in diff
    assert "删除指标" in diff and "适龄儿童入学率" in diff and "义务教育巩固率" not in diff


def test_submit_needs_a_goal_and_an_annual_indicator(world):
    empty = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2025, draft=DepartmentDraft()
    )
    page = login(world.reviewer_a).post(
        f"/work/departments/{empty.pk}/transition/", {"verb": "submit", "version": "1"}, follow=True
    )
    assert "不能报送：请先填写战略目标、年度绩效指标" in page.content.decode()
    assert DepartmentTarget.objects.get(pk=empty.pk).state == "draft"


def test_review_buttons_by_page(world, department_draft):
    reviewer, finance = login(world.reviewer_a), login(world.finance)
    detail = reviewer.get(f"/work/departments/{department_draft.pk}/").content.decode()
    assert 'data-verb="submit"' in detail and 'id="edit"' in detail
    reviewer.post(f"/work/departments/{department_draft.pk}/transition/", {"verb": "submit", "version": "1"})
    page = finance.get(f"/work/departments/{department_draft.pk}/").content.decode()
    assert (
        'data-verb="return"' in page and 'data-verb="approve"' in page and 'data-verb="publish"' not in page
    )
    finance.post(
        f"/work/departments/{department_draft.pk}/transition/",
        {"verb": "approve", "grade": "优", "version": "2"},
    )
    assert DepartmentTarget.objects.get(pk=department_draft.pk).state == "approved"


# --- permissions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "sees_draft", "sees_submitted"),
    [
        ("editor_a1", False, False),
        ("reviewer_a", True, True),
        ("reviewer_b", False, False),
        ("finance", False, True),
        ("admin", False, True),
        ("other_finance", False, False),
    ],
)
def test_who_sees_department_targets(world, department_draft, who, sees_draft, sees_submitted):
    user = getattr(world, who)
    assert DepartmentTarget.objects.visible_to(user).filter(pk=department_draft.pk).exists() is sees_draft
    do_transition(acting_user=world.reviewer_a, target=department_draft, verb="submit")
    assert DepartmentTarget.objects.visible_to(user).filter(pk=department_draft.pk).exists() is sees_submitted
    listed = login(user).get("/work/departments/").content.decode()
    assert ("区教育局" in listed) is sees_submitted


@pytest.mark.parametrize("who", ["editor_a1", "reviewer_b", "finance"])
def test_others_cannot_edit_by_url_and_it_is_logged(world, department_draft, who):
    client = login(getattr(world, who))
    assert client.get(f"/work/departments/{department_draft.pk}/edit/").status_code == 403
    post = {"strategic_goal": "x", "version": "1", "str-TOTAL_FORMS": "0", "ann-TOTAL_FORMS": "0"}
    assert client.post(f"/work/departments/{department_draft.pk}/edit/", post).status_code == 403
    refused = AuditEvent.objects.filter(
        ok=False, target_type="DepartmentTarget", target_id=department_draft.pk
    )
    assert refused.filter(actor=getattr(world, who)).count() == 2
    assert DepartmentTarget.objects.get(pk=department_draft.pk).strategic_goal.startswith("到 2025 年")


def test_a_unit_editor_cannot_create_or_read_department_targets(world, department_draft):
    client = login(world.editor_a1)
    assert client.get(f"/work/departments/{department_draft.pk}/").status_code == 403
    page = client.post("/work/departments/new/", {"year": "2025"}, follow=True).content.decode()
    assert "主管部门审核人员可以编制部门整体绩效目标" in page
    assert not DepartmentTarget.objects.filter(year=2025).exists()
    assert AuditEvent.objects.filter(actor=world.editor_a1, ok=False, verb="create").exists()
    assert AuditEvent.objects.filter(actor=world.editor_a1, ok=False, verb="view").exists()


# --- API ----------------------------------------------------------------------------------------

API_BODY = {
    "year": 2025,
    "strategic_goal": "到 2027 年全区卫生服务能力显著提升",
    "rows": [
        {"table": "strategic", "no": 1, "name": "每千人口执业医师数", "value": "≥3.2人"},
        {
            "table": "annual",
            "duty_no": 1,
            "duty_area": "医疗服务",
            "name": "家庭医生签约率",
            "value": "≥75%",
            "reference": {"years": {"2023": "70%", "2024": "72%"}, "standard": "75%"},
            "office": "基层卫生科",
        },
    ],
}


def test_api_create_read_update_with_version_check(world, client):
    auth = bearer(world.reviewer_b)
    created = client.post("/api/department-targets", API_BODY, content_type="application/json", **auth)
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["department"] == "区卫生健康局" and data["state"] == "draft" and data["version"] == 1
    annual = data["annual"][0]
    assert annual["value"]["op"] == ">=" and annual["reference"]["last_year"] == "72%"
    tid = data["id"]
    assert client.get(f"/api/department-targets/{tid}").status_code == 403  # the public: not published
    read = client.get(f"/api/department-targets/{tid}", **auth).json()
    assert read["strategic"][0]["name"] == "每千人口执业医师数"
    update = {**API_BODY, "version": 1, "strategic_goal": "改"}
    update["rows"] = [
        {**API_BODY["rows"][0], "id": read["strategic"][0]["id"], "value": "≥3.3人"},
        {**API_BODY["rows"][1], "id": read["annual"][0]["id"]},
        {"table": "annual", "name": "新增指标", "value": "=1项"},
    ]
    saved = client.put(f"/api/department-targets/{tid}", update, content_type="application/json", **auth)
    assert saved.status_code == 200 and saved.json()["version"] == 2
    assert [r["name"] for r in saved.json()["annual"]] == ["家庭医生签约率", "新增指标"]
    update["rows"] = update["rows"][:2]
    update["version"] = 2
    client.put(f"/api/department-targets/{tid}", update, content_type="application/json", **auth)
    assert DepartmentTargetRow.objects.filter(target_id=tid, archived=True).count() == 1
    stale = client.put(f"/api/department-targets/{tid}", update, content_type="application/json", **auth)
    assert stale.status_code == 409 and "其他人已保存" in stale.json()["detail"]
    bad = {**update, "version": 3, "rows": [{**update["rows"][0], "value": "3个或4个"}]}
    invalid = client.put(f"/api/department-targets/{tid}", bad, content_type="application/json", **auth)
    assert invalid.status_code == 422 and "rows.0.value" in invalid.json()["problems"]
    moved = client.post(
        f"/api/department-targets/{tid}/transitions",
        {"verb": "submit"},
        content_type="application/json",
        **auth,
    )
    assert moved.status_code == 200 and moved.json()["state"] == "submitted"


def test_api_refuses_a_unit_editor_and_logs_it(world, client, department_draft):
    auth = bearer(world.editor_a1)
    assert client.get(f"/api/department-targets/{department_draft.pk}", **auth).status_code == 403
    body = {"strategic_goal": "x", "rows": [], "version": 1}
    put = client.put(
        f"/api/department-targets/{department_draft.pk}", body, content_type="application/json", **auth
    )
    assert put.status_code == 403
    created = client.post("/api/department-targets", API_BODY, content_type="application/json", **auth)
    assert created.status_code == 403 and "主管部门审核" in created.json()["detail"]
    refusals = AuditEvent.objects.filter(actor=world.editor_a1, ok=False)
    assert refusals.filter(target_type="DepartmentTarget", target_id=department_draft.pk).count() == 2
    assert refusals.filter(verb="create").exists()
    assert client.get("/api/department-targets", **auth).json()["count"] == 0


def test_api_lists_published_targets_for_the_public(world, client, department_draft):
    assert client.get("/api/department-targets").json()["count"] == 0
    DepartmentTarget.objects.filter(pk=department_draft.pk).update(state="published")
    listed = client.get("/api/department-targets", {"year": 2024}).json()
    assert listed["count"] == 1 and listed["items"][0]["department"] == "区教育局"


def test_a_nul_character_is_refused_in_words_not_by_the_database(world, department_draft):
    draft = draft_of(department_draft)
    draft.rows[0].reference = {"years": {"2023": "9\x008%"}}
    with pytest.raises(Invalid) as err:
        do_save_department_target(
            acting_user=world.reviewer_a, target=department_draft, draft=draft, expected_version=1
        )
    assert "NUL" in str(err.value)


def test_api_comments_on_department_targets_follow_the_policy(world, client, department_draft):
    url = f"/api/department-targets/{department_draft.pk}/comments"
    row = department_draft.rows.get(name="适龄儿童入学率")
    body = {"text": "请补充上年实际值", "item_id": row.pk}
    refused = client.post(url, body, content_type="application/json", **bearer(world.finance))
    assert refused.status_code == 403  # a draft is not finance's to see yet
    do_transition(acting_user=world.reviewer_a, target=department_draft, verb="submit")
    added = client.post(url, body, content_type="application/json", **bearer(world.finance))
    assert added.status_code == 201 and added.json()["item_id"] == row.pk
    assert (
        client.post(url, body, content_type="application/json", **bearer(world.editor_a1)).status_code == 403
    )
    other = {"text": "x", "item_id": 10**9}
    assert (
        client.post(url, other, content_type="application/json", **bearer(world.finance)).status_code == 400
    )
    listed = client.get(url, **bearer(world.reviewer_a)).json()
    assert [(c["text"], c["item_id"], c["author"]) for c in listed] == [
        ("请补充上年实际值", row.pk, "finance")
    ]


def test_the_api_gives_a_copys_carried_lessons_and_rectifications(world, client, department_sheet):  # noqa: F811
    """结果应用 on a department target copied from last year: its lessons and the 整改事项 linked to the
    department-wide self-evaluation, for the department and finance; another department cannot read them."""
    from jixiao.web.actions.departments import do_copy_department_target

    copy = do_copy_department_target(
        acting_user=world.reviewer_a, source=department_sheet.department_target, year=2025
    )
    item = copy.carried_rectifications.get()
    got = client.get(f"/api/department-targets/{copy.pk}", **bearer(world.reviewer_a)).json()
    assert got["lessons"] == copy.lessons and "1. 基础教育 / 适龄儿童入学率：" in got["lessons"]
    assert got["carried_rectifications"] == [
        {
            "id": item.pk,
            "selfeval_id": department_sheet.pk,
            "selfeval": department_sheet.name,
            "text": "加快预算执行",
            "owner": f"{world.dept_a.name}（部门）",
            "due_date": "2025-07-15",
            "state": "open",
            "state_label": "整改中",
            "done_note": "",
        }
    ]
    listed = client.get("/api/department-targets", **bearer(world.reviewer_a)).json()["items"]
    assert all("lessons" not in t for t in listed)
    assert client.get(f"/api/department-targets/{copy.pk}", **bearer(world.reviewer_b)).status_code == 403
