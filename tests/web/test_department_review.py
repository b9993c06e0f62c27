"""The review page of a department target shows the review engine's findings beside the rows they concern,
with the department's score, as the project page does; ``jixiao check --db`` says the same of the stored
target, each row located by its table and position."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import typer
from django.test import Client

from jixiao.cli.check import run_check
from jixiao.web.actions.departments import do_create_department_target
from jixiao.web.actions.review import do_transition
from jixiao.web.targets.department_draft import DepartmentDraft, DepartmentRowDraft
from jixiao.web.targets.models import DepartmentTarget
from jixiao.web.workflow.findings import review_department
from tests.web.conftest import PASSWORD, sample_department_draft

DUTY = {"duty_no": 1, "duty_area": "基础教育", "duty": "义务教育管理", "duty_goal": "保障适龄儿童按时入学"}


def flawed_draft() -> DepartmentDraft:
    """Rows a finance reviewer would question: the same name in both tables with different values, a rate
    over 100%, a vague value, a duplicate under one duty; and one fine row."""
    return DepartmentDraft(
        strategic_goal="到 2025 年，全区义务教育优质均衡发展。",
        rows=[
            DepartmentRowDraft(table="strategic", no=1, name="义务教育巩固率", value="≥99%"),
            DepartmentRowDraft(table="annual", **DUTY, name="义务教育巩固率", value="≥98%"),
            DepartmentRowDraft(table="annual", **DUTY, name="适龄儿童入学率", value="≥105%"),
            DepartmentRowDraft(table="annual", **DUTY, name="教学质量", value="显著提高"),
            DepartmentRowDraft(table="annual", **DUTY, name="控辍保学劝返人数", value="≥20人"),
            DepartmentRowDraft(table="annual", **DUTY, name="控辍保学劝返人数", value="≥25人"),
            DepartmentRowDraft(table="annual", **DUTY, name="家长满意度", value="≥95%"),
        ],
    )


@pytest.fixture
def submitted(world: Any) -> DepartmentTarget:
    target = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2024, draft=flawed_draft()
    )
    return do_transition(acting_user=world.reviewer_a, target=target, verb="submit")


def _row(target: DepartmentTarget, name: str, table: str = "annual", n: int = 0) -> Any:
    return target.rows.filter(name=name, table=table, archived=False).order_by("position", "id")[n]


def test_findings_are_keyed_by_the_row_they_concern(submitted):
    review = review_department(submitted)
    rules = {pk: sorted(f.rule for f in fs) for pk, fs in review.by_row.items()}
    assert rules[_row(submitted, "义务教育巩固率").pk] == ["STRATEGIC-ANNUAL-MISMATCH"]
    assert rules[_row(submitted, "适龄儿童入学率").pk] == ["DEPT-RATE-OVER-100"]
    assert rules[_row(submitted, "教学质量").pk] == ["DEPT-VAGUE-VALUE"]
    assert rules[_row(submitted, "控辍保学劝返人数", n=1).pk] == ["DEPT-DUPLICATE-INDICATOR"]
    # the same name in the strategic table and a fine row get nothing
    assert _row(submitted, "义务教育巩固率", "strategic").pk not in rules
    assert _row(submitted, "家长满意度").pk not in rules
    assert review.department_findings == []
    assert review.score is not None and review.score.grade in ("中", "差")  # an error and warnings
    assert review.count == 4


def test_a_sound_target_has_no_findings(world):
    target = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2024, draft=sample_department_draft()
    )
    review = review_department(target)
    assert review.count == 0 and review.score.grade == "优"


def test_the_review_page_shows_each_finding_after_its_row(world, submitted):
    client = Client()
    assert client.login(username=world.finance.username, password=PASSWORD)
    html = client.get(f"/work/departments/{submitted.pk}/").content.decode()
    card = html[html.index('id="engine-review"') :]
    assert "审核引擎意见" in card and "（4 条，参考评分" in card
    for name, title in (
        ("适龄儿童入学率", "部门比率指标超过100%"),
        ("教学质量", "部门指标值为模糊表述"),
        ("义务教育巩固率", "战略目标表与年度目标表指标值不一致"),
    ):
        pk = _row(submitted, name).pk
        # the row, then (before any other row) its finding
        after = html[html.index(f'id="row-{pk}"') :]
        following = after[: after.index('id="row-', 10)] if 'id="row-' in after[10:] else after
        assert f'data-row="{pk}"' in following and title in following, name
    fine = _row(submitted, "家长满意度").pk
    assert f'data-row="{fine}"' not in html
    assert len(re.findall(r'class="finding-row"', html)) == 4


def test_the_page_without_findings_says_so(world):
    target = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2024, draft=sample_department_draft()
    )
    client = Client()
    assert client.login(username=world.reviewer_a.username, password=PASSWORD)
    html = client.get(f"/work/departments/{target.pk}/").content.decode()
    assert "未发现问题" in html and "finding-row" not in html


def test_check_db_locates_department_rows_by_table_and_position(world, submitted, capsys):
    with pytest.raises(typer.Exit) as ended:
        run_check([], "json", None, None, True, False)
    assert ended.value.exit_code == 1  # DEPT-RATE-OVER-100 is an error
    report = json.loads(capsys.readouterr().out)
    found = {
        (f["rule"], f["table"], f["row"]) for f in report["findings"] if f["subject"]["kind"] == "department"
    }
    assert found == {
        ("STRATEGIC-ANNUAL-MISMATCH", "年度目标表", 1),
        ("DEPT-RATE-OVER-100", "年度目标表", 2),
        ("DEPT-VAGUE-VALUE", "年度目标表", 3),
        ("DEPT-DUPLICATE-INDICATOR", "年度目标表", 5),
    }
    assert [s["kind"] for s in report["scores"]] == ["department"]
