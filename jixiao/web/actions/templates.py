"""Load a unit's filled Excel template (填报模板) as drafts of that unit: all of it, or nothing.

New projects become drafts through :func:`do_create_project`; a project whose code or name matches a
draft of the unit for the year updates that draft through :func:`do_save_project`, with the version the
preview showed, so a draft changed since is not overwritten. Everything runs in one transaction with one
summary audit row beside each project's own, so a failure anywhere leaves nothing behind.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from jixiao.domain.template_cells import CellError
from jixiao.web import policy
from jixiao.web.actions.errors import ActionError
from jixiao.web.actions.projects import do_create_project, do_save_project
from jixiao.web.audit import record
from jixiao.web.publishing.upload import TemplatePlan
from jixiao.web.targets.models import Project


class TemplateRefused(ActionError):
    """The file has errors, each named by sheet and cell; nothing of it was loaded."""

    def __init__(self, errors: list[CellError]) -> None:
        super().__init__(f"模板有 {len(errors)} 处错误，整个文件未导入。")
        self.errors = errors


def do_load_template(
    *, acting_user: Any, unit: Any, plan: TemplatePlan, previewed: dict[int, int] | None = None
) -> list[Any]:
    """Load ``plan`` into ``unit``'s drafts; ``previewed`` maps each updated project to the version shown.

    Returns the stored projects, in the template's order.
    """
    policy.require(acting_user, "create", Project.new_in(unit))
    if plan.errors:
        raise TemplateRefused(plan.errors)
    updates = {p.existing.pk: p.version for p in plan.updated}
    if previewed is not None and set(updates) != set(previewed):
        raise ActionError("预览之后单位的项目有了变化（新增或改名），请重新上传模板后再确认。")
    assert plan.year is not None
    stored = []
    with transaction.atomic():
        for item in plan.projects:
            if item.existing is None:
                stored.append(
                    do_create_project(acting_user=acting_user, unit=unit, year=plan.year, draft=item.draft)
                )
            else:
                expected = (previewed or updates)[item.existing.pk]
                stored.append(
                    do_save_project(
                        acting_user=acting_user,
                        project=item.existing,
                        draft=item.draft,
                        expected_version=expected,  # type: ignore[arg-type]
                    )
                )
        record(
            acting_user,
            "load-template",
            unit,
            message=f"导入填报模板“{plan.name}”：新建项目 {len(plan.created)} 个，"
            f"更新草稿 {len(plan.updated)} 个",
            detail={
                "file": plan.name,
                "sha256": plan.sha256,
                "year": plan.year,
                "created": [p.pk for p, i in zip(stored, plan.projects, strict=True) if i.existing is None],
                "updated": [p.pk for p, i in zip(stored, plan.projects, strict=True) if i.existing is not None],
            },
        )
    return stored
