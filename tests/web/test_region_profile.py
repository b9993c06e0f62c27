"""A region whose built-in review profile names it: its projects' review page runs that profile's criteria and
lists its 人工 checklist for the reviewer."""

from __future__ import annotations

from typing import Any

from django.test import Client

from jixiao.web.organisations.models import Region
from tests.web.conftest import PASSWORD


def _project(world: Any) -> Any:
    from jixiao.web.actions.projects import do_create_project
    from tests.web.conftest import sample_draft

    draft = sample_draft(policy_basis="根据工作需要")  # cites no 《document》
    return do_create_project(acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=draft)


def test_the_review_page_of_a_baoan_project_shows_its_criteria_and_checklist(
    world: Any, client: Client
) -> None:
    project = _project(world)
    assert client.login(username=world.editor_a1.username, password=PASSWORD)
    before = client.get(f"/work/projects/{project.pk}/").content.decode()
    assert "人工审核项" not in before and "政策依据不规范" not in before  # the region reviews with default
    Region.objects.filter(pk=project.region_id).update(name="宝安区")
    page = client.get(f"/work/projects/{project.pk}/").content.decode()
    assert "政策依据不规范" in page  # a finding named by the district's 审核细项
    checklist = page[page.index('id="checklist"') :]
    assert "宝安区2023年审核口径" in checklist
    for item in (
        "绩效指标归类不正确",
        "绩效指标重复",
        "绩效指标与年度目标不相关",
        "绩效目标与项目资金量不匹配",
    ):
        assert item in checklist
