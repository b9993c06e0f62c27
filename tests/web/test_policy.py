"""Who sees which project in which state: the visibility matrix of :mod:`jixiao.web.policy`."""

from __future__ import annotations

import pytest

from jixiao.web.actions.workflow import do_transition
from jixiao.web.policy import can, can_view
from jixiao.web.targets.models import Project

# Who sees unit A1's project, by state. The public and other units see only what is published;
# finance sees nothing until the department has passed it.
VISIBLE = {
    "draft": {"editor_a1"},
    "submitted": {"editor_a1", "reviewer_a"},
    "passed": {"editor_a1", "reviewer_a", "finance", "admin"},
    "returned": {"editor_a1", "reviewer_a", "finance", "admin"},
    "approved": {"editor_a1", "reviewer_a", "finance", "admin"},
    "published": {
        "editor_a1",
        "editor_a2",
        "editor_b1",
        "reviewer_a",
        "reviewer_b",
        "finance",
        "admin",
        "other_finance",
        "public",
    },
}
STEPS = {
    "draft": [],
    "submitted": [("editor_a1", "submit", {})],
    "passed": [("editor_a1", "submit", {}), ("reviewer_a", "dept_pass", {})],
    "returned": [
        ("editor_a1", "submit", {}),
        ("reviewer_a", "dept_pass", {}),
        ("finance", "return", {"grade": "中", "opinion": "请修改"}),
    ],
    "approved": [
        ("editor_a1", "submit", {}),
        ("reviewer_a", "dept_pass", {}),
        ("finance", "approve", {"grade": "优"}),
    ],
    "published": [
        ("editor_a1", "submit", {}),
        ("reviewer_a", "dept_pass", {}),
        ("finance", "approve", {"grade": "优"}),
        ("admin", "publish", {}),
    ],
}


@pytest.mark.parametrize("stage", list(VISIBLE))
def test_visibility_matrix(world, draft_project, stage):
    for who, verb, kw in STEPS[stage]:
        do_transition(
            acting_user=getattr(world, who), project=Project.objects.get(pk=draft_project.pk), verb=verb, **kw
        )
    project = Project.objects.get(pk=draft_project.pk)
    people = {**world.users(), "public": None}
    seen = {name for name, user in people.items() if can_view(user, project)}
    assert seen == VISIBLE[stage]


def test_only_own_unit_edits_drafts(world, draft_project):
    editors = {name for name, user in world.users().items() if can(user, "edit", draft_project)}
    assert editors == {"editor_a1"}
    assert not can(None, "edit", draft_project)
