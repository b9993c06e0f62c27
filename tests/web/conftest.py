"""A small world for the web tests: one region with two departments and three units, a second region,
and a person for every role. Runs against SQLite, or PostgreSQL when ``JIXIAO_DATABASE_URL`` says so."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from jixiao.web.targets.department_draft import DepartmentDraft, DepartmentRowDraft
from jixiao.web.targets.draft import IndicatorDraft, ProjectDraft

PASSWORD = "test-pass-123"


@dataclass
class World:
    region: Any
    other_region: Any
    dept_a: Any
    dept_b: Any
    unit_a1: Any
    unit_a2: Any
    unit_b1: Any
    editor_a1: Any
    editor_a2: Any
    editor_b1: Any
    reviewer_a: Any
    reviewer_b: Any
    finance: Any
    admin: Any
    other_finance: Any

    def users(self) -> dict[str, Any]:
        return {
            k: v
            for k, v in vars(self).items()
            if k.startswith(("editor", "reviewer", "finance", "admin", "other_finance"))
        }


def make_user(username: str, role: str, region: Any, department: Any = None, unit: Any = None) -> Any:
    from django.contrib.auth.models import User

    from jixiao.web.organisations.models import Profile

    user = User.objects.create_user(username, password=PASSWORD)
    Profile.objects.create(user=user, role=role, region=region, department=department, unit=unit)
    return user


@pytest.fixture(autouse=True)
def fast_password_hasher(settings: Any) -> None:
    """Real hashing costs a quarter second per user; tests make many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: Any, fast_password_hasher: None) -> World:
    from jixiao.web.organisations.models import Department, FiscalYear, Region, Role, Unit

    region = Region.objects.create(name="临淄区", code="370305")
    other = Region.objects.create(name="淄川区", code="370302")
    FiscalYear.objects.create(region=region, year=2024, framework="2021")
    FiscalYear.objects.create(region=region, year=2022, framework="2020")
    dept_a = Department.objects.create(region=region, name="区教育局", code="301")
    dept_b = Department.objects.create(region=region, name="区卫生健康局", code="302")
    other_dept = Department.objects.create(region=other, name="区民政局", code="401")
    unit_a1 = Unit.objects.create(department=dept_a, name="第一中学", code="301001")
    unit_a2 = Unit.objects.create(department=dept_a, name="第二中学", code="301002")
    unit_b1 = Unit.objects.create(department=dept_b, name="区人民医院", code="302001")
    return World(
        region=region,
        other_region=other,
        dept_a=dept_a,
        dept_b=dept_b,
        unit_a1=unit_a1,
        unit_a2=unit_a2,
        unit_b1=unit_b1,
        editor_a1=make_user("editor_a1", Role.UNIT_EDITOR, region, dept_a, unit_a1),
        editor_a2=make_user("editor_a2", Role.UNIT_EDITOR, region, dept_a, unit_a2),
        editor_b1=make_user("editor_b1", Role.UNIT_EDITOR, region, dept_b, unit_b1),
        reviewer_a=make_user("reviewer_a", Role.DEPARTMENT_REVIEWER, region, dept_a),
        reviewer_b=make_user("reviewer_b", Role.DEPARTMENT_REVIEWER, region, dept_b),
        finance=make_user("finance", Role.FINANCE_REVIEWER, region),
        admin=make_user("fin_admin", Role.FINANCE_ADMIN, region),
        other_finance=make_user("other_finance", Role.FINANCE_ADMIN, other, other_dept),
    )


def sample_draft(**changes: Any) -> ProjectDraft:
    """A well-formed 2021-framework project draft with three indicators."""
    draft = ProjectDraft(
        name="校园安全设施改造项目",
        code="2024-301-001",
        category="特定目标类项目",
        fund_type="一般公共预算",
        funds_total=Decimal("120"),
        funds_fiscal=Decimal("100"),
        funds_other=Decimal("20"),
        purpose="更新监控与消防设施",
        goal="完成全部教学楼安全设施改造，师生安全事故零发生。",
        spending_plan={
            "3月底": Decimal("20"),
            "6月底": Decimal("60"),
            "10月底": Decimal("100"),
            "12月底": Decimal("120"),
        },
        indicators=[
            IndicatorDraft(level2="数量指标", name="改造教学楼数量", value="≥6栋", basis="计划标准"),
            IndicatorDraft(level2="经济成本指标", name="单栋改造成本", value="≤20万元", basis="行业标准"),
            IndicatorDraft(level2="服务对象满意度指标", name="师生满意度", value="≥95%", basis="历史标准"),
        ],
    )
    for key, value in changes.items():
        setattr(draft, key, value)
    return draft


@pytest.fixture
def draft_project(world: World) -> Any:
    """A draft of unit A1 for 2024."""
    from jixiao.web.actions.projects import do_create_project

    return do_create_project(acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=sample_draft())


# One duty of department A, under which its two annual indicators sit.
DUTY = {"duty_no": 1, "duty_area": "基础教育", "duty": "义务教育管理", "duty_goal": "保障适龄儿童入学"}


def sample_department_draft() -> DepartmentDraft:
    """Department A's targets: a strategic goal, one strategic and two annual indicators."""
    return DepartmentDraft(
        strategic_goal="到 2025 年，全区义务教育优质均衡发展。",
        rows=[
            DepartmentRowDraft(
                table="strategic",
                no=1,
                name="义务教育巩固率",
                value="≥99%",
                explanation="反映义务教育巩固情况",
                reference={"planned": "99%", "years": {"2022": "98.6%", "2023": "98.9%"}},
            ),
            DepartmentRowDraft(
                table="annual",
                **DUTY,
                name="适龄儿童入学率",
                value="=100%",
                reference={
                    "standard": "100%",
                    "standard_source": "省义务教育标准",
                    "years": {"2023": "100%"},
                },
                activity="组织秋季招生",
                budget_project="义务教育公用经费",
                office="基础教育科",
            ),
            DepartmentRowDraft(
                table="annual", **DUTY, name="控辍保学劝返人数", value="≥20人", office="基础教育科"
            ),
        ],
    )


DUE = dt.date(2024, 7, 15)  # the monitoring round's due date in the web tests


def approve(world: World, project: Any) -> Any:
    """Take a project through the review to 二下 (approved), as its unit, department and finance would."""
    from jixiao.web.actions.review import do_transition

    for who, verb, extra in (
        (world.editor_a1, "submit", {}),
        (world.reviewer_a, "dept_pass", {}),
        (world.finance, "approve", {"grade": "优"}),
    ):
        project = do_transition(acting_user=who, target=project, verb=verb, **extra)
    return project


@pytest.fixture
def opened(world: World, draft_project: Any) -> Any:
    """A 1—6月 2024 monitoring round of the region, opened once the sample project is approved."""
    from jixiao.web.actions.monitoring import do_open_round

    approve(world, draft_project)
    return do_open_round(acting_user=world.admin, region=world.region, year=2024, month=6, due_date=DUE)
